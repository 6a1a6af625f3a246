"""SMWG Desktop: the member directory and activities of a network of social movements."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("smwg-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
