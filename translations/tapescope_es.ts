<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AccountList</name>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>No account yet: add an address to see its orders, fills and positions.</source>
        <translation>Aún no hay cuentas: añada una dirección para ver sus órdenes, ejecuciones y posiciones.</translation>
    </message>
    <message>
        <source>0x… address</source>
        <translation>Dirección 0x…</translation>
    </message>
    <message>
        <source>Label (optional)</source>
        <translation>Etiqueta (opcional)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
</context>
<context>
    <name>AccountPanel</name>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>Patrimonio</translation>
    </message>
    <message>
        <source>Margin used</source>
        <translation>Margen usado</translation>
    </message>
    <message>
        <source>Withdrawable</source>
        <translation>Retirable</translation>
    </message>
    <message>
        <source>Unrealized P&amp;L</source>
        <translation>G/P no realizada</translation>
    </message>
    <message>
        <source>Positions (%1)</source>
        <translation>Posiciones (%1)</translation>
    </message>
    <message>
        <source>Open orders (%1)</source>
        <translation>Órdenes (%1)</translation>
    </message>
    <message>
        <source>Fills</source>
        <translation>Ejecuciones</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>Saldos</translation>
    </message>
    <message>
        <source>Funding &amp; ledger</source>
        <translation>Funding y movim.</translation>
    </message>
    <message>
        <source>No open positions</source>
        <translation>No hay posiciones abiertas</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Símbolo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Marca</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Unreal. P&amp;L</source>
        <translation>G/P no real.</translation>
    </message>
    <message>
        <source>Lev.</source>
        <translation>Apal.</translation>
    </message>
    <message>
        <source>No open orders</source>
        <translation>No hay órdenes abiertas</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Lado</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>Ejec.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>No fills yet</source>
        <translation>Aún no hay ejecuciones</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Comisión</translation>
    </message>
    <message>
        <source>Closed P&amp;L</source>
        <translation>G/P cerrada</translation>
    </message>
    <message>
        <source>No balances</source>
        <translation>No hay saldos</translation>
    </message>
    <message>
        <source>Asset</source>
        <translation>Activo</translation>
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
        <translation>En órdenes</translation>
    </message>
    <message>
        <source>No funding payments</source>
        <translation>No hay pagos de funding</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Funding</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Tasa</translation>
    </message>
    <message>
        <source>No deposits, withdrawals or transfers</source>
        <translation>No hay depósitos, retiros ni transferencias</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Movimientos</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Tx</source>
        <translation>Tx</translation>
    </message>
    <message>
        <source>No account configured. Add a Hyperliquid address in Settings to follow its orders, fills and positions.</source>
        <translation>No hay ninguna cuenta configurada. Añada una dirección de Hyperliquid en Ajustes para seguir sus órdenes, ejecuciones y posiciones.</translation>
    </message>
    <message>
        <source>Liq.</source>
        <comment>liquidation price (Positions column)</comment>
        <translation>P. liq.</translation>
    </message>
    <message>
        <source>Liq.</source>
        <comment>liquidity: maker or taker (Fills column)</comment>
        <translation>Rol</translation>
    </message>
    <message>
        <source>This recording holds no account feed: its orders, fills and positions were not recorded.</source>
        <translation>Esta grabación no contiene ningún flujo de cuenta: sus órdenes, ejecuciones y posiciones no se grabaron.</translation>
    </message>
</context>
<context>
    <name>CandleChartPanel</name>
    <message>
        <source>Chart · %1</source>
        <translation>Gráfico · %1</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Gráfico</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Loading candles…</source>
        <translation>Cargando velas…</translation>
    </message>
    <message>
        <source>No candles in this recording</source>
        <translation>No hay velas en esta grabación</translation>
    </message>
</context>
<context>
    <name>DisplayPage</name>
    <message>
        <source>Saved and applied.</source>
        <translation>Guardado y aplicado.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Updates per second</source>
        <translation>Actualizaciones por segundo</translation>
    </message>
    <message>
        <source>1–240; lower saves CPU</source>
        <translation>1–240; menos ahorra CPU</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Sessions folder</source>
        <translation>Carpeta de sesiones</translation>
    </message>
    <message>
        <source>Where REC writes recordings (one file per venue). Empty: the folder shown.</source>
        <translation>Dónde REC escribe las grabaciones (un archivo por mercado). Vacío: la carpeta mostrada.</translation>
    </message>
    <message>
        <source>Size limit</source>
        <translation>Límite de tamaño</translation>
    </message>
    <message>
        <source>MB per venue file: REC stops there. 0: no limit</source>
        <translation>MB por archivo de mercado: REC se detiene ahí. 0: sin límite</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Límite de tiempo</translation>
    </message>
    <message>
        <source>minutes: REC stops after them. 0: no limit</source>
        <translation>minutos: después REC se detiene. 0: sin límite</translation>
    </message>
</context>
<context>
    <name>FeedBadge</name>
    <message>
        <source>CONNECTING</source>
        <translation>CONECTANDO</translation>
    </message>
    <message>
        <source>REPLAY %1</source>
        <translation>REPRODUCCIÓN %1</translation>
    </message>
    <message>
        <source>REPLAY · %1</source>
        <translation>REPRODUCCIÓN · %1</translation>
    </message>
