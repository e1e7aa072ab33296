<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AccountList</name>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>No account yet: add an address to see its orders, fills and positions.</source>
        <translation>Aucun compte pour l’instant&#xa0;: ajoutez une adresse pour voir ses ordres, exécutions et positions.</translation>
    </message>
    <message>
        <source>0x… address</source>
        <translation>Adresse 0x…</translation>
    </message>
    <message>
        <source>Label (optional)</source>
        <translation>Libellé (facultatif)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
</context>
<context>
    <name>AccountPanel</name>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>Fonds propres</translation>
    </message>
    <message>
        <source>Margin used</source>
        <translation>Marge utilisée</translation>
    </message>
    <message>
        <source>Withdrawable</source>
        <translation>Retirable</translation>
    </message>
    <message>
        <source>Unrealized P&amp;L</source>
        <translation>P&amp;L latent</translation>
    </message>
    <message>
        <source>Positions (%1)</source>
        <translation>Positions (%1)</translation>
    </message>
    <message>
        <source>Open orders (%1)</source>
        <translation>Ordres ouverts (%1)</translation>
    </message>
    <message>
        <source>Fills</source>
        <translation>Exécutions</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>Soldes</translation>
    </message>
    <message>
        <source>Funding &amp; ledger</source>
        <translation>Funding &amp; flux</translation>
    </message>
    <message>
        <source>No open positions</source>
        <translation>Aucune position ouverte</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Mark</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Unreal. P&amp;L</source>
        <translation>P&amp;L lat.</translation>
    </message>
    <message>
        <source>Lev.</source>
        <translation>Levier</translation>
    </message>
    <message>
        <source>No open orders</source>
        <translation>Aucun ordre ouvert</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>Exécuté</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>No fills yet</source>
        <translation>Aucune exécution pour l’instant</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Frais</translation>
    </message>
    <message>
        <source>Closed P&amp;L</source>
        <translation>P&amp;L réalisé</translation>
    </message>
    <message>
        <source>No balances</source>
        <translation>Aucun solde</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>In orders</source>
        <translation>En ordres</translation>
    </message>
    <message>
        <source>No funding payments</source>
        <translation>Aucun paiement de funding</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Funding</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Taux</translation>
    </message>
    <message>
        <source>No deposits, withdrawals or transfers</source>
        <translation>Aucun dépôt, retrait ou transfert</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Mouvements</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Tx</source>
        <translation>Tx</translation>
    </message>
    <message>
        <source>No account configured. Add a Hyperliquid address in Settings to follow its orders, fills and positions.</source>
        <translation>Aucun compte configuré. Ajoutez une adresse Hyperliquid dans les Paramètres pour suivre ses ordres, exécutions et positions.</translation>
    </message>
    <message>
        <source>Liq.</source>
        <comment>liquidation price (Positions column)</comment>
        <translation>Px liq.</translation>
    </message>
    <message>
        <source>Liq.</source>
        <comment>liquidity: maker or taker (Fills column)</comment>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>This recording holds no account feed: its orders, fills and positions were not recorded.</source>
        <translation>Cet enregistrement ne contient aucun flux de compte : ses ordres, exécutions et positions n’ont pas été enregistrés.</translation>
    </message>
</context>
<context>
    <name>CandleChartPanel</name>
    <message>
        <source>Chart · %1</source>
        <translation>Graphique · %1</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Graphique</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Loading candles…</source>
        <translation>Chargement des bougies…</translation>
    </message>
    <message>
        <source>No candles in this recording</source>
        <translation>Aucune bougie dans cet enregistrement</translation>
    </message>
</context>
<context>
    <name>DisplayPage</name>
    <message>
        <source>Saved and applied.</source>
        <translation>Enregistré et appliqué.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Updates per second</source>
        <translation>Mises à jour par seconde</translation>
    </message>
    <message>
        <source>1–240; lower saves CPU</source>
        <translation>1–240&#xa0;; plus bas économise le CPU</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>Sessions folder</source>
        <translation>Dossier des sessions</translation>
    </message>
    <message>
        <source>Where REC writes recordings (one file per venue). Empty: the folder shown.</source>
        <translation>Où REC écrit les enregistrements (un fichier par place). Vide : le dossier affiché.</translation>
    </message>
    <message>
        <source>Size limit</source>
        <translation>Limite de taille</translation>
    </message>
    <message>
        <source>MB per venue file: REC stops there. 0: no limit</source>
        <translation>Mo par fichier de place : REC s&apos;arrête là. 0 : sans limite</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Limite de durée</translation>
    </message>
    <message>
        <source>minutes: REC stops after them. 0: no limit</source>
        <translation>minutes : REC s&apos;arrête ensuite. 0 : sans limite</translation>
    </message>
</context>
<context>
    <name>FeedBadge</name>
    <message>
        <source>CONNECTING</source>
        <translation>CONNEXION</translation>
    </message>
    <message>
        <source>REPLAY %1</source>
        <translation>RELECTURE %1</translation>
    </message>
    <message>
        <source>REPLAY · %1</source>
        <translation>RELECTURE · %1</translation>
    </message>
