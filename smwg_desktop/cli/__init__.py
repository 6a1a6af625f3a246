"""The ``smwg`` command: a thin face over ``Directory`` for terminals and scripts.

Each command opens the data directory (read-only for show, list, search and
export), turns its text options into the values dict the core cleans, and prints
the result. A refusal the person caused (a ``UserError`` from the core, or a
usage error) is one line on stderr, ``smwg: <message>``, exit status 2, and
nothing written; programming errors still raise. Messages follow the language of
the environment (``LANG=es_ES.UTF-8 smwg --help``); see ``cli.language``.
"""

import os

from smwg_desktop.cli.language import use_environment_language

# Before the commands are declared: click reads their help texts then.
use_environment_language(os.environ)

from smwg_desktop.cli import (  # noqa: E402, F401  (each registers its commands)
    documents,
    governance,
    interop,
    network,
    records,
    security,
)
from smwg_desktop.cli.common import main  # noqa: E402

__all__ = ["main"]
