"""Browsing a page at a time: filters, sort orders, cursors; and where sync stands."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from smwg_desktop.core.browse import BrowseFilter
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.geo import Region, all_countries, countries_in, region_of
from smwg_desktop.core.model import Affiliation, Body, Organisation, Person, Seat

TODAY = date(2026, 6, 1)


def names(records: list[Organisation] | list[Person]) -> list[str]:
    return [r.name for r in records]


def every_page(directory: Directory, cls: type, wanted: BrowseFilter | None = None, **order: object) -> list[str]:
    found: list[str] = []
    cursor = None
    while True:
        page = directory.browse(cls, wanted, after=cursor, limit=3, today=TODAY, **order)  # type: ignore[arg-type]
        found.extend(names(page.records))
        if page.cursor is None:
            return found
        cursor = page.cursor


@pytest.fixture
def network(directory: Directory) -> dict[str, str]:
    """A few organisations and people with seats and places, some ended."""
    ids: dict[str, str] = {}
    orgs = [
        ("anamuri", {"name": "Asociación Nacional de Mujeres Rurales", "country": "CL", "women_led": True,
                     "constituencies": ["peasants", "pastoralists"]}),
        ("mst", {"name": "Movimento Sem Terra", "country": "BR", "status": "applicant"}),
        ("kpl", {"name": "Kenya Peasants League", "country": "KE", "constituencies": ["peasants"]}),
        ("sdi", {"name": "Shack Dwellers", "country": "ZA", "status": "former", "women_led": True}),
    ]
    for key, values in orgs:
        ids[key] = directory.create(Organisation, values).id
    people = [("ana", "Ana Pérez", "CL"), ("bea", "Beatriz Souza", "BR"), ("wanjiru", "Wanjiru Mwangi", "KE"),
              ("zola", "Zola Dlamini", "ZA"), ("nadie", "Nadie Sin Organización", "")]
    for key, name, country in people:
        ids[key] = directory.create(Person, {"name": name, "country": country}).id
    for person, org, end in [("ana", "anamuri", None), ("bea", "mst", None), ("wanjiru", "kpl", None),
                             ("zola", "sdi", date(2020, 1, 1))]:
        directory.create(Affiliation, {"person_id": ids[person], "organisation_id": ids[org], "end": end})
    ids["board"] = directory.create(Body, {"name": "Board", "body_kind": "board"}).id
    directory.create(Seat, {"person_id": ids["ana"], "body_id": ids["board"], "organisation_id": ids["anamuri"],
                            "start": date(2020, 1, 1)})
    directory.create(Seat, {"person_id": ids["zola"], "body_id": ids["board"], "organisation_id": ids["sdi"],
                            "start": date(2015, 1, 1), "end": date(2019, 12, 31)})
    return ids


def test_pages_follow_each_other_without_gaps_or_repeats(directory: Directory, network: dict[str, str]) -> None:
    assert every_page(directory, Person) == sorted(
        ["Ana Pérez", "Beatriz Souza", "Wanjiru Mwangi", "Zola Dlamini", "Nadie Sin Organización"]
    )


def test_sorting_by_a_column_and_backwards(directory: Directory, network: dict[str, str]) -> None:
    assert every_page(directory, Organisation, order="country") == [
        "Movimento Sem Terra", "Asociación Nacional de Mujeres Rurales", "Kenya Peasants League",
        "Shack Dwellers",
    ]
    assert every_page(directory, Organisation, order="country", descending=True)[0] == "Shack Dwellers"
    with pytest.raises(ValueError):
        directory.browse(Person, order="name; DROP TABLE person")


def test_search_ignores_accents_and_counts_what_it_finds(directory: Directory, network: dict[str, str]) -> None:
    wanted = BrowseFilter(text="asociacion")
    assert every_page(directory, Organisation, wanted) == ["Asociación Nacional de Mujeres Rurales"]
    assert directory.browse_count(Organisation, wanted) == 1
    assert directory.browse_count(Organisation, BrowseFilter(text="  ")) == 4


def test_organisations_filter_by_their_own_fields(directory: Directory, network: dict[str, str]) -> None:
    def found(**wanted: object) -> list[str]:
        return every_page(directory, Organisation, BrowseFilter(**wanted))  # type: ignore[arg-type]

    assert found(region="africa") == ["Kenya Peasants League", "Shack Dwellers"]
    assert found(country="BR") == ["Movimento Sem Terra"]
    assert found(constituency="pastoralists") == ["Asociación Nacional de Mujeres Rurales"]
    assert found(women_led=True, status="former") == ["Shack Dwellers"]
    assert found(women_led=False) == ["Kenya Peasants League", "Movimento Sem Terra"]
    assert found(body_id=network["board"]) == ["Asociación Nacional de Mujeres Rurales"]


def test_people_filter_by_their_country_and_their_organisations_today(
    directory: Directory, network: dict[str, str]
) -> None:
    def found(**wanted: object) -> list[str]:
        return every_page(directory, Person, BrowseFilter(**wanted))  # type: ignore[arg-type]

    assert found(region="africa") == ["Wanjiru Mwangi", "Zola Dlamini"]
    assert found(constituency="peasants") == ["Ana Pérez", "Wanjiru Mwangi"]
    # Zola left the women-led organisation in 2020, and her seat ended in 2019.
    assert found(women_led=True) == ["Ana Pérez"]
    assert found(status="applicant") == ["Beatriz Souza"]
    assert found(body_id=network["board"]) == ["Ana Pérez"]
    assert directory.browse_count(Person, BrowseFilter(body_id=network["board"]), today=date(2016, 1, 1)) == 1
    assert found(text="zola", region="europe") == []


def test_browse_ids_are_every_page_at_once(directory: Directory, network: dict[str, str]) -> None:
    for wanted in (BrowseFilter(), BrowseFilter(region="africa"), BrowseFilter(text="zzz"),
                   BrowseFilter(women_led=True)):
        ids = directory.browse_ids(Person, wanted, today=TODAY)
        assert [directory.get(Person, i).name for i in ids] == every_page(directory, Person, wanted)
    assert directory.browse_ids(Organisation, BrowseFilter(country="BR")) == [network["mst"]]


def test_every_country_has_exactly_one_region() -> None:
    codes = [code for code, _name in all_countries()]
    by_region = [code for region in Region for code in countries_in(region)]
    assert sorted(by_region) == sorted(codes)
    assert all(region_of(code) in Region for code in codes)


def test_dependents_are_what_a_delete_takes(directory: Directory, network: dict[str, str]) -> None:
    going = directory.dependents(Person, network["ana"])
    assert sorted(kind for kind, _id in going) == ["affiliation", "seat"]
    assert directory.delete(Person, network["ana"]) == [*going, ("person", network["ana"])]


def test_sync_status_before_and_after_a_peer_is_known(directory: Directory, network: dict[str, str]) -> None:
    status = directory.sync_status()
    assert (status.peers, status.unsent, status.conflicts, status.last_sync) == (0, None, 0, None)

    seen = directory.log.seen()[directory.device_id]
    directory.conn.execute(
        "INSERT INTO peer (device, name, seen, last_sync) VALUES (?, ?, ?, ?)",
        ("other", "Laptop", json.dumps({directory.device_id: seen}), "2026-05-01T10:00:00+00:00"),
    )
    assert directory.sync_status().unsent == 0
    directory.update(Person, network["ana"], {"name": "Ana María Pérez"})

    status = directory.sync_status()
    assert (status.peers, status.unsent) == (1, 1)
    assert status.last_sync == datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
