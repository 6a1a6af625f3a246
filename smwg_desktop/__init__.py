"""SMWG Desktop: the member directory and activities of a network of social movements."""

from __future__ import annotations

import functools


@functools.cache
def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("smwg-desktop")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0"


def __getattr__(name: str) -> str:
    # Looked up when first asked for: reading the installed metadata takes about
    # 40 ms, which every start of the app and of each command would otherwise pay.
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
