"""Bundle lines are read exactly as json.loads reads them, quicker for the usual ones."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from smwg_desktop.storage.changelog import Change, encode
from smwg_desktop.sync.bundle import _change_line, _loads


def outcome(line: bytes, call: Any) -> tuple[str, Any]:
    try:
        return "value", call(line)
    except Exception as error:  # the kind of failure must be the same too
        return "error", type(error)


changes = st.tuples(
    st.text(max_size=8), st.integers(), st.text(max_size=8), st.text(max_size=8),
    st.text(max_size=8), st.none() | st.text(max_size=12).map(encode),
    st.lists(st.tuples(st.integers(), st.text(max_size=4)), max_size=2),
)


@given(changes)
def test_a_written_line_reads_as_json_loads_reads_it(change: tuple[Any, ...]) -> None:
    line = json.dumps(list(change), ensure_ascii=False, separators=(",", ":")).encode()
    assert outcome(line, _loads) == outcome(line, json.loads)


@given(st.binary(max_size=40))
def test_any_bytes_read_or_fail_as_json_loads(raw: bytes) -> None:
    for line in (raw, b"[" + raw, b"[" + raw + b"]"):
        assert outcome(line, _loads) == outcome(line, json.loads)


@given(changes)
def test_a_change_is_written_as_json_dumps_writes_it(change: tuple[Any, ...]) -> None:
    device, hlc, entity, entity_id, field, value, supersedes = change
    row = [device, hlc, entity, entity_id, field, value, [list(v) for v in supersedes]]
    written = _change_line(Change(device, hlc, entity, entity_id, field, value, tuple(supersedes)))
    assert written == json.dumps(row, ensure_ascii=False, separators=(",", ":"))