</context>
<context>
    <name>FeedReasonText</name>
    <message>
        <source>%1, next attempt in %2</source>
        <translation>%1, próximo intento en %2</translation>
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
        <translation>conectando con %1 (intento %2)</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>conexión perdida</translation>
    </message>
    <message>
        <source>closed by venue</source>
        <translation>cerrada por la plataforma</translation>
    </message>
    <message>
        <source>closed by venue (code %1: %2)</source>
        <translation>cerrada por la plataforma (código %1: %2)</translation>
    </message>
    <message>
        <source>connect timed out after %1</source>
        <translation>tiempo de conexión agotado tras %1</translation>
    </message>
    <message>
        <source>silent for %1</source>
        <translation>en silencio desde hace %1</translation>
    </message>
    <message>
        <source>no data for %1</source>
        <translation>sin datos desde hace %1</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>cerrada</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenida</translation>
    </message>
    <message>
        <source>loading markets from %1</source>
        <translation>cargando mercados de %1</translation>
    </message>
    <message>
        <source>markets request failed: %1</source>
        <translation>falló la solicitud de mercados: %1</translation>
    </message>
    <message>
        <source>loading account %1</source>
        <translation>cargando la cuenta %1</translation>
    </message>
    <message>
        <source>account request failed: %1</source>
        <translation>falló la solicitud de la cuenta: %1</translation>
    </message>
    <message>
        <source>connected, waiting for %1&apos;s welcome</source>
        <translation>conectado, esperando el saludo de %1</translation>
    </message>
    <message>
        <source>signing in</source>
        <translation>iniciando sesión</translation>
    </message>
    <message>
        <source>subscribing</source>
        <translation>suscribiendo</translation>
    </message>
    <message>
        <source>signing in with new credentials</source>
        <translation>iniciando sesión con nuevas credenciales</translation>
    </message>
    <message>
        <source>no %1 API key: add one in Settings or set %2 and %3</source>
        <translation>sin clave API de %1: añada una en Ajustes o defina %2 y %3</translation>
    </message>
    <message>
        <source>the %1 API key id is missing</source>
        <translation>falta el ID de clave API de %1</translation>
    </message>
    <message>
        <source>the %1 private key cannot be used: %2</source>
        <translation>la clave privada de %1 no se puede usar: %2</translation>
    </message>
    <message>
        <source>%1 refused the API key (HTTP 401): check the key id, the private key and the computer&apos;s clock; not retrying</source>
        <translation>%1 rechazó la clave API (HTTP 401): compruebe el ID de clave, la clave privada y el reloj del equipo; sin reintentos</translation>
    </message>
    <message>
        <source>%1 refused the connection (HTTP 401): no API key is configured; not retrying</source>
        <translation>%1 rechazó la conexión (HTTP 401): no hay ninguna clave API configurada; sin reintentos</translation>
    </message>
    <message>
        <source>last venue error: %1</source>
        <translation>último error de la plataforma: %1</translation>
    </message>
    <message>
        <source>%1 did not answer a request for %2; starting the session over</source>
        <translation>%1 no respondió a una solicitud en %2; reiniciando la sesión</translation>
    </message>
    <message>
        <source>%1 replies out of order; resubscribing</source>
        <translation>%1 responde fuera de orden; volviendo a suscribir</translation>
    </message>
    <message numerus="yes">
        <source>rebuilding %n order book(s) after the reconnect</source>
        <translation>
            <numerusform>reconstruyendo %n libro de órdenes tras la reconexión</numerusform>
            <numerusform>reconstruyendo %n libros de órdenes tras la reconexión</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>resyncing %n order book(s): %1</source>
        <translation>
            <numerusform>resincronizando %n libro de órdenes: %1</numerusform>
            <numerusform>resincronizando %n libros de órdenes: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>subscribing the order books again: %1</source>
        <translation>volviendo a suscribir los libros de órdenes: %1</translation>
    </message>
    <message>
        <source>subscription %1 ended by the venue; subscribing again</source>
        <translation>la plataforma terminó la suscripción %1; volviendo a suscribir</translation>
    </message>
    <message>
        <source>order books did not resync; reconnecting</source>
        <translation>los libros de órdenes no se resincronizaron; reconectando</translation>
    </message>
    <message numerus="yes">
        <source>rebuilding %n book(s) from a new depth snapshot: %1</source>
        <translation>
            <numerusform>reconstruyendo %n libro desde un nuevo snapshot de profundidad: %1</numerusform>
            <numerusform>reconstruyendo %n libros desde un nuevo snapshot de profundidad: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>sequence gap on subscription %1</source>
        <translation>salto de secuencia en la suscripción %1</translation>
    </message>
    <message>
        <source>inconsistent delta for %1</source>
        <translation>delta incoherente para %1</translation>
    </message>
    <message>
        <source>get_snapshot was refused</source>
        <translation>get_snapshot fue rechazado</translation>
    </message>
    <message>
        <source>no snapshot came after get_snapshot</source>
        <translation>no llegó ningún snapshot tras get_snapshot</translation>
    </message>
    <message>
        <source>the server answered %1 instead of a WebSocket upgrade</source>
        <translation>el servidor respondió %1 en lugar de una actualización a WebSocket</translation>
    </message>
    <message>
        <source>connection refused by %1 (nothing accepts connections there)</source>
        <translation>conexión rechazada por %1 (nada acepta conexiones allí)</translation>
    </message>
    <message>
        <source>host not found: %1</source>
        <translation>host no encontrado: %1</translation>
    </message>
    <message>
        <source>the network timed out reaching %1</source>
        <translation>la red agotó el tiempo al intentar llegar a %1</translation>
    </message>
    <message>
        <source>%1 closed the connection</source>
        <translation>%1 cerró la conexión</translation>
    </message>
    <message>
        <source>network error reaching %1: %2</source>
        <translation>error de red al llegar a %1: %2</translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2</source>
        <translation>falló el protocolo de enlace TLS con %1: %2</translation>
    </message>
    <message>
        <source>the TLS certificate of %1 is not trusted: %2</source>
        <translation>el certificado TLS de %1 no es de confianza: %2</translation>
    </message>
    <message>
        <source>the proxy failed: %1</source>
        <translation>el proxy falló: %1</translation>
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
        <translation>Mercados</translation>
    </message>
    <message>
        <source>NFL</source>
        <translation>NFL</translation>
    </message>
    <message>
        <source>Mid %1</source>
        <translation>Medio %1</translation>
    </message>
    <message>
        <source>Bid %1</source>
        <translation>Compra %1</translation>
    </message>
    <message>
        <source>Ask %1</source>
        <translation>Venta %1</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>DEMO · simulated market</source>
        <translation>DEMO · mercado simulado</translation>
    </message>
    <message>
        <source>Open recording…</source>
        <translation>Abrir grabación…</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Detener la grabación</translation>
    </message>
    <message>
        <source>● REC</source>
        <translation>● REC</translation>
    </message>
    <message>
        <source>Recording into %1</source>
        <translation>Grabando en %1</translation>
    </message>
    <message>
        <source>Record every venue&apos;s feed into %1</source>
        <translation>Grabar el flujo de cada mercado en %1</translation>
    </message>
