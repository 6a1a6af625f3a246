"""The rows an import refused, saved as the file had them, to correct and import again."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import Person
from smwg_desktop.interop.apply import import_file
from smwg_desktop.interop.refused import REASON_HEADER, refused_rows_file, refused_suffix


def test_refused_csv_rows_keep_their_cells_and_say_why(
    directory: Directory, data: Path, tmp_path: Path
) -> None:
    _, report = import_file(directory, data / "broken-utf8.csv", skip_bad_rows=True)
    assert report is not None
    target = tmp_path / "not-imported.csv"

    written = refused_rows_file(data / "broken-utf8.csv", report.refused, target)

    with target.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source))
    assert written == 3
    assert rows[0] == ["Name", "Organisation", "Country", "Email", "Phone", "Role", REASON_HEADER]
    assert rows[1][:4] == ["Bad Email Person", "Tigray Women Farmers (sample)", "Ethiopia",
                           "not-an-address"]
    assert "not an e-mail address" in rows[1][-1]
    assert rows[3][:8] == ["Ragged Row", "Tigray Women Farmers (sample)", "Ethiopia",
                           "ragged@example.org", "", "Member", "extra", "cells"]


def test_corrected_refused_rows_import_as_they_are(
    directory: Directory, data: Path, tmp_path: Path
) -> None:
    _, report = import_file(directory, data / "broken-utf8.csv", skip_bad_rows=True)
    assert report is not None
    target = tmp_path / "not-imported.csv"
    refused_rows_file(data / "broken-utf8.csv", report.refused[:1], target)
    target.write_text(
        target.read_text(encoding="utf-8-sig").replace("not-an-address", "bad@example.org"),
        encoding="utf-8",
    )

    plan, _ = import_file(directory, target)

    assert plan.refused == ()
    assert "Bad Email Person" in {p.name for p in directory.list(Person)}
    assert REASON_HEADER in plan.ignored_columns


def test_refused_xlsx_rows_are_written_as_csv(directory: Directory, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Name", "Email", "Organisation", "Country"])
    sheet.append(["Good Person", "good@example.org", "Red Andina (muestra)", "PE"])
    sheet.append(["Bad Person", "nope", "Red Andina (muestra)", "PE"])
    source = tmp_path / "members.xlsx"
    workbook.save(source)
    _, report = import_file(directory, source, skip_bad_rows=True)
    assert report is not None

    assert refused_suffix(source) == ".csv"
    refused_rows_file(source, report.refused, tmp_path / "out.csv")

    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "Bad Person,nope" in text and "Good Person" not in text


def test_refused_cards_are_written_as_the_file_had_them(
    directory: Directory, data: Path, tmp_path: Path
) -> None:
    source = tmp_path / "cards.vcf"
    good = (data / "vcard4-tel-uri.vcf").read_text(encoding="utf-8")
    bad = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad Card\r\nEMAIL:nope\r\nEND:VCARD\r\n"
    source.write_text(good + bad, encoding="utf-8")
    _, report = import_file(directory, source, skip_bad_rows=True)
    assert report is not None and len(report.refused) == 1

    assert refused_suffix(source) == ".vcf"
    written = refused_rows_file(source, report.refused, tmp_path / "out.vcf")

    assert written == 1
    assert (tmp_path / "out.vcf").read_bytes().decode("utf-8") == bad


def test_a_source_gone_since_the_import_is_a_readable_refusal(
    data: Path, tmp_path: Path
) -> None:
    source = tmp_path / "gone.csv"
    shutil.copy(data / "broken-utf8.csv", source)
    source.unlink()

    with pytest.raises(UserError, match="cannot read"):
        refused_rows_file(source, [(3, "why")], tmp_path / "out.csv")
