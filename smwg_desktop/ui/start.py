"""Where the desktop app starts: ``smwg-desktop``, ``python -m smwg_desktop.ui`` and the packaged app.

Python's cycle collector waits while the app imports its modules. What they make
(modules, classes, Qt's enums, the methods dataclasses write) lives as long as the
app, and the collector walked it again and again, some fifty passes freeing
nothing: about 5 ms of a start. Once the imports are done it is set aside for good
(``gc.freeze``), and the collector runs again over what the app makes from then on.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app; returns the exit status."""
    gc.disable()
    from smwg_desktop.ui.app import main as run_app

    gc.freeze()
    gc.enable()
    return run_app(argv)
