"""Where the desktop app starts: ``smwg-desktop``, ``python -m smwg_desktop.ui`` and the packaged app.

Python's cycle collector waits while the app imports its modules. What they make
(modules, classes, Qt's enums, the methods dataclasses write) lives as long as the
app, and the collector walked it again and again, some fifty passes freeing
nothing: about 5 ms of a start. Once the imports are done it is set aside for good
(``gc.freeze``), and the collector runs again over what the app makes from then on.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app; returns the exit status."""
    parsed = parse_arguments(sys.argv[1:] if argv is None else argv)
    gc.disable()
    from smwg_desktop.ui.app import run

    gc.freeze()
    gc.enable()
    return run(*parsed)


def parse_arguments(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest for Qt (``-platform``, ``-style`` ...).

    Called before PySide6 is imported: argparse's first use imports ``locale``
    (through gettext), and after PySide6 its import hook would read that module's
    source too (about 5 ms of a start).
    """
    parser = argparse.ArgumentParser(
        prog="smwg-desktop",
        description="SMWG Desktop: the network's member directory and activities.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the data directory to open (default: $SMWG_DATA_DIR, else the user data folder)",
    )
    return parser.parse_known_args(list(argv))
