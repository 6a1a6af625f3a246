"""The layers of the house: only smwg_desktop/ui knows that Qt exists."""

from __future__ import annotations

import ast
from pathlib import Path

import smwg_desktop

PACKAGE = Path(smwg_desktop.__file__).parent
UI = PACKAGE / "ui"


def imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def imports_qt(source: Path) -> bool:
    return any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in imported_modules(source))


def test_nothing_outside_the_ui_imports_qt() -> None:
    outside_ui = [p for p in PACKAGE.rglob("*.py") if UI not in p.parents]
    assert outside_ui, "found no modules to check"

    offenders = [str(p.relative_to(PACKAGE.parent)) for p in outside_ui if imports_qt(p)]

    assert offenders == []


def test_the_check_sees_qt_imports_in_the_ui() -> None:
    assert imports_qt(UI / "main_window.py")


def test_import_forms_are_all_seen(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def later():\n    from PySide6 import QtCore\n", encoding="utf-8")

    assert imports_qt(sample)
