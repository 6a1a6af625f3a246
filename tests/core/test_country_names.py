"""Countries and phone numbers as address books in the network's languages write them."""

from __future__ import annotations

import pytest

from smwg_desktop.core.fields import normalise_phone
from smwg_desktop.core.geo import normalise_country


@pytest.mark.parametrize(
    ("text", "code"),
    [("Perú", "PE"), ("Sénégal", "SN"), ("Brasil", "BR"), ("México", "MX"), ("Mexique", "MX"),
     ("Estados Unidos", "US"), ("Royaume-Uni", "GB"), ("Côte d’Ivoire", "CI"),
     ("cote d'ivoire", "CI"), ("Maroc", "MA"), ("Myanmar", "MM"), ("PERU", "PE")],
)
def test_country_names_in_spanish_french_and_portuguese(text: str, code: str) -> None:
    assert normalise_country(text) == code


def test_an_unknown_name_is_still_unknown() -> None:
    assert normalise_country("Atlantis") is None


def test_a_mexican_mobile_written_with_the_old_1_is_the_number_it_is_now() -> None:
    assert normalise_phone("+52 1 55 5555 0102", "") == "+525555550102"
    assert normalise_phone("+52 55 5555 0102", "") == "+525555550102"


def test_other_impossible_numbers_are_still_refused() -> None:
    with pytest.raises(ValueError, match="not a possible phone number"):
        normalise_phone("+52 1 55 5555 01023", "")
