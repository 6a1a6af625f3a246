"""The icons in resources/icons: the renders of their SVG, shipped at every size the app asks for."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from smwg_desktop.resources import resource_path
from smwg_desktop.ui.models import AT_RISK_SIZES, at_risk_icon

ROOT = Path(__file__).resolve().parents[2]


def make_icon() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icon", ROOT / "build" / "make_icon.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def largest_difference(one: QImage, other: QImage) -> int:
    """The largest difference of any channel of any pixel (images of one size)."""
    assert (one.width(), one.height()) == (other.width(), other.height())
    worst = 0
    for y in range(one.height()):
        for x in range(one.width()):
            a, b = one.pixelColor(x, y), other.pixelColor(x, y)  # with transparency
            worst = max(worst, *(abs(p - q) for p, q in zip(a.getRgb(), b.getRgb(), strict=True)))
    return worst


@pytest.mark.parametrize(
    ("svg", "png", "size"),
    [("at-risk.svg", f"at-risk-{size}.png", size) for size in AT_RISK_SIZES],
)
def test_each_committed_png_is_the_render_of_its_svg(
    qapp: QApplication, tmp_path: Path, svg: str, png: str, size: int
) -> None:
    rendered = tmp_path / png

    make_icon().render(resource_path("icons", svg), rendered, size)

    # A later Qt may smooth an edge a little differently; a changed drawing differs by far more.
    assert largest_difference(QImage(str(rendered)), QImage(str(resource_path("icons", png)))) <= 8


def test_the_at_risk_mark_comes_at_each_size_and_is_a_warning_sign(qapp: QApplication) -> None:
    icon = at_risk_icon()

    assert sorted(size.width() for size in icon.availableSizes()) == list(AT_RISK_SIZES)
    for size in AT_RISK_SIZES:
        image = icon.pixmap(size, size).toImage()
        assert (image.width(), image.height()) == (size, size)
        # Amber in the triangle beside the stroke of the "!", transparent in the corners.
        amber = QColor(image.pixel(size * 3 // 8, size * 3 // 4))
        assert amber.red() > 200 and 120 < amber.green() < 200 and amber.blue() < 100, amber.getRgb()
        assert QColor(image.pixelColor(0, 0)).alpha() == 0


def test_the_at_risk_mark_is_made_once(qapp: QApplication) -> None:
    # Views ask for it each time they paint a row at risk.
    assert at_risk_icon() is at_risk_icon()
