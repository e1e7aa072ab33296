<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>AccountList</name>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>No account yet: add an address to see its orders, fills and positions.</source>
        <translation>口座がまだありません。アドレスを追加すると、その注文・約定・ポジションを表示します。</translation>
    </message>
    <message>
        <source>0x… address</source>
        <translation>0x… アドレス</translation>
    </message>
    <message>
        <source>Label (optional)</source>
        <translation>ラベル（任意）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
</context>
<context>
    <name>AccountPanel</name>
    <message>
        <source>Account</source>
        <translation>口座</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>純資産</translation>
    </message>
    <message>
        <source>Margin used</source>
        <translation>使用証拠金</translation>
    </message>
    <message>
        <source>Withdrawable</source>
        <translation>出金可能額</translation>
    </message>
    <message>
        <source>Unrealized P&amp;L</source>
        <translation>評価損益</translation>
    </message>
    <message>
        <source>Positions (%1)</source>
        <translation>ポジション (%1)</translation>
    </message>
    <message>
        <source>Open orders (%1)</source>
        <translation>未約定注文 (%1)</translation>
    </message>
    <message>
        <source>Fills</source>
        <translation>約定</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>残高</translation>
    </message>
    <message>
        <source>Funding &amp; ledger</source>
        <translation>資金調達・入出金</translation>
    </message>
    <message>
        <source>No open positions</source>
        <translation>ポジションなし</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>建値</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>マーク</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>評価額</translation>
    </message>
    <message>
        <source>Unreal. P&amp;L</source>
        <translation>評価損益</translation>
    </message>
    <message>
        <source>Lev.</source>
        <translation>レバ</translation>
    </message>
    <message>
        <source>No open orders</source>
        <translation>未約定注文なし</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>売買</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>約定済</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>No fills yet</source>
        <translation>約定なし</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>手数料</translation>
    </message>
    <message>
        <source>Closed P&amp;L</source>
        <translation>確定損益</translation>
    </message>
    <message>
        <source>No balances</source>
        <translation>残高なし</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>資産</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>利用可能</translation>
    </message>
    <message>
        <source>In orders</source>
        <translation>注文中</translation>
    </message>
    <message>
        <source>No funding payments</source>
        <translation>資金調達料なし</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>資金調達</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>レート</translation>
    </message>
    <message>
        <source>No deposits, withdrawals or transfers</source>
        <translation>入金・出金・振替なし</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>入出金</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Tx</source>
        <translation>TxID</translation>
    </message>
    <message>
        <source>No account configured. Add a Hyperliquid address in Settings to follow its orders, fills and positions.</source>
        <translation>口座が未設定です。設定で Hyperliquid のアドレスを追加すると、その注文・約定・ポジションを追跡できます。</translation>
    </message>
    <message>
        <source>Liq.</source>
        <comment>liquidation price (Positions column)</comment>
        <translation>清算価格</translation>
    </message>
    <message>
        <source>Liq.</source>
        <comment>liquidity: maker or taker (Fills column)</comment>
        <translation>区分</translation>
    </message>
    <message>
        <source>This recording holds no account feed: its orders, fills and positions were not recorded.</source>
        <translation>この記録には口座フィードがありません: 注文、約定、ポジションは記録されていません。</translation>
    </message>
</context>
<context>
    <name>CandleChartPanel</name>
    <message>
        <source>Chart · %1</source>
        <translation>チャート · %1</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>チャート</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>出来高</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Loading candles…</source>
        <translation>ローソク足を読み込み中…</translation>
    </message>
    <message>
        <source>No candles in this recording</source>
        <translation>この記録にローソク足はありません</translation>
    </message>
</context>
<context>
    <name>DisplayPage</name>
    <message>
        <source>Saved and applied.</source>
        <translation>保存して適用しました。</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Updates per second</source>
        <translation>毎秒の更新回数</translation>
    </message>
    <message>
        <source>1–240; lower saves CPU</source>
        <translation>1–240、低いほど CPU 負荷減</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>適用</translation>
    </message>
    <message>
        <source>Sessions folder</source>
        <translation>セッションのフォルダー</translation>
    </message>
    <message>
        <source>Where REC writes recordings (one file per venue). Empty: the folder shown.</source>
        <translation>REC が記録を書き込む場所 (取引所ごとに 1 ファイル)。空欄: 表示されているフォルダー。</translation>
    </message>
    <message>
        <source>Size limit</source>
        <translation>サイズ上限</translation>
    </message>
    <message>
        <source>MB per venue file: REC stops there. 0: no limit</source>
        <translation>MB (取引所ごとのファイル): ここで REC が停止。0: 上限なし</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>時間上限</translation>
    </message>
    <message>
        <source>minutes: REC stops after them. 0: no limit</source>
        <translation>分: この時間で REC が停止。0: 上限なし</translation>
    </message>
</context>
<context>
    <name>FeedBadge</name>
    <message>
        <source>CONNECTING</source>
        <translation>接続中</translation>
    </message>
    <message>
        <source>REPLAY %1</source>
        <translation>リプレイ %1</translation>
    </message>
    <message>
        <source>REPLAY · %1</source>
        <translation>リプレイ · %1</translation>
    </message>
