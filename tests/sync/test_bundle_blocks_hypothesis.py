"""Reading a bundle's lines a block at a time gives what reading them one by one gives.

``reference_lines`` is the reader as it was, line by line: the specification.
The block reader must yield the same preamble and changes, or fail with the
same message, however the decompressed text is cut into blocks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from smwg_desktop.storage.changelog import Change, encode
from smwg_desktop.sync.bundle import (
    BundleError,
    Preamble,
    _parse_change,
    _parse_changes,
    _parse_json,
    _parse_lines,
    _parse_preamble,
)

PREAMBLE = json.dumps(
    {"schema": 4, "network_id": "n", "network_name": "N", "device": "d", "device_name": "D",
     "created": "2026-01-01T00:00:00+00:00", "seen": {"d": 3}, "base": None},
    sort_keys=True,
).encode()


def reference_lines(blocks: Iterator[bytes]) -> Iterator[Preamble | Change]:
    buffer = b""
    preamble: Preamble | None = None
    digest = hashlib.sha256()
    count = 0
    trailer: dict[str, Any] | None = None
    for block in blocks:
        buffer += block
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            if trailer is not None:
                raise BundleError("the bundle has data after its end")
            if preamble is None:
                preamble = _parse_preamble(line)
                yield preamble
            elif line.startswith(b"{"):
                trailer = _parse_json(line)
            else:
                digest.update(line + b"\n")
                count += 1
                yield _parse_change(line)
    if buffer or preamble is None or trailer is None:
        raise BundleError("the bundle is incomplete (no end marker)")
    if trailer.get("count") != count or trailer.get("sha256") != digest.hexdigest():
        raise BundleError("the bundle's checksum does not match its contents")


def block_lines(blocks: Iterator[bytes]) -> Iterator[Preamble | Change]:
    for item in _parse_lines(blocks, True):
        if isinstance(item, list):
            yield from item
        else:
            yield item


def outcome(read: Any, blocks: list[bytes]) -> tuple[str, Any]:
    try:
        return "items", list(read(iter(blocks)))
    except BundleError as error:
        return "error", str(error)


stamps = st.integers(0, 2**63 - 1)
"""As the change log keeps them (SQLite integers, none below zero)."""
written = st.tuples(
    st.text(max_size=6), stamps, st.text(max_size=6), st.text(max_size=6), st.text(max_size=6),
    st.none() | st.text(max_size=8).map(encode),
    st.lists(st.tuples(stamps, st.text(max_size=3)), max_size=2),
).map(lambda row: json.dumps(list(row), ensure_ascii=False, separators=(",", ":")).encode())
odd = st.sampled_from([b"", b"[1,2]", b"[]", b'["a",1,"b","c","d",null,[]],[1]', b"{}", b"[\"\xed\xa0\x80\",1,\"b\",\"c\",\"d\",null,[]]",
                       b"\xef\xbb\xbf[]", b"[\x00]", b'["a",true,"b","c","d",null,[]]', b'["a",1,"b","c","d",null,[[1,"x"]]]',
                       b'["a",1,"b","c","d",null]', b'["a",-1,"b","c","d",null,[]]', b'["a",1,"b","c","d",null,[]] ',
                       b'["a",1,"b","c","d",null,[[-1,"x"]]]', b'["a",9223372036854775808,"b","c","d",null,[]]',
                       b'["a",1,"b","c","d",null,[]] ["a",2,"b","c","d",null,[]]', b'["a",1,"b",', b'"c","d",null,[]]'])


any_line = written | odd | st.binary(max_size=12).filter(lambda b: b"\n" not in b)


@st.composite
def bundles(draw: st.DrawFn, line: st.SearchStrategy[bytes] = any_line) -> list[bytes]:
    lines = draw(st.lists(line, max_size=12))
    body = b"".join(line + b"\n" for line in lines)
    trailer = {"count": len(lines), "sha256": hashlib.sha256(body).hexdigest()}
    if draw(st.booleans()):
        trailer["count"] += draw(st.sampled_from([0, 1]))
    text = PREAMBLE + b"\n" + body + json.dumps(trailer).encode() + b"\n"
    text += draw(st.sampled_from([b"", b"", b"\n", b"[]\n", b"{}\n", b"[]"]))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]


@given(bundles())
def test_blocks_read_as_lines_one_by_one(blocks: list[bytes]) -> None:
    assert outcome(block_lines, blocks) == outcome(reference_lines, blocks)


@given(bundles(written))
def test_the_verifying_pass_finds_what_the_reading_pass_finds(blocks: list[bytes]) -> None:
    """Without parsing the changes it still counts them (and checks the checksum) alike."""

    def manifests(parse: bool) -> Any:
        return lambda items: [x for x in _parse_lines(items, parse) if not isinstance(x, list)]

    assert outcome(manifests(False), blocks) == outcome(manifests(True), blocks)


@given(st.lists(written | odd, min_size=1, max_size=8))
def test_lines_parsed_together_give_each_line_s_own_change_or_error(lines: list[bytes]) -> None:
    def one_by_one(items: Iterator[bytes]) -> list[Change]:
        return [_parse_change(line) for line in items]

    def together(items: Iterator[bytes]) -> list[Change]:
        return _parse_changes(b"\n".join(items))

    assert outcome(together, lines) == outcome(one_by_one, lines)


def test_lines_laid_out_otherwise_are_each_read_as_their_own() -> None:
    """Two changes on one line and one split over the next two make as many values as
    lines; read together they would pass, but each line on its own is not a change."""
    first = b'["a",1,"b","c","d",null,[]]'
    lines = [first + b" " + first.replace(b",1,", b",2,"), b'["a",3,"b","c",', b'"d",null,[]]']
    assert outcome(lambda items: _parse_changes(b"\n".join(items)), lines) == (
        "error", "the bundle holds a change it cannot read"
    )
    assert _parse_changes(b"\n".join([first, first.replace(b",1,", b",2,")])) == [
        Change("a", 1, "b", "c", "d", None), Change("a", 2, "b", "c", "d", None)
    ]
