"""Every coded value the directory screens show has words of its own."""

from __future__ import annotations

from smwg_desktop.core.errors import ValidationError
from smwg_desktop.core.model import (
    BODY_KINDS,
    ORGANISATION_CONSENT_FIELDS,
    OUTREACH_STAGES,
    PERSON_CONSENT_FIELDS,
)
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