</context>
<context>
    <name>FeedReasonText</name>
    <message>
        <source>%1, next attempt in %2</source>
        <translation>%1、%2 後に再試行</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
    <message>
        <source>connecting to %1 (attempt %2)</source>
        <translation>%1 に接続中（%2 回目）</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>接続が切れました</translation>
    </message>
    <message>
        <source>closed by venue</source>
        <translation>取引所が切断</translation>
    </message>
    <message>
        <source>closed by venue (code %1: %2)</source>
        <translation>取引所が切断（コード %1: %2）</translation>
    </message>
    <message>
        <source>connect timed out after %1</source>
        <translation>%1 で接続タイムアウト</translation>
    </message>
    <message>
        <source>silent for %1</source>
        <translation>無通信（%1）</translation>
    </message>
    <message>
        <source>no data for %1</source>
        <translation>データなし（%1）</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>切断済み</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>loading markets from %1</source>
        <translation>%1 からマーケット情報を読み込み中</translation>
    </message>
    <message>
        <source>markets request failed: %1</source>
        <translation>マーケット情報の取得に失敗: %1</translation>
    </message>
    <message>
        <source>loading account %1</source>
        <translation>口座 %1 を読み込み中</translation>
    </message>
    <message>
        <source>account request failed: %1</source>
        <translation>口座情報の取得に失敗: %1</translation>
    </message>
    <message>
        <source>connected, waiting for %1&apos;s welcome</source>
        <translation>接続済み、%1 からの初回応答待ち</translation>
    </message>
    <message>
        <source>signing in</source>
        <translation>認証中</translation>
    </message>
    <message>
        <source>subscribing</source>
        <translation>購読中</translation>
    </message>
    <message>
        <source>signing in with new credentials</source>
        <translation>新しい認証情報で認証中</translation>
    </message>
    <message>
        <source>no %1 API key: add one in Settings or set %2 and %3</source>
        <translation>%1 の API キーがありません: 設定で追加するか、%2 と %3 を設定してください</translation>
    </message>
    <message>
        <source>the %1 API key id is missing</source>
        <translation>%1 の API キー ID がありません</translation>
    </message>
    <message>
        <source>the %1 private key cannot be used: %2</source>
        <translation>%1 の秘密鍵を使用できません: %2</translation>
    </message>
    <message>
        <source>%1 refused the API key (HTTP 401): check the key id, the private key and the computer&apos;s clock; not retrying</source>
        <translation>%1 が API キーを拒否しました (HTTP 401): キー ID、秘密鍵、PC の時計を確認してください。再試行しません</translation>
    </message>
    <message>
        <source>%1 refused the connection (HTTP 401): no API key is configured; not retrying</source>
        <translation>%1 が接続を拒否しました (HTTP 401): API キーが未設定です。再試行しません</translation>
    </message>
    <message>
        <source>last venue error: %1</source>
        <translation>取引所の直近エラー: %1</translation>
    </message>
    <message>
        <source>%1 did not answer a request for %2; starting the session over</source>
        <translation>%1 がリクエストに応答しません（%2 経過）。セッションをやり直します</translation>
    </message>
    <message>
        <source>%1 replies out of order; resubscribing</source>
        <translation>%1 の応答順序が不正。再購読中</translation>
    </message>
    <message numerus="yes">
        <source>rebuilding %n order book(s) after the reconnect</source>
        <translation>
            <numerusform>再接続後に %n 件の板を再構築中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>resyncing %n order book(s): %1</source>
        <translation>
            <numerusform>%n 件の板を再同期中: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>subscribing the order books again: %1</source>
        <translation>板を再購読中: %1</translation>
    </message>
    <message>
        <source>subscription %1 ended by the venue; subscribing again</source>
        <translation>購読 %1 が取引所により終了。再購読中</translation>
    </message>
    <message>
        <source>order books did not resync; reconnecting</source>
        <translation>板を再同期できず。再接続中</translation>
    </message>
    <message numerus="yes">
        <source>rebuilding %n book(s) from a new depth snapshot: %1</source>
        <translation>
            <numerusform>新しい板スナップショットから %n 件の板を再構築中: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>sequence gap on subscription %1</source>
        <translation>購読 %1 でシーケンス欠落</translation>
    </message>
    <message>
        <source>inconsistent delta for %1</source>
        <translation>%1 の差分データが不整合</translation>
    </message>
    <message>
        <source>get_snapshot was refused</source>
        <translation>get_snapshot が拒否されました</translation>
    </message>
    <message>
        <source>no snapshot came after get_snapshot</source>
        <translation>get_snapshot 後にスナップショットが届きません</translation>
    </message>
    <message>
        <source>the server answered %1 instead of a WebSocket upgrade</source>
        <translation>サーバーは WebSocket アップグレードではなく %1 を返しました</translation>
    </message>
    <message>
        <source>connection refused by %1 (nothing accepts connections there)</source>
        <translation>%1 に接続を拒否されました (そこでは何も接続を受け付けていません)</translation>
    </message>
    <message>
        <source>host not found: %1</source>
        <translation>ホストが見つかりません: %1</translation>
    </message>
    <message>
        <source>the network timed out reaching %1</source>
        <translation>%1 への接続中にネットワークがタイムアウトしました</translation>
    </message>
    <message>
        <source>%1 closed the connection</source>
        <translation>%1 が接続を閉じました</translation>
    </message>
    <message>
        <source>network error reaching %1: %2</source>
        <translation>%1 への接続中のネットワークエラー: %2</translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2</source>
        <translation>%1 との TLS ハンドシェイクに失敗しました: %2</translation>
    </message>
    <message>
        <source>the TLS certificate of %1 is not trusted: %2</source>
        <translation>%1 の TLS 証明書は信頼されていません: %2</translation>
    </message>
    <message>
        <source>the proxy failed: %1</source>
        <translation>プロキシが失敗しました: %1</translation>
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
        <translation>マーケット</translation>
    </message>
    <message>
        <source>NFL</source>
        <translation>NFL</translation>
    </message>
    <message>
        <source>Mid %1</source>
        <translation>仲値 %1</translation>
    </message>
    <message>
        <source>Bid %1</source>
        <translation>買気配 %1</translation>
    </message>
    <message>
        <source>Ask %1</source>
        <translation>売気配 %1</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>DEMO · simulated market</source>
        <translation>デモ · 模擬マーケット</translation>
    </message>
    <message>
        <source>Open recording…</source>
        <translation>記録を開く…</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>記録を停止</translation>
    </message>
    <message>
        <source>● REC</source>
        <translation>● REC</translation>
    </message>
    <message>
        <source>Recording into %1</source>
        <translation>%1 に記録中</translation>
    </message>
    <message>
        <source>Record every venue&apos;s feed into %1</source>
        <translation>すべての取引所のフィードを %1 に記録</translation>
    </message>
