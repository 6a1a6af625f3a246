"""The organisation table model: pages, columns, search and reset, without a window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation, Person
from smwg_desktop.ui.models import ID_ROLE, OrganisationTableModel

ROOT = QModelIndex()


def fetch_all(model: OrganisationTableModel) -> None:
    while model.canFetchMore(ROOT):
        model.fetchMore(ROOT)


def column(model: OrganisationTableModel, number: int) -> list[str]:
    return [model.index(row, number).data() for row in range(model.rowCount())]


def add_numbered(directory: Directory, count: int, stem: str = "Grupo") -> None:
    with directory.store.transaction():
        for number in range(count):
            directory.create(Organisation, {"name": f"{stem} {number:03d}", "country": "PE"})


def test_large_directory_loads_a_page_first_and_the_rest_on_demand(
    qtbot: QtBot, directory: Directory
) -> None:
    add_numbered(directory, 250)

    model = OrganisationTableModel(directory, page_size=100)

    assert model.rowCount() == 100 < directory.count(Organisation)
    assert model.total == 250
    assert model.canFetchMore(ROOT)
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(ROOT)
    assert model.rowCount() == 200
    model.fetchMore(ROOT)
    assert model.rowCount() == 250
    assert not model.canFetchMore(ROOT)
    assert column(model, 0) == [f"Grupo {n:03d}" for n in range(250)]


def test_columns_show_what_a_person_reads(qtbot: QtBot, directory: Directory) -> None:
    directory.create(
        Organisation,
        {
            "name": "Asociación Nacional de Mujeres Rurales",
            "acronym": "ANAMURI",
            "country": "CL",
            "women_led": True,
            "status": "applicant",
        },
    )

    model = OrganisationTableModel(directory)

    headers = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]
    assert headers == ["Name", "Acronym", "Country", "Region", "Status", "Women-led"]
    row = [model.index(0, n).data() for n in range(model.columnCount())]
    assert row == [
        "Asociación Nacional de Mujeres Rurales",
        "ANAMURI",
        "Chile",
        "Latin America and the Caribbean",
        "Applicant",
        "Yes",
    ]


def test_every_cell_carries_its_record_id(qtbot: QtBot, directory: Directory) -> None:
    created = directory.create(Organisation, {"name": "Kenya Peasants League", "country": "KE"})

    model = OrganisationTableModel(directory)

    assert model.index(0, 3).data(ID_ROLE) == created.id
    assert model.organisation(0) == created


def test_filter_ignores_accents_and_case(qtbot: QtBot, directory: Directory) -> None:
    directory.create(Organisation, {"name": "Asociación de Pescadores", "country": "PE"})
    directory.create(Organisation, {"name": "Sindicato Rural", "country": "PE"})
    model = OrganisationTableModel(directory)

    with qtbot.waitSignal(model.modelReset):
        model.set_filter("ASOCIACION")

    assert column(model, 0) == ["Asociación de Pescadores"]
    assert model.total == 1


def test_filter_keeps_every_match_beyond_a_page_and_the_search_default_limit(
    qtbot: QtBot, directory: Directory
) -> None:
    add_numbered(directory, 130, stem="Asociación")
    add_numbered(directory, 20, stem="Sindicato")
    with directory.store.transaction():
        for number in range(60):
            directory.create(Person, {"name": f"Asociación Person {number}"})
    model = OrganisationTableModel(directory, page_size=50)

    model.set_filter("asociacion")

    assert model.total == 130
    assert model.rowCount() == 50
    fetch_all(model)
    assert sorted(column(model, 0)) == [f"Asociación {n:03d}" for n in range(130)]


def test_filter_matching_nothing_leaves_the_table_empty(qtbot: QtBot, directory: Directory) -> None:
    add_numbered(directory, 3)
    model = OrganisationTableModel(directory)

    model.set_filter("nothing-like-this")

    assert model.rowCount() == 0
    assert model.total == 0
    assert not model.canFetchMore(ROOT)


def test_empty_filter_shows_everything_again(qtbot: QtBot, directory: Directory) -> None:
    add_numbered(directory, 3)
    model = OrganisationTableModel(directory)
    model.set_filter("001")

    model.set_filter("   ")

    assert model.rowCount() == 3
    assert model.filter_text == ""


def test_reset_shows_organisations_added_since(qtbot: QtBot, directory: Directory) -> None:
    add_numbered(directory, 2)
    model = OrganisationTableModel(directory)
    directory.create(Organisation, {"name": "Grupo nuevo", "country": "PE"})

    with qtbot.waitSignal(model.modelReset):
        model.reset()

    assert model.rowCount() == 3


def not_yet_loaded(model: OrganisationTableModel) -> list[str]:
    loaded = {model.organisation(row).id for row in range(model.rowCount())}
    return [o.id for o in model.directory.list(Organisation) if o.id not in loaded]


def test_organisation_deleted_after_the_count_ends_the_paging(
    qtbot: QtBot, directory: Directory
) -> None:
    add_numbered(directory, 5)
    model = OrganisationTableModel(directory, page_size=2)
    directory.delete(Organisation, not_yet_loaded(model)[-1])

    fetch_all(model)

    assert model.rowCount() == model.total == 4
    assert not model.canFetchMore(ROOT)


def test_search_match_deleted_before_its_page_is_dropped(
    qtbot: QtBot, directory: Directory
) -> None:
    add_numbered(directory, 5)
    model = OrganisationTableModel(directory, page_size=2)
    model.set_filter("grupo")
    directory.delete(Organisation, not_yet_loaded(model)[0])

    fetch_all(model)

    assert model.rowCount() == model.total == 4
    assert not model.canFetchMore(ROOT)


def test_page_size_must_be_positive(qtbot: QtBot, directory: Directory) -> None:
    with pytest.raises(ValueError):
        OrganisationTableModel(directory, page_size=0)
