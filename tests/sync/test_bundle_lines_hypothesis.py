"""Bundle lines: written as json.dumps writes them, read back as exactly the change written.

``reference_change`` is the specification of a change line: ``json.loads`` of its
UTF-8 text, then exactly seven items of the right types (a stamp is an integer,
not a boolean, that SQLite can hold). The reader must take what it takes and
refuse the rest.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smwg_desktop.storage.changelog import Change, encode
from smwg_desktop.sync.bundle import BundleError, _change_line, _parse_change

HIGHEST = 2**63 - 1

changes = st.tuples(
    st.text(max_size=8), st.integers(), st.text(max_size=8), st.text(max_size=8),
    st.text(max_size=8), st.none() | st.text(max_size=12).map(encode),
    st.lists(st.tuples(st.integers(), st.text(max_size=4)), max_size=2),
)
stamps = st.integers(0, HIGHEST)
storable = st.tuples(
    st.text(max_size=8), stamps, st.text(max_size=8), st.text(max_size=8),
    st.text(max_size=8), st.none() | st.text(max_size=12).map(encode),
    st.lists(st.tuples(stamps, st.text(max_size=4)), max_size=2),
).filter(lambda row: all(_utf8(item) for item in row[:6] if isinstance(item, str)))


def _utf8(text: str) -> bool:
    """Lone surrogates cannot be written as UTF-8 (nor come from a record's fields)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def reference_change(line: bytes) -> tuple[str, Any]:
    """What a change line must read as: ("change", Change) or ("error", None)."""
    try:
        row = json.loads(line.decode("utf-8"))
    except ValueError:
        return "error", None

    def text(item: Any) -> bool:
        return type(item) is str and _utf8(item)

    def stamp(item: Any) -> bool:
        return type(item) is int and 0 <= item <= HIGHEST

    if (
        type(row) is list and len(row) == 7
        and text(row[0]) and stamp(row[1]) and text(row[2]) and text(row[3]) and text(row[4])
        and (row[5] is None or text(row[5])) and type(row[6]) is list
        and all(
            type(pair) is list and len(pair) == 2 and stamp(pair[0]) and text(pair[1])
            for pair in row[6]
        )
    ):
        return "change", Change(*row[:6], tuple((h, d) for h, d in row[6]))
    return "error", None


def read(line: bytes) -> tuple[str, Any]:
    try:
        return "change", _parse_change(line)
    except BundleError:
        return "error", None


item = (
    st.text(max_size=4) | st.integers() | st.integers(-3, 3) | st.integers(HIGHEST - 1, HIGHEST + 1)
    | st.booleans() | st.none() | st.floats(allow_nan=False)
    | st.lists(st.lists(st.integers(-1, 3) | st.text(max_size=2) | st.booleans(), max_size=3), max_size=2)
)
rows = st.lists(item, min_size=5, max_size=8)


@given(changes)
def test_a_change_is_written_as_json_dumps_writes_it(change: tuple[Any, ...]) -> None:
    device, hlc, entity, entity_id, field, value, supersedes = change
    row = [device, hlc, entity, entity_id, field, value, [list(v) for v in supersedes]]
    written = _change_line(Change(device, hlc, entity, entity_id, field, value, tuple(supersedes)))
    assert written == json.dumps(row, ensure_ascii=False, separators=(",", ":"))


@given(storable)
def test_a_written_change_reads_back_as_itself(change: tuple[Any, ...]) -> None:
    written = Change(*change[:6], tuple(change[6]))
    assert _parse_change(_change_line(written).encode()) == written


@given(rows, st.booleans())
def test_any_row_reads_as_the_reference_reads_it(row: list[Any], ascii_only: bool) -> None:
    line = json.dumps(row, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    assert read(line) == reference_change(line)


@given(st.binary(max_size=40))
def test_any_bytes_read_as_the_reference_reads_them(raw: bytes) -> None:
    for line in (raw, b"[" + raw, b"[" + raw + b"]", b'["d",1,"p","i","f",' + raw + b",[]]"):
        assert read(line) == reference_change(line)


@pytest.mark.parametrize(
    "line",
    [
        b'["d","1","person","i","name","\\"A\\"",[]]',  # a stamp as text is not converted
        b'["d",true,"person","i","name","\\"A\\"",[]]',
        b'["d",1.0,"person","i","name","\\"A\\"",[]]',
        b'["d",-1,"person","i","name","\\"A\\"",[]]',
        b'["d",9223372036854775808,"person","i","name","\\"A\\"",[]]',  # beyond SQLite's integers
        b'["d",1,"person","i","name","\\"A\\"",[[9223372036854775808,"d"]]]',
        b'["d",1,"person","i","name",5,[]]',
        b'["d",1,"person","i","name","\\"A\\""]',  # six items
        b'["d",1,"person","i","name","\\"A\\"",[],1]',
        b'["d",1,"person","i","name","\\ud800",[]]',  # a lone surrogate
    ],
)
def test_a_line_not_exactly_a_change_is_refused(line: bytes) -> None:
    with pytest.raises(BundleError, match="cannot read"):
        _parse_change(line)
