"""The SQLite driver: SQLCipher (``sqlcipher3``) for plain and encrypted files alike.

Without a key SQLCipher is ordinary SQLite, so one driver serves every data
directory. sqlite-utils prefers a module named ``pysqlite3`` when one is
importable; registering SQLCipher under that name before sqlite-utils is first
imported makes it catch the right exception types (see PLATFORM-NOTES).
Connections are typed as ``sqlite3.Connection``: sqlcipher3 mirrors that API. The
standard module is named for its types only, never loaded (about 1.5 ms of a start).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

import sqlcipher3
import sqlcipher3.dbapi2 as dbapi

if TYPE_CHECKING:
    import sqlite3

sys.modules.setdefault("pysqlite3", sqlcipher3)
sys.modules.setdefault("pysqlite3.dbapi2", dbapi)

DatabaseError: type[Exception] = dbapi.DatabaseError
PLAIN_HEADER = b"SQLite format 3\x00"


def connect(path: Path | str, key: bytes | None = None, *, timeout: float = 10) -> sqlite3.Connection:
    """Open a database file; with ``key`` (32 raw bytes) it is read and written encrypted."""
    conn = cast("sqlite3.Connection", dbapi.connect(str(path), timeout=timeout))
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(key_pragma("key", key))
    return conn


def key_pragma(name: str, key: bytes, schema: str | None = None) -> str:
    """``PRAGMA key`` takes no parameters, so the raw key goes in as a hex literal."""
    if len(key) != 32:
        raise ValueError("a database key is 32 bytes")
    target = f"{schema}." if schema else ""
    return f"PRAGMA {target}{name} = \"x'{key.hex()}'\""


def is_plain(path: Path) -> bool:
    """True when the file starts like an unencrypted SQLite database (or is empty)."""
    try:
        with open(path, "rb") as source:
            head = source.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return True
    return head in (b"", PLAIN_HEADER)


def attach_encrypted(conn: sqlite3.Connection, path: Path, key: bytes | None, schema: str) -> None:
    """Attach another file under ``schema``, encrypted with ``key`` or plain when None."""
    literal = "''" if key is None else f"\"x'{key.hex()}'\""
    conn.execute(f"ATTACH DATABASE ? AS {schema} KEY {literal}", (str(path),))


def export_to(conn: sqlite3.Connection, path: Path, key: bytes | None) -> None:
    """Copy the whole open database into a new file, encrypted with ``key`` or plain."""
    attach_encrypted(conn, path, key, "copy")
    try:
        conn.execute("SELECT sqlcipher_export('copy')").fetchall()
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA copy.user_version = {int(version)}")
    finally:
        conn.execute("DETACH DATABASE copy")

