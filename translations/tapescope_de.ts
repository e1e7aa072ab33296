<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AccountList</name>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>No account yet: add an address to see its orders, fills and positions.</source>
        <translation>Noch kein Konto: Fügen Sie eine Adresse hinzu, um ihre Aufträge, Ausführungen und Positionen zu sehen.</translation>
    </message>
    <message>
        <source>0x… address</source>
        <translation>0x…-Adresse</translation>
    </message>
    <message>
        <source>Label (optional)</source>
        <translation>Bezeichnung (optional)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
</context>
<context>
    <name>AccountPanel</name>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>Eigenkapital</translation>
    </message>
    <message>
        <source>Margin used</source>
        <translation>Genutzte Marge</translation>
    </message>
    <message>
        <source>Withdrawable</source>
        <translation>Auszahlbar</translation>
    </message>
    <message>
        <source>Unrealized P&amp;L</source>
        <translation>Unrealisierter G/V</translation>
    </message>
    <message>
        <source>Positions (%1)</source>
        <translation>Positionen (%1)</translation>
    </message>
    <message>
        <source>Open orders (%1)</source>
        <translation>Offene Aufträge (%1)</translation>
    </message>
    <message>
        <source>Fills</source>
        <translation>Ausführungen</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>Funding &amp; ledger</source>
        <translation>Funding &amp; Ledger</translation>
    </message>
    <message>
        <source>No open positions</source>
        <translation>Keine offenen Positionen</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Einstieg</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Mark</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Unreal. P&amp;L</source>
        <translation>Unreal. G/V</translation>
    </message>
    <message>
        <source>Lev.</source>
        <translation>Hebel</translation>
    </message>
    <message>
        <source>No open orders</source>
        <translation>Keine offenen Aufträge</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>No fills yet</source>
        <translation>Noch keine Ausführungen</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Gebühr</translation>
    </message>
    <message>
        <source>Closed P&amp;L</source>
        <translation>Realisierter G/V</translation>
    </message>
    <message>
        <source>No balances</source>
        <translation>Keine Guthaben</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>Asset</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>In orders</source>
        <translation>In Aufträgen</translation>
    </message>
    <message>
        <source>No funding payments</source>
        <translation>Keine Funding-Zahlungen</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Funding</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Satz</translation>
    </message>
    <message>
        <source>No deposits, withdrawals or transfers</source>
        <translation>Keine Einzahlungen, Auszahlungen oder Überweisungen</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Buchungen</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Tx</source>
        <translation>Tx</translation>
    </message>
    <message>
        <source>No account configured. Add a Hyperliquid address in Settings to follow its orders, fills and positions.</source>
        <translation>Kein Konto eingerichtet. Fügen Sie in den Einstellungen eine Hyperliquid-Adresse hinzu, um ihre Aufträge, Ausführungen und Positionen zu verfolgen.</translation>
    </message>
    <message>
        <source>Liq.</source>
        <comment>liquidation price (Positions column)</comment>
        <translation>Liq.</translation>
    </message>
    <message>
        <source>Liq.</source>
        <comment>liquidity: maker or taker (Fills column)</comment>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>This recording holds no account feed: its orders, fills and positions were not recorded.</source>
        <translation>Diese Aufzeichnung enthält keinen Konto-Feed: Ihre Orders, Ausführungen und Positionen wurden nicht aufgezeichnet.</translation>
    </message>
</context>
<context>
    <name>CandleChartPanel</name>
    <message>
        <source>Chart · %1</source>
        <translation>Chart · %1</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Chart</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Loading candles…</source>
        <translation>Lade Kerzen…</translation>
    </message>
    <message>
        <source>No candles in this recording</source>
        <translation>Keine Kerzen in dieser Aufzeichnung</translation>
    </message>
</context>
<context>
    <name>DisplayPage</name>
    <message>
        <source>Saved and applied.</source>
        <translation>Gespeichert und übernommen.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Updates per second</source>
        <translation>Aktualisierungen pro Sekunde</translation>
    </message>
    <message>
        <source>1–240; lower saves CPU</source>
        <translation>1–240; weniger spart CPU</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Sessions folder</source>
        <translation>Aufzeichnungsordner</translation>
    </message>
    <message>
        <source>Where REC writes recordings (one file per venue). Empty: the folder shown.</source>
        <translation>Wohin REC die Aufzeichnungen schreibt (eine Datei je Handelsplatz). Leer: der angezeigte Ordner.</translation>
    </message>
    <message>
        <source>Size limit</source>
        <translation>Größenlimit</translation>
    </message>
    <message>
        <source>MB per venue file: REC stops there. 0: no limit</source>
        <translation>MB je Handelsplatz-Datei: REC stoppt dort. 0: kein Limit</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>minutes: REC stops after them. 0: no limit</source>
        <translation>Minuten: danach stoppt REC. 0: kein Limit</translation>
    </message>
</context>
<context>
    <name>FeedBadge</name>
    <message>
        <source>CONNECTING</source>
        <translation>VERBINDE</translation>
    </message>
    <message>
        <source>REPLAY %1</source>
        <translation>WIEDERGABE %1</translation>
    </message>
    <message>
        <source>REPLAY · %1</source>
        <translation>WIEDERGABE · %1</translation>
    </message>