</context>
<context>
    <name>FeedReasonText</name>
    <message>
        <source>%1, next attempt in %2</source>
        <translation>%1, nouvelle tentative dans %2</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>connecting to %1 (attempt %2)</source>
        <translation>connexion à %1 (tentative %2)</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>connexion perdue</translation>
    </message>
    <message>
        <source>closed by venue</source>
        <translation>fermé par la plateforme</translation>
    </message>
    <message>
        <source>closed by venue (code %1: %2)</source>
        <translation>fermé par la plateforme (code %1&#xa0;: %2)</translation>
    </message>
    <message>
        <source>connect timed out after %1</source>
        <translation>délai de connexion dépassé après %1</translation>
    </message>
    <message>
        <source>silent for %1</source>
        <translation>silencieux depuis %1</translation>
    </message>
    <message>
        <source>no data for %1</source>
        <translation>aucune donnée depuis %1</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>fermé</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>loading markets from %1</source>
        <translation>chargement des marchés depuis %1</translation>
    </message>
    <message>
        <source>markets request failed: %1</source>
        <translation>échec de la requête des marchés&#xa0;: %1</translation>
    </message>
    <message>
        <source>loading account %1</source>
        <translation>chargement du compte %1</translation>
    </message>
    <message>
        <source>account request failed: %1</source>
        <translation>échec de la requête du compte&#xa0;: %1</translation>
    </message>
    <message>
        <source>connected, waiting for %1&apos;s welcome</source>
        <translation>connecté, en attente du message d’accueil de %1</translation>
    </message>
    <message>
        <source>signing in</source>
        <translation>authentification</translation>
    </message>
    <message>
        <source>subscribing</source>
        <translation>abonnement en cours</translation>
    </message>
    <message>
        <source>signing in with new credentials</source>
        <translation>authentification avec les nouveaux identifiants</translation>
    </message>
    <message>
        <source>no %1 API key: add one in Settings or set %2 and %3</source>
        <translation>aucune clé API %1&#xa0;: ajoutez-en une dans les Paramètres ou définissez %2 et %3</translation>
    </message>
    <message>
        <source>the %1 API key id is missing</source>
        <translation>l’ID de clé API %1 est manquant</translation>
    </message>
    <message>
        <source>the %1 private key cannot be used: %2</source>
        <translation>la clé privée %1 est inutilisable&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 refused the API key (HTTP 401): check the key id, the private key and the computer&apos;s clock; not retrying</source>
        <translation>%1 a refusé la clé API (HTTP 401)&#xa0;: vérifiez l’ID de clé, la clé privée et l’horloge de l’ordinateur&#xa0;; pas de nouvelle tentative</translation>
    </message>
    <message>
        <source>%1 refused the connection (HTTP 401): no API key is configured; not retrying</source>
        <translation>%1 a refusé la connexion (HTTP 401)&#xa0;: aucune clé API configurée&#xa0;; pas de nouvelle tentative</translation>
    </message>
    <message>
        <source>last venue error: %1</source>
        <translation>dernière erreur de la plateforme&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 did not answer a request for %2; starting the session over</source>
        <translation>%1 n’a pas répondu à une requête pendant %2&#xa0;; redémarrage de la session</translation>
    </message>
    <message>
        <source>%1 replies out of order; resubscribing</source>
        <translation>%1 répond dans le désordre&#xa0;; réabonnement</translation>
    </message>
    <message numerus="yes">
        <source>rebuilding %n order book(s) after the reconnect</source>
        <translation>
            <numerusform>reconstruction de %n carnet d’ordres après la reconnexion</numerusform>
            <numerusform>reconstruction de %n carnets d’ordres après la reconnexion</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>resyncing %n order book(s): %1</source>
        <translation>
            <numerusform>resynchronisation de %n carnet d’ordres&#xa0;: %1</numerusform>
            <numerusform>resynchronisation de %n carnets d’ordres&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>subscribing the order books again: %1</source>
        <translation>réabonnement aux carnets d’ordres&#xa0;: %1</translation>
    </message>
    <message>
        <source>subscription %1 ended by the venue; subscribing again</source>
        <translation>abonnement %1 terminé par la plateforme&#xa0;; réabonnement</translation>
    </message>
    <message>
        <source>order books did not resync; reconnecting</source>
        <translation>carnets d’ordres non resynchronisés&#xa0;; reconnexion</translation>
    </message>
    <message numerus="yes">
        <source>rebuilding %n book(s) from a new depth snapshot: %1</source>
        <translation>
            <numerusform>reconstruction de %n carnet à partir d’un nouveau snapshot de profondeur&#xa0;: %1</numerusform>
            <numerusform>reconstruction de %n carnets à partir d’un nouveau snapshot de profondeur&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>sequence gap on subscription %1</source>
        <translation>rupture de séquence sur l’abonnement %1</translation>
    </message>
    <message>
        <source>inconsistent delta for %1</source>
        <translation>delta incohérent pour %1</translation>
    </message>
    <message>
        <source>get_snapshot was refused</source>
        <translation>get_snapshot a été refusé</translation>
    </message>
    <message>
        <source>no snapshot came after get_snapshot</source>
        <translation>aucun snapshot reçu après get_snapshot</translation>
    </message>
    <message>
        <source>the server answered %1 instead of a WebSocket upgrade</source>
        <translation>le serveur a répondu %1 au lieu d’une mise à niveau WebSocket</translation>
    </message>
    <message>
        <source>connection refused by %1 (nothing accepts connections there)</source>
        <translation>connexion refusée par %1 (rien n’y accepte de connexions)</translation>
    </message>
    <message>
        <source>host not found: %1</source>
        <translation>hôte introuvable : %1</translation>
    </message>
    <message>
        <source>the network timed out reaching %1</source>
        <translation>délai réseau dépassé pour joindre %1</translation>
    </message>
    <message>
        <source>%1 closed the connection</source>
        <translation>%1 a fermé la connexion</translation>
    </message>
    <message>
        <source>network error reaching %1: %2</source>
        <translation>erreur réseau pour joindre %1 : %2</translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2</source>
        <translation>la négociation TLS avec %1 a échoué : %2</translation>
    </message>
    <message>
        <source>the TLS certificate of %1 is not trusted: %2</source>
        <translation>le certificat TLS de %1 n’est pas de confiance : %2</translation>
    </message>
    <message>
        <source>the proxy failed: %1</source>
        <translation>le proxy a échoué : %1</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <source>Tapescope</source>
        <translation>Tapescope</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>Marchés</translation>
    </message>
    <message>
        <source>NFL</source>
        <translation>NFL</translation>
    </message>
    <message>
        <source>Mid %1</source>
        <translation>Mid %1</translation>
    </message>
    <message>
        <source>Bid %1</source>
        <translation>Bid %1</translation>
    </message>
    <message>
        <source>Ask %1</source>
        <translation>Ask %1</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>DEMO · simulated market</source>
        <translation>DÉMO · marché simulé</translation>
    </message>
    <message>
        <source>Open recording…</source>
        <translation>Ouvrir un enregistrement…</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Arrêter l&apos;enregistrement</translation>
    </message>
    <message>
        <source>● REC</source>
        <translation>● REC</translation>
    </message>
    <message>
        <source>Recording into %1</source>
        <translation>Enregistrement dans %1</translation>
    </message>
    <message>
        <source>Record every venue&apos;s feed into %1</source>
        <translation>Enregistrer le flux de chaque place dans %1</translation>
    </message>
</context>
<context>
    <name>LadderPanel</name>
    <message>
        <source>Order book</source>
        <translation>Carnet d’ordres</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Regrouper</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Cumul</translation>
    </message>
    <message>
        <source>Bid</source>
        <translation>Bid</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Ask</translation>
    </message>
    <message>
        <source>Spread %1   Mid %2</source>
        <translation>Spread %1   Mid %2</translation>
    </message>
    <message>
        <source>Waiting for the book…</source>
        <translation>En attente du carnet…</translation>
    </message>
    <message>
        <source>This venue sends no order book for it</source>
        <translation>Cette plateforme ne fournit pas de carnet d’ordres pour cet instrument</translation>
    </message>
    <message>
        <source>Book failed its check, showing the last good one: %1</source>
        <translation>Carnet invalide, affichage du dernier état valide&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Tapescope · %1</source>
        <translation>Tapescope · %1</translation>
    </message>
    <message>
        <source>Tapescope</source>
        <translation>Tapescope</translation>
    </message>
    <message>
        <source>Open recording</source>
        <translation>Ouvrir un enregistrement</translation>
    </message>
    <message>
        <source>Tapescope recordings (*.tape)</source>
        <translation>Enregistrements Tapescope (*.tape)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot play this recording</source>
        <translation>Impossible de lire cet enregistrement</translation>
    </message>
</context>
<context>
    <name>NflGameRow</name>
    <message>
        <source>%1 at %2</source>
        <translation>%1 @ %2</translation>
    </message>
    <message>
        <source>POS</source>
        <translation>POS</translation>
    </message>
    <message>
        <source>FINAL · %1 won</source>
        <translation>FIN · %1 a gagné</translation>
    </message>
    <message>
        <source>FINAL · tie</source>
        <translation>FIN · match nul</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>no price yet</source>
        <translation>pas encore de prix</translation>
    </message>
    <message>
        <source>over %1</source>
        <translation>marge %1</translation>
    </message>
    <message>
        <source>vol %1</source>
        <translation>vol. %1</translation>
    </message>
</context>
<context>
    <name>NflGamesPanel</name>
    <message>
        <source>NFL games</source>
        <translation>Matchs NFL</translation>
    </message>
    <message>
        <source>Kalshi is not running. Enable it in Settings to follow NFL games.</source>
        <translation>Kalshi n’est pas lancé. Activez-le dans les Paramètres pour suivre les matchs NFL.</translation>
    </message>
    <message>
        <source>Looking for open NFL games…</source>
        <translation>Recherche des matchs NFL ouverts…</translation>
    </message>
</context>
<context>
    <name>NflPositionPanel</name>
    <message>
        <source>Your position · settled</source>
        <translation>Votre position · réglée</translation>
    </message>
    <message>
        <source>Your position</source>
        <translation>Votre position</translation>
    </message>
    <message>
        <source>No position in this game</source>
        <translation>Aucune position sur ce match</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Contrats</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coût</translation>
    </message>
    <message>
        <source>Settled at</source>
        <translation>Réglé à</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>P&amp;L</source>
        <translation>P&amp;L</translation>
    </message>
    <message>
        <source>Realized</source>
        <translation>Réalisé</translation>
    </message>
    <message>
        <source>If %1 wins: pays %2</source>
        <translation>Si %1 gagne&#xa0;: rapporte %2</translation>
    </message>
</context>
<context>
    <name>NflProbabilityChart</name>
    <message>
        <source>Win probability · %1 at %2</source>
        <translation>Probabilité de victoire · %1 @ %2</translation>
    </message>
    <message>
        <source>Win probability</source>
        <translation>Probabilité de victoire</translation>
    </message>
    <message>
        <source>Waiting for prices…</source>
        <translation>En attente des prix…</translation>
    </message>
    <message>
        <source>Select a game</source>
        <translation>Choisissez un match</translation>
    </message>
</context>
<context>
    <name>NflView</name>
    <message>
        <source>%1 YES</source>
        <translation>%1 OUI</translation>
    </message>
    <message>
        <source>Away YES</source>
        <translation>Extérieur OUI</translation>
    </message>
    <message>
        <source>Home YES</source>
        <translation>Domicile OUI</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Tapescope could not connect to any venue: %1</source>
        <translation>Tapescope n’a pu se connecter à aucune plateforme&#xa0;: %1</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Affichage</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 ms ago</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>pas encore de données</translation>
    </message>
    <message>
        <source>reconnects %1</source>
        <translation>reconnexions %1</translation>
    </message>
    <message>
        <source>errors %1: %2</source>
        <translation>erreurs %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Tapescope %1</source>
        <translation>Tapescope %1</translation>
    </message>
    <message>
        <source>last message from %1 received %2 ms ago</source>
        <translation>dernier message de %1 reçu il y a %2 ms</translation>
    </message>
    <message>
        <source>REPLAY</source>
        <translation>RELECTURE</translation>
    </message>
    <message>
        <source>REC</source>
        <translation>REC</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source> +%1</source>
        <translation> +%1</translation>
    </message>
    <message>
        <source>not recording: %1</source>
        <translation>pas d&apos;enregistrement : %1</translation>
    </message>
</context>
<context>
    <name>TradeTapePanel</name>
    <message>
        <source>Trades</source>
        <translation>Transactions</translation>
    </message>
    <message>
        <source>Min size</source>
        <translation>Taille min.</translation>
    </message>
    <message>
        <source>any</source>
        <translation>toutes</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>No trades yet</source>
        <translation>Aucune transaction pour l’instant</translation>
    </message>
    <message>
        <source>This venue sends no trades for it</source>
        <translation>Cette plateforme ne fournit pas de transactions pour cet instrument</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>REPLAY</source>
        <translation>RELECTURE</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lire</translation>
    </message>
    <message>
        <source>1×</source>
        <translation>1×</translation>
    </message>
    <message>
        <source>10×</source>
        <translation>10×</translation>
    </message>
    <message>
        <source>100×</source>
        <translation>100×</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 · ended</source>
        <translation>%1 · terminé</translation>
    </message>
    <message>
        <source>damaged: played what is intact</source>
        <translation>endommagé : la partie intacte a été lue</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>Retour au direct</translation>
    </message>
</context>
<context>
    <name>VenueDriver</name>
    <message>
        <source>%1 has no account data in Tapescope</source>
        <translation>%1 n’a pas de données de compte dans Tapescope</translation>
    </message>
    <message>
        <source>the %1 demo market could not open a loopback port</source>
        <translation>le marché démo de %1 n’a pas pu ouvrir de port loopback</translation>
    </message>
    <message>
        <source>%1 (demo)</source>
        <translation>%1 (démo)</translation>
    </message>
    <message>
        <source>hyperliquid environment &apos;%1&apos;: use mainnet, testnet or custom</source>
        <translation>environnement hyperliquid «&#xa0;%1&#xa0;»&#xa0;: utilisez mainnet, testnet ou custom</translation>
    </message>
    <message>
        <source>Demo trader</source>
        <translation>Trader démo</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a Hyperliquid address: %2</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une adresse Hyperliquid&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>VenuePage</name>
    <message>
        <source>Saved and applied: %1 restarted with these settings.</source>
        <translation>Enregistré et appliqué&#xa0;: %1 a redémarré avec ces paramètres.</translation>
    </message>
    <message>
        <source>Saved: %1 is off.</source>
        <translation>Enregistré&#xa0;: %1 est désactivé.</translation>
    </message>
    <message>
        <source>Applied for this session only: the keychain did not store the credentials, so they are gone when Tapescope quits. %1</source>
        <translation>Appliqué pour cette session uniquement&#xa0;: le trousseau n’a pas enregistré les identifiants, ils seront perdus à la fermeture de Tapescope. %1</translation>
    </message>
    <message>
        <source>Kalshi private key</source>
        <translation>Clé privée Kalshi</translation>
    </message>
    <message>
        <source>Private keys (*.pem *.key *.txt)</source>
        <translation>Clés privées (*.pem *.key *.txt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet: its settings are kept for when it is.</source>
        <translation>%1 n’est pas encore intégré à cette version de Tapescope&#xa0;: ses paramètres sont conservés en attendant.</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Activé</translation>
    </message>
    <message>
        <source>Connect to %1</source>
        <translation>Se connecter à %1</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>URL du serveur</translation>
    </message>
    <message>
        <source>wss://host:port/path</source>
        <translation>wss://host:port/path</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>Marchés</translation>
    </message>
    <message>
        <source>Watchlist</source>
        <translation>Liste de suivi</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>p. ex. %1</translation>
    </message>
    <message>
        <source>Update interval (ms)</source>
        <translation>Intervalle de mise à jour (ms)</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>In use from the environment (%1); the fields below are ignored.</source>
        <translation>Pris dans les variables d’environnement (%1)&#xa0;; les champs ci-dessous sont ignorés.</translation>
    </message>
    <message>
        <source>Stored in the system keychain.</source>
        <translation>Enregistrés dans le trousseau du système.</translation>
    </message>
    <message>
        <source>Stored in the system keychain only, never in the settings file. %1 override it.</source>
        <translation>Enregistrés uniquement dans le trousseau du système, jamais dans le fichier de paramètres. %1 ont la priorité.</translation>
    </message>
    <message>
        <source>API key id</source>
        <translation>ID de clé API</translation>
    </message>
    <message>
        <source>a952bcbe-…</source>
        <translation>a952bcbe-…</translation>
    </message>
    <message>
        <source>Secret key</source>
        <translation>Clé secrète</translation>
    </message>
    <message>
        <source>stored — type to replace</source>
        <translation>enregistrée — saisir pour remplacer</translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation>Fichier de clé privée</translation>
    </message>
    <message>
        <source>kalshi-key.pem (PKCS#1 or PKCS#8)</source>
        <translation>kalshi-key.pem (PKCS#1 ou PKCS#8)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
</context>
<context>
    <name>WatchlistPanel</name>
    <message>
        <source>Watchlist</source>
        <translation>Liste de suivi</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>Mid</source>
        <translation>Mid</translation>
    </message>
    <message>
        <source>24h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>Fund/Src</source>
        <translation>Fund./Src</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
</context>
<context>
    <name>WatchlistRow</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Live order books, trades and candles.</source>
        <translation>Carnets d’ordres, transactions et bougies en direct.</translation>
    </message>
    <message>
        <source>Render the main window to a PNG and exit.</source>
        <translation>Enregistrer la fenêtre principale en PNG et quitter.</translation>
    </message>
    <message>
        <source>Wait this long before the screenshot.</source>
        <translation>Attendre ce délai avant la capture d’écran.</translation>
    </message>
    <message>
        <source>Load the UI, wait for live data, exit 0 on success.</source>
        <translation>Charger l’interface, attendre les données en direct, quitter avec 0 en cas de succès.</translation>
    </message>
    <message>
        <source>Use the built-in simulated market.</source>
        <translation>Utiliser le marché simulé intégré.</translation>
    </message>
    <message>
        <source>Connect to Hyperliquid: mainnet, testnet or a URL.</source>
        <translation>Se connecter à Hyperliquid&#xa0;: mainnet, testnet ou une URL.</translation>
    </message>
    <message>
        <source>Write frame rate, ladder updates, CPU, memory and start-up time as JSON at exit.</source>
        <translation>À la sortie, écrire en JSON la fréquence d’images, les mises à jour du carnet, le CPU, la mémoire et le temps de démarrage.</translation>
    </message>
    <message>
        <source>Quit after this many milliseconds.</source>
        <translation>Quitter après ce nombre de millisecondes.</translation>
    </message>
    <message>
        <source>Open on this view: markets, nfl or settings.</source>
        <translation>Ouvrir sur cette vue&#xa0;: markets, nfl ou settings.</translation>
    </message>
    <message>
        <source>Open on this instrument: venue:symbol, e.g. hyperliquid:ETH, alpaca:AAPL, o2:fFUEL/fUSDC.</source>
        <translation>Ouvrir sur cet instrument&#xa0;: venue:symbol, p. ex. hyperliquid:ETH, alpaca:AAPL, o2:fFUEL/fUSDC.</translation>
    </message>
    <message>
        <source>Play a recording (tapescope-cli record) instead of the live venues.</source>
        <translation>Lire un enregistrement (tapescope-cli record) au lieu des places en direct.</translation>
    </message>
    <message>
        <source>How fast to play the recording: 1 (as recorded), N times faster, or max.</source>
        <translation>Vitesse de lecture : 1 (comme enregistré), N fois plus vite, ou max.</translation>
    </message>
    <message>
        <source>Record every venue&apos;s feed into the sessions folder from the start.</source>
        <translation>Enregistrer dès le départ le flux de chaque place dans le dossier des sessions.</translation>
    </message>
</context>
<context>
    <name>tapescope</name>
    <message>
        <source>the Kalshi key file %1 cannot be read: %2</source>
        <translation>le fichier de clé Kalshi %1 est illisible&#xa0;: %2</translation>
    </message>
    <message>
        <source>Kalshi needs an API key id and its private key file (Settings → Kalshi, or KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH)</source>
        <translation>Kalshi nécessite un ID de clé API et son fichier de clé privée (Paramètres → Kalshi, ou KALSHI_API_KEY_ID et KALSHI_PRIVATE_KEY_PATH)</translation>
    </message>
</context>
<context>
    <name>tapescope::AccountBook</name>
    <message>
        <source>All accounts</source>
        <translation>Tous les comptes</translation>
    </message>
</context>
<context>
    <name>tapescope::AccountTableModel</name>
    <message>
        <source>buy</source>
        <translation>achat</translation>
    </message>
    <message>
        <source>sell</source>
        <translation>vente</translation>
    </message>
    <message>
        <source>maker</source>
        <translation>maker</translation>
    </message>
    <message>
        <source>taker</source>
        <translation>taker</translation>
    </message>
    <message>
        <source>long</source>
        <translation>long</translation>
    </message>
    <message>
        <source>short</source>
        <translation>short</translation>
    </message>
</context>
<context>
    <name>tapescope::AlpacaDriver</name>
    <message>
        <source>the Alpaca URL %1 names no feed: its path must end in /v2/iex, /v2/sip, /v2/delayed_sip, /v2/test or /v1beta3/crypto/us</source>
        <translation>l’URL Alpaca %1 n’indique aucun flux&#xa0;: son chemin doit se terminer par /v2/iex, /v2/sip, /v2/delayed_sip, /v2/test ou /v1beta3/crypto/us</translation>
    </message>
    <message>
        <source>alpaca feed &apos;%1&apos;: use iex, sip, delayed_sip, test, crypto or custom</source>
        <translation>flux alpaca «&#xa0;%1&#xa0;»&#xa0;: utilisez iex, sip, delayed_sip, test, crypto ou custom</translation>
    </message>
    <message>
        <source>Alpaca needs an API key id and secret key (Settings → Alpaca, or ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY)</source>
        <translation>Alpaca nécessite un ID de clé API et une clé secrète (Paramètres → Alpaca, ou ALPACA_API_KEY_ID et ALPACA_API_SECRET_KEY)</translation>
    </message>
    <message>
        <source>Paper account</source>
        <translation>Compte fictif</translation>
    </message>
    <message>
        <source>name the Alpaca account (the API keys identify it; the name is only shown)</source>
        <translation>nommez le compte Alpaca (les clés API l’identifient&#xa0;; le nom sert uniquement à l’affichage)</translation>
    </message>
    <message>
        <source>Demo paper account</source>
        <translation>Compte fictif démo</translation>
    </message>
</context>
<context>
    <name>tapescope::ConnectionTester</name>
    <message>
        <source>No answer from %1 within %2 s; check the URL and your network.</source>
        <translation>Aucune réponse de %1 en %2 s&#xa0;; vérifiez l’URL et votre réseau.</translation>
    </message>
    <message>
        <source>%1 answered: %2</source>
        <translation>%1 a répondu&#xa0;: %2</translation>
    </message>
    <message>
        <source>Connected: %1 accepted the connection in %2 ms.</source>
        <translation>Connecté&#xa0;: %1 a accepté la connexion en %2 ms.</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 a refusé&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>tapescope::CredentialStore</name>
    <message>
        <source>%1 is set but %2 is not; set both or neither</source>
        <translation>%1 est défini mais pas %2&#xa0;; définissez les deux ou aucun</translation>
    </message>
    <message>
        <source>, or use the environment variables %1</source>
        <translation>, ou utilisez les variables d’environnement %1</translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>The Windows Credential Manager is not available%1.</source>
        <translation>Le Gestionnaire d’identification Windows n’est pas disponible%1.</translation>
    </message>
    <message>
        <source>The macOS Keychain is not available: unlock the login keychain%1.</source>
        <translation>Le trousseau macOS n’est pas disponible&#xa0;: déverrouillez le trousseau «&#xa0;session&#xa0;»%1.</translation>
    </message>
    <message>
        <source>No Secret Service is running: install and unlock gnome-keyring or KWallet%1.</source>
        <translation>Aucun Secret Service actif&#xa0;: installez et déverrouillez gnome-keyring ou KWallet%1.</translation>
    </message>
    <message>
        <source>The keychain entry for %1 is damaged; enter the credentials again.</source>
        <translation>L’entrée du trousseau pour %1 est endommagée&#xa0;; saisissez à nouveau les identifiants.</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>Le trousseau a refusé l’accès&#xa0;: %1</translation>
    </message>
    <message>
        <source>The keychain failed: %1</source>
        <translation>Échec du trousseau&#xa0;: %1</translation>
    </message>
    <message>
        <source>The keychain did not answer within %1 s (is it locked, or not running?)</source>
        <translation>Le trousseau n’a pas répondu en %1 s (verrouillé ou non démarré&#xa0;?)</translation>
    </message>
</context>
<context>
    <name>tapescope::FeedStatusModel</name>
    <message>
        <source>LIVE</source>
        <translation>DIRECT</translation>
    </message>
    <message>
        <source>STALE</source>
        <translation>FIGÉ</translation>
    </message>
    <message>
        <source>RESYNCING</source>
        <translation>RESYNCHRO</translation>
    </message>
    <message>
        <source>CONNECTING</source>
        <translation>CONNEXION</translation>
    </message>
    <message>
        <source>RECONNECTING</source>
        <translation>RECONNEXION</translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation>EN PANNE</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>HORS LIGNE</translation>
    </message>
</context>
<context>
    <name>tapescope::FimlDriver</name>
    <message>
        <source>FIML&apos;s update interval must be %1 to %2 ms, not %3</source>
        <translation>L’intervalle de mise à jour de FIML doit être de %1 à %2 ms, pas %3</translation>
    </message>
</context>
<context>
    <name>tapescope::KalshiDriver</name>
    <message>
        <source>Demo member</source>
        <translation>Membre démo</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé API</translation>
    </message>
    <message>
        <source>name the Kalshi account (the API key identifies it; the name is only shown)</source>
        <translation>nommez le compte Kalshi (la clé API l’identifie&#xa0;; le nom sert uniquement à l’affichage)</translation>
    </message>
</context>
<context>
    <name>tapescope::MarketHub</name>
    <message>
        <source>candle history %1 %2: %3</source>
        <translation>historique des bougies %1 %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>price not representable at the book&apos;s scale</source>
        <translation>prix non représentable avec la précision du carnet</translation>
    </message>
</context>
<context>
    <name>tapescope::MarketSession</name>
    <message>
        <source>no venue is enabled</source>
        <translation>aucune plateforme activée</translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet</source>
        <translation>%1 n’est pas encore intégré à cette version de Tapescope</translation>
    </message>
    <message>
        <source>%1 (recording)</source>
        <translation>%1 (enregistrement)</translation>
    </message>
    <message>
        <source>Recorded account</source>
        <translation>Compte enregistré</translation>
    </message>
    <message>
        <source>cannot create the sessions folder %1</source>
        <translation>impossible de créer le dossier des sessions %1</translation>
    </message>
    <message>
        <source>a recording is playing: go back to live to record</source>
        <translation>un enregistrement est en lecture : revenez au direct pour enregistrer</translation>
    </message>
    <message>
        <source>no venue is running</source>
        <translation>aucune place n&apos;est active</translation>
    </message>
    <message>
        <source>%1 limit reached</source>
        <translation>limite de %1 atteinte</translation>
    </message>
    <message>
        <source>%1-minute limit reached</source>
        <translation>limite de %1 minutes atteinte</translation>
    </message>
    <message>
        <source>%1-second limit reached</source>
        <translation>limite de %1 secondes atteinte</translation>
    </message>
    <message>
        <source>%1 account %2</source>
        <translation>%1 compte %2</translation>
    </message>
</context>
<context>
    <name>tapescope::NflGamesModel</name>
    <message>
        <source>%1 at %2</source>
        <translation>%1 @ %2</translation>
    </message>
    <message>
        <source> pts</source>
        <translation> pts</translation>
    </message>
    <message>
        <source>ddd d MMM HH:mm</source>
        <extracomment>QDateTime format of a game&apos;s kickoff (ddd = weekday, MMM = month): &quot;Sat 5 Sep 00:20&quot;</extracomment>
        <translation>ddd d MMM HH:mm</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <extracomment>QDate format of a game&apos;s day when the venue sent no time: &quot;Sat 5 Sep&quot;</extracomment>
        <translation>ddd d MMM</translation>
    </message>
    <message>
        <source>CREATED</source>
        <translation>CRÉÉ</translation>
    </message>
    <message>
        <source>OPEN</source>
        <translation>OUVERT</translation>
    </message>
    <message>
        <source>PAUSED</source>
        <translation>EN PAUSE</translation>
    </message>
    <message>
        <source>CLOSED</source>
        <translation>FERMÉ</translation>
    </message>
    <message>
        <source>DETERMINED</source>
        <translation>DÉCIDÉ</translation>
    </message>
    <message>
        <source>SETTLED</source>
        <translation>RÉGLÉ</translation>
    </message>
    <message>
        <source>UNKNOWN</source>
        <translation>INCONNU</translation>
    </message>
</context>
<context>
    <name>tapescope::NflTeamPosition</name>
    <message>
        <source> NO</source>
        <translation> NON</translation>
    </message>
    <message>
        <source> YES</source>
        <translation> OUI</translation>
    </message>
</context>
<context>
    <name>tapescope::O2Driver</name>
    <message>
        <source>o2 environment &apos;%1&apos;: use mainnet, testnet, devnet or custom</source>
        <translation>environnement o2 «&#xa0;%1&#xa0;»&#xa0;: utilisez mainnet, testnet, devnet ou custom</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an O2 trade account: %2</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un compte de trading O2&#xa0;: %2</translation>
    </message>
    <message>
        <source>Demo trade account</source>
        <translation>Compte de trading démo</translation>
    </message>
</context>
<context>
    <name>tapescope::RecordingControl</name>
    <message>
        <source>REC stopped: %1</source>
        <translation>REC arrêté : %1</translation>
    </message>
    <message>
        <source>%1 stopped: %2</source>
        <translation>%1 arrêté : %2</translation>
    </message>
</context>
<context>
    <name>tapescope::SettingsController</name>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Saved, but %1 could not start: %2</source>
        <translation>Enregistré, mais %1 n’a pas pu démarrer&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet.</source>
        <translation>%1 n’est pas encore intégré à cette version de Tapescope.</translation>
    </message>
</context>
<context>
    <name>tapescope::settingsValidation</name>
    <message>
        <source>%1 needs between %2 and %3 symbols; %4 given.</source>
        <translation>%1 nécessite entre %2 et %3 symboles&#xa0;; nombre indiqué&#xa0;: %4.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a %2 symbol; symbols look like %3.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un symbole %2&#xa0;; les symboles ressemblent à %3.</translation>
    </message>
    <message>
        <source>The %1 watchlist names a symbol twice.</source>
        <translation>La liste de suivi %1 contient un symbole en double.</translation>
    </message>
    <message>
        <source>%1 needs an API key id to connect.</source>
        <translation>%1 nécessite un ID de clé API pour se connecter.</translation>
    </message>
    <message>
        <source>The API key id contains spaces; paste it again without them.</source>
        <translation>L’ID de clé API contient des espaces&#xa0;; collez-le à nouveau sans espaces.</translation>
    </message>
    <message>
        <source>%1 needs the secret key that belongs to the key id.</source>
        <translation>%1 nécessite la clé secrète associée à l’ID de clé.</translation>
    </message>
    <message>
        <source>Enter the URL of the server, e.g. wss://example.com/ws.</source>
        <translation>Saisissez l’URL du serveur, p. ex. wss://example.com/ws.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid URL: %2</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une URL valide&#xa0;: %2</translation>
    </message>
    <message>
        <source>The URL must start with ws://, wss://, http:// or https://, not &apos;%1&apos;.</source>
        <translation>L’URL doit commencer par ws://, wss://, http:// ou https://, pas par «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>The URL &apos;%1&apos; has no host name.</source>
        <translation>L’URL «&#xa0;%1&#xa0;» n’a pas de nom d’hôte.</translation>
    </message>
    <message>
        <source>Choose the private key file (.pem / .key) you downloaded when you created the API key.</source>
        <translation>Choisissez le fichier de clé privée (.pem / .key) téléchargé lors de la création de la clé API.</translation>
    </message>
    <message>
        <source>The key file %1 does not exist.</source>
        <translation>Le fichier de clé %1 n’existe pas.</translation>
    </message>
    <message>
        <source>The key file %1 cannot be read; check its permissions.</source>
        <translation>Le fichier de clé %1 est illisible&#xa0;; vérifiez ses permissions.</translation>
    </message>
    <message>
        <source>%1 is too large to be a private key file.</source>
        <translation>%1 est trop volumineux pour être un fichier de clé privée.</translation>
    </message>
    <message>
        <source>The key file %1 cannot be opened: %2</source>
        <translation>Impossible d’ouvrir le fichier de clé %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 is not a PEM private key: it should start with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----.</source>
        <translation>%1 n’est pas une clé privée PEM&#xa0;: elle doit commencer par -----BEGIN PRIVATE KEY----- ou -----BEGIN RSA PRIVATE KEY-----.</translation>
    </message>
    <message>
        <source>%1 could not be loaded as an RSA private key: %2</source>
        <translation>Impossible de charger %1 comme clé privée RSA&#xa0;: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a venue Tapescope knows.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une plateforme connue de Tapescope.</translation>
    </message>
    <message>
        <source>%1 environment &apos;%2&apos; is unknown; choose %3.</source>
        <translation>Environnement %1 «&#xa0;%2&#xa0;» inconnu&#xa0;; choisissez %3.</translation>
    </message>
    <message>
        <source>The update interval must be between %1 and %2 ms; %3 was given.</source>
        <translation>L’intervalle de mise à jour doit être compris entre %1 et %2 ms&#xa0;; valeur indiquée&#xa0;: %3.</translation>
    </message>
    <message>
        <source>%1 has no account data in Tapescope.</source>
        <translation>%1 n’a pas de données de compte dans Tapescope.</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 est déjà dans la liste.</translation>
    </message>
    <message>
        <source>The theme must be dark or light, not &apos;%1&apos;.</source>
        <translation>Le thème doit être dark ou light, pas «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>The update rate must be between %1 and %2 per second; %3 was given.</source>
        <translation>La fréquence de mise à jour doit être comprise entre %1 et %2 par seconde&#xa0;; valeur indiquée&#xa0;: %3.</translation>
    </message>
    <message>
        <source>No translation for &apos;%1&apos;; choose one of %2.</source>
        <translation>Aucune traduction pour «&#xa0;%1&#xa0;»&#xa0;; choisissez parmi %2.</translation>
    </message>
    <message>
        <source>The sessions folder must be a full path, e.g. %1; &apos;%2&apos; is not.</source>
        <translation>Le dossier des sessions doit être un chemin complet, p. ex. %1 ; &apos;%2&apos; n&apos;en est pas un.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a file, not a folder: choose a folder for the recordings.</source>
        <translation>&apos;%1&apos; est un fichier, pas un dossier : choisissez un dossier pour les enregistrements.</translation>
    </message>
    <message>
        <source>Size limit: &apos;%1&apos; is not a number; enter whole megabytes, 0 for no limit.</source>
        <translation>Limite de taille : « %1 » n&apos;est pas un nombre ; saisissez des mégaoctets entiers, 0 pour aucune limite.</translation>
    </message>
    <message>
        <source>Time limit: &apos;%1&apos; is not a number; enter whole minutes, 0 for no limit.</source>
        <translation>Limite de durée : « %1 » n&apos;est pas un nombre ; saisissez des minutes entières, 0 pour aucune limite.</translation>
    </message>
    <message>
        <source>Size limit: the size cannot be negative (%1 MB); enter 0 for no limit.</source>
        <translation>Limite de taille : la taille ne peut pas être négative (%1 Mo) ; saisissez 0 pour aucune limite.</translation>
    </message>
    <message>
        <source>Time limit: the time cannot be negative (%1 minutes); enter 0 for no limit.</source>
        <translation>Limite de durée : la durée ne peut pas être négative (%1 minutes) ; saisissez 0 pour aucune limite.</translation>
    </message>
    <message>
        <source>Size limit: at most %1 MB (1 TB) per file; %2 was given. Enter 0 for no limit.</source>
        <translation>Limite de taille : au plus %1 Mo (1 To) par fichier ; %2 saisi. Saisissez 0 pour aucune limite.</translation>
    </message>
    <message>
        <source>Time limit: at most %1 minutes (30 days); %2 was given. Enter 0 for no limit.</source>
        <translation>Limite de durée : au plus %1 minutes (30 jours) ; %2 saisi. Saisissez 0 pour aucune limite.</translation>
    </message>
    <message>
        <source>At most %1 %2 accounts can be followed: the venue accepts %3 connections from one computer, one for the market data and one for each account. Remove one first.</source>
        <translation>Au plus %1 comptes %2 peuvent être suivis : la plateforme accepte %3 connexions d&apos;un même ordinateur, une pour les données de marché et une par compte. Retirez-en un d&apos;abord.</translation>
    </message>
</context>
</TS>
