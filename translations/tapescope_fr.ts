<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AccountList</name>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No account yet: add an address to see its orders, fills and positions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0x… address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountPanel</name>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Margin used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unrealized P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Positions (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open orders (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding &amp; ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreal. P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liq.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lev.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No fills yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No funding payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No deposits, withdrawals or transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No account configured. Add a Hyperliquid address in Settings to follow its orders, fills and positions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CandleChartPanel</name>
    <message>
        <source>Chart · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading candles…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisplayPage</name>
    <message>
        <source>Saved and applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1–240; lower saves CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeedBadge</name>
    <message>
        <source>CONNECTING</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeedReasonText</name>
    <message>
        <source>%1, next attempt in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting to %1 (attempt %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed by venue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed by venue (code %1: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect timed out after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silent for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading markets from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>markets request failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account request failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected, waiting for %1&apos;s welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signing in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subscribing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signing in with new credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no %1 API key: add one in Settings or set %2 and %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 API key id is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 private key cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the API key (HTTP 401): check the key id, the private key and the computer&apos;s clock; not retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the connection (HTTP 401): no API key is configured; not retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last venue error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer a request for %2; starting the session over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 replies out of order; resubscribing</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>rebuilding %n order book(s) after the reconnect</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>resyncing %n order book(s): %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>subscribing the order books again: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subscription %1 ended by the venue; subscribing again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order books did not resync; reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>rebuilding %n book(s) from a new depth snapshot: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>sequence gap on subscription %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inconsistent delta for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>get_snapshot was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no snapshot came after get_snapshot</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NFL</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEMO · simulated market</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LadderPanel</name>
    <message>
        <source>Order book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spread %1   Mid %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the book…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This venue sends no order book for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Book failed its check, showing the last good one: %1</source>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FINAL · %1 won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FINAL · tie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no price yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vol %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NflGamesPanel</name>
    <message>
        <source>NFL games</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kalshi is not running. Enable it in Settings to follow NFL games.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for open NFL games…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NflPositionPanel</name>
    <message>
        <source>Your position · settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No position in this game</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settled at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Realized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If %1 wins: pays %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NflProbabilityChart</name>
    <message>
        <source>Win probability · %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Win probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for prices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a game</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NflView</name>
    <message>
        <source>%1 YES</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tapescope could not connect to any venue: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms ago</source>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trades yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This venue sends no trades for it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VenueDriver</name>
    <message>
        <source>%1 has no account data in Tapescope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 demo market could not open a loopback port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hyperliquid environment &apos;%1&apos;: use mainnet, testnet or custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo trader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a Hyperliquid address: %2</source>
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
        <source>Applied for this session only: the keychain did not store the credentials, so they are gone when Tapescope quits. %1</source>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wss://host:port/path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update interval (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use from the environment (%1); the fields below are ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the system keychain only, never in the settings file. %1 override it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a952bcbe-…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored — type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kalshi-key.pem (PKCS#1 or PKCS#8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatchlistPanel</name>
    <message>
        <source>Watchlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fund/Src</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>Open on this instrument: venue:symbol, e.g. hyperliquid:ETH, alpaca:AAPL, o2:fFUEL/fUSDC.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope</name>
    <message>
        <source>the Kalshi key file %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kalshi needs an API key id and its private key file (Settings → Kalshi, or KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope::AccountBook</name>
    <message>
        <source>All accounts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope::AlpacaDriver</name>
    <message>
        <source>the Alpaca URL %1 names no feed: its path must end in /v2/iex, /v2/sip, /v2/delayed_sip, /v2/test or /v1beta3/crypto/us</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alpaca feed &apos;%1&apos;: use iex, sip, delayed_sip, test, crypto or custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alpaca needs an API key id and secret key (Settings → Alpaca, or ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name the Alpaca account (the API keys identify it; the name is only shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo paper account</source>
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
    <message>
        <source>The keychain did not answer within %1 s (is it locked, or not running?)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope::FeedStatusModel</name>
    <message>
        <source>LIVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STALE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RESYNCING</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONNECTING</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RECONNECTING</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope::FimlDriver</name>
    <message>
        <source>FIML&apos;s update interval must be %1 to %2 ms, not %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope::KalshiDriver</name>
    <message>
        <source>Demo member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name the Kalshi account (the API key identifies it; the name is only shown)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope::MarketHub</name>
    <message>
        <source>candle history %1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>price not representable at the book&apos;s scale</source>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> pts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope::NflTeamPosition</name>
    <message>
        <source> NO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> YES</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope::O2Driver</name>
    <message>
        <source>o2 environment &apos;%1&apos;: use mainnet, testnet, devnet or custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an O2 trade account: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo trade account</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tapescope::SettingsController</name>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
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
        <source>%1 has no account data in Tapescope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
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
