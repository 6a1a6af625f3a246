"""Files shipped beside the code (fonts, later icons and translations), from source or frozen.

Kept free of Qt: the PDF reports embed the same fonts that the UI loads.
"""

from __future__ import annotations

import sys
from pathlib import Path

RESOURCES_FOLDER = "resources"
FONTS_FOLDER = "fonts"


def resources_root() -> Path:
    """The ``resources/`` folder: beside the package in a source tree, in the bundle when frozen.

    A PyInstaller build must bundle the folder under the same name, for example
    ``datas=[("resources", "resources")]`` in the spec.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / RESOURCES_FOLDER
    return Path(__file__).resolve().parent.parent / RESOURCES_FOLDER


def resource_path(*parts: str) -> Path:
    """The path of a shipped file or folder, e.g. ``resource_path("fonts", "NotoSans-Regular.ttf")``.

    Raises ``FileNotFoundError`` naming the path when it is missing: a missing
    resource is a broken installation, not something the user caused.
    """
    path = resources_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"SMWG Desktop resource missing: {path}")
    return path


def font_files() -> list[Path]:
    """Every TrueType font shipped in ``resources/fonts``, sorted by file name."""
    return sorted(resource_path(FONTS_FOLDER).glob("*.ttf"))
