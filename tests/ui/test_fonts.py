"""The fonts shipped in resources/fonts, found from source or frozen, and loaded by Qt."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smwg_desktop import resources
from smwg_desktop.ui.app import load_fonts

SHIPPED = [
    "NotoSans-Bold.ttf",
    "NotoSans-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansDevanagari-Bold.ttf",
    "NotoSansDevanagari-Regular.ttf",
]


def test_font_files_lists_the_six_shipped_fonts() -> None:
    assert [path.name for path in resources.font_files()] == SHIPPED


def test_the_fonts_travel_with_their_licence() -> None:
    licence = resources.resource_path("fonts", "LICENSE-Noto.txt").read_text(encoding="utf-8")

    assert "SIL Open Font License" in licence
    assert "PERMISSION & CONDITIONS" in licence


def test_qt_loads_every_shipped_font(qtbot: QtBot) -> None:
    for path in resources.font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        assert font_id != -1, path
        assert QFontDatabase.applicationFontFamilies(font_id)
        QFontDatabase.removeApplicationFont(font_id)


def test_app_font_falls_back_to_every_shipped_family(qtbot: QtBot, qapp: QApplication) -> None:
    before = qapp.font()
    try:
        families = load_fonts(qapp)
        assert set(families) == {"Noto Sans", "Noto Sans Arabic", "Noto Sans Devanagari"}
        assert set(families) <= set(qapp.font().families())
        assert set(families) <= set(QFontDatabase.families())
    finally:
        qapp.setFont(before)


def test_frozen_app_finds_resources_in_its_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    (tmp_path / "resources" / "fonts" / "Example.ttf").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert resources.resource_path("fonts") == tmp_path / "resources" / "fonts"
    assert resources.font_files() == [tmp_path / "resources" / "fonts" / "Example.ttf"]


def test_a_missing_resource_names_the_path() -> None:
    with pytest.raises(FileNotFoundError, match="no-such-file"):
        resources.resource_path("fonts", "no-such-file.ttf")