</context>
<context>
    <name>FeedReasonText</name>
    <message>
        <source>%1, next attempt in %2</source>
        <translation>%1, nächster Versuch in %2</translation>
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
        <translation>%1 Min. %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>connecting to %1 (attempt %2)</source>
        <translation>verbinde mit %1 (Versuch %2)</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>Verbindung verloren</translation>
    </message>
    <message>
        <source>closed by venue</source>
        <translation>vom Handelsplatz geschlossen</translation>
    </message>
    <message>
        <source>closed by venue (code %1: %2)</source>
        <translation>vom Handelsplatz geschlossen (Code %1: %2)</translation>
    </message>
    <message>
        <source>connect timed out after %1</source>
        <translation>Verbindungsaufbau nach %1 abgebrochen</translation>
    </message>
    <message>
        <source>silent for %1</source>
        <translation>seit %1 stumm</translation>
    </message>
    <message>
        <source>no data for %1</source>
        <translation>seit %1 keine Daten</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>loading markets from %1</source>
        <translation>lade Märkte von %1</translation>
    </message>
    <message>
        <source>markets request failed: %1</source>
        <translation>Abruf der Märkte fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>loading account %1</source>
        <translation>lade Konto %1</translation>
    </message>
    <message>
        <source>account request failed: %1</source>
        <translation>Abruf des Kontos fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>connected, waiting for %1&apos;s welcome</source>
        <translation>verbunden, warte auf die Begrüßung von %1</translation>
    </message>
    <message>
        <source>signing in</source>
        <translation>melde an</translation>
    </message>
    <message>
        <source>subscribing</source>
        <translation>abonniere</translation>
    </message>
    <message>
        <source>signing in with new credentials</source>
        <translation>melde mit neuen Zugangsdaten an</translation>
    </message>
    <message>
        <source>no %1 API key: add one in Settings or set %2 and %3</source>
        <translation>kein API-Schlüssel für %1: in den Einstellungen eintragen oder %2 und %3 setzen</translation>
    </message>
    <message>
        <source>the %1 API key id is missing</source>
        <translation>die API-Schlüssel-ID für %1 fehlt</translation>
    </message>
    <message>
        <source>the %1 private key cannot be used: %2</source>
        <translation>der private Schlüssel für %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>%1 refused the API key (HTTP 401): check the key id, the private key and the computer&apos;s clock; not retrying</source>
        <translation>%1 hat den API-Schlüssel abgelehnt (HTTP 401): Schlüssel-ID, privaten Schlüssel und die Uhr des Computers prüfen; kein neuer Versuch</translation>
    </message>
    <message>
        <source>%1 refused the connection (HTTP 401): no API key is configured; not retrying</source>
        <translation>%1 hat die Verbindung abgelehnt (HTTP 401): kein API-Schlüssel eingerichtet; kein neuer Versuch</translation>
    </message>
    <message>
        <source>last venue error: %1</source>
        <translation>letzter Fehler des Handelsplatzes: %1</translation>
    </message>
    <message>
        <source>%1 did not answer a request for %2; starting the session over</source>
        <translation>%1 hat eine Anfrage %2 lang nicht beantwortet; die Sitzung beginnt neu</translation>
    </message>
    <message>
        <source>%1 replies out of order; resubscribing</source>
        <translation>%1 antwortet in falscher Reihenfolge; abonniere neu</translation>
    </message>
    <message numerus="yes">
        <source>rebuilding %n order book(s) after the reconnect</source>
        <translation>
            <numerusform>baue %n Orderbuch nach dem Wiederverbinden neu auf</numerusform>
            <numerusform>baue %n Orderbücher nach dem Wiederverbinden neu auf</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>resyncing %n order book(s): %1</source>
        <translation>
            <numerusform>synchronisiere %n Orderbuch neu: %1</numerusform>
            <numerusform>synchronisiere %n Orderbücher neu: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>subscribing the order books again: %1</source>
        <translation>abonniere die Orderbücher neu: %1</translation>
    </message>
    <message>
        <source>subscription %1 ended by the venue; subscribing again</source>
        <translation>Abonnement %1 vom Handelsplatz beendet; abonniere neu</translation>
    </message>
    <message>
        <source>order books did not resync; reconnecting</source>
        <translation>Orderbücher nicht wieder synchron; verbinde neu</translation>
    </message>
    <message numerus="yes">
        <source>rebuilding %n book(s) from a new depth snapshot: %1</source>
        <translation>
            <numerusform>baue %n Buch aus einem neuen Tiefen-Snapshot neu auf: %1</numerusform>
            <numerusform>baue %n Bücher aus einem neuen Tiefen-Snapshot neu auf: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>sequence gap on subscription %1</source>
        <translation>Sequenzlücke in Abonnement %1</translation>
    </message>
    <message>
        <source>inconsistent delta for %1</source>
        <translation>widersprüchliches Delta für %1</translation>
    </message>
    <message>
        <source>get_snapshot was refused</source>
        <translation>get_snapshot wurde abgelehnt</translation>
    </message>
    <message>
        <source>no snapshot came after get_snapshot</source>
        <translation>nach get_snapshot kam kein Snapshot</translation>
    </message>
    <message>
        <source>the server answered %1 instead of a WebSocket upgrade</source>
        <translation>der Server antwortete %1 statt eines WebSocket-Upgrades</translation>
    </message>
    <message>
        <source>connection refused by %1 (nothing accepts connections there)</source>
        <translation>Verbindung von %1 abgelehnt (dort nimmt nichts Verbindungen an)</translation>
    </message>
    <message>
        <source>host not found: %1</source>
        <translation>Host nicht gefunden: %1</translation>
    </message>
    <message>
        <source>the network timed out reaching %1</source>
        <translation>Zeitüberschreitung im Netzwerk beim Erreichen von %1</translation>
    </message>
    <message>
        <source>%1 closed the connection</source>
        <translation>%1 hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>network error reaching %1: %2</source>
        <translation>Netzwerkfehler beim Erreichen von %1: %2</translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2</source>
        <translation>TLS-Handshake mit %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>the TLS certificate of %1 is not trusted: %2</source>
        <translation>dem TLS-Zertifikat von %1 wird nicht vertraut: %2</translation>
    </message>
    <message>
        <source>the proxy failed: %1</source>
        <translation>der Proxy ist fehlgeschlagen: %1</translation>
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
        <translation>Märkte</translation>
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
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>DEMO · simulated market</source>
        <translation>DEMO · simulierter Markt</translation>
    </message>
    <message>
        <source>Open recording…</source>
        <translation>Aufzeichnung öffnen…</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Aufzeichnung beenden</translation>
    </message>
    <message>
        <source>● REC</source>
        <translation>● REC</translation>
    </message>
    <message>
        <source>Recording into %1</source>
        <translation>Aufzeichnung nach %1</translation>
    </message>
    <message>
        <source>Record every venue&apos;s feed into %1</source>
        <translation>Die Feeds aller Handelsplätze nach %1 aufzeichnen</translation>
    </message>
