"""Every fixed text exists in Spanish and French, and a language we lack is refused."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import re
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

import smwg_desktop
from smwg_desktop import i18n
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.geo import Region
from smwg_desktop.core.model import (
    ACTIVITY_KINDS,
    CONSTITUENCIES,
    MEMBERSHIP_STATUSES,
    OBJECTIVES,
    OUTREACH_STAGES,
    PARTICIPANT_ROLES,
    PROPOSAL_STATUSES,
    REVIEW_STATES,
    SEAT_ROLES,
    Proposal,
    Review,
)
from smwg_desktop.core.proposals import ReviewLine, ReviewProgress
from smwg_desktop.i18n import (
    ACTIVITY_KIND_LABELS,
    CONSTITUENCY_LABELS,
    LANGUAGES,
    MEMBERSHIP_STATUS_LABELS,
    OBJECTIVE_LABELS,
    OUTREACH_STAGE_LABELS,
    PARTICIPANT_ROLE_LABELS,
    PROPOSAL_STATUS_LABELS,
    REGION_LABELS,
    REVIEW_STATE_LABELS,
    SEAT_ROLE_LABELS,
    country_name,
    format_date,
    label,
    review_progress_text,
    translations,
    translator,
)
from smwg_desktop.resources import resource_path

PACKAGE = Path(smwg_desktop.__file__).parent
CATALOG_TOOL = PACKAGE.parent / "build" / "update_catalogs.py"
TRANSLATED = ("es", "fr")
MARKED_FOLDERS = ("cli", "core", "interop", "reports", "storage", "sync", "ui")
"""Every package of smwg_desktop: each marks the strings a person reads."""
MARKED_MODULES = ("__main__.py", "i18n.py", "resources.py", "selftest.py", "user_cache.py")


@cache
def _catalog_tool() -> ModuleType:
    """``build/update_catalogs.py``, the one place that says what counts as marked."""
    spec = importlib.util.spec_from_file_location("update_catalogs", CATALOG_TOOL)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


@cache
def _marked_strings() -> dict[str, str]:
    """Every msgid marked with _, N_, gettext or ngettext, and where it is."""
    keywords = _catalog_tool().KEYWORDS
    found: dict[str, str] = {}
    for folder in MARKED_FOLDERS:
        for filename, lineno, message, _comments, _context in extract_from_dir(
            PACKAGE / folder, method_map=[("**.py", "python")], keywords=keywords
        ):
            msgid = message if isinstance(message, str) else message[0]
            found.setdefault(msgid, f"smwg_desktop/{folder}/{filename}:{lineno}")
    for module in MARKED_MODULES:
        for lineno, message, _comments, _context in extract_from_file(
            "python", PACKAGE / module, keywords=keywords
        ):
            msgid = message if isinstance(message, str) else message[0]
            found.setdefault(msgid, f"smwg_desktop/{module}:{lineno}")
    return found


def _catalog(lang: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(msgid and plural, translated forms) of every message of a catalog."""
    with resource_path("translations", lang, "LC_MESSAGES", "smwg.po").open("rb") as source:
        catalog = read_po(source, locale=lang)
    return [
        (
            (m.id,) if isinstance(m.id, str) else tuple(m.id),
            (m.string,) if isinstance(m.string, str) else tuple(m.string),
        )
        for m in catalog
        if m.id
    ]


def test_every_package_and_module_is_checked() -> None:
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    modules = {p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}

    assert packages == set(MARKED_FOLDERS)
    assert modules == set(MARKED_MODULES)


def test_the_test_and_the_catalog_tool_see_the_same_strings() -> None:
    tool = _catalog_tool()

    extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in tool.template() if m.id}

    assert set(_marked_strings()) == extracted
    assert tuple(lang for lang in LANGUAGES if lang != "en") == tool.TRANSLATED


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogs_are_as_make_catalogs_writes_them(lang: str) -> None:
    """New strings added, old ones gone, in source order: run `make catalogs` if this fails."""
    tool = _catalog_tool()
    current = tool.catalog_path(lang).read_bytes()

    assert tool.updated_text(lang, tool.template(), current) == current


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_marked_string_is_translated_in_the_catalog(lang: str) -> None:
    path = resource_path("translations", lang, "LC_MESSAGES", "smwg.po")
    with path.open("rb") as source:
        catalog = read_po(source, locale=lang)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }
    marked = _marked_strings()
    assert len(marked) > 50

    missing = [f"{where}: {msgid!r}" for msgid, where in marked.items() if msgid not in translated]

    assert missing == [], f"not translated in {lang}: " + "; ".join(missing)


