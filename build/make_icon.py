"""Render the icons in resources/icons from their SVG to the PNGs the app and the build use.

The application icon, smwg.svg, and the mark of a record at risk, at-risk.svg, at
the sizes a table, a form and a high-density screen ask for. Run it after changing
an SVG: ``.venv/bin/python build/make_icon.py``. The PNGs are committed, so neither
``make run`` nor ``make package`` needs this step; PyInstaller turns smwg.png into
the .ico (Windows) or .icns (macOS) it needs, with Pillow.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from smwg_desktop.ui.models import AT_RISK_SIZES

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZE = 256


def render(svg: Path, png: Path, size: int = SIZE) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icon: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(png)):
        raise SystemExit(f"make_icon: cannot write {png}")


if __name__ == "__main__":
    application = QGuiApplication(sys.argv[:1])
    render(ICONS / "smwg.svg", ICONS / "smwg.png")
    for size in AT_RISK_SIZES:
        render(ICONS / "at-risk.svg", ICONS / f"at-risk-{size}.png", size)
