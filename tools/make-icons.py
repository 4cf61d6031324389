#!/usr/bin/env python3
"""Draws Pith's toolbar icon (a page with text lines) as PNGs, with no image library.

Run once when the design changes: `python3 tools/make-icons.py`; the PNGs are committed.
"""
import struct
import zlib
from pathlib import Path

INK = (0x1F, 0x4E, 0x5A)  # deep teal
PAPER = (0xFF, 0xFF, 0xFF)


def pixel(x, y, n):
    """RGBA of pixel (x, y) in an n×n icon: a rounded square with four text lines."""
    u, v = (x + 0.5) / n, (y + 0.5) / n
    r = 0.18
    cx, cy = min(max(u, r), 1 - r), min(max(v, r), 1 - r)
    inside = (u - cx) ** 2 + (v - cy) ** 2 <= r * r
    if not inside:
        return (0, 0, 0, 0)
    lines = [(0.24, 0.76), (0.24, 0.76), (0.24, 0.76), (0.24, 0.56)]
    for i, (a, b) in enumerate(lines):
        top = 0.24 + i * 0.15
        if top <= v <= top + 0.08 and a <= u <= b:
            return PAPER + (255,)
    return INK + (255,)


def png(n):
    rows = b"".join(b"\0" + bytes(c for x in range(n) for c in pixel(x, y, n)) for y in range(n))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


out = Path(__file__).resolve().parent.parent / "extension" / "icons"
out.mkdir(parents=True, exist_ok=True)
for size in (16, 32, 48, 128):
    (out / f"icon-{size}.png").write_bytes(png(size))
print("wrote", ", ".join(f"icon-{s}.png" for s in (16, 32, 48, 128)), "to", out)