</context>
<context>
    <name>LadderPanel</name>
    <message>
        <source>Order book</source>
        <translation>板</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>集約</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>累計</translation>
    </message>
    <message>
        <source>Bid</source>
        <translation>買気配</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>売気配</translation>
    </message>
    <message>
        <source>Spread %1   Mid %2</source>
        <translation>スプレッド %1   仲値 %2</translation>
    </message>
    <message>
        <source>Waiting for the book…</source>
        <translation>板を待機中…</translation>
    </message>
    <message>
        <source>This venue sends no order book for it</source>
        <translation>この取引所はこの銘柄の板を配信していません</translation>
    </message>
    <message>
        <source>Book failed its check, showing the last good one: %1</source>
        <translation>板の検証に失敗、最後の正常な板を表示中: %1</translation>
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
        <translation>記録を開く</translation>
    </message>
    <message>
        <source>Tapescope recordings (*.tape)</source>
        <translation>Tapescope の記録 (*.tape)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Cannot play this recording</source>
        <translation>この記録は再生できません</translation>
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
        <translation>保有</translation>
    </message>
    <message>
        <source>FINAL · %1 won</source>
        <translation>試合終了 · %1 勝利</translation>
    </message>
    <message>
        <source>FINAL · tie</source>
        <translation>試合終了 · 引き分け</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>no price yet</source>
        <translation>価格なし</translation>
    </message>
    <message>
        <source>over %1</source>
        <translation>控除率 %1</translation>
    </message>
    <message>
        <source>vol %1</source>
        <translation>出来高 %1</translation>
    </message>
</context>
<context>
    <name>NflGamesPanel</name>
    <message>
        <source>NFL games</source>
        <translation>NFL 試合</translation>
    </message>
    <message>
        <source>Kalshi is not running. Enable it in Settings to follow NFL games.</source>
        <translation>Kalshi が動作していません。NFL の試合を追うには設定で有効にしてください。</translation>
    </message>
    <message>
        <source>Looking for open NFL games…</source>
        <translation>取引中の NFL 試合を検索中…</translation>
    </message>
</context>
<context>
    <name>NflPositionPanel</name>
    <message>
        <source>Your position · settled</source>
        <translation>保有ポジション · 決済済</translation>
    </message>
    <message>
        <source>Your position</source>
        <translation>保有ポジション</translation>
    </message>
    <message>
        <source>No position in this game</source>
        <translation>この試合のポジションなし</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>枚数</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>取得額</translation>
    </message>
    <message>
        <source>Settled at</source>
        <translation>決済値</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>評価額</translation>
    </message>
    <message>
        <source>P&amp;L</source>
        <translation>損益</translation>
    </message>
    <message>
        <source>Realized</source>
        <translation>確定損益</translation>
    </message>
    <message>
        <source>If %1 wins: pays %2</source>
        <translation>%1 勝利時の払戻: %2</translation>
    </message>
</context>
<context>
    <name>NflProbabilityChart</name>
    <message>
        <source>Win probability · %1 at %2</source>
        <translation>勝利確率 · %1 @ %2</translation>
    </message>
    <message>
        <source>Win probability</source>
        <translation>勝利確率</translation>
    </message>
    <message>
        <source>Waiting for prices…</source>
        <translation>価格を待機中…</translation>
    </message>
    <message>
        <source>Select a game</source>
        <translation>試合を選択</translation>
    </message>
