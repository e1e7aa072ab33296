#!/usr/bin/env bash
# Regenerates every raster form of the application icon from resources/icons/tapescope.svg, the one source:
#   resources/icons/hicolor/<N>x<N>/apps/io.github.tapescope.Tapescope.png   N = 16 24 32 48 64 128 256 512
#   resources/icons/tapescope.ico    (Windows: 16-256, PNG-compressed entries)
#   resources/icons/tapescope.icns   (macOS: 16-1024, PNG-compressed entries)
# The outputs are committed, so a build needs none of the tools; run this after editing the SVG.
# Needs rsvg-convert (Debian: librsvg2-bin) and python3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
icons="$here/resources/icons"
app_id=io.github.tapescope.Tapescope
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" "$icons/tapescope.svg" --output "$work/$size.png"
done
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$icons/hicolor/${size}x${size}/apps"
  cp "$work/$size.png" "$icons/hicolor/${size}x${size}/apps/$app_id.png"
done
mkdir -p "$icons/hicolor/scalable/apps"
cp "$icons/tapescope.svg" "$icons/hicolor/scalable/apps/$app_id.svg"
python3 "$here/scripts/pack-icons.py" "$work" "$icons/tapescope.ico" "$icons/tapescope.icns"
echo "icons written under $icons"
