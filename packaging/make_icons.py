"""Render the application icon from its SVG source into every size and format we ship.

Run after changing packaging/icons/notice-studio.svg:  python packaging/make_icons.py
Writes PNGs (16-1024), a Windows .ico and a macOS .icns (both holding PNG images, which
every current Windows and macOS version reads), and copies the SVG into resources/icons/.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "icons" / "notice-studio.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = images[size]
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset + len(blobs))
        blobs += blob
    return header + entries + blobs


def icns(images: dict[bytes, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", len(blob) + 8) + blob for kind, blob in images.items())
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - needed by QImage text
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE} is not a valid SVG", file=sys.stderr)
        return 1
    pngs = {size: render_png(renderer, size) for size in PNG_SIZES}
    for size, blob in pngs.items():
        (HERE / "icons" / f"notice-studio-{size}.png").write_bytes(blob)
    (HERE / "icons" / "notice-studio.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (HERE / "icons" / "notice-studio.icns").write_bytes(icns({k: pngs[s] for k, s in ICNS_TYPES.items()}))
    target = HERE.parent / "resources" / "icons"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(SOURCE, target / "notice-studio.svg")
    (target / "notice-studio-256.png").write_bytes(pngs[256])
    print(f"wrote {len(pngs)} PNGs, notice-studio.ico, notice-studio.icns and resources/icons/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
