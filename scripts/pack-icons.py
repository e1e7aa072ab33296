#!/usr/bin/env python3
"""Packs PNGs named <size>.png in a folder into a Windows .ico and a macOS .icns (both hold PNG entries).

Usage: pack-icons.py PNG_DIR OUT.ico OUT.icns   (scripts/make-icons.sh calls it)
ICO: ICONDIR + one ICONDIRENTRY per image (a width/height byte of 0 means 256), PNG data accepted since Vista.
ICNS: 'icns' + total length, then (type, length, PNG) chunks; the types are Apple's for PNG payloads.
"""
import struct
import sys
from pathlib import Path


def pack_ico(folder: Path, out: Path) -> None:
    sizes = [16, 24, 32, 48, 64, 128, 256]
    images = [(folder / f"{s}.png").read_bytes() for s in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, data in zip(sizes, images):
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    out.write_bytes(header + entries + b"".join(images))


def pack_icns(folder: Path, out: Path) -> None:
    types = [(b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512),
             (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512)]
    chunks = b""
    for kind, size in types:
        data = (folder / f"{size}.png").read_bytes()
        chunks += kind + struct.pack(">I", 8 + len(data)) + data
    out.write_bytes(b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    pack_ico(Path(sys.argv[1]), Path(sys.argv[2]))
    pack_icns(Path(sys.argv[1]), Path(sys.argv[3]))
