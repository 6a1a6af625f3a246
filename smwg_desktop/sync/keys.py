"""Remembering the network key in the system keyring, where the system has one.

Without a keyring backend (a Linux without a desktop session, for instance) the
key is not remembered at all: it is never written to disk in a form anyone can
read, so the passphrase is asked for again. ``keyrings.alt`` is not used, since
it stores secrets in plain files.
"""

from __future__ import annotations

import contextlib
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
