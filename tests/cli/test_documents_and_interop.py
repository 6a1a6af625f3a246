"""`smwg pdf`, `smwg import`, `smwg export csv|xlsx|vcf`, `smwg duplicates`, `smwg self-test`."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli.conftest import Smwg

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "interop"


@pytest.fixture
def sample(smwg: Smwg) -> Smwg:
    smwg("demo", "--organisations", "8", "--people", "20")
    return smwg


def _activity(smwg: Smwg) -> str:
    import json

    return str(json.loads(smwg("activity", "list", "--json"))[0]["id"])


def test_pdf_commands_write_readable_documents(sample: Smwg, tmp_path: Path) -> None:
    directory_pdf = tmp_path / "directorio.pdf"
    line = sample("pdf", "directory", str(directory_pdf), "--lang", "es", "--paper", "letter")
    assert line.startswith(f"Wrote {directory_pdf}: ")
    reader = PdfReader(directory_pdf)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    activity = _activity(sample)
    for kind in ("agenda", "signin", "badges"):
        target = tmp_path / f"{kind}.pdf"
        sample("pdf", kind, activity[:8], str(target), "--lang", "fr")
        assert len(PdfReader(target).pages) >= 1


def test_pdf_for_an_unknown_activity_is_refused_and_writes_nothing(sample: Smwg, tmp_path: Path) -> None:
    target = tmp_path / "agenda.pdf"
    line = sample.refused_unchanged("pdf", "agenda", "ffffffff", str(target))
    assert "no activity" in line
    assert not target.exists()


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/interop is not beside the repository")
def test_importing_a_shared_sample_twice_changes_nothing(smwg: Smwg) -> None:
    sample_file = str(SHARED / "outlook-contacts.csv")
    dry = smwg("import", sample_file, "--dry-run")
    assert "create" in dry
    assert smwg.export().count(b'"name"') == 0
    smwg("import", sample_file)
    once = smwg.export()
    assert b"Fern\xc3\xa1ndez" in once
    again = smwg("import", sample_file)
    assert "0 rows imported" in again
    assert smwg.export() == once


def test_a_file_with_a_bad_row_imports_nothing_unless_skipping(smwg: Smwg, tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text(
        "Name,Organisation,Country,E-mail\n"
        "Ana Quispe,Red Andina (muestra),PE,ana@example.org\n"
        "Bad Row,Red Andina (muestra),PE,not-an-email\n",
        encoding="utf-8",
    )
    line = smwg.refused_unchanged("import", str(broken))
    assert "nothing was imported" in line
    out = smwg("import", str(broken), "--skip-bad-rows")
    assert "row 3: not imported" in out
    assert b"Ana Quispe" in smwg.export()


def test_export_leaves_out_people_at_risk_unless_deliberate(smwg: Smwg, tmp_path: Path) -> None:
    org = smwg.add("org", "add", "--name", "Red Andina (muestra)", "--country", "BO")
    smwg.add("person", "add", "--name", "Rosa Mamani", "--org", org, "--email", "rosa@example.org")
    smwg.add("person", "add", "--name", "Hidden Defender", "--org", org, "--at-risk")
    for fmt in ("csv", "xlsx", "vcf"):
        target = tmp_path / f"out.{fmt}"
        line = smwg("export", fmt, str(target))
        assert "1 withheld" in line
        data = target.read_bytes()
        if fmt != "xlsx":
            assert b"Rosa Mamani" in data and b"Hidden Defender" not in data
    smwg("export", "csv", str(tmp_path / "all.csv"), "--include-at-risk")
    assert b"Hidden Defender" in (tmp_path / "all.csv").read_bytes()


def test_duplicates_are_proposed_and_merged(smwg: Smwg) -> None:
    org = smwg.add("org", "add", "--name", "Red Andina (muestra)", "--country", "BO")
    first = smwg.add("person", "add", "--name", "Rosa Mamani", "--org", org, "--email", "rosa@example.org")
    second = smwg.add("person", "add", "--name", "Rosa Mamani Quispe", "--email", "rosa@example.org")
    listed = smwg("duplicates")
    assert "Rosa Mamani" in listed
    smwg("duplicates", "--merge", second, first)
    assert "No likely duplicates." in smwg("duplicates")


def test_self_test_passes_with_one_line_per_check(smwg: Smwg) -> None:
    result = smwg.run("self-test")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("ok   ") for line in lines)
