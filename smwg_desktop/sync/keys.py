"""Remembering secrets in the system keyring, where the system has one.

Three kinds: a network's key, a WebDAV password, and the passphrase of an
encrypted data directory (which the app then opens without asking at start).

Without a keyring backend (a Linux without a desktop session, for instance) the
key is not remembered at all: it is never written to disk in a form anyone can
read, so the passphrase is asked for again. ``keyrings.alt`` is not used, since
it stores secrets in plain files.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

SERVICE = "smwg-desktop-network"


def _keyring() -> Any:
    """The keyring package, loaded on first use rather than when the app starts.

    Loading it (and the backends it looks for) takes about 70 ms, which the
    desktop app would otherwise spend before its window shows.
    """
    import keyring
    import keyring.backends.fail
    import keyring.errors

    return keyring


def available() -> bool:
    """True when a real keyring backend is there to hold secrets."""
    keyring = _keyring()
    return not isinstance(keyring.get_keyring(), keyring.backends.fail.Keyring)


def remember(network_id: str, key: bytes) -> bool:
    """Store the key; returns False (and stores nothing) without a usable keyring."""
    if not available():
        return False
    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, network_id, key.hex())
    except keyring.errors.KeyringError:
        return False
    return True


def recall(network_id: str) -> bytes | None:
    if not available():
        return None
    keyring = _keyring()
    try:
        stored = keyring.get_password(SERVICE, network_id)
    except keyring.errors.KeyringError:
        return None
    try:
        return bytes.fromhex(stored) if stored else None
    except ValueError:
        return None


def forget(network_id: str) -> None:
    if not available():
        return
    keyring = _keyring()
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, network_id)


SERVER_SERVICE = "smwg-desktop-webdav"


def remember_server_password(url: str, user: str, password: str) -> bool:
    """Keep a WebDAV password for ``user`` at ``url``; False without a usable keyring."""
    return _set(SERVER_SERVICE, f"{user}@{url}", password)


def recall_server_password(url: str, user: str) -> str | None:
    return _get(SERVER_SERVICE, f"{user}@{url}")


DATABASE_SERVICE = "smwg-desktop-database"


def _database_name(data_dir: Path) -> str:
    return str(Path(data_dir).resolve())


def remember_database_passphrase(data_dir: Path, passphrase: str) -> bool:
    """Keep the passphrase of the data directory; False without a usable keyring."""
    return _set(DATABASE_SERVICE, _database_name(data_dir), passphrase)


def recall_database_passphrase(data_dir: Path) -> str | None:
    return _get(DATABASE_SERVICE, _database_name(data_dir))


def forget_database_passphrase(data_dir: Path) -> None:
    if not available():
        return
    keyring = _keyring()
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(DATABASE_SERVICE, _database_name(data_dir))


def _set(service: str, name: str, secret: str) -> bool:
    if not available():
        return False
    keyring = _keyring()
    try:
        keyring.set_password(service, name, secret)
    except keyring.errors.KeyringError:
        return False
    return True


def _get(service: str, name: str) -> str | None:
    if not available():
        return None
    keyring = _keyring()
    try:
        stored: str | None = keyring.get_password(service, name)
    except keyring.errors.KeyringError:
        return None
    return stored
