"""Bring the translation catalogs up to date with the strings the code marks: ``make catalogs``.

Extracts every string marked with ``_``, ``N_``, ``gettext`` or ``ngettext`` anywhere in
``smwg_desktop/`` with babel, then updates
``resources/translations/<lang>/LC_MESSAGES/smwg.po`` for each translated language:

- existing translations are kept;
- new strings are added with an empty ``msgstr`` (no fuzzy guesses: babel's pick
  things like "Time" for "&Title"); a string whose English changed is a new string;
- strings no longer in the code are dropped.

The output is deterministic so that diffs show only what changed: messages in source
order (files sorted, then line order), file names without line numbers, a fixed header
with no dates. Then translate each empty entry (and any marked ``#, fuzzy`` by hand:
the app ignores those until the flag is removed); ``tests/test_i18n.py`` fails
while one is missing.

    python build/update_catalogs.py           # update the catalogs
    python build/update_catalogs.py --check   # exit 1 if they are not up to date
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "smwg_desktop"
TRANSLATIONS = ROOT / "resources" / "translations"
DOMAIN = "smwg"
TRANSLATED = ("es", "fr")
"""Every language but English, the source text (``smwg_desktop.i18n.LANGUAGES``)."""

KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
}
"""The marking functions of ``smwg_desktop.i18n`` (``gettext`` for a catalog's own method)."""

COMMENT_TAG = "Translators:"
"""A ``# Translators: ...`` comment just above a marked string reaches the catalog."""

WIDTH = 100


def header(lang: str) -> str:
    """The fixed head of a catalog; no dates, so that updating changes only messages."""
    return (
        f"# SMWG Desktop translations ({lang}). English is the source text.\n"
        "# Update with `make catalogs` (build/update_catalogs.py), then translate each empty\n"
        "# or fuzzy entry. Keep {placeholders}, one & per string and the … of menu items.\n"
        'msgid ""\n'
        'msgstr ""\n'
        '"Project-Id-Version: smwg-desktop\\n"\n'
        f'"Language: {lang}\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        f'"Plural-Forms: {plural_forms(lang)}\\n"\n'
        "\n"
    )


PLURAL_FORMS: dict[str, str] = {
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
}
"""gettext's plural rule of each translated language, fixed here rather than read from
babel: babel 2.19's CLDR data added a third form (for a million: "un million de
personnes"), so a catalog made with one babel was out of date under the next."""


def plural_forms(lang: str) -> str:
    """The ``Plural-Forms`` header of a catalog: French counts 0 as singular."""
    return PLURAL_FORMS[lang]


def marked_messages(
    package: Path = PACKAGE,
) -> Iterable[tuple[str, int, str | tuple[str, ...], list[str]]]:
    """(file relative to the root, line, message, translator comments) of each marked string."""
    for filename, lineno, message, comments, _context in extract_from_dir(
        package,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=(COMMENT_TAG,),
        strip_comment_tags=True,
    ):
        yield f"{package.name}/{filename}", lineno, message, comments


def template(package: Path = PACKAGE) -> Catalog:
    """Every marked string in source order: what the catalogs must hold."""
    catalog = Catalog(domain=DOMAIN, fuzzy=False)
    for where, lineno, message, comments in marked_messages(package):
        catalog.add(message, locations=[(where, lineno)], auto_comments=comments)
    return catalog


def updated_text(lang: str, source: Catalog, current: bytes | None) -> bytes:
    """The catalog of ``lang`` as it should be written, from its current text (None if new)."""
    if current is None:
        catalog = Catalog(locale=lang, domain=DOMAIN, fuzzy=False)
    else:
        catalog = read_po(io.BytesIO(current), locale=lang, domain=DOMAIN)
    # The header states the plural rule that read_po, update and the app all follow.
    catalog.mime_headers = [("Plural-Forms", plural_forms(lang))]
    catalog.update(source, no_fuzzy_matching=True, update_creation_date=False)
    body = io.BytesIO()
    write_po(
        body,
        catalog,
        width=WIDTH,
        omit_header=True,
        ignore_obsolete=True,
        include_lineno=False,
    )
    return header(lang).encode("utf-8") + body.getvalue().lstrip(b"\n")


def catalog_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def untranslated(text: bytes, lang: str) -> int:
    """Messages of a catalog's text with no translation, or a fuzzy one."""
    catalog = read_po(io.BytesIO(text), locale=lang, domain=DOMAIN)
    missing = 0
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing += 1
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if a catalog is not up to date with the code",
    )
    arguments = parser.parse_args(argv)
    source = template()
    stale = []
    for lang in TRANSLATED:
        path = catalog_path(lang)
        current = path.read_bytes() if path.exists() else None
        text = updated_text(lang, source, current)
        relative = path.relative_to(ROOT)
        if text != current:
            stale.append(relative)
            if not arguments.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text)
        state = "out of date" if arguments.check and text != current else "up to date"
        if not arguments.check and text != current:
            state = "updated"
        print(
            f"{relative}: {len(source)} messages, {untranslated(text, lang)} to translate; {state}"
        )
    return 1 if arguments.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
