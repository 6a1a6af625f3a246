"""Records and rows made from field texts (``RecordRows``) equal ``from_json`` then ``to_row``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from smwg_desktop.core.demo import load_demo
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import RECORD_TYPES, Affiliation
from smwg_desktop.storage import records
from smwg_desktop.storage.changelog import decode


@pytest.mark.parametrize("memo_texts", [records.MEMO_TEXTS, 3])
def test_rows_from_texts_equal_rows_from_records(
    tmp_path: Path, memo_texts: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every record of a sample network, with texts remembered, and with fields given up on."""
    monkeypatch.setattr(records, "MEMO_TEXTS", memo_texts)
    directory = Directory.open(tmp_path / "data")
    load_demo(directory, organisations=20, people=80, seed=11)
    checked = 0
    for kind, cls in RECORD_TYPES.items():
        made = records.RecordRows(cls, decode)
        texts: dict[str, dict[str, str]] = {}
        for entity_id, field, value in directory.conn.execute(
            "SELECT entity_id, field, value FROM change WHERE entity = ? AND live = 1 ORDER BY hlc",
            (kind,),
        ):
            texts.setdefault(entity_id, {})[field] = value
        for entity_id, fields in texts.items():
            # A field this version does not know is read and ignored, as from_json ignores it.
            fields = {**fields, "later_field": "[1]"}
            expected = cls.from_json(entity_id, {name: decode(text) for name, text in fields.items()})
            record, row = made.build(entity_id, fields)
            assert record == expected
            assert list(vars(record).items()) == list(vars(expected).items())
            assert list(row.items()) == list(records.to_row(expected).items())
            assert list(made.row(entity_id, fields).items()) == list(row.items())
            checked += 1
    assert checked > 200


def test_a_field_that_cannot_be_read_fails_as_from_json_fails() -> None:
    made = records.RecordRows(RECORD_TYPES["affiliation"], decode)
    for make in (made.build, made.row):
        with pytest.raises(ValueError):
            make("x", {"start": '"not a date"'})
        with pytest.raises(ValueError):
            make("x", {"later_field": "{not json"})
        with pytest.raises(ValueError):
            make("x", {"role": '"unclosed'})


def test_a_record_class_with_more_to_do_when_made_is_made_by_its_constructor() -> None:
    """A ``__post_init__`` (none of today's records has one) runs for a row as for a record."""
    made_ids: list[str] = []

    @dataclasses.dataclass(frozen=True)
    class Checked(Affiliation):
        def __post_init__(self) -> None:
            made_ids.append(self.id)

    made = records.RecordRows(Checked, decode)
    made_ids.clear()
    texts = {"person_id": '"p"', "organisation_id": '"o"', "role": '"Chair"'}
    row = made.row("a1", texts)
    record, built = made.build("a2", texts)
    assert made_ids == ["a1", "a2"]
    assert row == {**built, "id": "a1"}
    assert record == Checked(id="a2", person_id="p", organisation_id="o", role="Chair")
