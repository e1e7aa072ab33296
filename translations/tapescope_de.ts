<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Loading candles…</source>
        <translation>Lade Kerzen…</translation>
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
</context>
<context>
    <name>FeedBadge</name>
    <message>
        <source>CONNECTING</source>
        <translation>VERBINDE</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <source>Tapescope</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>DEMO · simulated market</source>
        <translation>DEMO · simulierter Markt</translation>
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
        <translation>Geld</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Brief</translation>
    </message>
    <message>
        <source>Waiting for the book…</source>
        <translation>Warte auf das Orderbuch…</translation>
    </message>
    <message>
        <source>Book failed its check, showing the last good one: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LadderRow</name>
    <message>
        <source>Spread %1   Mid %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Tapescope · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tapescope</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no price yet</source>
        <translation>noch kein Preis</translation>
    </message>
    <message>
        <source>over %1</source>
        <translation>Überrundung %1</translation>
    </message>
    <message>
        <source>vol %1</source>
        <translation>Vol. %1</translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home YES</source>
        <translation type="unfinished"></translation>
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
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>%1 msg/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnects %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>errors %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tapescope %1</source>
        <translation type="unfinished"></translation>
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
</context>
<context>
    <name>VenueDriver</name>
    <message>
        <source>hyperliquid environment &apos;%1&apos;: use mainnet, testnet or custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Hyperliquid demo market could not open a loopback port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (demo)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VenuePage</name>
    <message>
        <source>Saved and applied: %1 restarted with these settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: %1 is off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kalshi private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private keys (*.pem *.key *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet: its settings are kept for when it is.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the system keychain.</source>
        <translation>Im System-Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>Stored in the system keychain only, never in the settings file. %1 override it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key id</source>
        <translation>API-Schlüssel-ID</translation>
    </message>
    <message>
        <source>a952bcbe-…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret key</source>
        <translation>Geheimer Schlüssel</translation>
    </message>
    <message>
        <source>stored — type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation>Private Schlüsseldatei</translation>
    </message>
    <message>
        <source>kalshi-key.pem (PKCS#1 or PKCS#8)</source>
        <translation type="unfinished"></translation>
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
        <translation>Mitte</translation>
    </message>
    <message>
        <source>24h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Funding</translation>
    </message>
    <message>
        <source>Vol 24h</source>
        <translation>Vol. 24h</translation>
    </message>
</context>
<context>
    <name>WatchlistRow</name>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Live order books, trades and candles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the main window to a PNG and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait this long before the screenshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the UI, wait for live data, exit 0 on success.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the built-in simulated market.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to Hyperliquid: mainnet, testnet or a URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write frame rate, ladder updates, CPU, memory and start-up time as JSON at exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit after this many milliseconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open on this view: markets, nfl or settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope::ConnectionTester</name>
    <message>
        <source>No answer from %1 within %2 s; check the URL and your network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: %1 accepted the connection in %2 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope::CredentialStore</name>
    <message>
        <source>%1 is set but %2 is not; set both or neither</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, or use the environment variables %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Windows Credential Manager is not available%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The macOS Keychain is not available: unlock the login keychain%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Secret Service is running: install and unlock gnome-keyring or KWallet%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain entry for %1 is damaged; enter the credentials again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain failed: %1</source>
        <translation type="unfinished"></translation>
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
    <name>tapescope::KalshiDriver</name>
    <message>
        <source>the Kalshi key file %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kalshi needs an API key id and its private key file (Settings → Kalshi, or KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Kalshi demo market could not open a loopback port</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope::MarketSession</name>
    <message>
        <source>no venue is enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope::settingsValidation</name>
    <message>
        <source>%1 needs between %2 and %3 symbols; %4 given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a %2 symbol; symbols look like %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 watchlist names a symbol twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs an API key id to connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key id contains spaces; paste it again without them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs the secret key that belongs to the key id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the URL of the server, e.g. wss://example.com/ws.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid URL: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL must start with ws://, wss://, http:// or https://, not &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL &apos;%1&apos; has no host name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the private key file (.pem / .key) you downloaded when you created the API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file %1 cannot be read; check its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to be a private key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key file %1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a PEM private key: it should start with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be loaded as an RSA private key: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a venue Tapescope knows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 environment &apos;%2&apos; is unknown; choose %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The update interval must be between %1 and %2 ms; %3 was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The theme must be dark or light, not &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The update rate must be between %1 and %2 per second; %3 was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No translation for &apos;%1&apos;; choose one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
