"""Translations: one gettext catalog per language for the UI, the CLI and the documents.

English is the source text. Spanish and French live in
``resources/translations/<lang>/LC_MESSAGES/smwg.po`` and are read at run time with
babel, so there is no compile step and no binary catalog in the repository; what
babel parses is kept in the user cache folder until the file changes (``_catalog``).
Mark every user-visible string with ``_`` (the current language) or translate for
one document with ``translator(lang)``.

babel is imported where a catalog, a date or a name is first needed, not with
this module: a session that shows no date never loads it once its catalog is kept.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable, Mapping
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from smwg_desktop.core.errors import UserError
from smwg_desktop.resources import resource_path
from smwg_desktop.user_cache import cached, package_files

if TYPE_CHECKING:
    from babel import Locale

    from smwg_desktop.core.proposals import ReviewProgress

LANGUAGES = ("en", "es", "fr")
DOMAIN = "smwg"


class _Catalog(TypedDict):
    """What a session needs of a .po file, as kept in the user cache folder."""

    plural_expr: str
    messages: dict[str, str]
    plurals: dict[str, list[str]]
    """The forms of each plural message by its singular msgid ("" for a form not translated)."""


class _CatalogTranslations(gettext.NullTranslations):
    """gettext translations backed by a babel catalog read from a .po file."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        catalog = _catalog(lang)
        self._messages = catalog["messages"]
        self._plurals = {
            (msgid, n): text
            for msgid, forms in catalog["plurals"].items()
            for n, text in enumerate(forms)
            if text
        }
        self._plural_rule = gettext.c2py(catalog["plural_expr"])

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        form = self._plurals.get((msgid1, self._plural_rule(n)))
        if form is not None:
            return form
        return msgid1 if n == 1 else msgid2


def _catalog(lang: str) -> _Catalog:
    """The catalog of ``lang``, parsed at the first start after an install or an update.

    babel parses a .po file in about 50 ms, a sixth of the whole start in French:
    the result is kept in the user cache folder, keyed to the file (see ``user_cache``).
    """
    path = resource_path("translations", lang, "LC_MESSAGES", f"{DOMAIN}.po")
    return cached(
        f"catalog-{lang}", _catalog_sources(path), lambda: _read_catalog(path, lang), _is_catalog
    )


def _catalog_sources(path: Path) -> list[Path]:
    """What a parsed catalog comes from: the .po file, babel's reader and this module."""
    return [path, *package_files("babel", "__init__.py"), Path(__file__)]


def _read_catalog(path: Path, lang: str) -> _Catalog:
    from babel.messages.pofile import read_po

    with open(path, "rb") as source:
        catalog = read_po(source, locale=lang)
    messages: dict[str, str] = {}
    plurals: dict[str, list[str]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, (tuple, list)):
            plurals[str(message.id[0])] = [str(text or "") for text in message.string or ()]
        elif isinstance(message.string, str) and message.string:
            messages[str(message.id)] = message.string
    return {"plural_expr": str(catalog.plural_expr), "messages": messages, "plurals": plurals}


