"""The ``smwg`` command: a thin face over ``Directory`` for terminals and scripts.

Each command opens the data directory (read-only for show, list, search and
export), turns its text options into the values dict the core cleans, and prints
the result. A refusal the person caused (a ``UserError`` from the core, or a
usage error) is one line on stderr, ``smwg: <message>``, exit status 2, and
nothing written; programming errors still raise.
"""

from smwg_desktop.cli import (  # noqa: F401  (each registers its commands)
    documents,
    governance,
    interop,
    network,
    records,
    security,
)
from smwg_desktop.cli.common import main

__all__ = ["main"]
