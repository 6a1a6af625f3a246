"""Reading bytes as text in the encodings people's tools really write, and writing safely."""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from pathlib import Path

from smwg_desktop.core.errors import UserError
from smwg_desktop.i18n import _

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Larger than any address book; a bigger file is refused before it fills memory."""


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes; ``UserError`` if it cannot be read."""
    file = Path(path)
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise UserError(
                _("{file} is larger than {limit} MB").format(
                    file=file, limit=MAX_FILE_BYTES // 2**20
                )
            )
        return file.read_bytes()
    except OSError as exc:
        raise UserError(
            _("cannot read {file}: {why}").format(file=file, why=exc.strerror)
        ) from None


def decode(data: bytes, source: str) -> tuple[str, str]:
    """The text and the name of its encoding.

    A byte-order mark decides (UTF-8, UTF-16); otherwise UTF-8 if the bytes are
    valid UTF-8, else Windows-1252 (what Excel and Outlook write on Windows in
    Western Europe and Latin America), else Latin-1, which reads any bytes.
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise UserError(
                    _(
                        "{source} starts as {encoding} text but has bytes that are not "
                        "(at byte {start}); save it again as UTF-8"
                    ).format(source=source, encoding=name.upper(), start=exc.start)
                ) from None
    for name in ("utf-8", "cp1252", "latin-1"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write beside ``path`` and rename into place: never half a file, even if interrupted."""
    target = Path(path)
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
            dir=target.parent, prefix=f".{target.name}.", suffix=".partial", delete=False
        )
    except OSError as exc:
        raise UserError(
            _("cannot write {target}: {why}").format(target=target, why=exc.strerror)
        ) from None
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        if isinstance(exc, OSError):
            raise UserError(
                _("cannot write {target}: {why}").format(target=target, why=exc.strerror)
            ) from None
        raise
