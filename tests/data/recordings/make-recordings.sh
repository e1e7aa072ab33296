#!/usr/bin/env bash
# Makes the recordings in this folder from the venues' emulators (docs/recording.md): for each, NAME.tape (the
# recording) and NAME.out (what `tapescope-cli record` printed live, which `replay` must print byte for byte;
# tests/cli/tst_cli_record.cpp checks it). Run it again when a codec's output or the file format changes:
#
#   tests/data/recordings/make-recordings.sh build/src/cli/tapescope-cli
set -euo pipefail

cli=$(realpath "${1:?usage: $0 path/to/tapescope-cli}")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Starts `emulate --venue V ... --port 0` and prints the first URL of its "listening" line's port.
start_emulator() {
  local log="$work/$1.log"
  "$cli" emulate --venue "$@" --port 0 --seed 7 >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    if grep -q listening "$log"; then
      grep -o '127\.0\.0\.1:[0-9]*' "$log" | head -1
      return
    fi
    sleep 0.1
  done
  echo "the $1 emulator did not start: $(cat "$log")" >&2
  exit 1
}

record() {
  local name=$1
  shift
  "$cli" record "$@" --out "$here/$name.tape" >"$here/$name.out" 2>"$work/$name.err" || {
    echo "$name: record failed: $(cat "$work/$name.err")" >&2
    exit 1
  }
  echo "$name: $(wc -l <"$here/$name.out") lines, $(stat -c %s "$here/$name.tape") bytes"
}

# Hyperliquid: books across a dropped connection (the emulator drops every connection every 3 s), and the demo
# trader's account.
hl=$(start_emulator hyperliquid --drop-every-ms 3000)
record hyperliquid-l2book --venue hyperliquid --url "ws://$hl/ws" --channel l2Book --symbol BTC --seconds 5
hl2=$(start_emulator hyperliquid)
record hyperliquid-account --venue hyperliquid --url "ws://$hl2/ws" \
  --user 0xdec0de0000000000000000000000000000000001 --count 25

o2=$(start_emulator o2)
record o2-depth --venue o2 --url "http://$o2" --channel depth --symbol fFUEL/fUSDC --count 20

alpaca=$(start_emulator alpaca)
ALPACA_API_KEY_ID=TAPESCOPE-EMULATOR ALPACA_API_SECRET_KEY=emulator-secret \
  record alpaca-trades --venue alpaca --feed iex --url "ws://$alpaca/v2/iex" --channel trades --symbol AAPL --count 15

fiml=$(start_emulator fiml)
record fiml-price --venue fiml --url "ws://$fiml/ws/stream" --channel price --symbol AAPL --count 10

kalshi=$(start_emulator kalshi)
record kalshi-orderbook --venue kalshi --url "ws://$kalshi/trade-api/ws/v2" --demo-credentials --channel orderbook \
  --symbol KXNFLGAME-25SEP04DALPHI-PHI --count 15
