"""XLSX: Excel and LibreOffice workbooks (the first sheet), read and written with openpyxl.

Cells typed as numbers, dates or booleans are read as the text a person would have
typed; a cell that starts like a formula is written as text, never as a formula.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from smwg_desktop.core.errors import UserError
from smwg_desktop.i18n import _
from smwg_desktop.interop.columns import (
    EXPORT_HEADER,
    column_examples,
    export_table,
    guess_mapping,
    rows_from_table,
)
from smwg_desktop.interop.files import read_bytes, write_atomically
from smwg_desktop.interop.rows import Incoming, OutgoingEntry, Table

SHEET_TITLE = "Directory"
_DAMAGED = (
    zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, IndexError, OSError,
    SyntaxError,
)
"""What openpyxl raises on a truncated or damaged workbook (XML errors are SyntaxErrors)."""


def cell_text(value: Any) -> str:
    """A cell's value as text: 12.0 is "12", a date is YYYY-MM-DD, True is "yes"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def read_table(path: str | os.PathLike[str]) -> Table:
    """The header (first non-empty row) and rows of the workbook's first sheet."""
    source = Path(path).name
    data = read_bytes(path)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _DAMAGED as exc:
        raise UserError(
            _("{source} is not an Excel workbook (.xlsx) that can be read: {why}").format(
                source=source, why=exc
            )
        ) from None
    header: tuple[str, ...] = ()
    rows: list[tuple[int, tuple[str, ...]]] = []
    try:
        sheet = workbook.worksheets[0]
        for line, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            cells = tuple(cell_text(v) for v in values)
            if not header:
                if any(c.strip() for c in cells):
                    header = tuple(c.strip() for c in cells)
                    while header and not header[-1]:
                        header = header[:-1]
                continue
            rows.append((line, cells))
    except _DAMAGED as exc:
        # A read-only workbook reads its sheet only now: damage inside shows up here.
        raise UserError(
            _(
                "{source} is damaged: its first sheet cannot be read ({error}: {why}); "
                "open it in a spreadsheet program and save it again"
            ).format(source=source, error=type(exc).__name__, why=exc)
        ) from None
    finally:
        workbook.close()
    if not header:
        raise UserError(
            _("{source} is empty: its first sheet needs a header row").format(source=source)
        )
    return Table(header, tuple(rows), "xlsx")


def read_xlsx(
    path: str | os.PathLike[str], mapping: Mapping[str, str] | None = None
) -> Incoming:
    """An XLSX workbook as incoming rows; ``mapping`` (header to target) overrides recognition."""
    table = read_table(path)
    uses = guess_mapping(table.header, mapping)
    return Incoming(
        source=Path(path).name,
        format="xlsx",
        rows=tuple(rows_from_table(uses, table.rows, unescape_formulas=False)),
        columns=uses,
        encoding=table.encoding,
        examples=column_examples(len(table.header), table.rows),
    )


def workbook_bytes(header: Iterable[str], rows: Iterable[Iterable[str]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    for row_number, row in enumerate([list(header), *map(list, rows)], start=1):
        for column, text in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            # Control characters cannot be stored in XLSX at all.
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", text) if text else None
            if text:
                # Text, even "=HYPERLINK(...)": a name is never run as a formula.
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(path: str | os.PathLike[str], entries: Iterable[OutgoingEntry]) -> int:
    """Write the entries (already filtered by consent) as XLSX; returns the rows written."""
    rows = export_table(entries, escape_formulas=False)
    write_atomically(path, workbook_bytes(EXPORT_HEADER, rows))
    return len(rows)
