"""How the directory's coded values and fields read on screen, translated with ``_``.

One place for the words of the organisation and person screens, so a table
header, a form label and an error message name a field the same way.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

from smwg_desktop import i18n, user_cache
from smwg_desktop.core import geo, text
from smwg_desktop.core.errors import UserError, ValidationError
from smwg_desktop.core.geo import all_countries, country_name, normalise_country
from smwg_desktop.core.text import fold
from smwg_desktop.i18n import (
    CONSTITUENCY_LABELS,
    MEMBERSHIP_STATUS_LABELS,
    N_,
    OUTREACH_STAGE_LABELS,
    REGION_LABELS,
    SEAT_ROLE_LABELS,
    _,
    current_language,
    label,
)
from smwg_desktop.i18n import country_name as local_country_name

FIELD_LABELS: dict[str, str] = {
    "name": N_("Name"),
    "acronym": N_("Acronym"),
    "country": N_("Country"),
    "region": N_("Region"),
    "constituencies": N_("Constituencies"),
    "women_led": N_("Women-led"),
    "women_section": N_("Has a women's section"),
    "status": N_("Membership"),
    "status_since": N_("Membership status since"),
    "member_since": N_("Member since"),
    "outreach_stage": N_("Outreach stage"),
    "languages": N_("Languages"),
    "website": N_("Website"),
    "emails": N_("E-mail addresses"),
    "phones": N_("Phone numbers"),
    "handles": N_("Messaging"),
    "address": N_("Address"),
    "notes": N_("Notes"),
    "interpretation": N_("Interpretation needs"),
    "listed": N_("Listed in printed directories"),
    "at_risk": N_("At risk"),
    "consent": N_("May be printed"),
    "person_id": N_("Person"),
    "organisation_id": N_("Organisation"),
    "body_id": N_("Body"),
    "role": N_("Role"),
    "start": N_("From"),
    "end": N_("To"),
    "body_kind": N_("Kind"),
}

CONSENT_LABELS: dict[str, str] = {
    "organisation": N_("Organisation"),
    "role": N_("Role"),
    "work_email": N_("Work e-mail"),
    "other_email": N_("Other e-mail addresses"),
    "work_phone": N_("Work phone"),
    "other_phone": N_("Other phone numbers"),
    "handles": N_("Messaging"),
    "country": N_("Country"),
    "languages": N_("Languages"),
    "address": N_("Address"),
    "website": N_("Website"),
    "emails": N_("E-mail addresses"),
    "phones": N_("Phone numbers"),
}

BODY_KIND_LABELS: dict[str, str] = {
    "board": N_("Board"),
    "thematic_working_group": N_("Thematic working group"),
    "working_group": N_("Working group"),
    "other": N_("Other body"),
}


def field_label(name: str) -> str:
    source = FIELD_LABELS.get(name)
    return _(source) if source else name.replace("_", " ").capitalize()


def region(code: str) -> str:
    return label(REGION_LABELS, code, _) if code else ""


def status(code: str) -> str:
    return label(MEMBERSHIP_STATUS_LABELS, code, _)


def constituency(code: str) -> str:
    return label(CONSTITUENCY_LABELS, code, _)


def seat_role(code: str) -> str:
    return label(SEAT_ROLE_LABELS, code, _)


def body_kind(code: str) -> str:
    return label(BODY_KIND_LABELS, code, _)


def outreach_stage(code: str) -> str:
    return label(OUTREACH_STAGE_LABELS, code, _)


def consent(code: str) -> str:
    return label(CONSENT_LABELS, code, _)


def country(code: str) -> str:
    """A country's name in the session's language, as the form shows it and the core reads it back."""
    return _country(code, current_language()) if code else ""


@functools.cache
def _country(code: str, lang: str) -> str:
    shown = shown_countries(lang).get(code)
    # A code pycountry does not list (kept by an older version) is worked out alone.
    return shown if shown is not None else _worked_out_country(code, lang)


def _worked_out_country(code: str, lang: str) -> str:
    name = local_country_name(code, lang)
    # The few names the core would not read back as this code ("Saint-Martin" in
    # French is also the Dutch side) stay in English.
    return name if normalise_country(name) == code else country_name(code)


def countries() -> list[str]:
    """Every country's name as ``country`` gives it, in the order a reader expects."""
    return _countries(current_language())


@functools.cache
def _countries(lang: str) -> list[str]:
    return sorted(shown_countries(lang).values(), key=fold)


@functools.cache
def shown_countries(lang: str) -> dict[str, str]:
    """Every country's name as ``country`` gives it in ``lang``, by code, in ``all_countries`` order.

    Working them out needs pycountry and babel's CLDR data in four languages (the
    read-back check), about 70 ms in English and 90 ms in French, more than the
    rest of the first screen: the names are kept in the user cache folder, keyed to
    the files they come from, and read back at later starts (see ``user_cache``).
    Every country is kept, so the file says nothing about the network's data.
    """
    return user_cache.cached(
        f"country-names-{lang}",
        _country_sources(lang),
        lambda: {code: _worked_out_country(code, lang) for code, _name in all_countries()},
        _is_text_by_text,
    )


def _country_sources(lang: str) -> list[Path]:
    cldr = sorted({"root", lang, *geo.NAME_LANGUAGES})
    return [
        *user_cache.package_files(
            "babel", "__init__.py", "global.dat", *(f"locale-data/{name}.dat" for name in cldr)
        ),
        *user_cache.package_files("pycountry", "__init__.py", "databases/iso3166-1.json"),
        *user_cache.module_files(geo, text, i18n),
        Path(__file__),
    ]


def _is_text_by_text(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def day(value: date | None) -> str:
    """A date as the forms show and take it (ISO, which every language reads alike)."""
    return value.isoformat() if value else ""


def sort_text(text: str) -> str:
    """The key that puts labels in the order a reader expects."""
    return fold(text)


def reason(error: UserError) -> str:
    """Why the core refused, as a sentence beside the field it names ("Name is required")."""
    if not isinstance(error, ValidationError):
        text = error.message
    elif error.reason.startswith(("is ", "must ", "has ")):
        text = f"{field_label(error.field)} {error.reason}"
    else:
        text = error.reason
    return text[:1].upper() + text[1:]


def user_message(error: UserError) -> str:
    """Why the core refused, naming the field, for a message shown away from the field."""
    if isinstance(error, ValidationError) and not error.reason.startswith(("is ", "must ", "has ")):
        return f"{field_label(error.field)}: {error.reason}"
    return reason(error)