</context>
<context>
    <name>LadderPanel</name>
    <message>
        <source>Order book</source>
        <translation>Libro de órdenes</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Agrupar</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Bid</source>
        <translation>Compra</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Venta</translation>
    </message>
    <message>
        <source>Spread %1   Mid %2</source>
        <translation>Spread %1   Medio %2</translation>
    </message>
    <message>
        <source>Waiting for the book…</source>
        <translation>Esperando el libro…</translation>
    </message>
    <message>
        <source>This venue sends no order book for it</source>
        <translation>Esta plataforma no envía su libro de órdenes</translation>
    </message>
    <message>
        <source>Book failed its check, showing the last good one: %1</source>
        <translation>El libro no pasó la verificación; se muestra el último válido: %1</translation>
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
        <translation>Abrir grabación</translation>
    </message>
    <message>
        <source>Tapescope recordings (*.tape)</source>
        <translation>Grabaciones de Tapescope (*.tape)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Cannot play this recording</source>
        <translation>No se puede reproducir esta grabación</translation>
    </message>
</context>
<context>
    <name>NflGameRow</name>
    <message>
        <source>%1 at %2</source>
        <translation>%1 en %2</translation>
    </message>
    <message>
        <source>POS</source>
        <translation>POS</translation>
    </message>
    <message>
        <source>FINAL · %1 won</source>
        <translation>FINAL · ganó %1</translation>
    </message>
    <message>
        <source>FINAL · tie</source>
        <translation>FINAL · empate</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>no price yet</source>
        <translation>sin precio aún</translation>
    </message>
    <message>
        <source>over %1</source>
        <translation>margen %1</translation>
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
        <translation>Partidos NFL</translation>
    </message>
    <message>
        <source>Kalshi is not running. Enable it in Settings to follow NFL games.</source>
        <translation>Kalshi no está activo. Actívelo en Ajustes para seguir los partidos de la NFL.</translation>
    </message>
    <message>
        <source>Looking for open NFL games…</source>
        <translation>Buscando partidos de la NFL abiertos…</translation>
    </message>
</context>
<context>
    <name>NflPositionPanel</name>
    <message>
        <source>Your position · settled</source>
        <translation>Su posición · liquidada</translation>
    </message>
    <message>
        <source>Your position</source>
        <translation>Su posición</translation>
    </message>
    <message>
        <source>No position in this game</source>
        <translation>Sin posición en este partido</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Contratos</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coste</translation>
    </message>
    <message>
        <source>Settled at</source>
        <translation>Liquidado a</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>P&amp;L</source>
        <translation>G/P</translation>
    </message>
    <message>
        <source>Realized</source>
        <translation>Realizada</translation>
    </message>
    <message>
        <source>If %1 wins: pays %2</source>
        <translation>Si gana %1: paga %2</translation>
    </message>