</context>
<context>
    <name>NflView</name>
    <message>
        <source>%1 YES</source>
        <translation>%1 YES</translation>
    </message>
    <message>
        <source>Away YES</source>
        <translation>アウェー YES</translation>
    </message>
    <message>
        <source>Home YES</source>
        <translation>ホーム YES</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Tapescope could not connect to any venue: %1</source>
        <translation>Tapescope はどの取引所にも接続できませんでした: %1</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>表示</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 ms ago</source>
        <translation>%1 ms 前</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>データなし</translation>
    </message>
    <message>
        <source>reconnects %1</source>
        <translation>再接続 %1</translation>
    </message>
    <message>
        <source>errors %1: %2</source>
        <translation>エラー %1: %2</translation>
    </message>
    <message>
        <source>Tapescope %1</source>
        <translation>Tapescope %1</translation>
    </message>
    <message>
        <source>last message from %1 received %2 ms ago</source>
        <translation>%1 から最後のメッセージを %2 ms 前に受信</translation>
    </message>
    <message>
        <source>REPLAY</source>
        <translation>リプレイ</translation>
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
        <translation>記録していません: %1</translation>
    </message>
</context>
<context>
    <name>TradeTapePanel</name>
    <message>
        <source>Trades</source>
        <translation>歩み値</translation>
    </message>
    <message>
        <source>Min size</source>
        <translation>最小数量</translation>
    </message>
    <message>
        <source>any</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>No trades yet</source>
        <translation>歩み値なし</translation>
    </message>
    <message>
        <source>This venue sends no trades for it</source>
        <translation>この取引所はこの銘柄の歩み値を配信していません</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>REPLAY</source>
        <translation>リプレイ</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>再生</translation>
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
        <translation>最速</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 · ended</source>
        <translation>%1 · 終了</translation>
    </message>
    <message>
        <source>damaged: played what is intact</source>
        <translation>破損: 無事な部分を再生しました</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>ライブに戻る</translation>
    </message>
</context>
<context>
    <name>VenueDriver</name>
    <message>
        <source>%1 has no account data in Tapescope</source>
        <translation>%1 の口座データは Tapescope では利用できません</translation>
    </message>
    <message>
        <source>the %1 demo market could not open a loopback port</source>
        <translation>%1 のデモマーケットがループバックポートを開けませんでした</translation>
    </message>
    <message>
        <source>%1 (demo)</source>
        <translation>%1（デモ）</translation>
    </message>
    <message>
        <source>hyperliquid environment &apos;%1&apos;: use mainnet, testnet or custom</source>
        <translation>Hyperliquid の環境「%1」: mainnet、testnet、custom のいずれかを指定してください</translation>
    </message>
    <message>
        <source>Demo trader</source>
        <translation>デモトレーダー</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a Hyperliquid address: %2</source>
        <translation>「%1」は Hyperliquid のアドレスではありません: %2</translation>
    </message>
