"""Translations: one gettext catalog per language for the UI, the CLI and the documents.

English is the source text. Spanish and French live in
``resources/translations/<lang>/LC_MESSAGES/smwg.po`` and are read at run time with
babel, so there is no compile step and no binary catalog in the repository.
Mark every user-visible string with ``_`` (the current language) or translate for
one document with ``translator(lang)``.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable

from babel.messages.pofile import read_po

from smwg_desktop.core.errors import UserError
from smwg_desktop.resources import resource_path

LANGUAGES = ("en", "es", "fr")
DOMAIN = "smwg"


class _CatalogTranslations(gettext.NullTranslations):
    """gettext translations backed by a babel catalog read from a .po file."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        path = resource_path("translations", lang, "LC_MESSAGES", f"{DOMAIN}.po")
        with open(path, "rb") as source:
            catalog = read_po(source, locale=lang)
        self._messages: dict[str, str] = {}
        self._plurals: dict[tuple[str, int], str] = {}
        self._plural_rule = gettext.c2py(catalog.plural_expr)
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            if isinstance(message.id, (tuple, list)):
                for n, text in enumerate(message.string or ()):
                    if text:
                        self._plurals[(str(message.id[0]), n)] = str(text)
            elif isinstance(message.string, str) and message.string:
                self._messages[str(message.id)] = message.string

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        form = self._plurals.get((msgid1, self._plural_rule(n)))
        if form is not None:
            return form
        return msgid1 if n == 1 else msgid2


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for a language; English is the untranslated source."""
    if lang not in LANGUAGES:
        raise UserError(f"language: '{lang}' is not one of: {', '.join(LANGUAGES)}")
    if lang == "en":
        return gettext.NullTranslations()
    return _CatalogTranslations(lang)


def translator(lang: str) -> Callable[[str], str]:
    """``_`` for one language, for a document printed in a language of its own."""
    return translations(lang).gettext


_current: list[gettext.NullTranslations] = [gettext.NullTranslations()]


def set_language(lang: str) -> None:
    """Make ``lang`` the language of ``_`` for the rest of the session."""
    _current[0] = translations(lang)


def _(message: str) -> str:
    """The message in the session's language."""
    return _current[0].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current[0].ngettext(singular, plural, n)
