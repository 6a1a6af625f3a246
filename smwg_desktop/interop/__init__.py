"""CSV, XLSX and vCard: reading address books into the directory and writing it out.

One module per format (``csvfile``, ``xlsxfile``, ``vcard``) reads a file into
neutral ``rows.IncomingRow`` values and writes consent-filtered entries;
``columns`` recognises headers; ``plan`` decides row by row what an import would
do; ``apply`` does it in one transaction; ``duplicates`` finds and merges records
already in the directory; ``export`` selects what may leave, through ``core.consent``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from smwg_desktop.core.errors import UserError
from smwg_desktop.i18n import _
from smwg_desktop.interop.csvfile import read_csv
from smwg_desktop.interop.rows import Incoming
from smwg_desktop.interop.vcard import read_vcard
from smwg_desktop.interop.xlsxfile import read_xlsx

FORMATS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
           ".vcf": "vcard", ".vcard": "vcard"}
"""File extensions and the format each is read as."""


def file_format(path: str | os.PathLike[str]) -> str:
    """``csv``, ``xlsx`` or ``vcard`` by the file's extension; ``UserError`` for others."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        if suffix == ".xls":
            raise UserError(
                _("{name} is an old Excel file (.xls): save it as .xlsx or .csv").format(
                    name=Path(path).name
                )
            )
        known = ", ".join(sorted(FORMATS))
        raise UserError(
            _("cannot import {name}: the file name must end in one of {known}").format(
                name=Path(path).name, known=known
            )
        )
    return FORMATS[suffix]


def read_file(path: str | os.PathLike[str], mapping: Mapping[str, str] | None = None) -> Incoming:
    """Read any supported file into incoming rows (``mapping`` applies to CSV and XLSX)."""
    kind = file_format(path)
    if kind == "csv":
        return read_csv(path, mapping)
    if kind == "xlsx":
        return read_xlsx(path, mapping)
    return read_vcard(path)
