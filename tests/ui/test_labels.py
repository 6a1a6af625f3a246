"""Every coded value the directory screens show has words of its own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smwg_desktop import user_cache
from smwg_desktop.core.errors import ValidationError
from smwg_desktop.core.geo import all_countries, normalise_country
from smwg_desktop.core.model import (
    BODY_KINDS,
    ORGANISATION_CONSENT_FIELDS,
    OUTREACH_STAGES,
    PERSON_CONSENT_FIELDS,
)
from smwg_desktop.core.text import fold
from smwg_desktop.i18n import LANGUAGES, set_language
from smwg_desktop.ui import labels


def test_every_choice_has_a_label() -> None:
    assert set(labels.OUTREACH_STAGE_LABELS) == {"", *OUTREACH_STAGES}
    assert set(labels.BODY_KIND_LABELS) == set(BODY_KINDS)
    assert set(labels.CONSENT_LABELS) >= {*PERSON_CONSENT_FIELDS, *ORGANISATION_CONSENT_FIELDS}


def test_the_core_reason_reads_as_a_sentence_beside_its_field() -> None:
    assert labels.reason(ValidationError("name", "is required")) == "Name is required"
    assert labels.reason(ValidationError("emails", "'x' is not an e-mail address")) == (
        "'x' is not an e-mail address"
    )
    assert labels.user_message(ValidationError("emails", "'x' is not an e-mail address")) == (
        "E-mail addresses: 'x' is not an e-mail address"
    )


def _forget_country_names() -> None:
    """As a new start: nothing remembered in this process, only what the cache folder holds."""
    labels.shown_countries.cache_clear()
    labels._country.cache_clear()
    labels._countries.cache_clear()


@pytest.fixture
def new_start() -> Iterator[None]:
    _forget_country_names()
    yield
    _forget_country_names()
    set_language("en")


def _work_out_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def work_out(code: str, lang: str) -> str:
        raise AssertionError(f"a later start worked out the name of {code} in {lang} again")

    monkeypatch.setattr(labels, "_worked_out_country", work_out)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_country_shows_the_same_name_at_a_later_start_as_worked_out(
    lang: str, new_start: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = [code for code, _name in all_countries()]
    worked_out = [labels._worked_out_country(code, lang) for code in codes]
    set_language(lang)
    assert [labels.country(code) for code in codes] == worked_out  # the first start keeps them

    _forget_country_names()
    _work_out_nothing(monkeypatch)

    assert [labels.country(code) for code in codes] == worked_out
    assert labels.countries() == sorted(worked_out, key=fold)
    assert list(labels.shown_countries(lang)) == codes


def test_names_the_core_would_not_read_back_stay_in_english(new_start: None) -> None:
    set_language("fr")

    # In French "Saint-Martin" names both sides of the island; the form shows the
    # English name of the French side, which the core reads back as MF.
    assert labels.country("MF") == "Saint Martin (French part)"
    assert normalise_country(labels.country("MF")) == "MF"
    assert labels.country("PE") == "Pérou"


def test_a_code_no_longer_listed_is_worked_out_alone(new_start: None) -> None:
    set_language("fr")

    assert "XK" not in labels.shown_countries("fr")
    assert labels.country("XK") == labels._worked_out_country("XK", "fr")


def test_a_damaged_names_file_is_ignored_and_written_again(
    new_start: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_language("es")
    expected = labels.country("PE")
    kept = user_cache.cache_file("country-names-es", labels._country_sources("es"))
    kept.write_text('{"key": [], "value": {"PE": "Narnia"}', encoding="utf-8")
    _forget_country_names()

    assert labels.country("PE") == expected == "Perú"
    _forget_country_names()
    _work_out_nothing(monkeypatch)
    assert labels.country("PE") == "Perú"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_kept_names_are_keyed_to_files_that_exist(lang: str) -> None:
    sources = labels._country_sources(lang)

    assert all(source.is_file() for source in sources)
    assert {source.parent.name for source in sources} >= {"locale-data", "databases"}
