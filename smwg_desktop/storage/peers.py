"""What this device knows of the others: the ``peer`` table that sync fills, and conflicts."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3


def peers_seen(conn: sqlite3.Connection) -> list[dict[str, int]]:
    """What each known peer had seen (device -> stamp) when we last heard from it."""
    return [
        {str(device): int(stamp) for device, stamp in json.loads(row[0] or "{}").items()}
        for row in conn.execute("SELECT seen FROM peer ORDER BY device")
    ]


def last_sync(conn: sqlite3.Connection) -> datetime | None:
    """When a bundle from a peer was last imported here; None if never."""
    row = conn.execute("SELECT max(last_sync) FROM peer").fetchone()
    return datetime.fromisoformat(row[0]) if row and row[0] else None


def conflict_count(conn: sqlite3.Connection) -> int:
    """How many fields (and deletions) wait for a person to choose between versions."""
    return int(conn.execute("SELECT count(*) FROM conflict").fetchone()[0])