def _is_catalog(value: object) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("plural_expr"), str):
        return False
    messages, plurals = value.get("messages"), value.get("plurals")
    return (
        isinstance(messages, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in messages.items())
        and isinstance(plurals, dict)
        and all(
            isinstance(msgid, str) and isinstance(forms, list)
            and all(isinstance(text, str) for text in forms)
            for msgid, forms in plurals.items()
        )
    )


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for a language; English is the untranslated source."""
    if lang not in LANGUAGES:
        raise UserError(
            _("language: '{lang}' is not one of: {languages}").format(
                lang=lang, languages=", ".join(LANGUAGES)
            )
        )
    if lang == "en":
        return gettext.NullTranslations()
    return _CatalogTranslations(lang)


def translator(lang: str) -> Callable[[str], str]:
    """``_`` for one language, for a document printed in a language of its own."""
    return translations(lang).gettext


_current: list[gettext.NullTranslations] = [gettext.NullTranslations()]
_current_language: list[str] = ["en"]


def set_language(lang: str) -> None:
    """Make ``lang`` the language of ``_`` for the rest of the session."""
    _current[0] = translations(lang)
    _current_language[0] = lang


def current_language() -> str:
    """The language ``_`` speaks now: "en" until ``set_language`` says otherwise."""
    return _current_language[0]


def environment_language(environ: Mapping[str, str]) -> str:
    """The language the environment asks for, read as gettext reads it; English if not ours.

    The locale is the first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set
    (``es_ES.UTF-8``); unless it is C or POSIX, ``LANGUAGE`` (``fr:es``) may list
    preferences before it.
    """
    names = ("LC_ALL", "LC_MESSAGES", "LANG")
    locale = next((environ[name] for name in names if environ.get(name)), "")
    if _language_code(locale) in ("", "c", "posix"):
        return "en"
    wanted = [part for part in environ.get("LANGUAGE", "").split(":") if part] or [locale]
    return next((code for code in map(_language_code, wanted) if code in LANGUAGES), "en")


def _language_code(locale: str) -> str:
    """ "es" for "es_ES.UTF-8", "es-419" or "es@euro"; "c" for "C.UTF-8"."""
    return locale.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def _(message: str) -> str:
    """The message in the session's language."""
    return _current[0].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current[0].ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for translation where it is defined (a table); translate it where shown."""
    return message


# Dates, countries and languages come from CLDR through babel, not from the catalogs.


def format_date(day: date, lang: str, width: str = "long") -> str:
    """A date as people write it in ``lang`` ("10 de noviembre de 2016")."""
    import babel.dates

    return str(babel.dates.format_date(day, width, locale=_locale(lang)))


def format_date_range(first: date, last: date, lang: str) -> str:
    """Two dates as one span in ``lang`` ("10–12 de noviembre de 2016"); one date if equal."""
    if first == last:
        return format_date(first, lang)
    import babel.dates

    return str(babel.dates.format_interval(first, last, "yMMMMd", locale=_locale(lang)))


def format_time(moment: time, lang: str) -> str:
    """A clock time in the short form of ``lang`` ("9:00 AM", "9:00", "09:00")."""
    import babel.dates

    return str(babel.dates.format_time(moment, "short", locale=_locale(lang)))


def country_name(code: str, lang: str) -> str:
    """The name of an ISO 3166 country in ``lang``; the code itself if CLDR lacks it."""
    return str(_locale(lang).territories.get(code, code)) if code else ""


def language_name(code: str, lang: str) -> str:
    """The name of a language (ISO 639) in ``lang``; the code itself if CLDR lacks it."""
    return str(_locale(lang).languages.get(code, code)) if code else ""


@functools.cache
def _locale(lang: str) -> Locale:
    from babel import Locale

    translations(lang)  # refuses a language we have no catalog for
    return Locale.parse(lang)


# Labels of the coded values that records store (see core.model and core.geo), in
# English; translate them with ``label(TABLE, value, _)`` where they are shown.

REGION_LABELS: dict[str, str] = {
    "latin_america_caribbean": N_("Latin America and the Caribbean"),
    "africa": N_("Africa"),
    "asia_pacific": N_("Asia and the Pacific"),
    "mena": N_("Middle East and North Africa"),
    "europe": N_("Europe"),
    "north_america": N_("North America"),
}

CONSTITUENCY_LABELS: dict[str, str] = {
    "indigenous_peoples": N_("Indigenous peoples"),
    "peasants": N_("Peasants"),
    "fisherfolk": N_("Fisherfolk"),
    "urban_poor": N_("Urban poor"),
    "landless_farmers": N_("Landless farmers"),
    "domestic_workers": N_("Domestic workers"),
    "racial_and_ethnic_minorities": N_("Racial and ethnic minorities"),
    "communities_resisting_harmful_development_projects": N_(
        "Communities resisting harmful development projects"
    ),
}

MEMBERSHIP_STATUS_LABELS: dict[str, str] = {
    "member": N_("Member"),
    "applicant": N_("Applicant"),
    "prospect": N_("Prospect"),
    "former": N_("Former member"),
}

SEAT_ROLE_LABELS: dict[str, str] = {
    "member": N_("Member"),
    "co_chair": N_("Co-chair"),
    "chair": N_("Chair"),
    "focal_point": N_("Focal point"),
    "board_member": N_("Board member"),
    "observer": N_("Observer"),
}

ACTIVITY_KIND_LABELS: dict[str, str] = {
    "strategic_exchange": N_("Strategic exchange"),
    "virtual_dialogue": N_("Virtual dialogue"),
    "in_person_dialogue": N_("In-person dialogue"),
    "side_meeting": N_("Meeting alongside another event"),
    "gsm": N_("Global Strategy Meeting"),
    "publication": N_("Publication"),
    "other": N_("Activity"),
}

OBJECTIVE_LABELS: dict[str, str] = {
    "shared_analysis": N_("Deepen a shared analysis of common challenges"),
    "proposals": N_("Present proposals to the Network's membership"),
    "mutual_learning": N_("Mutual learning and solidarity"),
    "participation_and_leadership": N_(
        "Participation and leadership of social movements and grassroots groups"
    ),
}

PARTICIPANT_ROLE_LABELS: dict[str, str] = {
    "participant": N_("Participant"),
    "speaker": N_("Speaker"),
    "facilitator": N_("Facilitator"),
    "interpreter": N_("Interpreter"),
}


OUTREACH_STAGE_LABELS: dict[str, str] = {
    "": N_("Not in outreach"),
    "identified": N_("Identified"),
    "contacted": N_("Contacted"),
    "in_conversation": N_("In conversation"),
    "applied": N_("Applied"),
    "joined": N_("Joined"),
    "declined": N_("Declined"),
}

REVIEW_STATE_LABELS: dict[str, str] = {
    "pending": N_("Pending"),
    "commented": N_("Commented"),
    "endorsed": N_("Endorsed"),
    "declined": N_("Declined"),
}

PROPOSAL_STATUS_LABELS: dict[str, str] = {
    "draft": N_("Draft"),
    "in_review": N_("In review"),
    "submitted": N_("Submitted to the GSM"),
    "adopted": N_("Adopted"),
    "withdrawn": N_("Withdrawn"),
}


PIPELINE_GROUP_LABELS: dict[str, str] = {
    "all": N_("All prospects"),
    "africa": N_("From Africa"),
    "europe": N_("From Europe"),
    "women_led": N_("Led by women"),
    "africa_women_led": N_("Led by women, from Africa"),
    "europe_women_led": N_("Led by women, from Europe"),
}
"""The outreach priorities (see ``core.outreach.PIPELINE_GROUPS``), and every prospect."""


def review_progress_text(progress: ReviewProgress, lang: str | None = None) -> str:
    """A review's progress in one line: "6 of 8 working groups answered; 4 endorsed,
    1 commented, 1 declined; 2 days to the deadline", in ``lang`` (the session's if None)."""
    catalog = _current[0] if lang is None else translations(lang)
    ngettext = catalog.ngettext
    parts = [
        ngettext(
            "{answered} of {total} working group answered",
            "{answered} of {total} working groups answered",
            progress.total,
        ).format(answered=progress.answered, total=progress.total)
    ]
    answers = [
        ngettext("{n} endorsed", "{n} endorsed", progress.endorsed).format(n=progress.endorsed)
        if progress.endorsed else "",
        ngettext("{n} commented", "{n} commented", progress.commented).format(n=progress.commented)
        if progress.commented else "",
        ngettext("{n} declined", "{n} declined", progress.declined).format(n=progress.declined)
        if progress.declined else "",
    ]
    if any(answers):
        parts.append(", ".join(a for a in answers if a))
    parts.append(deadline_text(progress.days_left, lang))
    return "; ".join(parts)


def deadline_text(days_left: int | None, lang: str | None = None) -> str:
    """How far the deadline is: "2 days to the deadline", "deadline today", "3 days past..."."""
    catalog = _current[0] if lang is None else translations(lang)
    ngettext = catalog.ngettext
    if days_left is None:
        return catalog.gettext("no deadline")
    if days_left == 0:
        return catalog.gettext("the deadline is today")
    if days_left > 0:
        return ngettext(
            "{n} day to the deadline", "{n} days to the deadline", days_left
        ).format(n=days_left)
    return ngettext(
        "{n} day past the deadline", "{n} days past the deadline", -days_left
    ).format(n=-days_left)


def label(table: Mapping[str, str], value: str, _: Callable[[str], str]) -> str:
    """The translated label of a coded value.

    A value the users added themselves (a constituency of their own) has no catalog
    entry: it shows as written, underscores as spaces, with a capital first letter.
    """
    source = table.get(value)
    if source is not None:
        return _(source)
    text = value.replace("_", " ").strip()
    return text[:1].upper() + text[1:]
