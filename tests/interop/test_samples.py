"""The shared sample files (../shared/interop beside the clone) import cleanly, and only once."""

from __future__ import annotations

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Affiliation, Organisation, Person
from smwg_desktop.interop.apply import import_file
from tests.interop.conftest import SHARED_INTEROP, changes, snapshot

SAMPLES = sorted(
    p.name for p in SHARED_INTEROP.glob("*") if p.suffix.lower() in (".csv", ".vcf", ".xlsx")
) if SHARED_INTEROP.is_dir() else []

pytestmark = pytest.mark.skipif(
    not SAMPLES, reason=f"the shared interop samples are not at {SHARED_INTEROP}"
)

EXPECTED = {
    # file: (organisations, people, places)
    "contacts-v4.vcf": (1, 1, 1),
    "excel-es-semicolon-cp1252.csv": (3, 3, 3),
    "google-contacts.csv": (4, 4, 4),
    "outlook-contacts.csv": (2, 2, 2),
    "phone-export-v3.vcf": (2, 2, 2),
}


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_imports_cleanly_and_a_second_import_changes_nothing(
    directory: Directory, name: str
) -> None:
    plan, report = import_file(directory, SHARED_INTEROP / name)

    assert report is not None
    assert plan.refused == (), plan.describe()
    assert report.refused == ()
    counts = (directory.count(Organisation), directory.count(Person), directory.count(Affiliation))
    if name in EXPECTED:
        assert counts == EXPECTED[name]
    before = snapshot(directory), changes(directory)

    again, _ = import_file(directory, SHARED_INTEROP / name)

    assert again.changes_nothing, again.describe()
    assert (snapshot(directory), changes(directory)) == before


def test_all_samples_together_import_cleanly(directory: Directory) -> None:
    for name in SAMPLES:
        import_file(directory, SHARED_INTEROP / name)
    before = snapshot(directory)

    for name in SAMPLES:
        plan, _ = import_file(directory, SHARED_INTEROP / name)
        assert plan.changes_nothing, plan.describe()

    assert snapshot(directory) == before
    assert directory.count(Person) == sum(e[1] for n, e in EXPECTED.items() if n in SAMPLES)


def test_sample_values_arrive_as_the_directory_keeps_them(directory: Directory) -> None:
    for name in SAMPLES:
        import_file(directory, SHARED_INTEROP / name)
    found = {p.name: p for p in directory.list(Person)}

    an = found["Nguyễn Văn An"]
    assert [c.value for c in an.phones] == ["+84915550123"]
    assert an.languages == ("vi", "en")
    lucia = found["Lucía Fernández"]
    # Outlook's "+52 1 55 ..." is a Mexican mobile written before 2019.
    assert {c.value for c in lucia.phones} == {"+525555550101", "+525555550102"}
    assert found["Maria da Conceição Santos"].country == "BR"
    assert found["María Chávez Huamán"].country == "PE"
    mekong = directory.list(Organisation, {"name": "Mekong Fisherfolk Network (sample)"})[0]
    assert mekong.country == "VN"  # from the phone number: the card gives no address
