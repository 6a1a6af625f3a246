"""Text rules shared by every face: normalising names, sorting and matching them."""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """Names are stored in NFC so that the same name is the same string everywhere."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Case and accents removed: 'Asociación' and 'asociacion' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():  # no combining marks to drop
        return decomposed
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def sort_key(name: str) -> str:
    """The key a list of names sorts by: folded, with leading punctuation ignored."""
    return fold(name).lstrip(" \"'«¿¡(-.")
