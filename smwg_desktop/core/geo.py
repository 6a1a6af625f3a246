"""Countries (ISO 3166-1 alpha-2) and the network's regions derived from them."""

from __future__ import annotations

from enum import StrEnum

import pycountry
from babel import Locale


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
# the Pacific (including Antarctica and the outlying Pacific territories).
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
}
_REGION_OF: dict[str, Region] = {
    code: region for region, codes in _REGION_MEMBERS.items() for code in codes.split()
}


def normalise_country(text: str) -> str | None:
    """The alpha-2 code for a code or an English country name, or None if unknown."""
    text = text.strip()
    if not text:
        return None
    found = pycountry.countries.get(alpha_2=text.upper()) if len(text) == 2 else None
    if found is None and len(text) == 3:
        found = pycountry.countries.get(alpha_3=text.upper())
    if found is None and len(text) > 3:
        try:
            found = pycountry.countries.lookup(text)
        except LookupError:
            found = None
    return found.alpha_2 if found is not None else None


def region_of(country: str) -> Region | None:
    """The network region of an alpha-2 code; None for an empty or unknown code."""
    if not country or pycountry.countries.get(alpha_2=country) is None:
        return None
    return _REGION_OF.get(country, Region.ASIA_PACIFIC)


def country_name(country: str) -> str:
    """The English short name of an alpha-2 code, or the code itself if unknown."""
    found = pycountry.countries.get(alpha_2=country) if country else None
    if found is None:
        return country
    return str(getattr(found, "common_name", None) or found.name)


SEARCH_LANGUAGES = ("en", "es", "fr")
"""The languages the network writes in; a country is found by its name in any of them."""


def country_search_names(country: str) -> str:
    """Every name of the country in the network's languages, for the search index."""
    if not country:
        return ""
    names = [country_name(country)]
    names += [Locale(lang).territories.get(country, "") for lang in SEARCH_LANGUAGES]
    return " ".join(dict.fromkeys(n for n in names if n))
