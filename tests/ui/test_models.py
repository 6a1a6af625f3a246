"""The record table models: pages, columns, sorting, search and filters, without a window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from smwg_desktop.core.browse import BrowseFilter
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Affiliation, Organisation, Person
from smwg_desktop.ui.models import (
    ID_ROLE,
    OrganisationTableModel,
    PersonTableModel,
    RecordTableModel,
)

ROOT = QModelIndex()


def fetch_all(model: RecordTableModel) -> None:
    while model.canFetchMore(ROOT):
        model.fetchMore(ROOT)


def column(model: RecordTableModel, number: int) -> list[str]:
    return [model.index(row, number).data() for row in range(model.rowCount())]


def add_numbered(directory: Directory, count: int, stem: str = "Grupo", country: str = "PE") -> None:
    with directory.store.transaction():
        for number in range(count):
            directory.create(Organisation, {"name": f"{stem} {number:03d}", "country": country})


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
    assert model.row_of(created.id) == 0


def test_a_record_at_risk_shows_a_sign_and_says_so(qtbot: QtBot, directory: Directory) -> None:
    directory.create(Person, {"name": "Defensora Anónima", "at_risk": True})
    directory.create(Person, {"name": "Otra Persona"})

    model = PersonTableModel(directory)

    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "at risk" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, 0).data(Qt.ItemDataRole.DecorationRole) is None


@pytest.mark.parametrize("model_class", [OrganisationTableModel, PersonTableModel])
def test_plain_texts_are_what_the_cells_show_with_none_where_a_cell_has_more_than_text(
    qtbot: QtBot, directory: Directory, model_class: type[RecordTableModel]
) -> None:
    kenya = directory.create(Organisation, {"name": "Kenya Peasants League", "country": "KE"})
    directory.create(Organisation, {"name": "Red Andina", "acronym": "RA", "country": "BO"})
    directory.add_person({"name": "Defensora Anónima", "at_risk": True, "country": "KE"},
                         organisation_id=kenya.id)
    directory.add_person({"name": "Otra Persona", "languages": ["es", "qu"]})
    model = model_class(directory)
    sizing_roles = (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole,
                    Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.SizeHintRole)

    for number in range(model.columnCount()):
        cells = [model.index(row, number) for row in range(model.rowCount())]
        expected = [
            None if any(cell.data(role) is not None for role in sizing_roles) else cell.data()
            for cell in cells
        ]
        assert model.plain_texts(number, len(cells)) == expected
        assert model.plain_texts(number, 1) == expected[:1]
    if model_class is PersonTableModel:
        assert None in model.plain_texts(0, model.rowCount())


def test_people_show_the_organisations_they_belong_to_today(qtbot: QtBot, directory: Directory) -> None:
    rca = directory.create(Organisation, {"name": "Red de Comunidades Andinas", "acronym": "RCA", "country": "BO"})
    old = directory.create(Organisation, {"name": "Antigua Red", "country": "BO"})
    ana = directory.add_person({"name": "Ana"}, organisation_id=rca.id)
    directory.create(Affiliation, {"person_id": ana.id, "organisation_id": old.id, "end": "2010-01-01"})

    model = PersonTableModel(directory)

    assert column(model, 1) == ["RCA"]


def test_search_ignores_accents_and_case_and_keeps_the_filters(qtbot: QtBot, directory: Directory) -> None:
    directory.create(Organisation, {"name": "Asociación de Pescadores", "country": "PE"})
    directory.create(Organisation, {"name": "Asociación Minera", "country": "CL"})
    directory.create(Organisation, {"name": "Sindicato Rural", "country": "PE"})
    model = OrganisationTableModel(directory)
    model.set_filter(BrowseFilter(country="PE"))

    with qtbot.waitSignal(model.modelReset):
        model.set_search_text("ASOCIACION")

    assert column(model, 0) == ["Asociación de Pescadores"]
    assert model.total == 1
    assert model.filter.country == "PE"


def test_search_matching_nothing_leaves_the_table_empty(qtbot: QtBot, directory: Directory) -> None:
    add_numbered(directory, 3)
    model = OrganisationTableModel(directory)

    model.set_search_text("nothing-like-this")

    assert model.rowCount() == 0
    assert model.total == 0
    assert not model.canFetchMore(ROOT)


def test_sorting_by_country_asks_the_database_and_loads_one_page(qtbot: QtBot, directory: Directory) -> None:
    add_numbered(directory, 120, country="PE")
    add_numbered(directory, 30, stem="Kikundi", country="KE")
    model = OrganisationTableModel(directory, page_size=50)

    model.sort(2, Qt.SortOrder.AscendingOrder)

    assert model.rowCount() == 50
    assert column(model, 2)[:30] == ["Kenya"] * 30
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert column(model, 2)[0] == "Peru"
    fetch_all(model)
    assert column(model, 2)[-30:] == ["Kenya"] * 30
    assert model.rowCount() == 150


def test_a_column_the_database_cannot_sort_by_leaves_the_order_alone(
    qtbot: QtBot, directory: Directory
) -> None:
    directory.create(Person, {"name": "Zoe", "languages": "en"})
    directory.create(Person, {"name": "Ana", "languages": "qu"})
    model = PersonTableModel(directory)

    model.sort(3, Qt.SortOrder.DescendingOrder)

    assert (model.sort_column, column(model, 0)) == (0, ["Ana", "Zoe"])
    assert not model.is_sortable(3)


def test_refresh_keeps_rows_in_place_when_only_their_values_changed(
    qtbot: QtBot, directory: Directory
) -> None:
    add_numbered(directory, 5)
    model = OrganisationTableModel(directory)
    first = model.organisation(0)
    directory.update(Organisation, first.id, {"acronym": "G0"})

    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.refresh()

    assert column(model, 1)[0] == "G0"


def test_refresh_shows_records_added_since(qtbot: QtBot, directory: Directory) -> None:
    add_numbered(directory, 2)
    model = OrganisationTableModel(directory)
    directory.create(Organisation, {"name": "Grupo nuevo", "country": "PE"})

    with qtbot.waitSignal(model.modelReset):
        model.refresh()

    assert model.rowCount() == model.total == 3


def test_a_record_deleted_after_its_page_loaded_does_not_stop_the_paging(
    qtbot: QtBot, directory: Directory
) -> None:
    add_numbered(directory, 5)
    model = OrganisationTableModel(directory, page_size=2)
    directory.delete(Organisation, model.organisation(1).id)

    fetch_all(model)

    # The deleted row stays until the next refresh; the pages after it all come.
    assert column(model, 0) == [f"Grupo {n:03d}" for n in range(5)]


def test_page_size_must_be_positive(qtbot: QtBot, directory: Directory) -> None:
    with pytest.raises(ValueError):
        OrganisationTableModel(directory, page_size=0)
