"""The network's secret: a key derived from the passphrase, and authenticated streams.

Keys come from Argon2id (libsodium, through PyNaCl) with a salt that belongs to the
network. Bundles are encrypted with libsodium's secretstream
(XChaCha20-Poly1305): every chunk is authenticated, chunks cannot be reordered or
dropped, and a stream cut short lacks its final tag, so truncation is detected.
No cryptography is written here, only chosen and put together.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import nacl.bindings as sodium
import nacl.encoding
import nacl.exceptions
import nacl.hash
import nacl.pwhash
import nacl.utils

from smwg_desktop.core.errors import UserError
from smwg_desktop.i18n import _

KEY_BYTES = sodium.crypto_secretstream_xchacha20poly1305_KEYBYTES
STREAM_HEADER_BYTES = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
CHUNK_OVERHEAD = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
SALT_BYTES = nacl.pwhash.argon2id.SALTBYTES
MIN_PASSPHRASE_LENGTH = 10
_TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
_TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
_CHECK_CONTEXT = b"smwg-network-key-check-v1"


class CryptoError(UserError):
    """A stream that does not decrypt: wrong key, damaged, cut short or altered."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost, kept with the network so every device derives the same key."""

    salt: bytes
    opslimit: int = nacl.pwhash.argon2id.OPSLIMIT_MODERATE
    memlimit: int = nacl.pwhash.argon2id.MEMLIMIT_MODERATE

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(salt=nacl.utils.random(SALT_BYTES))


def check_passphrase_strength(passphrase: str) -> None:
    """Refuse a passphrase too short to protect people's data in a lost bundle."""
    if len(passphrase.strip()) < MIN_PASSPHRASE_LENGTH:
        raise UserError(
            _(
                "the network passphrase must have at least {minimum} characters; "
                "a few unrelated words make a good one"
            ).format(minimum=MIN_PASSPHRASE_LENGTH)
        )


@functools.lru_cache(maxsize=8)
def derive_key(passphrase: str, params: KdfParams) -> bytes:
    """The network key; cached because Argon2id is deliberately slow (about a second)."""
    return bytes(
        nacl.pwhash.argon2id.kdf(
            KEY_BYTES,
            passphrase.encode("utf-8"),
            params.salt,
            opslimit=params.opslimit,
            memlimit=params.memlimit,
        )
    )


def key_check(key: bytes) -> bytes:
    """A short keyed hash that tells a wrong passphrase from a damaged bundle."""
    return bytes(
        nacl.hash.blake2b(_CHECK_CONTEXT, key=key, digest_size=16, encoder=nacl.encoding.RawEncoder)
    )


class StreamWriter:
    """Encrypts chunks in order; the last one written by ``finish`` carries the final tag."""

    def __init__(self, key: bytes, associated: bytes) -> None:
        self._state = sodium.crypto_secretstream_xchacha20poly1305_state()
        self.header = bytes(sodium.crypto_secretstream_xchacha20poly1305_init_push(self._state, key))
        self._associated: bytes | None = associated

    def push(self, chunk: bytes, *, final: bool = False) -> bytes:
        sealed = sodium.crypto_secretstream_xchacha20poly1305_push(
            self._state, chunk, self._associated, _TAG_FINAL if final else _TAG_MESSAGE
        )
        self._associated = None  # the header is bound to the first chunk only
        return bytes(sealed)


def open_stream(key: bytes, header: bytes, associated: bytes, chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Decrypt chunks in order; raises ``CryptoError`` unless the stream ends with its final tag."""
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    try:
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, header, key)
    except (nacl.exceptions.CryptoError, ValueError, TypeError):
        raise CryptoError(_("the bundle is damaged (bad stream header)")) from None
    aad: bytes | None = associated
    finished = False
    for sealed in chunks:
        if finished:
            raise CryptoError(_("the bundle has data after its end; it was altered"))
        try:
            plain, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed, aad)
        except (nacl.exceptions.CryptoError, ValueError, TypeError):
            raise CryptoError(
                _("the bundle is damaged or was altered (authentication failed)")
            ) from None
        aad = None
        finished = tag == _TAG_FINAL
        yield bytes(plain)
    if not finished:
        raise CryptoError(_("the bundle is incomplete (cut short)"))
