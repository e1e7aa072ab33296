#!/usr/bin/env bash
# Builds the fuzz targets' seed corpora from the fixtures (generated at run time, nothing generated is committed):
#   fuzz/make-corpus.sh OUT_DIR
# writes OUT_DIR/<target>/ for every target in fuzz/CMakeLists.txt. A codec target gets each WebSocket fixture file
# whole (one input of many frames, so sequence and book state is exercised from the start) and each of its lines
# alone; fuzz_account_frames the same behind its venue's selector byte; fuzz_rest_bodies gets each REST fixture line
# behind every selector byte of its venue's parsers (the table at the top of fuzz_rest_bodies.cpp); fuzz_kalshi_key the PEM test keys; every target also its committed seeds
# (fuzz/seeds/<target>/) and regression inputs (fuzz/regressions/<target>/). Existing files are kept, so a corpus
# grown by earlier runs stays.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="$here/../tests/data"
out="${1:?usage: $0 OUT_DIR}"

# whole file, then each line as its own input (named by file and line, so a rerun rewrites the same files)
seed_lines() {
  local target="$1" file="$2" dir="$out/$1" line n=0 name
  name="$(basename "$file" .jsonl)"
  mkdir -p "$dir"
  cp "$file" "$dir/whole-$name"
  while IFS= read -r line || [[ -n "$line" ]]; do
    n=$((n + 1))
    if [[ -n "$line" ]]; then printf '%s' "$line" >"$dir/line-$name-$n"; fi
  done <"$file"
}

# each line of a REST fixture behind each selector byte given
seed_rest() {
  local file="$1" dir="$out/fuzz_rest_bodies" line selector n=0 name
  shift
  name="$(basename "$(dirname "$file")")-$(basename "$file" .jsonl)"
  mkdir -p "$dir"
  while IFS= read -r line || [[ -n "$line" ]]; do
    n=$((n + 1))
    [[ -n "$line" ]] || continue
    for selector in "$@"; do
      printf "\\x$(printf %02x "$selector")%s" "$line" >"$dir/rest-$selector-$name-$n"
    done
  done <"$file"
}

# a fixture file behind a selector byte, whole and line by line (fuzz_account_frames)
seed_prefixed() {
  local target="$1" selector="$2" file="$3" dir="$out/$1" line n=0 name byte
  name="$(basename "$(dirname "$file")")-$(basename "$file" .jsonl)"
  byte="\\x$(printf %02x "$selector")"
  mkdir -p "$dir"
  { printf "$byte"; cat "$file"; } >"$dir/whole-$name"
  while IFS= read -r line || [[ -n "$line" ]]; do
    n=$((n + 1))
    if [[ -n "$line" ]]; then printf "$byte%s" "$line" >"$dir/line-$name-$n"; fi
  done <"$file"
}

seed_lines fuzz_hyperliquid_codec "$data/hyperliquid/ws-server.jsonl"
seed_lines fuzz_kalshi_codec "$data/kalshi/ws-server.jsonl"
seed_lines fuzz_alpaca_codec "$data/alpaca/ws-server.jsonl"
seed_lines fuzz_alpaca_codec "$data/alpaca/ws-server-elements.jsonl"
seed_lines fuzz_o2_codec "$data/o2/ws-server.jsonl"
seed_lines fuzz_fiml_codec "$data/fiml/ws-server.jsonl"
seed_rest "$data/hyperliquid/rest.jsonl" 0 1 2
seed_rest "$data/o2/rest.jsonl" 3 4 5 6 7 8
seed_rest "$data/kalshi/rest.jsonl" 9 10
seed_rest "$data/fiml/rest.jsonl" 11
seed_prefixed fuzz_account_frames 0 "$data/alpaca/trading-ws-server.jsonl"
seed_prefixed fuzz_account_frames 1 "$data/hyperliquid/ws-server.jsonl"
seed_prefixed fuzz_account_frames 2 "$data/kalshi/ws-server.jsonl"
seed_prefixed fuzz_account_frames 3 "$data/o2/ws-server.jsonl"
mkdir -p "$out/fuzz_kalshi_key" "$out/fuzz_decimal" "$out/fuzz_tape_reader"
cp "$data"/recordings/*.tape "$out/fuzz_tape_reader/"
cp "$data"/kalshi/signing/*.pem "$out/fuzz_kalshi_key/"
for dir in "$here"/seeds/* "$here"/regressions/*; do
  [[ -d "$dir" ]] || continue
  mkdir -p "$out/$(basename "$dir")"
  cp "$dir"/* "$out/$(basename "$dir")/"
done
