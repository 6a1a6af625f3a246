"""One program, two faces: ``python -m smwg_desktop`` and the packaged ``smwg``.

Started with no arguments (a double-click), it is the desktop app; with any
argument it is the ``smwg`` command line: ``smwg --help``, ``smwg org list``,
``smwg self-test``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app or the command line; returns the exit status."""
    # Finder on older macOS passes a process serial number to the app it starts.
    arguments = [a for a in (sys.argv[1:] if argv is None else argv) if not a.startswith("-psn_")]
    if not arguments:
        from smwg_desktop.ui.start import main as desktop_app

        return desktop_app([])

    from smwg_desktop.cli import main as command_line

    command_line.main(arguments)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
