"""Erasure: a defender who asks to be removed leaves no bytes on any device."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import NotFoundError
from smwg_desktop.core.model import (
    Activity,
    Affiliation,
    Body,
    Organisation,
    Participant,
    Person,
    Seat,
)
from smwg_desktop.storage.changelog import encode
from smwg_desktop.sync.network import (
    export_bundle,
    import_bundle,
    init_network,
    join_network,
    network_key,
)

SECRETS = (b"Xochiquetzal", b"xochiquetzal", b"xochi.erased@example.org", b"+50255550123", "Xochiquetzal".encode("utf-16-le"))
PASSPHRASE = "rivers remember their beds"


def _bytes_on_disk(data_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data_dir)): p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}


def _assert_gone(data_dir: Path) -> None:
    for path, blob in _bytes_on_disk(data_dir).items():
        for secret in SECRETS:
            assert secret not in blob, f"{secret!r} is still in {path}"


def _defender(directory: Directory) -> Person:
    org = directory.create(Organisation, {"name": "Red Andina (muestra)", "country": "GT"})
    body = directory.create(Body, {"name": "Board", "body_kind": "board"})
    activity = directory.create(
        Activity, {"title": "Dialogue (sample)", "start": "2026-03-01T14:00", "end": "2026-03-01T16:00", "tz": "UTC"}
    )
    person = directory.add_person(
        {"name": "Xochiquetzal Tum (sample)", "emails": "xochi.erased@example.org", "phones": "+502 5555 0123",
         "at_risk": True, "notes": "Xochiquetzal moved"},
        organisation_id=org.id, role="Coordinadora",
    )
    directory.create(Seat, {"person_id": person.id, "body_id": body.id, "role": "board_member"})
    directory.create(Participant, {"activity_id": activity.id, "person_id": person.id})
    directory.set_local_note(Person, person.id, "Xochiquetzal: call only via the office")
    directory.update(Person, person.id, {"phones": "+502 5555 0124"})
    directory.update(Person, person.id, {"phones": "+502 5555 0123"})
    directory.store.backup(reason="test")
    for n in range(30):
        directory.add_person({"name": f"Someone Else {n}"}, organisation_id=org.id)
    return person


@pytest.fixture(params=["plain", "encrypted"])
def device(request: pytest.FixtureRequest, data_dir: Path) -> Iterator[Directory]:
    with Directory.open(data_dir) as directory:
        if request.param == "encrypted":
            directory.store.change_key("a long device passphrase")
        yield directory


def test_erasure_leaves_no_bytes_in_the_database_log_or_backups(device: Directory) -> None:
    person = _defender(device)
    if not device.store.encrypted:
        assert any(s in blob for blob in _bytes_on_disk(device.store.data_dir).values() for s in SECRETS)
    report = device.erase(Person, person.id)
    assert {kind for kind, _ in report.erased} == {"person", "affiliation", "seat", "participant"}
    assert len(report.backups_rewritten) == 1 and report.backups_removed == []
    _assert_gone(device.store.data_dir)
    assert device.search("xochiquetzal") == []
    with pytest.raises(NotFoundError):
        device.get(Person, person.id)
    assert device.conn.execute("SELECT count(*) FROM person").fetchone()[0] == 30


def test_erasure_is_not_a_delete(directory: Directory) -> None:
    person = _defender(directory)
    directory.delete(Person, person.id)
    assert directory.conn.execute(
        "SELECT count(*) FROM change WHERE entity_id = ? AND value IS NOT NULL", (person.id,)
    ).fetchone()[0] > 1
    directory.erase(Person, person.id)
    rows = directory.conn.execute("SELECT field, value FROM change WHERE entity_id = ?", (person.id,)).fetchall()
    assert rows == [("_erased", "true")]
    _assert_gone(directory.store.data_dir)


def test_a_later_bundle_carries_the_erasure_and_no_personal_data(tmp_path: Path) -> None:
    with Directory.open(tmp_path / "a") as a, Directory.open(tmp_path / "b") as b, Directory.open(tmp_path / "c") as c:
        person = _defender(a)
        init_network(a, "SMWG (test)", PASSPHRASE)
        key = network_key(a, PASSPHRASE)
        old = tmp_path / "before-erasure.smwgbundle"
        export_bundle(a, old, key, full=True)
        join_network(b, old, PASSPHRASE)
        join_network(c, old, PASSPHRASE)
        b.update(Person, person.id, {"notes": "Xochiquetzal edited concurrently"})
        a.erase(Person, person.id)
        later = tmp_path / "after-erasure.smwgbundle"
        export_bundle(a, later, key, full=True)
        assert all(secret not in later.read_bytes() for secret in SECRETS)
        from smwg_desktop.storage.changelog import Change
        from smwg_desktop.sync.bundle import read_bundle

        carried = [item for item in read_bundle(later, key) if isinstance(item, Change)]
        assert all(b"Xochiquetzal" not in encode(item._asdict()).encode() for item in carried)
        for device in (b, c):
            import_bundle(device, later, key)
        # An old bundle and the concurrent edit cannot bring the person back.
        import_bundle(c, old, key)
        concurrent = tmp_path / "concurrent.smwgbundle"
        export_bundle(b, concurrent, key, full=True)
        import_bundle(a, concurrent, key)
        import_bundle(c, concurrent, key)
        for device in (a, b, c):
            assert device.find(Person, person.id) is None
            assert device.affiliations(person_id=person.id) == []
            _assert_gone(device.store.data_dir)
        assert encode(a.export_canonical()) == encode(b.export_canonical()) == encode(c.export_canonical())


def test_erase_through_the_command_line_reports_the_backups(data_dir: Path) -> None:
    from click.testing import CliRunner

    from smwg_desktop.cli import main

    with Directory.open(data_dir) as directory:
        person = _defender(directory)
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "person", "erase", person.id[:8], "--yes"])
    assert result.exit_code == 0, result.output
    assert "Erased person" in result.stdout and "Backup rewritten without it" in result.stdout
    assert "Xochiquetzal" not in result.output
    refused = CliRunner().invoke(main, ["--data-dir", str(data_dir), "person", "erase", person.id[:8]], input="n\n")
    assert refused.exit_code == 2
    _assert_gone(data_dir)
    with Directory.open(data_dir) as directory:
        assert directory.count(Affiliation) == 30
