"""The rows an import refused, written out as the file had them, to correct and import again.

A person who imported the good rows of a file (``skip_bad_rows``) is left with a
list of lines and reasons. This writes those rows themselves: for a CSV or XLSX
file, a CSV with the file's own header, the refused rows' cells untouched and a
last column saying why each was refused (a column the import does not recognise,
so the corrected file imports as it is); for a vCard file, the refused cards.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from smwg_desktop.interop import csvfile, file_format, xlsxfile
from smwg_desktop.interop.files import decode, read_bytes, write_atomically
from smwg_desktop.interop.vcard import split_cards

REASON_HEADER = "Not imported because"
"""The last column of a file of refused rows."""


def refused_suffix(source: str | os.PathLike[str]) -> str:
    """The extension a file of ``source``'s refused rows gets: ``.vcf`` or ``.csv``."""
    return ".vcf" if file_format(source) == "vcard" else ".csv"


def refused_rows_file(
    source: str | os.PathLike[str],
    refused: Sequence[tuple[int, str]],
    target: str | os.PathLike[str],
) -> int:
    """Write the rows (or cards) of ``source`` at the refused lines to ``target``.

    ``refused`` holds (line, reason) pairs as an import report gives them.
    Returns how many rows or cards were written. Raises ``UserError`` when the
    source can no longer be read or the target cannot be written.
    """
    reasons: dict[int, list[str]] = {}
    for line, reason in refused:
        reasons.setdefault(line, []).append(reason)
    kind = file_format(source)
    if kind == "vcard":
        text, _encoding = decode(read_bytes(source), Path(source).name)
        cards = [chunk for line, chunk in split_cards(text) if line in reasons]
        body = "".join(card if card.endswith("\r\n") else card + "\r\n" for card in cards)
        write_atomically(target, body.encode("utf-8"))
        return len(cards)
    table = (csvfile if kind == "csv" else xlsxfile).read_table(source)
    rows = [
        [*cells, *[""] * (len(table.header) - len(cells)), _joined(reasons, line)]
        for line, cells in table.rows
        if line in reasons
    ]
    header = [*table.header, REASON_HEADER]
    write_atomically(target, csvfile.csv_text(header, rows).encode("utf-8-sig"))
    return len(rows)


def _joined(reasons: Mapping[int, list[str]], line: int) -> str:
    return "; ".join(dict.fromkeys(reasons[line]))
