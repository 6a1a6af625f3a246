"""CSV: the files address books and spreadsheets export, in the shapes they really have.

Comma, semicolon (Excel in Spanish or French), tab or bar separated; UTF-8 with or
without a byte-order mark, UTF-16, or Windows-1252; Excel's ``sep=;`` first line.
Exports are UTF-8 with a byte-order mark, so that Excel shows accents and scripts.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from smwg_desktop.core.errors import UserError
from smwg_desktop.i18n import _
from smwg_desktop.interop.columns import (
    EXPORT_HEADER,
    column_examples,
    export_table,
    guess_mapping,
    rows_from_table,
)
from smwg_desktop.interop.files import decode, read_bytes, write_atomically
from smwg_desktop.interop.rows import Incoming, OutgoingEntry, Table

DELIMITERS = (",", ";", "\t", "|")


def sniff_delimiter(first_line: str) -> str:
    """The separator used most in the header line outside quotes (comma on a tie)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(path: str | os.PathLike[str]) -> Table:
    """The header and the rows of a CSV file, each row with the line it starts on.

    Raises ``UserError`` for a file that cannot be read as CSV at all (an open
    quote at the end, a NUL byte); a ragged row is left for ``rows_from_table``.
    """
    source = Path(path).name
    text, encoding = decode(read_bytes(path), source)
    return parse_table(text, source, encoding)


def parse_table(text: str, source: str = "CSV", encoding: str = "") -> Table:
    """``read_table`` on text already decoded."""
    first, _newline, rest = text.partition("\n")
    first = first.rstrip("\r")
    skip = 0
    delimiter = ""
    body = text
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        # Excel's hint line names the separator and is not part of the table.
        delimiter, skip, body = first.strip()[4], 1, rest
    else:
        delimiter = sniff_delimiter(first)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, tuple[str, ...]]] = []
    header: tuple[str, ...] = ()
    start = 1 + skip
    try:
        for record in reader:
            line = start
            start = reader.line_num + 1 + skip
            if not header:
                if any(cell.strip() for cell in record):
                    header = tuple(cell.strip() for cell in record)
                continue
            rows.append((line, tuple(record)))
    except csv.Error as exc:
        raise UserError(
            _(
                "{source}, line {line}: cannot be read as CSV ({why}); "
                "look for a quote that is never closed"
            ).format(source=source, line=reader.line_num + skip, why=exc)
        ) from None
    if not header:
        raise UserError(_("{source} is empty: a CSV file needs a header row").format(source=source))
    return Table(header, tuple(rows), encoding, delimiter)


def read_csv(
    path: str | os.PathLike[str], mapping: Mapping[str, str] | None = None
) -> Incoming:
    """A CSV file as incoming rows; ``mapping`` (header to target) overrides recognition."""
    table = read_table(path)
    uses = guess_mapping(table.header, mapping)
    return Incoming(
        source=Path(path).name,
        format="csv",
        rows=tuple(rows_from_table(uses, table.rows)),
        columns=uses,
        encoding=table.encoding,
        examples=column_examples(len(table.header), table.rows),
        delimiter=table.delimiter,
    )


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(
    path: str | os.PathLike[str], entries: Iterable[OutgoingEntry], *, delimiter: str = ","
) -> int:
    """Write the entries (already filtered by consent) as CSV; returns the rows written."""
    rows = export_table(entries)
    data = csv_text(EXPORT_HEADER, rows, delimiter).encode("utf-8-sig")
    write_atomically(path, data)
    return len(rows)