PLACEHOLDER = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_their_placeholders(lang: str) -> None:
    wrong = [
        (ids[0], form)
        for ids, forms in _catalog(lang)
        for form in forms
        if form and sorted(set(PLACEHOLDER.findall(form))) != sorted(set(PLACEHOLDER.findall(ids[-1])))
    ]

    assert wrong == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_one_accelerator_and_the_ellipsis(lang: str) -> None:
    def accelerators(text: str) -> int:
        return text.replace("&&", "").count("&")

    wrong = [
        (ids[0], form)
        for ids, forms in _catalog(lang)
        for form in forms
        if form
        and (
            accelerators(form) != accelerators(ids[0])
            or form.endswith("…") != ids[0].endswith("…")
        )
    ]

    assert wrong == []


def _user_error_names() -> set[str]:
    """UserError and every class the package derives from it, and click's usage errors."""
    bases: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {ast.unparse(b).rsplit(".", 1)[-1] for b in node.bases}
    names = {"UserError", "UsageError", "BadParameter", "ClickException"}
    while grown := {name for name, parents in bases.items() if parents & names} - names:
        names |= grown
    return names


def test_no_refusal_is_an_unmarked_literal_or_f_string() -> None:
    """A message built with an f-string cannot be translated: _("... {x}").format(x=...)."""
    names = _user_error_names()
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            called = ast.unparse(node.func).rsplit(".", 1)[-1]
            if called not in names:
                continue
            message = node.args[1] if called == "ValidationError" and len(node.args) > 1 else node.args[0]
            literal = isinstance(message, ast.Constant) and isinstance(message.value, str)
            if isinstance(message, ast.JoinedStr) or (literal and message.value.strip()):
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")

    assert {"UserError", "ValidationError", "BundleError", "ImportRefused"} <= names
    assert offenders == []


def test_an_unknown_language_is_refused_in_one_line() -> None:
    with pytest.raises(UserError) as refused:
        translator("de")

    assert "\n" not in str(refused.value)
    assert "en, es, fr" in str(refused.value)


def test_plurals_follow_each_language() -> None:
    assert translations("es").ngettext("{n} person", "{n} people", 1) == "{n} persona"
    assert translations("es").ngettext("{n} person", "{n} people", 0) == "{n} personas"
    assert translations("fr").ngettext("{n} person", "{n} people", 0) == "{n} personne"
    assert translations("en").ngettext("{n} person", "{n} people", 2) == "{n} people"


@pytest.mark.parametrize(
    ("table", "values"),
    [
        (REGION_LABELS, [r.value for r in Region]),
        (CONSTITUENCY_LABELS, CONSTITUENCIES),
        (MEMBERSHIP_STATUS_LABELS, MEMBERSHIP_STATUSES),
        (SEAT_ROLE_LABELS, SEAT_ROLES),
        (ACTIVITY_KIND_LABELS, ACTIVITY_KINDS),
        (OBJECTIVE_LABELS, OBJECTIVES),
        (PARTICIPANT_ROLE_LABELS, PARTICIPANT_ROLES),
        (OUTREACH_STAGE_LABELS, ("", *OUTREACH_STAGES)),
        (REVIEW_STATE_LABELS, REVIEW_STATES),
        (PROPOSAL_STATUS_LABELS, PROPOSAL_STATUSES),
    ],
)
def test_every_coded_value_that_prints_has_a_label(table: dict[str, str], values: list[str]) -> None:
    assert sorted(table) == sorted(values)


def test_labels_translate_and_user_values_show_as_written() -> None:
    spanish = translator("es")

    assert label(REGION_LABELS, "africa", spanish) == "África"
    assert label(CONSTITUENCY_LABELS, "street_vendors", spanish) == "Street vendors"