</context>
<context>
    <name>LadderPanel</name>
    <message>
        <source>Order book</source>
        <translation>Orderbuch</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Bid</source>
        <translation>Bid</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Ask</translation>
    </message>
    <message>
        <source>Waiting for the book…</source>
        <translation>Warte auf das Orderbuch…</translation>
    </message>
    <message>
        <source>Book failed its check, showing the last good one: %1</source>
        <translation>Orderbuch fehlerhaft, zeige den letzten gültigen Stand: %1</translation>
    </message>
    <message>
        <source>This venue sends no order book for it</source>
        <translation>Dieser Handelsplatz liefert hierfür kein Orderbuch</translation>
    </message>
    <message>
        <source>Spread %1   Mid %2</source>
        <translation>Spread %1   Mid %2</translation>
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
        <translation>Aufzeichnung öffnen</translation>
    </message>
    <message>
        <source>Tapescope recordings (*.tape)</source>
        <translation>Tapescope-Aufzeichnungen (*.tape)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot play this recording</source>
        <translation>Diese Aufzeichnung kann nicht abgespielt werden</translation>
    </message>
</context>
<context>
    <name>NflGameRow</name>
    <message>
        <source>%1 at %2</source>
        <translation>%1 bei %2</translation>
    </message>
    <message>
        <source>FINAL · %1 won</source>
        <translation>ENDE · %1 gewann</translation>
    </message>
    <message>
        <source>FINAL · tie</source>
        <translation>ENDE · unentschieden</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>no price yet</source>
        <translation>noch kein Preis</translation>
    </message>
    <message>
        <source>over %1</source>
        <translation>Marge %1</translation>
    </message>
    <message>
        <source>vol %1</source>
        <translation>Vol. %1</translation>
    </message>
    <message>
        <source>POS</source>
        <translation>POS</translation>
    </message>
</context>
<context>
    <name>NflGamesPanel</name>
    <message>
        <source>NFL games</source>
        <translation>NFL-Spiele</translation>
    </message>
    <message>
        <source>Kalshi is not running. Enable it in Settings to follow NFL games.</source>
        <translation>Kalshi läuft nicht. In den Einstellungen aktivieren, um NFL-Spiele zu verfolgen.</translation>
    </message>
    <message>
        <source>Looking for open NFL games…</source>
        <translation>Suche offene NFL-Spiele…</translation>
    </message>
</context>
<context>
    <name>NflPositionPanel</name>
    <message>
        <source>Your position · settled</source>
        <translation>Ihre Position · abgerechnet</translation>
    </message>
    <message>
        <source>Your position</source>
        <translation>Ihre Position</translation>
    </message>
    <message>
        <source>No position in this game</source>
        <translation>Keine Position in diesem Spiel</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Kontrakte</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Settled at</source>
        <translation>Abgerechnet zu</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>P&amp;L</source>
        <translation>G/V</translation>
    </message>
    <message>
        <source>Realized</source>
        <translation>Realisiert</translation>
    </message>
    <message>
        <source>If %1 wins: pays %2</source>
        <translation>Wenn %1 gewinnt: zahlt %2</translation>
    </message>
</context>
<context>
    <name>NflProbabilityChart</name>
    <message>
        <source>Win probability · %1 at %2</source>
        <translation>Siegwahrscheinlichkeit · %1 bei %2</translation>
    </message>
    <message>
        <source>Win probability</source>
        <translation>Siegwahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Waiting for prices…</source>
        <translation>Warte auf Preise…</translation>
    </message>
    <message>
        <source>Select a game</source>
        <translation>Spiel auswählen</translation>
    </message>
