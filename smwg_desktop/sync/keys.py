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

import keyring
import keyring.backends.fail
import keyring.errors

SERVICE = "smwg-desktop-network"


def available() -> bool:
    """True when a real keyring backend is there to hold secrets."""
    return not isinstance(keyring.get_keyring(), keyring.backends.fail.Keyring)


def remember(network_id: str, key: bytes) -> bool:
    """Store the key; returns False (and stores nothing) without a usable keyring."""
    if not available():
        return False
    try:
        keyring.set_password(SERVICE, network_id, key.hex())
    except keyring.errors.KeyringError:
        return False
    return True


def recall(network_id: str) -> bytes | None:
    if not available():
        return None
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
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, network_id)


SERVER_SERVICE = "smwg-desktop-webdav"


def remember_server_password(url: str, user: str, password: str) -> bool:
    """Keep a WebDAV password for ``user`` at ``url``; False without a usable keyring."""
    if not available():
        return False
    try:
        keyring.set_password(SERVER_SERVICE, f"{user}@{url}", password)
    except keyring.errors.KeyringError:
        return False
    return True


def recall_server_password(url: str, user: str) -> str | None:
    if not available():
        return None
    try:
        return keyring.get_password(SERVER_SERVICE, f"{user}@{url}")
    except keyring.errors.KeyringError:
        return None


DATABASE_SERVICE = "smwg-desktop-database"


def _database_name(data_dir: Path) -> str:
    return str(Path(data_dir).resolve())


def remember_database_passphrase(data_dir: Path, passphrase: str) -> bool:
    """Keep the passphrase of the data directory; False without a usable keyring."""
    if not available():
        return False
    try:
        keyring.set_password(DATABASE_SERVICE, _database_name(data_dir), passphrase)
    except keyring.errors.KeyringError:
        return False
    return True


def recall_database_passphrase(data_dir: Path) -> str | None:
    if not available():
        return None
    try:
        return keyring.get_password(DATABASE_SERVICE, _database_name(data_dir))
    except keyring.errors.KeyringError:
        return None


def forget_database_passphrase(data_dir: Path) -> None:
    if not available():
        return
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(DATABASE_SERVICE, _database_name(data_dir))