</context>
<context>
    <name>NflProbabilityChart</name>
    <message>
        <source>Win probability · %1 at %2</source>
        <translation>Probabilidad de victoria · %1 en %2</translation>
    </message>
    <message>
        <source>Win probability</source>
        <translation>Probabilidad de victoria</translation>
    </message>
    <message>
        <source>Waiting for prices…</source>
        <translation>Esperando precios…</translation>
    </message>
    <message>
        <source>Select a game</source>
        <translation>Seleccione un partido</translation>
    </message>
</context>
<context>
    <name>NflView</name>
    <message>
        <source>%1 YES</source>
        <translation>%1 SÍ</translation>
    </message>
    <message>
        <source>Away YES</source>
        <translation>Visitante SÍ</translation>
    </message>
    <message>
        <source>Home YES</source>
        <translation>Local SÍ</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Tapescope could not connect to any venue: %1</source>
        <translation>Tapescope no pudo conectarse a ninguna plataforma: %1</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Pantalla</translation>
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
        <translation>hace %1 ms</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>aún sin datos</translation>
    </message>
    <message>
        <source>reconnects %1</source>
        <translation>reconexiones %1</translation>
    </message>
    <message>
        <source>errors %1: %2</source>
        <translation>errores %1: %2</translation>
    </message>
    <message>
        <source>Tapescope %1</source>
        <translation>Tapescope %1</translation>
    </message>
    <message>
        <source>last message from %1 received %2 ms ago</source>
        <translation>último mensaje de %1 recibido hace %2 ms</translation>
    </message>
    <message>
        <source>REPLAY</source>
        <translation>REPRODUCCIÓN</translation>
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
        <translation>sin grabación: %1</translation>
    </message>
</context>
<context>
    <name>TradeTapePanel</name>
    <message>
        <source>Trades</source>
        <translation>Operaciones</translation>
    </message>
    <message>
        <source>Min size</source>
        <translation>Tam. mín.</translation>
    </message>
    <message>
        <source>any</source>
        <translation>todas</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>No trades yet</source>
        <translation>Aún no hay operaciones</translation>
    </message>
    <message>
        <source>This venue sends no trades for it</source>
        <translation>Esta plataforma no envía sus operaciones</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>REPLAY</source>
        <translation>REPRODUCCIÓN</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
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
        <translation>máx.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 · ended</source>
        <translation>%1 · terminada</translation>
    </message>
    <message>
        <source>damaged: played what is intact</source>
        <translation>dañada: se reprodujo lo intacto</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>Volver al directo</translation>
    </message>
</context>
<context>
    <name>VenueDriver</name>
    <message>
        <source>%1 has no account data in Tapescope</source>
        <translation>%1 no tiene datos de cuenta en Tapescope</translation>
    </message>
    <message>
        <source>the %1 demo market could not open a loopback port</source>
        <translation>el mercado demo de %1 no pudo abrir un puerto de loopback</translation>
    </message>
    <message>
        <source>%1 (demo)</source>
        <translation>%1 (demo)</translation>
    </message>
    <message>
        <source>hyperliquid environment &apos;%1&apos;: use mainnet, testnet or custom</source>
        <translation>entorno de Hyperliquid &apos;%1&apos;: use mainnet, testnet o custom</translation>
    </message>
    <message>
        <source>Demo trader</source>
        <translation>Trader demo</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a Hyperliquid address: %2</source>
        <translation>&apos;%1&apos; no es una dirección de Hyperliquid: %2</translation>
    </message>