</context>
<context>
    <name>NflView</name>
    <message>
        <source>%1 YES</source>
        <translation>%1 JA</translation>
    </message>
    <message>
        <source>Away YES</source>
        <translation>Gast JA</translation>
    </message>
    <message>
        <source>Home YES</source>
        <translation>Heim JA</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Anzeige</translation>
    </message>
    <message>
        <source>Tapescope could not connect to any venue: %1</source>
        <translation>Tapescope konnte sich mit keinem Handelsplatz verbinden: %1</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>no data yet</source>
        <translation>noch keine Daten</translation>
    </message>
    <message>
        <source>reconnects %1</source>
        <translation>Neuverbindungen %1</translation>
    </message>
    <message>
        <source>errors %1: %2</source>
        <translation>Fehler %1: %2</translation>
    </message>
    <message>
        <source>Tapescope %1</source>
        <translation>Tapescope %1</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 ms ago</source>
        <translation>vor %1 ms</translation>
    </message>
    <message>
        <source>last message from %1 received %2 ms ago</source>
        <translation>letzte Nachricht von %1 vor %2 ms empfangen</translation>
    </message>
    <message>
        <source>REPLAY</source>
        <translation>WIEDERGABE</translation>
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
        <translation>keine Aufzeichnung: %1</translation>
    </message>
</context>
<context>
    <name>TradeTapePanel</name>
    <message>
        <source>Trades</source>
        <translation>Umsätze</translation>
    </message>
    <message>
        <source>Min size</source>
        <translation>Min. Größe</translation>
    </message>
    <message>
        <source>any</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>No trades yet</source>
        <translation>Noch keine Umsätze</translation>
    </message>
    <message>
        <source>This venue sends no trades for it</source>
        <translation>Dieser Handelsplatz liefert hierfür keine Trades</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>REPLAY</source>
        <translation>WIEDERGABE</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
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
        <translation>%1 · zu Ende</translation>
    </message>
    <message>
        <source>damaged: played what is intact</source>
        <translation>beschädigt: das Intakte wurde abgespielt</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>Zurück zu live</translation>
    </message>
</context>
<context>
    <name>VenueDriver</name>
    <message>
        <source>hyperliquid environment &apos;%1&apos;: use mainnet, testnet or custom</source>
        <translation>Hyperliquid-Umgebung &apos;%1&apos;: mainnet, testnet oder custom verwenden</translation>
    </message>
    <message>
        <source>%1 (demo)</source>
        <translation>%1 (Demo)</translation>
    </message>
    <message>
        <source>the %1 demo market could not open a loopback port</source>
        <translation>der Demo-Markt von %1 konnte keinen Loopback-Port öffnen</translation>
    </message>
    <message>
        <source>%1 has no account data in Tapescope</source>
        <translation>%1 hat in Tapescope keine Kontodaten</translation>
    </message>
    <message>
        <source>Demo trader</source>
        <translation>Demo-Händler</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a Hyperliquid address: %2</source>
        <translation>&apos;%1&apos; ist keine Hyperliquid-Adresse: %2</translation>
    </message>
