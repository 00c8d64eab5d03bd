#!/usr/bin/env bash
# Regenerates Ferry's icon files from the SVG sources. The outputs are committed, so a build needs
# none of these tools; run this only after editing ferry.svg or ferry-small.svg.
#
# Debian packages: librsvg2-bin (rsvg-convert), icoutils (icotool), icnsutils (png2icns)
#   apt-get install -y --no-install-recommends librsvg2-bin icoutils icnsutils
#
# ferry-small.svg (drawn on a 16 px pixel grid) makes 16, 24 and 32 px; ferry.svg makes 48 px and up.
set -euo pipefail
cd "$(dirname "$0")"
for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "$tool missing: apt-get install librsvg2-bin icoutils icnsutils" >&2; exit 1; }
done

mkdir -p png
for size in 16 24 32 48 64 128 256 512; do
  src=ferry.svg
  [ "$size" -le 32 ] && src=ferry-small.svg
  rsvg-convert --width "$size" --height "$size" "$src" --output "png/ferry-$size.png"
done

# Windows: 16–64 as BMP entries, 128 and 256 stored as PNG (what Windows Vista and later read).
icotool --create --output ferry.ico png/ferry-{16,24,32,48,64}.png --raw=png/ferry-128.png --raw=png/ferry-256.png
# macOS: the sizes the classic icns types carry.
png2icns ferry.icns png/ferry-{16,32,48,128,256,512}.png >/dev/null

# Copies used by the app (stage icon) and by jpackage (--icon per system).
res=../src/main/resources/io/ferry/ui/icons
mkdir -p "$res" ../packaging/linux/resources ../packaging/windows ../packaging/macos
cp png/ferry-{16,32,64,256,512}.png "$res/"
cp png/ferry-512.png ../packaging/linux/resources/ferry.png
cp ferry.ico ../packaging/windows/ferry.ico
cp ferry.icns ../packaging/macos/ferry.icns
echo "icons written: $(ls png | tr '\n' ' ')ferry.ico ferry.icns"