</context>
<context>
    <name>VenuePage</name>
    <message>
        <source>Saved and applied: %1 restarted with these settings.</source>
        <translation>保存して適用しました: %1 をこの設定で再起動しました。</translation>
    </message>
    <message>
        <source>Saved: %1 is off.</source>
        <translation>保存しました: %1 は無効です。</translation>
    </message>
    <message>
        <source>Applied for this session only: the keychain did not store the credentials, so they are gone when Tapescope quits. %1</source>
        <translation>このセッションのみに適用しました: キーチェーンに認証情報を保存できなかったため、Tapescope の終了時に失われます。%1</translation>
    </message>
    <message>
        <source>Kalshi private key</source>
        <translation>Kalshi の秘密鍵</translation>
    </message>
    <message>
        <source>Private keys (*.pem *.key *.txt)</source>
        <translation>秘密鍵 (*.pem *.key *.txt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet: its settings are kept for when it is.</source>
        <translation>%1 はこのバージョンの Tapescope にはまだ組み込まれていません。設定は将来のために保持されます。</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Connect to %1</source>
        <translation>%1 に接続</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>環境</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>サーバー URL</translation>
    </message>
    <message>
        <source>wss://host:port/path</source>
        <translation>wss://host:port/path</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>マーケット</translation>
    </message>
    <message>
        <source>Watchlist</source>
        <translation>ウォッチリスト</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>例: %1</translation>
    </message>
    <message>
        <source>Update interval (ms)</source>
        <translation>更新間隔 (ms)</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>口座</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>認証情報</translation>
    </message>
    <message>
        <source>In use from the environment (%1); the fields below are ignored.</source>
        <translation>環境変数（%1）の値を使用中。下の欄は無視されます。</translation>
    </message>
    <message>
        <source>Stored in the system keychain.</source>
        <translation>システムのキーチェーンに保存済み。</translation>
    </message>
    <message>
        <source>Stored in the system keychain only, never in the settings file. %1 override it.</source>
        <translation>システムのキーチェーンにのみ保存され、設定ファイルには保存されません。%1 が優先されます。</translation>
    </message>
    <message>
        <source>API key id</source>
        <translation>API キー ID</translation>
    </message>
    <message>
        <source>a952bcbe-…</source>
        <translation>a952bcbe-…</translation>
    </message>
    <message>
        <source>Secret key</source>
        <translation>シークレットキー</translation>
    </message>
    <message>
        <source>stored — type to replace</source>
        <translation>保存済み — 入力で置換</translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation>秘密鍵ファイル</translation>
    </message>
    <message>
        <source>kalshi-key.pem (PKCS#1 or PKCS#8)</source>
        <translation>kalshi-key.pem（PKCS#1 または PKCS#8）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>テスト中…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>接続テスト</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>適用</translation>
    </message>
</context>
<context>
    <name>WatchlistPanel</name>
    <message>
        <source>Watchlist</source>
        <translation>ウォッチリスト</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Mid</source>
        <translation>仲値</translation>
    </message>
    <message>
        <source>24h</source>
        <translation>24時間</translation>
    </message>
    <message>
        <source>Fund/Src</source>
        <translation>FR/ソース</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>出来高</translation>
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
        <translation>リアルタイムの板・歩み値・ローソク足。</translation>
    </message>
    <message>
        <source>Render the main window to a PNG and exit.</source>
        <translation>メインウィンドウを PNG に書き出して終了します。</translation>
    </message>
    <message>
        <source>Wait this long before the screenshot.</source>
        <translation>スクリーンショットまでこの時間だけ待ちます。</translation>
    </message>
    <message>
        <source>Load the UI, wait for live data, exit 0 on success.</source>
        <translation>UI を読み込み、ライブデータを待ち、成功時は 0 で終了します。</translation>
    </message>
    <message>
        <source>Use the built-in simulated market.</source>
        <translation>内蔵の模擬マーケットを使用します。</translation>
    </message>
    <message>
        <source>Connect to Hyperliquid: mainnet, testnet or a URL.</source>
        <translation>Hyperliquid に接続: mainnet、testnet または URL。</translation>
    </message>
    <message>
        <source>Write frame rate, ladder updates, CPU, memory and start-up time as JSON at exit.</source>
        <translation>終了時にフレームレート、板の更新、CPU、メモリ、起動時間を JSON で書き出します。</translation>
    </message>
    <message>
        <source>Quit after this many milliseconds.</source>
        <translation>指定ミリ秒後に終了します。</translation>
    </message>
    <message>
        <source>Open on this view: markets, nfl or settings.</source>
        <translation>起動時の画面: markets、nfl、settings のいずれか。</translation>
    </message>
    <message>
        <source>Open on this instrument: venue:symbol, e.g. hyperliquid:ETH, alpaca:AAPL, o2:fFUEL/fUSDC.</source>
        <translation>起動時の銘柄: venue:symbol（例: hyperliquid:ETH、alpaca:AAPL、o2:fFUEL/fUSDC）。</translation>
    </message>
    <message>
        <source>Play a recording (tapescope-cli record) instead of the live venues.</source>
        <translation>ライブの取引所の代わりに記録 (tapescope-cli record) を再生します。</translation>
    </message>
    <message>
        <source>How fast to play the recording: 1 (as recorded), N times faster, or max.</source>
        <translation>再生速度: 1 (記録どおり)、N 倍速、または max。</translation>
    </message>
    <message>
        <source>Record every venue&apos;s feed into the sessions folder from the start.</source>
        <translation>起動時からすべての取引所のフィードをセッションのフォルダーに記録します。</translation>
    </message>
</context>
<context>
    <name>tapescope</name>
    <message>
        <source>the Kalshi key file %1 cannot be read: %2</source>
        <translation>Kalshi の鍵ファイル %1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>Kalshi needs an API key id and its private key file (Settings → Kalshi, or KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH)</source>
        <translation>Kalshi には API キー ID とその秘密鍵ファイルが必要です（設定 → Kalshi、または KALSHI_API_KEY_ID と KALSHI_PRIVATE_KEY_PATH）</translation>
    </message>
</context>
<context>
    <name>tapescope::AccountBook</name>
    <message>
        <source>All accounts</source>
        <translation>全口座</translation>
    </message>
</context>
<context>
    <name>tapescope::AccountTableModel</name>
    <message>
        <source>buy</source>
        <translation>買い</translation>
    </message>
    <message>
        <source>sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>maker</source>
        <translation>メイカー</translation>
    </message>
    <message>
        <source>taker</source>
        <translation>テイカー</translation>
    </message>
    <message>
        <source>long</source>
        <translation>ロング</translation>
    </message>
    <message>
        <source>short</source>
        <translation>ショート</translation>
    </message>
</context>
<context>
    <name>tapescope::AlpacaDriver</name>
    <message>
        <source>the Alpaca URL %1 names no feed: its path must end in /v2/iex, /v2/sip, /v2/delayed_sip, /v2/test or /v1beta3/crypto/us</source>
        <translation>Alpaca の URL %1 にフィードが含まれていません: パスの末尾は /v2/iex、/v2/sip、/v2/delayed_sip、/v2/test、/v1beta3/crypto/us のいずれかにしてください</translation>
    </message>
    <message>
        <source>alpaca feed &apos;%1&apos;: use iex, sip, delayed_sip, test, crypto or custom</source>
        <translation>Alpaca のフィード「%1」: iex、sip、delayed_sip、test、crypto、custom のいずれかを指定してください</translation>
    </message>
    <message>
        <source>Alpaca needs an API key id and secret key (Settings → Alpaca, or ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY)</source>
        <translation>Alpaca には API キー ID とシークレットキーが必要です（設定 → Alpaca、または ALPACA_API_KEY_ID と ALPACA_API_SECRET_KEY）</translation>
    </message>
    <message>
        <source>Paper account</source>
        <translation>ペーパー口座</translation>
    </message>
    <message>
        <source>name the Alpaca account (the API keys identify it; the name is only shown)</source>
        <translation>Alpaca 口座の名前（口座は API キーで識別され、名前は表示用です）</translation>
    </message>
    <message>
        <source>Demo paper account</source>
        <translation>デモのペーパー口座</translation>
    </message>
</context>
<context>
    <name>tapescope::ConnectionTester</name>
    <message>
        <source>No answer from %1 within %2 s; check the URL and your network.</source>
        <translation>%1 から %2 秒以内に応答がありません。URL とネットワークを確認してください。</translation>
    </message>
    <message>
        <source>%1 answered: %2</source>
        <translation>%1 の応答: %2</translation>
    </message>
    <message>
        <source>Connected: %1 accepted the connection in %2 ms.</source>
        <translation>接続成功: %1 が %2 ms で接続を受け付けました。</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 が拒否: %2</translation>
    </message>
</context>
<context>
    <name>tapescope::CredentialStore</name>
    <message>
        <source>%1 is set but %2 is not; set both or neither</source>
        <translation>%1 は設定済みですが %2 が未設定です。両方設定するか、どちらも設定しないでください</translation>
    </message>
    <message>
        <source>, or use the environment variables %1</source>
        <translation>（または環境変数 %1 を使用）</translation>
    </message>
    <message>
        <source> and </source>
        <translation> と </translation>
    </message>
    <message>
        <source>The Windows Credential Manager is not available%1.</source>
        <translation>Windows 資格情報マネージャーを利用できません%1。</translation>
    </message>
    <message>
        <source>The macOS Keychain is not available: unlock the login keychain%1.</source>
        <translation>macOS キーチェーンを利用できません: ログインキーチェーンのロックを解除してください%1。</translation>
    </message>
    <message>
        <source>No Secret Service is running: install and unlock gnome-keyring or KWallet%1.</source>
        <translation>Secret Service が動作していません: gnome-keyring または KWallet をインストールしてロックを解除してください%1。</translation>
    </message>
    <message>
        <source>The keychain entry for %1 is damaged; enter the credentials again.</source>
        <translation>%1 のキーチェーン項目が破損しています。認証情報を再入力してください。</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>キーチェーンがアクセスを拒否しました: %1</translation>
    </message>
    <message>
        <source>The keychain failed: %1</source>
        <translation>キーチェーンのエラー: %1</translation>
    </message>
    <message>
        <source>The keychain did not answer within %1 s (is it locked, or not running?)</source>
        <translation>キーチェーンが %1 秒以内に応答しませんでした（ロック中、または未起動?）</translation>
    </message>
</context>
<context>
    <name>tapescope::FeedStatusModel</name>
    <message>
        <source>LIVE</source>
        <translation>ライブ</translation>
    </message>
    <message>
        <source>STALE</source>
        <translation>停滞</translation>
    </message>
    <message>
        <source>RESYNCING</source>
        <translation>再同期中</translation>
    </message>
    <message>
        <source>CONNECTING</source>
        <translation>接続中</translation>
    </message>
    <message>
        <source>RECONNECTING</source>
        <translation>再接続中</translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation>障害</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>オフライン</translation>
    </message>
</context>
<context>
    <name>tapescope::FimlDriver</name>
    <message>
        <source>FIML&apos;s update interval must be %1 to %2 ms, not %3</source>
        <translation>FIML の更新間隔は %1～%2 ms にしてください（%3 は不可）</translation>
    </message>
</context>
<context>
    <name>tapescope::KalshiDriver</name>
    <message>
        <source>Demo member</source>
        <translation>デモ会員</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API キー</translation>
    </message>
    <message>
        <source>name the Kalshi account (the API key identifies it; the name is only shown)</source>
        <translation>Kalshi 口座の名前（口座は API キーで識別され、名前は表示用です）</translation>
    </message>
</context>
<context>
    <name>tapescope::MarketHub</name>
    <message>
        <source>candle history %1 %2: %3</source>
        <translation>ローソク足履歴 %1 %2: %3</translation>
    </message>
    <message>
        <source>price not representable at the book&apos;s scale</source>
        <translation>板の価格刻みでは表せない価格</translation>
    </message>
</context>
<context>
    <name>tapescope::MarketSession</name>
    <message>
        <source>no venue is enabled</source>
        <translation>有効な取引所がありません</translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet</source>
        <translation>%1 はこのバージョンの Tapescope にはまだ組み込まれていません</translation>
    </message>
    <message>
        <source>%1 (recording)</source>
        <translation>%1 (記録)</translation>
    </message>
    <message>
        <source>Recorded account</source>
        <translation>記録された口座</translation>
    </message>
    <message>
        <source>cannot create the sessions folder %1</source>
        <translation>セッションのフォルダー %1 を作成できません</translation>
    </message>
    <message>
        <source>a recording is playing: go back to live to record</source>
        <translation>記録を再生中です: 記録するにはライブに戻ってください</translation>
    </message>
    <message>
        <source>no venue is running</source>
        <translation>稼働中の取引所がありません</translation>
    </message>
    <message>
        <source>%1 limit reached</source>
        <translation>%1 の上限に達しました</translation>
    </message>
    <message>
        <source>%1-minute limit reached</source>
        <translation>%1 分の上限に達しました</translation>
    </message>
    <message>
        <source>%1-second limit reached</source>
        <translation>%1 秒の上限に達しました</translation>
    </message>
    <message>
        <source>%1 account %2</source>
        <translation>%1 アカウント %2</translation>
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
        <translation> pt</translation>
    </message>
    <message>
        <source>ddd d MMM HH:mm</source>
        <extracomment>QDateTime format of a game&apos;s kickoff (ddd = weekday, MMM = month): &quot;Sat 5 Sep 00:20&quot;</extracomment>
        <translation>M月d日(ddd) HH:mm</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <extracomment>QDate format of a game&apos;s day when the venue sent no time: &quot;Sat 5 Sep&quot;</extracomment>
        <translation>M月d日(ddd)</translation>
    </message>
    <message>
        <source>CREATED</source>
        <translation>作成済み</translation>
    </message>
    <message>
        <source>OPEN</source>
        <translation>取引中</translation>
    </message>
    <message>
        <source>PAUSED</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>CLOSED</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>DETERMINED</source>
        <translation>確定</translation>
    </message>
    <message>
        <source>SETTLED</source>
        <translation>精算済み</translation>
    </message>
    <message>
        <source>UNKNOWN</source>
        <translation>不明</translation>
    </message>
</context>
<context>
    <name>tapescope::NflTeamPosition</name>
    <message>
        <source> NO</source>
        <translation> NO</translation>
    </message>
    <message>
        <source> YES</source>
        <translation> YES</translation>
    </message>
</context>
<context>
    <name>tapescope::O2Driver</name>
    <message>
        <source>o2 environment &apos;%1&apos;: use mainnet, testnet, devnet or custom</source>
        <translation>O2 の環境「%1」: mainnet、testnet、devnet、custom のいずれかを指定してください</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an O2 trade account: %2</source>
        <translation>「%1」は O2 の取引口座ではありません: %2</translation>
    </message>
    <message>
        <source>Demo trade account</source>
        <translation>デモ取引口座</translation>
    </message>
</context>
<context>
    <name>tapescope::RecordingControl</name>
    <message>
        <source>REC stopped: %1</source>
        <translation>REC 停止: %1</translation>
    </message>
    <message>
        <source>%1 stopped: %2</source>
        <translation>%1 停止: %2</translation>
    </message>
</context>
<context>
    <name>tapescope::SettingsController</name>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>Saved, but %1 could not start: %2</source>
        <translation>保存しましたが、%1 を起動できませんでした: %2</translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet.</source>
        <translation>%1 はこのバージョンの Tapescope にはまだ組み込まれていません。</translation>
    </message>
</context>
<context>
    <name>tapescope::settingsValidation</name>
    <message>
        <source>%1 needs between %2 and %3 symbols; %4 given.</source>
        <translation>%1 には %2～%3 個の銘柄が必要です（指定: %4 個）。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a %2 symbol; symbols look like %3.</source>
        <translation>「%1」は %2 の銘柄ではありません。銘柄の形式: %3。</translation>
    </message>
    <message>
        <source>The %1 watchlist names a symbol twice.</source>
        <translation>%1 のウォッチリストに同じ銘柄が重複しています。</translation>
    </message>
    <message>
        <source>%1 needs an API key id to connect.</source>
        <translation>%1 に接続するには API キー ID が必要です。</translation>
    </message>
    <message>
        <source>The API key id contains spaces; paste it again without them.</source>
        <translation>API キー ID に空白が含まれています。空白なしで貼り付け直してください。</translation>
    </message>
    <message>
        <source>%1 needs the secret key that belongs to the key id.</source>
        <translation>%1 にはキー ID に対応するシークレットキーが必要です。</translation>
    </message>
    <message>
        <source>Enter the URL of the server, e.g. wss://example.com/ws.</source>
        <translation>サーバーの URL を入力してください（例: wss://example.com/ws）。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid URL: %2</source>
        <translation>「%1」は有効な URL ではありません: %2</translation>
    </message>
    <message>
        <source>The URL must start with ws://, wss://, http:// or https://, not &apos;%1&apos;.</source>
        <translation>URL は ws://、wss://、http://、https:// のいずれかで始まる必要があります（「%1」は不可）。</translation>
    </message>
    <message>
        <source>The URL &apos;%1&apos; has no host name.</source>
        <translation>URL「%1」にホスト名がありません。</translation>
    </message>
    <message>
        <source>Choose the private key file (.pem / .key) you downloaded when you created the API key.</source>
        <translation>API キー作成時にダウンロードした秘密鍵ファイル (.pem / .key) を選択してください。</translation>
    </message>
    <message>
        <source>The key file %1 does not exist.</source>
        <translation>鍵ファイル %1 が存在しません。</translation>
    </message>
    <message>
        <source>The key file %1 cannot be read; check its permissions.</source>
        <translation>鍵ファイル %1 を読み込めません。アクセス権を確認してください。</translation>
    </message>
    <message>
        <source>%1 is too large to be a private key file.</source>
        <translation>%1 は秘密鍵ファイルとしては大きすぎます。</translation>
    </message>
    <message>
        <source>The key file %1 cannot be opened: %2</source>
        <translation>鍵ファイル %1 を開けません: %2</translation>
    </message>
    <message>
        <source>%1 is not a PEM private key: it should start with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----.</source>
        <translation>%1 は PEM 形式の秘密鍵ではありません: -----BEGIN PRIVATE KEY----- または -----BEGIN RSA PRIVATE KEY----- で始まる必要があります。</translation>
    </message>
    <message>
        <source>%1 could not be loaded as an RSA private key: %2</source>
        <translation>%1 を RSA 秘密鍵として読み込めませんでした: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a venue Tapescope knows.</source>
        <translation>「%1」は Tapescope が認識する取引所ではありません。</translation>
    </message>
    <message>
        <source>%1 environment &apos;%2&apos; is unknown; choose %3.</source>
        <translation>%1 の環境「%2」は不明です。%3 から選んでください。</translation>
    </message>
    <message>
        <source>The update interval must be between %1 and %2 ms; %3 was given.</source>
        <translation>更新間隔は %1～%2 ms にしてください（指定: %3）。</translation>
    </message>
    <message>
        <source>%1 has no account data in Tapescope.</source>
        <translation>%1 の口座データは Tapescope では利用できません。</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 はすでにリストにあります。</translation>
    </message>
    <message>
        <source>The theme must be dark or light, not &apos;%1&apos;.</source>
        <translation>テーマは dark または light にしてください（「%1」は不可）。</translation>
    </message>
    <message>
        <source>The update rate must be between %1 and %2 per second; %3 was given.</source>
        <translation>更新頻度は毎秒 %1～%2 回にしてください（指定: %3）。</translation>
    </message>
    <message>
        <source>No translation for &apos;%1&apos;; choose one of %2.</source>
        <translation>「%1」の翻訳はありません。%2 から選んでください。</translation>
    </message>
    <message>
        <source>The sessions folder must be a full path, e.g. %1; &apos;%2&apos; is not.</source>
        <translation>セッションのフォルダーは完全なパスにしてください (例: %1)。&apos;%2&apos; は違います。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a file, not a folder: choose a folder for the recordings.</source>
        <translation>&apos;%1&apos; はファイルでフォルダーではありません: 記録用のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Size limit: &apos;%1&apos; is not a number; enter whole megabytes, 0 for no limit.</source>
        <translation>サイズ上限: &apos;%1&apos; は数値ではありません。整数のメガバイトを入力してください (0 で上限なし)。</translation>
    </message>
    <message>
        <source>Time limit: &apos;%1&apos; is not a number; enter whole minutes, 0 for no limit.</source>
        <translation>時間上限: &apos;%1&apos; は数値ではありません。整数の分を入力してください (0 で上限なし)。</translation>
    </message>
    <message>
        <source>Size limit: the size cannot be negative (%1 MB); enter 0 for no limit.</source>
        <translation>サイズ上限: サイズは負にできません (%1 MB)。上限なしは 0 を入力してください。</translation>
    </message>
    <message>
        <source>Time limit: the time cannot be negative (%1 minutes); enter 0 for no limit.</source>
        <translation>時間上限: 時間は負にできません (%1 分)。上限なしは 0 を入力してください。</translation>
    </message>
    <message>
        <source>Size limit: at most %1 MB (1 TB) per file; %2 was given. Enter 0 for no limit.</source>
        <translation>サイズ上限: 1 ファイルあたり最大 %1 MB (1 TB) です。%2 が指定されました。上限なしは 0 を入力してください。</translation>
    </message>
    <message>
        <source>Time limit: at most %1 minutes (30 days); %2 was given. Enter 0 for no limit.</source>
        <translation>時間上限: 最大 %1 分 (30 日) です。%2 が指定されました。上限なしは 0 を入力してください。</translation>
    </message>
    <message>
        <source>At most %1 %2 accounts can be followed: the venue accepts %3 connections from one computer, one for the market data and one for each account. Remove one first.</source>
        <translation>フォローできる %2 のアカウントは最大 %1 件です。この取引所が 1 台のコンピューターから受け付ける接続は %3 本で、市場データに 1 本、アカウントごとに 1 本を使います。先に 1 件削除してください。</translation>
    </message>
</context>
</TS>