</context>
<context>
    <name>VenuePage</name>
    <message>
        <source>Saved and applied: %1 restarted with these settings.</source>
        <translation>Gespeichert und übernommen: %1 mit diesen Einstellungen neu gestartet.</translation>
    </message>
    <message>
        <source>Saved: %1 is off.</source>
        <translation>Gespeichert: %1 ist aus.</translation>
    </message>
    <message>
        <source>Kalshi private key</source>
        <translation>Privater Kalshi-Schlüssel</translation>
    </message>
    <message>
        <source>Private keys (*.pem *.key *.txt)</source>
        <translation>Private Schlüssel (*.pem *.key *.txt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet: its settings are kept for when it is.</source>
        <translation>%1 ist in dieser Tapescope-Version noch nicht enthalten; die Einstellungen bleiben dafür erhalten.</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Connect to %1</source>
        <translation>Mit %1 verbinden</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <source>wss://host:port/path</source>
        <translation>wss://host:port/path</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>Märkte</translation>
    </message>
    <message>
        <source>Watchlist</source>
        <translation>Beobachtungsliste</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>z. B. %1</translation>
    </message>
    <message>
        <source>Update interval (ms)</source>
        <translation>Aktualisierungsintervall (ms)</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>In use from the environment (%1); the fields below are ignored.</source>
        <translation>Aus den Umgebungsvariablen aktiv (%1); die Felder unten werden ignoriert.</translation>
    </message>
    <message>
        <source>Stored in the system keychain.</source>
        <translation>Im System-Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>Stored in the system keychain only, never in the settings file. %1 override it.</source>
        <translation>Nur im System-Schlüsselbund gespeichert, nie in der Einstellungsdatei. %1 haben Vorrang.</translation>
    </message>
    <message>
        <source>API key id</source>
        <translation>API-Schlüssel-ID</translation>
    </message>
    <message>
        <source>a952bcbe-…</source>
        <translation>a952bcbe-…</translation>
    </message>
    <message>
        <source>Secret key</source>
        <translation>Geheimer Schlüssel</translation>
    </message>
    <message>
        <source>stored — type to replace</source>
        <translation>gespeichert — zum Ersetzen tippen</translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation>Private Schlüsseldatei</translation>
    </message>
    <message>
        <source>kalshi-key.pem (PKCS#1 or PKCS#8)</source>
        <translation>kalshi-key.pem (PKCS#1 oder PKCS#8)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Teste…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Applied for this session only: the keychain did not store the credentials, so they are gone when Tapescope quits. %1</source>
        <translation>Nur für diese Sitzung übernommen: Der Schlüsselbund hat die Zugangsdaten nicht gespeichert, sie gehen beim Beenden von Tapescope verloren. %1</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
</context>
<context>
    <name>WatchlistPanel</name>
    <message>
        <source>Watchlist</source>
        <translation>Beobachtungsliste</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>Mid</source>
        <translation>Mid</translation>
    </message>
    <message>
        <source>24h</source>
        <translation>24h</translation>
    </message>
    <message>
        <source>Fund/Src</source>
        <translation>Fund./Qu.</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
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
        <translation>Live-Orderbücher, Umsätze und Kerzen.</translation>
    </message>
    <message>
        <source>Render the main window to a PNG and exit.</source>
        <translation>Hauptfenster als PNG speichern und beenden.</translation>
    </message>
    <message>
        <source>Wait this long before the screenshot.</source>
        <translation>So lange vor dem Screenshot warten.</translation>
    </message>
    <message>
        <source>Load the UI, wait for live data, exit 0 on success.</source>
        <translation>Oberfläche laden, auf Live-Daten warten, bei Erfolg mit 0 beenden.</translation>
    </message>
    <message>
        <source>Use the built-in simulated market.</source>
        <translation>Den eingebauten simulierten Markt verwenden.</translation>
    </message>
    <message>
        <source>Connect to Hyperliquid: mainnet, testnet or a URL.</source>
        <translation>Mit Hyperliquid verbinden: mainnet, testnet oder eine URL.</translation>
    </message>
    <message>
        <source>Write frame rate, ladder updates, CPU, memory and start-up time as JSON at exit.</source>
        <translation>Beim Beenden Bildrate, Orderbuch-Updates, CPU, Speicher und Startzeit als JSON schreiben.</translation>
    </message>
    <message>
        <source>Quit after this many milliseconds.</source>
        <translation>Nach so vielen Millisekunden beenden.</translation>
    </message>
    <message>
        <source>Open on this view: markets, nfl or settings.</source>
        <translation>Mit dieser Ansicht starten: markets, nfl oder settings.</translation>
    </message>
    <message>
        <source>Open on this instrument: venue:symbol, e.g. hyperliquid:ETH, alpaca:AAPL, o2:fFUEL/fUSDC.</source>
        <translation>Mit diesem Instrument starten: venue:symbol, z. B. hyperliquid:ETH, alpaca:AAPL, o2:fFUEL/fUSDC.</translation>
    </message>
    <message>
        <source>Play a recording (tapescope-cli record) instead of the live venues.</source>
        <translation>Eine Aufzeichnung (tapescope-cli record) statt der Live-Handelsplätze abspielen.</translation>
    </message>
    <message>
        <source>How fast to play the recording: 1 (as recorded), N times faster, or max.</source>
        <translation>Wie schnell die Aufzeichnung läuft: 1 (wie aufgezeichnet), N-mal schneller oder max.</translation>
    </message>
    <message>
        <source>Record every venue&apos;s feed into the sessions folder from the start.</source>
        <translation>Die Feeds aller Handelsplätze von Anfang an in den Aufzeichnungsordner aufzeichnen.</translation>
    </message>
</context>
<context>
    <name>tapescope</name>
    <message>
        <source>the Kalshi key file %1 cannot be read: %2</source>
        <translation>die Kalshi-Schlüsseldatei %1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>Kalshi needs an API key id and its private key file (Settings → Kalshi, or KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH)</source>
        <translation>Kalshi braucht eine API-Schlüssel-ID und die private Schlüsseldatei (Einstellungen → Kalshi, oder KALSHI_API_KEY_ID und KALSHI_PRIVATE_KEY_PATH)</translation>
    </message>
</context>
<context>
    <name>tapescope::AccountBook</name>
    <message>
        <source>All accounts</source>
        <translation>Alle Konten</translation>
    </message>
</context>
<context>
    <name>tapescope::AccountTableModel</name>
    <message>
        <source>buy</source>
        <translation>Kauf</translation>
    </message>
    <message>
        <source>sell</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>maker</source>
        <translation>Maker</translation>
    </message>
    <message>
        <source>taker</source>
        <translation>Taker</translation>
    </message>
    <message>
        <source>long</source>
        <translation>Long</translation>
    </message>
    <message>
        <source>short</source>
        <translation>Short</translation>
    </message>
</context>
<context>
    <name>tapescope::AlpacaDriver</name>
    <message>
        <source>the Alpaca URL %1 names no feed: its path must end in /v2/iex, /v2/sip, /v2/delayed_sip, /v2/test or /v1beta3/crypto/us</source>
        <translation>die Alpaca-URL %1 nennt keinen Feed: der Pfad muss auf /v2/iex, /v2/sip, /v2/delayed_sip, /v2/test oder /v1beta3/crypto/us enden</translation>
    </message>
    <message>
        <source>alpaca feed &apos;%1&apos;: use iex, sip, delayed_sip, test, crypto or custom</source>
        <translation>Alpaca-Feed &apos;%1&apos;: iex, sip, delayed_sip, test, crypto oder custom verwenden</translation>
    </message>
    <message>
        <source>Alpaca needs an API key id and secret key (Settings → Alpaca, or ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY)</source>
        <translation>Alpaca braucht eine API-Schlüssel-ID und den geheimen Schlüssel (Einstellungen → Alpaca, oder ALPACA_API_KEY_ID und ALPACA_API_SECRET_KEY)</translation>
    </message>
    <message>
        <source>Paper account</source>
        <translation>Papierkonto</translation>
    </message>
    <message>
        <source>name the Alpaca account (the API keys identify it; the name is only shown)</source>
        <translation>benennen Sie das Alpaca-Konto (die API-Schlüssel bestimmen es; der Name wird nur angezeigt)</translation>
    </message>
    <message>
        <source>Demo paper account</source>
        <translation>Demo-Papierkonto</translation>
    </message>
</context>
<context>
    <name>tapescope::ConnectionTester</name>
    <message>
        <source>No answer from %1 within %2 s; check the URL and your network.</source>
        <translation>Keine Antwort von %1 innerhalb von %2 s; URL und Netzwerk prüfen.</translation>
    </message>
    <message>
        <source>%1 answered: %2</source>
        <translation>%1 antwortete: %2</translation>
    </message>
    <message>
        <source>Connected: %1 accepted the connection in %2 ms.</source>
        <translation>Verbunden: %1 hat die Verbindung in %2 ms angenommen.</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 lehnte ab: %2</translation>
    </message>
</context>
<context>
    <name>tapescope::CredentialStore</name>
    <message>
        <source>%1 is set but %2 is not; set both or neither</source>
        <translation>%1 ist gesetzt, %2 nicht; beide oder keine setzen</translation>
    </message>
    <message>
        <source>, or use the environment variables %1</source>
        <translation>, oder die Umgebungsvariablen %1 verwenden</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>The Windows Credential Manager is not available%1.</source>
        <translation>Die Windows-Anmeldeinformationsverwaltung ist nicht verfügbar%1.</translation>
    </message>
    <message>
        <source>The macOS Keychain is not available: unlock the login keychain%1.</source>
        <translation>Der macOS-Schlüsselbund ist nicht verfügbar: den Anmelde-Schlüsselbund entsperren%1.</translation>
    </message>
    <message>
        <source>No Secret Service is running: install and unlock gnome-keyring or KWallet%1.</source>
        <translation>Kein Secret Service aktiv: gnome-keyring oder KWallet installieren und entsperren%1.</translation>
    </message>
    <message>
        <source>The keychain entry for %1 is damaged; enter the credentials again.</source>
        <translation>Der Schlüsselbund-Eintrag für %1 ist beschädigt; Zugangsdaten neu eingeben.</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>Der Schlüsselbund verweigert den Zugriff: %1</translation>
    </message>
    <message>
        <source>The keychain failed: %1</source>
        <translation>Schlüsselbund-Fehler: %1</translation>
    </message>
    <message>
        <source>The keychain did not answer within %1 s (is it locked, or not running?)</source>
        <translation>Der Schlüsselbund antwortete nicht innerhalb von %1 s (gesperrt oder nicht gestartet?)</translation>
    </message>
</context>
<context>
    <name>tapescope::FeedStatusModel</name>
    <message>
        <source>LIVE</source>
        <translation>LIVE</translation>
    </message>
    <message>
        <source>STALE</source>
        <translation>VERALTET</translation>
    </message>
    <message>
        <source>RESYNCING</source>
        <translation>RESYNC</translation>
    </message>
    <message>
        <source>CONNECTING</source>
        <translation>VERBINDE</translation>
    </message>
    <message>
        <source>RECONNECTING</source>
        <translation>NEU VERBINDEN</translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation>AUSGEFALLEN</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>OFFLINE</translation>
    </message>
</context>
<context>
    <name>tapescope::FimlDriver</name>
    <message>
        <source>FIML&apos;s update interval must be %1 to %2 ms, not %3</source>
        <translation>Das FIML-Aktualisierungsintervall muss %1 bis %2 ms betragen, nicht %3</translation>
    </message>
</context>
<context>
    <name>tapescope::KalshiDriver</name>
    <message>
        <source>Demo member</source>
        <translation>Demo-Mitglied</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>name the Kalshi account (the API key identifies it; the name is only shown)</source>
        <translation>benennen Sie das Kalshi-Konto (der API-Schlüssel bestimmt es; der Name wird nur angezeigt)</translation>
    </message>
</context>
<context>
    <name>tapescope::MarketHub</name>
    <message>
        <source>candle history %1 %2: %3</source>
        <translation>Kerzenhistorie %1 %2: %3</translation>
    </message>
    <message>
        <source>price not representable at the book&apos;s scale</source>
        <translation>Preis in der Auflösung des Orderbuchs nicht darstellbar</translation>
    </message>
</context>
<context>
    <name>tapescope::MarketSession</name>
    <message>
        <source>no venue is enabled</source>
        <translation>kein Handelsplatz aktiviert</translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet</source>
        <translation>%1 ist in dieser Tapescope-Version noch nicht enthalten</translation>
    </message>
    <message>
        <source>%1 (recording)</source>
        <translation>%1 (Aufzeichnung)</translation>
    </message>
    <message>
        <source>Recorded account</source>
        <translation>Aufgezeichnetes Konto</translation>
    </message>
    <message>
        <source>cannot create the sessions folder %1</source>
        <translation>der Aufzeichnungsordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>a recording is playing: go back to live to record</source>
        <translation>eine Aufzeichnung läuft: zum Aufzeichnen zurück zu live</translation>
    </message>
    <message>
        <source>no venue is running</source>
        <translation>kein Handelsplatz läuft</translation>
    </message>
    <message>
        <source>%1 limit reached</source>
        <translation>Limit von %1 erreicht</translation>
    </message>
    <message>
        <source>%1-minute limit reached</source>
        <translation>Limit von %1 Minuten erreicht</translation>
    </message>
    <message>
        <source>%1-second limit reached</source>
        <translation>Limit von %1 Sekunden erreicht</translation>
    </message>
    <message>
        <source>%1 account %2</source>
        <translation>%1 Konto %2</translation>
    </message>
</context>
<context>
    <name>tapescope::NflGamesModel</name>
    <message>
        <source>%1 at %2</source>
        <translation>%1 bei %2</translation>
    </message>
    <message>
        <source> pts</source>
        <translation> Pkt.</translation>
    </message>
    <message>
        <source>ddd d MMM HH:mm</source>
        <extracomment>QDateTime format of a game&apos;s kickoff (ddd = weekday, MMM = month): &quot;Sat 5 Sep 00:20&quot;</extracomment>
        <translation>ddd d. MMM HH:mm</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <extracomment>QDate format of a game&apos;s day when the venue sent no time: &quot;Sat 5 Sep&quot;</extracomment>
        <translation>ddd d. MMM</translation>
    </message>
    <message>
        <source>CREATED</source>
        <translation>ERSTELLT</translation>
    </message>
    <message>
        <source>OPEN</source>
        <translation>OFFEN</translation>
    </message>
    <message>
        <source>PAUSED</source>
        <translation>PAUSIERT</translation>
    </message>
    <message>
        <source>CLOSED</source>
        <translation>GESCHLOSSEN</translation>
    </message>
    <message>
        <source>DETERMINED</source>
        <translation>ENTSCHIEDEN</translation>
    </message>
    <message>
        <source>SETTLED</source>
        <translation>ABGERECHNET</translation>
    </message>
    <message>
        <source>UNKNOWN</source>
        <translation>UNBEKANNT</translation>
    </message>
</context>
<context>
    <name>tapescope::NflTeamPosition</name>
    <message>
        <source> NO</source>
        <translation> NEIN</translation>
    </message>
    <message>
        <source> YES</source>
        <translation> JA</translation>
    </message>
</context>
<context>
    <name>tapescope::O2Driver</name>
    <message>
        <source>o2 environment &apos;%1&apos;: use mainnet, testnet, devnet or custom</source>
        <translation>O2-Umgebung &apos;%1&apos;: mainnet, testnet, devnet oder custom verwenden</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an O2 trade account: %2</source>
        <translation>&apos;%1&apos; ist kein O2-Handelskonto: %2</translation>
    </message>
    <message>
        <source>Demo trade account</source>
        <translation>Demo-Handelskonto</translation>
    </message>
</context>
<context>
    <name>tapescope::RecordingControl</name>
    <message>
        <source>REC stopped: %1</source>
        <translation>REC gestoppt: %1</translation>
    </message>
    <message>
        <source>%1 stopped: %2</source>
        <translation>%1 gestoppt: %2</translation>
    </message>
</context>
<context>
    <name>tapescope::SettingsController</name>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Saved, but %1 could not start: %2</source>
        <translation>Gespeichert, aber %1 konnte nicht starten: %2</translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet.</source>
        <translation>%1 ist in dieser Tapescope-Version noch nicht enthalten.</translation>
    </message>
</context>
<context>
    <name>tapescope::settingsValidation</name>
    <message>
        <source>%1 needs between %2 and %3 symbols; %4 given.</source>
        <translation>%1 braucht %2 bis %3 Symbole; angegeben: %4.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a %2 symbol; symbols look like %3.</source>
        <translation>&apos;%1&apos; ist kein %2-Symbol; Symbole sehen so aus: %3.</translation>
    </message>
    <message>
        <source>The %1 watchlist names a symbol twice.</source>
        <translation>Die Beobachtungsliste von %1 enthält ein Symbol doppelt.</translation>
    </message>
    <message>
        <source>%1 needs an API key id to connect.</source>
        <translation>%1 braucht zum Verbinden eine API-Schlüssel-ID.</translation>
    </message>
    <message>
        <source>The API key id contains spaces; paste it again without them.</source>
        <translation>Die API-Schlüssel-ID enthält Leerzeichen; ohne Leerzeichen neu einfügen.</translation>
    </message>
    <message>
        <source>%1 needs the secret key that belongs to the key id.</source>
        <translation>%1 braucht den geheimen Schlüssel zur Schlüssel-ID.</translation>
    </message>
    <message>
        <source>Enter the URL of the server, e.g. wss://example.com/ws.</source>
        <translation>URL des Servers eingeben, z. B. wss://example.com/ws.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid URL: %2</source>
        <translation>&apos;%1&apos; ist keine gültige URL: %2</translation>
    </message>
    <message>
        <source>The URL must start with ws://, wss://, http:// or https://, not &apos;%1&apos;.</source>
        <translation>Die URL muss mit ws://, wss://, http:// oder https:// beginnen, nicht mit &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>The URL &apos;%1&apos; has no host name.</source>
        <translation>Die URL &apos;%1&apos; hat keinen Hostnamen.</translation>
    </message>
    <message>
        <source>Choose the private key file (.pem / .key) you downloaded when you created the API key.</source>
        <translation>Die private Schlüsseldatei (.pem / .key) wählen, die beim Anlegen des API-Schlüssels heruntergeladen wurde.</translation>
    </message>
    <message>
        <source>The key file %1 does not exist.</source>
        <translation>Die Schlüsseldatei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The key file %1 cannot be read; check its permissions.</source>
        <translation>Die Schlüsseldatei %1 ist nicht lesbar; Berechtigungen prüfen.</translation>
    </message>
    <message>
        <source>%1 is too large to be a private key file.</source>
        <translation>%1 ist zu groß für eine private Schlüsseldatei.</translation>
    </message>
    <message>
        <source>The key file %1 cannot be opened: %2</source>
        <translation>Die Schlüsseldatei %1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>%1 is not a PEM private key: it should start with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----.</source>
        <translation>%1 ist kein privater PEM-Schlüssel: er sollte mit -----BEGIN PRIVATE KEY----- oder -----BEGIN RSA PRIVATE KEY----- beginnen.</translation>
    </message>
    <message>
        <source>%1 could not be loaded as an RSA private key: %2</source>
        <translation>%1 ließ sich nicht als privater RSA-Schlüssel laden: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a venue Tapescope knows.</source>
        <translation>&apos;%1&apos; ist kein Handelsplatz, den Tapescope kennt.</translation>
    </message>
    <message>
        <source>%1 environment &apos;%2&apos; is unknown; choose %3.</source>
        <translation>%1-Umgebung &apos;%2&apos; ist unbekannt; %3 wählen.</translation>
    </message>
    <message>
        <source>The update interval must be between %1 and %2 ms; %3 was given.</source>
        <translation>Das Aktualisierungsintervall muss zwischen %1 und %2 ms liegen; angegeben: %3.</translation>
    </message>
    <message>
        <source>The theme must be dark or light, not &apos;%1&apos;.</source>
        <translation>Das Design muss dark oder light sein, nicht &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>The update rate must be between %1 and %2 per second; %3 was given.</source>
        <translation>Die Aktualisierungsrate muss zwischen %1 und %2 pro Sekunde liegen; angegeben: %3.</translation>
    </message>
    <message>
        <source>No translation for &apos;%1&apos;; choose one of %2.</source>
        <translation>Keine Übersetzung für &apos;%1&apos;; eine von %2 wählen.</translation>
    </message>
    <message>
        <source>%1 has no account data in Tapescope.</source>
        <translation>%1 hat in Tapescope keine Kontodaten.</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 steht bereits in der Liste.</translation>
    </message>
    <message>
        <source>The sessions folder must be a full path, e.g. %1; &apos;%2&apos; is not.</source>
        <translation>Der Aufzeichnungsordner muss ein vollständiger Pfad sein, z. B. %1; &apos;%2&apos; ist keiner.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a file, not a folder: choose a folder for the recordings.</source>
        <translation>&apos;%1&apos; ist eine Datei, kein Ordner: wählen Sie einen Ordner für die Aufzeichnungen.</translation>
    </message>
    <message>
        <source>Size limit: &apos;%1&apos; is not a number; enter whole megabytes, 0 for no limit.</source>
        <translation>Größenlimit: „%1“ ist keine Zahl; ganze Megabyte eingeben, 0 für kein Limit.</translation>
    </message>
    <message>
        <source>Time limit: &apos;%1&apos; is not a number; enter whole minutes, 0 for no limit.</source>
        <translation>Zeitlimit: „%1“ ist keine Zahl; ganze Minuten eingeben, 0 für kein Limit.</translation>
    </message>
    <message>
        <source>Size limit: the size cannot be negative (%1 MB); enter 0 for no limit.</source>
        <translation>Größenlimit: Die Größe kann nicht negativ sein (%1 MB); 0 für kein Limit eingeben.</translation>
    </message>
    <message>
        <source>Time limit: the time cannot be negative (%1 minutes); enter 0 for no limit.</source>
        <translation>Zeitlimit: Die Zeit kann nicht negativ sein (%1 Minuten); 0 für kein Limit eingeben.</translation>
    </message>
    <message>
        <source>Size limit: at most %1 MB (1 TB) per file; %2 was given. Enter 0 for no limit.</source>
        <translation>Größenlimit: höchstens %1 MB (1 TB) je Datei; %2 angegeben. 0 für kein Limit eingeben.</translation>
    </message>
    <message>
        <source>Time limit: at most %1 minutes (30 days); %2 was given. Enter 0 for no limit.</source>
        <translation>Zeitlimit: höchstens %1 Minuten (30 Tage); %2 angegeben. 0 für kein Limit eingeben.</translation>
    </message>
    <message>
        <source>At most %1 %2 accounts can be followed: the venue accepts %3 connections from one computer, one for the market data and one for each account. Remove one first.</source>
        <translation>Höchstens %1 %2-Konten lassen sich verfolgen: Der Handelsplatz nimmt %3 Verbindungen von einem Computer an, eine für die Marktdaten und eine je Konto. Zuerst eines entfernen.</translation>
    </message>
</context>
</TS>