def test_dates_and_country_names_follow_the_language() -> None:
    day = date(2016, 11, 10)

    assert format_date(day, "es") == "10 de noviembre de 2016"
    assert format_date(day, "fr") == "10 novembre 2016"
    assert country_name("DE", "fr") == "Allemagne"
    assert country_name("TN", "es") == "Túnez"


def _progress(states: list[str], deadline: date | None, on: date) -> ReviewProgress:
    proposal = Proposal(id="p", title="Concept note", deadline=deadline)
    lines = tuple(
        ReviewLine(Review(id=f"r{n}", proposal_id="p", body_id=f"b{n}", state=state), None)
        for n, state in enumerate(states)
    )
    return ReviewProgress(proposal, lines, on)


def test_review_progress_reads_as_one_line_in_each_language() -> None:
    states = ["endorsed"] * 4 + ["declined", "commented", "pending", "pending"]
    progress = _progress(states, date(2016, 10, 14), date(2016, 10, 12))

    assert review_progress_text(progress, "en") == (
        "6 of 8 working groups answered; 4 endorsed, 1 commented, 1 declined; "
        "2 days to the deadline"
    )
    assert review_progress_text(progress, "es") == (
        "6 de 8 grupos de trabajo respondieron; 4 respaldos, 1 con comentarios, 1 rechazo; "
        "2 días para la fecha límite"
    )
    assert review_progress_text(progress, "fr") == (
        "6 groupes de travail sur 8 ont répondu; 4 approbations, 1 avec commentaires, 1 refus; "
        "2 jours avant la date limite"
    )


@pytest.mark.parametrize(
    ("deadline", "on", "expected"),
    [
        (None, date(2016, 10, 1), "no deadline"),
        (date(2016, 10, 14), date(2016, 10, 14), "the deadline is today"),
        (date(2016, 10, 14), date(2016, 10, 13), "1 day to the deadline"),
        (date(2016, 10, 14), date(2016, 10, 17), "3 days past the deadline"),
    ],
)
def test_the_deadline_part_says_how_far_it_is(
    deadline: date | None, on: date, expected: str
) -> None:
    progress = _progress(["pending"], deadline, on)

    assert review_progress_text(progress, "en") == f"0 of 1 working group answered; {expected}"


def _parsed_as_before(lang: str) -> tuple[dict[str, str], dict[tuple[str, int], str], str]:
    """The messages, plural forms and plural rule the app took from a .po file before it kept them."""
    with resource_path("translations", lang, "LC_MESSAGES", "smwg.po").open("rb") as source:
        catalog = read_po(source, locale=lang)
    messages: dict[str, str] = {}
    plurals: dict[tuple[str, int], str] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, (tuple, list)):
            for n, text in enumerate(message.string or ()):
                if text:
                    plurals[(str(message.id[0]), n)] = str(text)
        elif isinstance(message.string, str) and message.string:
            messages[str(message.id)] = message.string
    return messages, plurals, str(catalog.plural_expr)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_later_start_translates_from_the_kept_catalog_as_the_po_file_says(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    i18n._catalog(lang)  # the first start parses the file and keeps what it needs

    def parse_again(path: Path, lang: str) -> object:
        raise AssertionError("a later start parsed the .po file again")

    monkeypatch.setattr(i18n, "_read_catalog", parse_again)
    kept = i18n._CatalogTranslations(lang)
    messages, plurals, plural_expr = _parsed_as_before(lang)
    rule = gettext.c2py(plural_expr)

    for msgid, _forms in _catalog(lang):
        if len(msgid) == 1:
            assert kept.gettext(msgid[0]) == messages.get(msgid[0], msgid[0])
        else:
            for n in (0, 1, 2, 5, 1_000_000):
                expected = plurals.get((msgid[0], rule(n)), msgid[0] if n == 1 else msgid[1])
                assert kept.ngettext(msgid[0], msgid[1], n) == expected
    assert any(len(msgid) == 2 for msgid, _forms in _catalog(lang))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_kept_catalog_is_keyed_to_files_that_exist(lang: str) -> None:
    path = resource_path("translations", lang, "LC_MESSAGES", "smwg.po")

    sources = i18n._catalog_sources(path)

    assert path in sources
    assert all(source.is_file() for source in sources)
