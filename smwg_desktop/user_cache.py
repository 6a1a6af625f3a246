"""What the app computes once per installation, kept in the user's cache folder.

Some of what a start needs depends only on the installed software, never on the
network's data: the country names a language shows (babel's CLDR data, checked
against pycountry) and the parsed translation catalogs. Working them out took
about 50 ms of CPU at every English start and 90 ms at every French one, more
than building the first screen itself, so the first start writes them here as
JSON and later starts read them back.

Each file keeps the key its value was computed under: the size and modification
time of every file the value was computed from (the libraries' code and data, our
own modules, and in a frozen build the executable, which holds the modules).
Installing another version of any of them changes the key. A file under another
key, or damaged, is ignored and written again; where the folder cannot be
written, every start computes the value, as it did before this cache. The file's
name carries a checksum of where those files are, so that two installations of
the app (a source checkout and a packaged build) keep a file each rather than
replacing each other's at every start.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import TypeVar

APP_FOLDER = "smwg-desktop"

T = TypeVar("T")
Key = list[list[object]]


def cache_folder() -> Path:
    """The app's folder in the user cache (``$XDG_CACHE_HOME/smwg-desktop`` on Linux)."""
    folder = _linux_cache_folder()
    if folder is not None:
        return folder
    import platformdirs

    return platformdirs.user_cache_path(APP_FOLDER, appauthor=False)


def _linux_cache_folder() -> Path | None:
    """The folder platformdirs gives on Linux when ``XDG_CACHE_HOME`` or ``HOME`` is an
    absolute path; None where its other rules apply (another system, no usable home).

    Importing platformdirs took about 5 ms of every start (its modules compile
    regexes and load tempfile and random) for a path these two variables decide.
    """
    if not sys.platform.startswith("linux"):
        return None
    for variable, below in (("XDG_CACHE_HOME", ""), ("HOME", ".cache")):
        value = os.environ.get(variable, "")
        if value.startswith("/"):
            return Path(value, below, APP_FOLDER)
        if value:
            return None
    return None


def package_files(package: str, *names: str) -> list[Path]:
    """Files inside an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations)))
    return [folder / name for name in names]


def module_files(*modules: ModuleType) -> list[Path]:
    """The source (or bytecode) files of modules already imported."""
    return [Path(module.__file__) for module in modules if module.__file__]


def source_key(files: Iterable[Path]) -> Key:
    """The key of a value computed from ``files``: each one's size and modification time."""
    paths = _with_executable(files)
    key: Key = []
    for path in paths:
        try:
            found = path.stat()
        except OSError:
            key.append([str(path), None, None])
        else:
            key.append([str(path), found.st_size, found.st_mtime_ns])
    return key


def cache_file(name: str, sources: Iterable[Path], folder: Path | None = None) -> Path:
    """Where the value ``name`` computed from ``sources`` (wherever they are installed) is kept."""
    where = "\n".join(str(path) for path in _with_executable(sources)).encode("utf-8")
    return (folder or cache_folder()) / f"{name}-{zlib.crc32(where):08x}.json"


def _with_executable(files: Iterable[Path]) -> list[Path]:
    paths = list(files)
    if getattr(sys, "frozen", False):
        paths.append(Path(sys.executable))
    return paths


def cached(
    name: str,
    sources: Iterable[Path],
    compute: Callable[[], T],
    valid: Callable[[object], bool],
    folder: Path | None = None,
) -> T:
    """The value kept as ``name`` if it was computed from ``sources`` as they are now,
    else ``compute()``, kept for the next time.

    ``valid`` says whether a value read back has the shape ``compute`` gives; the
    value must survive a round trip through JSON unchanged (dicts, lists, strings...).
    """
    sources = list(sources)
    key = source_key(sources)
    path = cache_file(name, sources, folder)
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = None
    if isinstance(kept, dict) and kept.get("key") == key and valid(kept.get("value")):
        value: T = kept["value"]
        return value
    value = compute()
    _write(path, {"key": key, "value": value})
    return value


def _write(path: Path, content: object) -> None:
    """Replace the file at once, so that another start never reads half of it."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as target:
                json.dump(content, target, ensure_ascii=False)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        # A cache folder that cannot be written (read-only home, full disk) costs
        # only the computing at each start.
        pass