</context>
<context>
    <name>VenuePage</name>
    <message>
        <source>Saved and applied: %1 restarted with these settings.</source>
        <translation>Guardado y aplicado: %1 se reinició con estos ajustes.</translation>
    </message>
    <message>
        <source>Saved: %1 is off.</source>
        <translation>Guardado: %1 está desactivado.</translation>
    </message>
    <message>
        <source>Applied for this session only: the keychain did not store the credentials, so they are gone when Tapescope quits. %1</source>
        <translation>Aplicado solo para esta sesión: el llavero no guardó las credenciales, así que se perderán al cerrar Tapescope. %1</translation>
    </message>
    <message>
        <source>Kalshi private key</source>
        <translation>Clave privada de Kalshi</translation>
    </message>
    <message>
        <source>Private keys (*.pem *.key *.txt)</source>
        <translation>Claves privadas (*.pem *.key *.txt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet: its settings are kept for when it is.</source>
        <translation>%1 aún no está incluido en esta versión de Tapescope: sus ajustes se conservan para cuando lo esté.</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Activado</translation>
    </message>
    <message>
        <source>Connect to %1</source>
        <translation>Conectar con %1</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>URL del servidor</translation>
    </message>
    <message>
        <source>wss://host:port/path</source>
        <translation>wss://host:puerto/ruta</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>Mercados</translation>
    </message>
    <message>
        <source>Watchlist</source>
        <translation>Lista de seguimiento</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>p. ej. %1</translation>
    </message>
    <message>
        <source>Update interval (ms)</source>
        <translation>Intervalo de actualización (ms)</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Cuentas</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Credenciales</translation>
    </message>
    <message>
        <source>In use from the environment (%1); the fields below are ignored.</source>
        <translation>En uso desde las variables de entorno (%1); los campos de abajo se ignoran.</translation>
    </message>
    <message>
        <source>Stored in the system keychain.</source>
        <translation>Guardadas en el llavero del sistema.</translation>
    </message>
    <message>
        <source>Stored in the system keychain only, never in the settings file. %1 override it.</source>
        <translation>Se guardan solo en el llavero del sistema, nunca en el archivo de ajustes. %1 tienen prioridad.</translation>
    </message>
    <message>
        <source>API key id</source>
        <translation>ID de clave API</translation>
    </message>
    <message>
        <source>a952bcbe-…</source>
        <translation>a952bcbe-…</translation>
    </message>
    <message>
        <source>Secret key</source>
        <translation>Clave secreta</translation>
    </message>
    <message>
        <source>stored — type to replace</source>
        <translation>guardada — escriba para reemplazarla</translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation>Archivo de clave privada</translation>
    </message>
    <message>
        <source>kalshi-key.pem (PKCS#1 or PKCS#8)</source>
        <translation>kalshi-key.pem (PKCS#1 o PKCS#8)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
</context>
<context>
    <name>WatchlistPanel</name>
    <message>
        <source>Watchlist</source>
        <translation>Lista de seguimiento</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Símbolo</translation>
    </message>
    <message>
        <source>Mid</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>24h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>Fund/Src</source>
        <translation>Fund./Fte.</translation>
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
        <translation>Libros de órdenes, operaciones y velas en vivo.</translation>
    </message>
    <message>
        <source>Render the main window to a PNG and exit.</source>
        <translation>Renderizar la ventana principal en un PNG y salir.</translation>
    </message>
    <message>
        <source>Wait this long before the screenshot.</source>
        <translation>Esperar este tiempo antes de la captura de pantalla.</translation>
    </message>
    <message>
        <source>Load the UI, wait for live data, exit 0 on success.</source>
        <translation>Cargar la interfaz, esperar datos en vivo y salir con 0 si todo va bien.</translation>
    </message>
    <message>
        <source>Use the built-in simulated market.</source>
        <translation>Usar el mercado simulado integrado.</translation>
    </message>
    <message>
        <source>Connect to Hyperliquid: mainnet, testnet or a URL.</source>
        <translation>Conectar con Hyperliquid: mainnet, testnet o una URL.</translation>
    </message>
    <message>
        <source>Write frame rate, ladder updates, CPU, memory and start-up time as JSON at exit.</source>
        <translation>Al salir, escribir como JSON la tasa de fotogramas, las actualizaciones del libro, la CPU, la memoria y el tiempo de arranque.</translation>
    </message>
    <message>
        <source>Quit after this many milliseconds.</source>
        <translation>Salir tras esta cantidad de milisegundos.</translation>
    </message>
    <message>
        <source>Open on this view: markets, nfl or settings.</source>
        <translation>Abrir en esta vista: markets, nfl o settings.</translation>
    </message>
    <message>
        <source>Open on this instrument: venue:symbol, e.g. hyperliquid:ETH, alpaca:AAPL, o2:fFUEL/fUSDC.</source>
        <translation>Abrir en este instrumento: venue:symbol, p. ej. hyperliquid:ETH, alpaca:AAPL, o2:fFUEL/fUSDC.</translation>
    </message>
    <message>
        <source>Play a recording (tapescope-cli record) instead of the live venues.</source>
        <translation>Reproducir una grabación (tapescope-cli record) en lugar de los mercados en directo.</translation>
    </message>
    <message>
        <source>How fast to play the recording: 1 (as recorded), N times faster, or max.</source>
        <translation>Velocidad de reproducción: 1 (como se grabó), N veces más rápido o max.</translation>
    </message>
    <message>
        <source>Record every venue&apos;s feed into the sessions folder from the start.</source>
        <translation>Grabar desde el inicio el flujo de cada mercado en la carpeta de sesiones.</translation>
    </message>
</context>
<context>
    <name>tapescope</name>
    <message>
        <source>the Kalshi key file %1 cannot be read: %2</source>
        <translation>no se puede leer el archivo de clave de Kalshi %1: %2</translation>
    </message>
    <message>
        <source>Kalshi needs an API key id and its private key file (Settings → Kalshi, or KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH)</source>
        <translation>Kalshi necesita un ID de clave API y su archivo de clave privada (Ajustes → Kalshi, o KALSHI_API_KEY_ID y KALSHI_PRIVATE_KEY_PATH)</translation>
    </message>
</context>
<context>
    <name>tapescope::AccountBook</name>
    <message>
        <source>All accounts</source>
        <translation>Todas las cuentas</translation>
    </message>
</context>
<context>
    <name>tapescope::AccountTableModel</name>
    <message>
        <source>buy</source>
        <translation>compra</translation>
    </message>
    <message>
        <source>sell</source>
        <translation>venta</translation>
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
        <translation>largo</translation>
    </message>
    <message>
        <source>short</source>
        <translation>corto</translation>
    </message>
</context>
<context>
    <name>tapescope::AlpacaDriver</name>
    <message>
        <source>the Alpaca URL %1 names no feed: its path must end in /v2/iex, /v2/sip, /v2/delayed_sip, /v2/test or /v1beta3/crypto/us</source>
        <translation>la URL de Alpaca %1 no indica ningún feed: su ruta debe terminar en /v2/iex, /v2/sip, /v2/delayed_sip, /v2/test o /v1beta3/crypto/us</translation>
    </message>
    <message>
        <source>alpaca feed &apos;%1&apos;: use iex, sip, delayed_sip, test, crypto or custom</source>
        <translation>feed de Alpaca &apos;%1&apos;: use iex, sip, delayed_sip, test, crypto o custom</translation>
    </message>
    <message>
        <source>Alpaca needs an API key id and secret key (Settings → Alpaca, or ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY)</source>
        <translation>Alpaca necesita un ID de clave API y una clave secreta (Ajustes → Alpaca, o ALPACA_API_KEY_ID y ALPACA_API_SECRET_KEY)</translation>
    </message>
    <message>
        <source>Paper account</source>
        <translation>Cuenta simulada</translation>
    </message>
    <message>
        <source>name the Alpaca account (the API keys identify it; the name is only shown)</source>
        <translation>ponga nombre a la cuenta de Alpaca (las claves API la identifican; el nombre solo se muestra)</translation>
    </message>
    <message>
        <source>Demo paper account</source>
        <translation>Cuenta simulada demo</translation>
    </message>
</context>
<context>
    <name>tapescope::ConnectionTester</name>
    <message>
        <source>No answer from %1 within %2 s; check the URL and your network.</source>
        <translation>Sin respuesta de %1 en %2 s; compruebe la URL y su red.</translation>
    </message>
    <message>
        <source>%1 answered: %2</source>
        <translation>%1 respondió: %2</translation>
    </message>
    <message>
        <source>Connected: %1 accepted the connection in %2 ms.</source>
        <translation>Conectado: %1 aceptó la conexión en %2 ms.</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>Rechazado por %1: %2</translation>
    </message>
</context>
<context>
    <name>tapescope::CredentialStore</name>
    <message>
        <source>%1 is set but %2 is not; set both or neither</source>
        <translation>%1 está definida pero %2 no; defina ambas o ninguna</translation>
    </message>
    <message>
        <source>, or use the environment variables %1</source>
        <translation>, o use las variables de entorno %1</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>The Windows Credential Manager is not available%1.</source>
        <translation>El Administrador de credenciales de Windows no está disponible%1.</translation>
    </message>
    <message>
        <source>The macOS Keychain is not available: unlock the login keychain%1.</source>
        <translation>El Llavero de macOS no está disponible: desbloquee el llavero de inicio de sesión%1.</translation>
    </message>
    <message>
        <source>No Secret Service is running: install and unlock gnome-keyring or KWallet%1.</source>
        <translation>No hay ningún Secret Service en ejecución: instale y desbloquee gnome-keyring o KWallet%1.</translation>
    </message>
    <message>
        <source>The keychain entry for %1 is damaged; enter the credentials again.</source>
        <translation>La entrada del llavero para %1 está dañada; vuelva a introducir las credenciales.</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>El llavero denegó el acceso: %1</translation>
    </message>
    <message>
        <source>The keychain failed: %1</source>
        <translation>Error del llavero: %1</translation>
    </message>
    <message>
        <source>The keychain did not answer within %1 s (is it locked, or not running?)</source>
        <translation>El llavero no respondió en %1 s (¿está bloqueado o no se está ejecutando?)</translation>
    </message>
</context>
<context>
    <name>tapescope::FeedStatusModel</name>
    <message>
        <source>LIVE</source>
        <translation>VIVO</translation>
    </message>
    <message>
        <source>STALE</source>
        <translation>OBSOLETO</translation>
    </message>
    <message>
        <source>RESYNCING</source>
        <translation>RESINC.</translation>
    </message>
    <message>
        <source>CONNECTING</source>
        <translation>CONECTANDO</translation>
    </message>
    <message>
        <source>RECONNECTING</source>
        <translation>RECONECTANDO</translation>
    </message>
    <message>
        <source>DOWN</source>
        <translation>CAÍDO</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>DESCONECTADO</translation>
    </message>
</context>
<context>
    <name>tapescope::FimlDriver</name>
    <message>
        <source>FIML&apos;s update interval must be %1 to %2 ms, not %3</source>
        <translation>El intervalo de actualización de FIML debe ser de %1 a %2 ms, no %3</translation>
    </message>
</context>
<context>
    <name>tapescope::KalshiDriver</name>
    <message>
        <source>Demo member</source>
        <translation>Miembro demo</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave API</translation>
    </message>
    <message>
        <source>name the Kalshi account (the API key identifies it; the name is only shown)</source>
        <translation>ponga nombre a la cuenta de Kalshi (la clave API la identifica; el nombre solo se muestra)</translation>
    </message>
</context>
<context>
    <name>tapescope::MarketHub</name>
    <message>
        <source>candle history %1 %2: %3</source>
        <translation>historial de velas %1 %2: %3</translation>
    </message>
    <message>
        <source>price not representable at the book&apos;s scale</source>
        <translation>precio no representable en la escala del libro</translation>
    </message>
</context>
<context>
    <name>tapescope::MarketSession</name>
    <message>
        <source>no venue is enabled</source>
        <translation>ninguna plataforma está activada</translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet</source>
        <translation>%1 aún no está incluido en esta versión de Tapescope</translation>
    </message>
    <message>
        <source>%1 (recording)</source>
        <translation>%1 (grabación)</translation>
    </message>
    <message>
        <source>Recorded account</source>
        <translation>Cuenta grabada</translation>
    </message>
    <message>
        <source>cannot create the sessions folder %1</source>
        <translation>no se puede crear la carpeta de sesiones %1</translation>
    </message>
    <message>
        <source>a recording is playing: go back to live to record</source>
        <translation>se está reproduciendo una grabación: vuelva al directo para grabar</translation>
    </message>
    <message>
        <source>no venue is running</source>
        <translation>no hay ningún mercado en marcha</translation>
    </message>
    <message>
        <source>%1 limit reached</source>
        <translation>límite de %1 alcanzado</translation>
    </message>
    <message>
        <source>%1-minute limit reached</source>
        <translation>límite de %1 minutos alcanzado</translation>
    </message>
    <message>
        <source>%1-second limit reached</source>
        <translation>límite de %1 segundos alcanzado</translation>
    </message>
    <message>
        <source>%1 account %2</source>
        <translation>%1 cuenta %2</translation>
    </message>
</context>
<context>
    <name>tapescope::NflGamesModel</name>
    <message>
        <source>%1 at %2</source>
        <translation>%1 en %2</translation>
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
        <translation>CREADO</translation>
    </message>
    <message>
        <source>OPEN</source>
        <translation>ABIERTO</translation>
    </message>
    <message>
        <source>PAUSED</source>
        <translation>EN PAUSA</translation>
    </message>
    <message>
        <source>CLOSED</source>
        <translation>CERRADO</translation>
    </message>
    <message>
        <source>DETERMINED</source>
        <translation>DECIDIDO</translation>
    </message>
    <message>
        <source>SETTLED</source>
        <translation>LIQUIDADO</translation>
    </message>
    <message>
        <source>UNKNOWN</source>
        <translation>DESCONOCIDO</translation>
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
        <translation> SÍ</translation>
    </message>
</context>
<context>
    <name>tapescope::O2Driver</name>
    <message>
        <source>o2 environment &apos;%1&apos;: use mainnet, testnet, devnet or custom</source>
        <translation>entorno de O2 &apos;%1&apos;: use mainnet, testnet, devnet o custom</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an O2 trade account: %2</source>
        <translation>&apos;%1&apos; no es una cuenta de trading de O2: %2</translation>
    </message>
    <message>
        <source>Demo trade account</source>
        <translation>Cuenta de trading demo</translation>
    </message>
</context>
<context>
    <name>tapescope::RecordingControl</name>
    <message>
        <source>REC stopped: %1</source>
        <translation>REC detenido: %1</translation>
    </message>
    <message>
        <source>%1 stopped: %2</source>
        <translation>%1 detenido: %2</translation>
    </message>
</context>
<context>
    <name>tapescope::SettingsController</name>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Saved, but %1 could not start: %2</source>
        <translation>Guardado, pero %1 no pudo iniciarse: %2</translation>
    </message>
    <message>
        <source>%1 is not built into this version of Tapescope yet.</source>
        <translation>%1 aún no está incluido en esta versión de Tapescope.</translation>
    </message>
</context>
<context>
    <name>tapescope::settingsValidation</name>
    <message>
        <source>%1 needs between %2 and %3 symbols; %4 given.</source>
        <translation>%1 necesita entre %2 y %3 símbolos; se indicaron %4.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a %2 symbol; symbols look like %3.</source>
        <translation>&apos;%1&apos; no es un símbolo de %2; los símbolos tienen este formato: %3.</translation>
    </message>
    <message>
        <source>The %1 watchlist names a symbol twice.</source>
        <translation>La lista de seguimiento de %1 incluye un símbolo dos veces.</translation>
    </message>
    <message>
        <source>%1 needs an API key id to connect.</source>
        <translation>%1 necesita un ID de clave API para conectarse.</translation>
    </message>
    <message>
        <source>The API key id contains spaces; paste it again without them.</source>
        <translation>El ID de clave API contiene espacios; vuelva a pegarlo sin ellos.</translation>
    </message>
    <message>
        <source>%1 needs the secret key that belongs to the key id.</source>
        <translation>%1 necesita la clave secreta que corresponde al ID de clave.</translation>
    </message>
    <message>
        <source>Enter the URL of the server, e.g. wss://example.com/ws.</source>
        <translation>Introduzca la URL del servidor, p. ej. wss://example.com/ws.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid URL: %2</source>
        <translation>&apos;%1&apos; no es una URL válida: %2</translation>
    </message>
    <message>
        <source>The URL must start with ws://, wss://, http:// or https://, not &apos;%1&apos;.</source>
        <translation>La URL debe empezar por ws://, wss://, http:// o https://, no por &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>The URL &apos;%1&apos; has no host name.</source>
        <translation>La URL &apos;%1&apos; no tiene nombre de host.</translation>
    </message>
    <message>
        <source>Choose the private key file (.pem / .key) you downloaded when you created the API key.</source>
        <translation>Elija el archivo de clave privada (.pem / .key) que descargó al crear la clave API.</translation>
    </message>
    <message>
        <source>The key file %1 does not exist.</source>
        <translation>El archivo de clave %1 no existe.</translation>
    </message>
    <message>
        <source>The key file %1 cannot be read; check its permissions.</source>
        <translation>No se puede leer el archivo de clave %1; compruebe sus permisos.</translation>
    </message>
    <message>
        <source>%1 is too large to be a private key file.</source>
        <translation>%1 es demasiado grande para ser un archivo de clave privada.</translation>
    </message>
    <message>
        <source>The key file %1 cannot be opened: %2</source>
        <translation>No se puede abrir el archivo de clave %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a PEM private key: it should start with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----.</source>
        <translation>%1 no es una clave privada PEM: debería empezar por -----BEGIN PRIVATE KEY----- o -----BEGIN RSA PRIVATE KEY-----.</translation>
    </message>
    <message>
        <source>%1 could not be loaded as an RSA private key: %2</source>
        <translation>%1 no se pudo cargar como clave privada RSA: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a venue Tapescope knows.</source>
        <translation>&apos;%1&apos; no es una plataforma que Tapescope conozca.</translation>
    </message>
    <message>
        <source>%1 environment &apos;%2&apos; is unknown; choose %3.</source>
        <translation>El entorno &apos;%2&apos; de %1 es desconocido; elija %3.</translation>
    </message>
    <message>
        <source>The update interval must be between %1 and %2 ms; %3 was given.</source>
        <translation>El intervalo de actualización debe estar entre %1 y %2 ms; se indicó %3.</translation>
    </message>
    <message>
        <source>%1 has no account data in Tapescope.</source>
        <translation>%1 no tiene datos de cuenta en Tapescope.</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 ya está en la lista.</translation>
    </message>
    <message>
        <source>The theme must be dark or light, not &apos;%1&apos;.</source>
        <translation>El tema debe ser dark o light, no &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>The update rate must be between %1 and %2 per second; %3 was given.</source>
        <translation>La tasa de actualización debe estar entre %1 y %2 por segundo; se indicó %3.</translation>
    </message>
    <message>
        <source>No translation for &apos;%1&apos;; choose one of %2.</source>
        <translation>No hay traducción para &apos;%1&apos;; elija uno de %2.</translation>
    </message>
    <message>
        <source>The sessions folder must be a full path, e.g. %1; &apos;%2&apos; is not.</source>
        <translation>La carpeta de sesiones debe ser una ruta completa, p. ej. %1; &apos;%2&apos; no lo es.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a file, not a folder: choose a folder for the recordings.</source>
        <translation>&apos;%1&apos; es un archivo, no una carpeta: elija una carpeta para las grabaciones.</translation>
    </message>
    <message>
        <source>Size limit: &apos;%1&apos; is not a number; enter whole megabytes, 0 for no limit.</source>
        <translation>Límite de tamaño: «%1» no es un número; introduzca megabytes enteros, 0 para ningún límite.</translation>
    </message>
    <message>
        <source>Time limit: &apos;%1&apos; is not a number; enter whole minutes, 0 for no limit.</source>
        <translation>Límite de tiempo: «%1» no es un número; introduzca minutos enteros, 0 para ningún límite.</translation>
    </message>
    <message>
        <source>Size limit: the size cannot be negative (%1 MB); enter 0 for no limit.</source>
        <translation>Límite de tamaño: el tamaño no puede ser negativo (%1 MB); introduzca 0 para ningún límite.</translation>
    </message>
    <message>
        <source>Time limit: the time cannot be negative (%1 minutes); enter 0 for no limit.</source>
        <translation>Límite de tiempo: el tiempo no puede ser negativo (%1 minutos); introduzca 0 para ningún límite.</translation>
    </message>
    <message>
        <source>Size limit: at most %1 MB (1 TB) per file; %2 was given. Enter 0 for no limit.</source>
        <translation>Límite de tamaño: como máximo %1 MB (1 TB) por archivo; se indicó %2. Introduzca 0 para ningún límite.</translation>
    </message>
    <message>
        <source>Time limit: at most %1 minutes (30 days); %2 was given. Enter 0 for no limit.</source>
        <translation>Límite de tiempo: como máximo %1 minutos (30 días); se indicó %2. Introduzca 0 para ningún límite.</translation>
    </message>
    <message>
        <source>At most %1 %2 accounts can be followed: the venue accepts %3 connections from one computer, one for the market data and one for each account. Remove one first.</source>
        <translation>Se pueden seguir como máximo %1 cuentas de %2: la plataforma acepta %3 conexiones desde un mismo ordenador, una para los datos de mercado y una por cuenta. Quite una primero.</translation>
    </message>
</context>
</TS>
