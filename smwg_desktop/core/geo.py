"""Countries (ISO 3166-1 alpha-2) and the network's regions derived from them.

pycountry and babel are imported by the functions that ask them, at the first
call: reading records needs neither, and a program starts faster without them.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum

from smwg_desktop.core.text import fold


class Region(StrEnum):
    LATIN_AMERICA_CARIBBEAN = "latin_america_caribbean"
    AFRICA = "africa"
    ASIA_PACIFIC = "asia_pacific"
    MENA = "mena"
    EUROPE = "europe"
    NORTH_AMERICA = "north_america"


REGION_LABELS: dict[Region, str] = {
    Region.LATIN_AMERICA_CARIBBEAN: "Latin America and the Caribbean",
    Region.AFRICA: "Africa",
    Region.ASIA_PACIFIC: "Asia and the Pacific",
    Region.MENA: "Middle East and North Africa",
    Region.EUROPE: "Europe",
    Region.NORTH_AMERICA: "North America",
}

# UN M49 groupings, except that North Africa joins the Middle East (as the network
# counts it), and Cyprus, Turkey and the South Caucasus count as Europe, where their
# movements take part in the network's European work. Every other code is Asia and
# the Pacific (including Antarctica and the outlying Pacific territories): those of
# ISO 3166-1 today are listed too, so that the region of a record is known without
# loading pycountry; a code added later is looked up there (see ``region_of``).
_REGION_MEMBERS: dict[Region, str] = {
    Region.AFRICA: (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW IO KE KM LR LS MG"
        " ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TZ UG YT ZA"
        " ZM ZW"
    ),
    Region.MENA: "AE BH DZ EG EH IL IQ IR JO KW LB LY MA OM PS QA SA SY TN YE",
    Region.EUROPE: (
        "AD AL AM AT AX AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GR HR"
        " HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK"
        " SM TR UA VA"
    ),
    Region.NORTH_AMERICA: "BM CA GL PM US",
    Region.LATIN_AMERICA_CARIBBEAN: (
        "AG AI AR AW BB BL BO BQ BR BS BV BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT"
        " GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI"
    ),
    Region.ASIA_PACIFIC: (
        "AF AQ AS AU BD BN BT CC CK CN CX FJ FM GU HK HM ID IN JP KG KH KI KP KR KZ LA LK"
        " MH MM MN MO MP MV MY NC NF NP NR NU NZ PF PG PH PK PN PW SB SG TH TJ TK TL TM TO"
        " TV TW UM UZ VN VU WF WS"
    ),
}
_REGION_OF: dict[str, Region] = {
    code: region for region, codes in _REGION_MEMBERS.items() for code in codes.split()
}


def normalise_country(text: str) -> str | None:
    """The alpha-2 code for a code or a country name, or None if unknown.

    Names are read in English (ISO and common names) and in the network's other
    languages, as address books write them: "Perú", "Sénégal", "Brasil", "Mexique".
    Accents, case and punctuation do not matter in a name.
    """
    text = text.strip()
    if not text:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_2=text.upper()) if len(text) == 2 else None
    if found is None and len(text) == 3:
        found = pycountry.countries.get(alpha_3=text.upper())
    if found is None and len(text) > 3:
        try:
            found = pycountry.countries.lookup(text)
        except LookupError:
            return _country_names().get(_name_key(text))
    return found.alpha_2 if found is not None else None


NAME_LANGUAGES = ("en", "es", "fr", "pt")
"""Languages whose country names are recognised (Portuguese for Brazil's own exports)."""

_COUNTRY_NAMES_CACHE: dict[str, str] = {}


def _name_key(name: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(name)).split())


def _country_names() -> dict[str, str]:
    """Folded country names in ``NAME_LANGUAGES`` to alpha-2 codes, built once.

    A name that means two countries in two languages is left out rather than guessed.
    """
    if _COUNTRY_NAMES_CACHE:
        return _COUNTRY_NAMES_CACHE
    import pycountry
    from babel import Locale

    names: dict[str, set[str]] = {}
    for lang in NAME_LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
                continue
            # "Myanmar (Burma)" is also written "Myanmar".
            for variant in (name, name.split(" (")[0]):
                names.setdefault(_name_key(variant), set()).add(code)
    _COUNTRY_NAMES_CACHE.update(
        {key: next(iter(codes)) for key, codes in names.items() if key and len(codes) == 1}
    )
    return _COUNTRY_NAMES_CACHE


# The next three are asked for every record written (its derived columns), and
# pycountry and babel answer in tens of microseconds: remember each code's answer.
@functools.cache
def region_of(country: str) -> Region | None:
    """The network region of an alpha-2 code; None for an empty or unknown code."""
    if not country:
        return None
    region = _REGION_OF.get(country)
    if region is not None:
        return region
    import pycountry

    return Region.ASIA_PACIFIC if pycountry.countries.get(alpha_2=country) is not None else None


@functools.cache
def country_name(country: str) -> str:
    """The English short name of an alpha-2 code, or the code itself if unknown."""
    import pycountry

    found = pycountry.countries.get(alpha_2=country) if country else None
    if found is None:
        return country
    return str(getattr(found, "common_name", None) or found.name)


SEARCH_LANGUAGES = ("en", "es", "fr")
"""The languages the network writes in; a country is found by its name in any of them."""


@functools.cache
def country_search_names(country: str) -> str:
    """Every name of the country in the network's languages, for the search index."""
    if not country:
        return ""
    names = [country_name(country)]
    names += [_territories(lang).get(country, "") for lang in SEARCH_LANGUAGES]
    return " ".join(dict.fromkeys(n for n in names if n))


@functools.cache
def _territories(lang: str) -> dict[str, str]:
    """Country names in one language; babel reads its data again for each new ``Locale``."""
    from babel import Locale

    return dict(Locale(lang).territories)


def countries_in(region: Region) -> tuple[str, ...]:
    """Every alpha-2 code whose network region is ``region``, in code order."""
    import pycountry

    return tuple(sorted(c.alpha_2 for c in pycountry.countries if region_of(c.alpha_2) is region))


def all_countries() -> list[tuple[str, str]]:
    """Every country as (alpha-2 code, English short name), in name order."""
    import pycountry

    named = [(c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries]
    return sorted(named, key=lambda pair: pair[1].casefold())
