"""The short cuts around the JSON parser and encoder give exactly what json itself gives."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from smwg_desktop.core.fields import Contact, Emails, Keyword, ListOf
from smwg_desktop.storage.changelog import decode, encode

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=10,
)


def outcome(call: Any, argument: Any) -> tuple[str, Any]:
    try:
        return "value", call(argument)
    except Exception as error:  # the kind of failure must be the same too
        return "error", type(error)


@given(values)
def test_a_value_decodes_as_json_loads_decodes_it(value: Any) -> None:
    text = encode(value)
    assert outcome(decode, text) == outcome(json.loads, text)


@given(st.text(max_size=30))
def test_any_text_decodes_or_fails_as_json_loads(text: str) -> None:
    for candidate in (text, f'"{text}"', f" {text}", f"[{text}]"):
        assert outcome(decode, candidate) == outcome(json.loads, candidate)


@given(st.lists(st.text(max_size=12), max_size=5))
def test_a_list_column_is_written_as_json_dumps_writes_it(items: list[str]) -> None:
    column = ListOf(item=Keyword())
    assert column.to_column(tuple(items)) == (
        json.dumps(items, ensure_ascii=False, sort_keys=True) if items else "[]"
    )


@given(st.lists(st.tuples(st.text(max_size=12), st.text(max_size=6) | st.integers()), max_size=4))
def test_a_contact_column_is_written_as_json_dumps_writes_it(items: list[tuple[str, Any]]) -> None:
    contacts = tuple(Contact(value, kind) for value, kind in items)  # type: ignore[arg-type]
    expected = [{"kind": kind, "value": value} for value, kind in items]
    assert Emails().to_column(contacts) == (
        json.dumps(expected, ensure_ascii=False, sort_keys=True) if items else "[]"
    )
