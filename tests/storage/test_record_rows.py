"""Records and rows made from field texts (``RecordRows``) equal ``from_json`` then ``to_row``."""

from __future__ import annotations

from pathlib import Path

import pytest

from smwg_desktop.core.demo import load_demo
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import RECORD_TYPES
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
            assert list(row.items()) == list(records.to_row(expected).items())
            checked += 1
    assert checked > 200


def test_a_field_that_cannot_be_read_fails_as_from_json_fails() -> None:
    made = records.RecordRows(RECORD_TYPES["affiliation"], decode)
    with pytest.raises(ValueError):
        made.build("x", {"start": '"not a date"'})
    with pytest.raises(ValueError):
        made.build("x", {"later_field": "{not json"})
