"""Column widths of a table not yet shown: measured on the widest cells, equal to Qt's own."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from smwg_desktop.ui.app import load_fonts
from smwg_desktop.ui.directory_screen import contents_width
from smwg_desktop.ui.models import at_risk_icon

SCRIPTS = st.sampled_from([
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ iIl.,-'",
    "áéíóúñçãõâêôàèìòùäëïöüÁÉÍÓÚÑÇ",
    "مرحبا بكم في الشبكة",
    "नमस्ते दुनिया संगठन",
    "東京大阪名古屋",
    "WMW mmm 0123456789",
    " \t\n\u2028\u200e\u2066\u2069",
])
TEXTS = SCRIPTS.flatmap(lambda letters: st.text(alphabet=letters, max_size=40))
CELLS = st.tuples(TEXTS, st.sampled_from(["", "icon", "bold", "check"]))
TABLES = st.lists(st.lists(CELLS, min_size=1, max_size=3), max_size=30)


def table(qapp: QApplication, rows: list[list[tuple[str, str]]]) -> QTableView:
    load_fonts(qapp)
    columns = max((len(row) for row in rows), default=1)
    model = QStandardItemModel(len(rows), columns)
    icon = at_risk_icon()
    bold = QFont(qapp.font())
    bold.setBold(True)
    for r, row in enumerate(rows):
        for c, (text, extra) in enumerate(row):
            item = QStandardItem(text)
            if extra == "icon":
                item.setIcon(icon)
            elif extra == "bold":
                item.setFont(bold)
            elif extra == "check":
                item.setCheckable(True)
            model.setItem(r, c, item)
    view = QTableView()
    view.setModel(model)
    model.setParent(view)
    return view


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=TABLES, enough=st.sampled_from([40, 150, 10**6]), grid=st.booleans())
def test_a_column_is_as_wide_as_qt_makes_it(
    qapp: QApplication, rows: list[list[tuple[str, str]]], enough: int, grid: bool
) -> None:
    view = table(qapp, rows)
    view.setShowGrid(grid)
    header = view.horizontalHeader()
    for column in range(header.count()):
        measured = contents_width(view, column, enough)
        view.resizeColumnToContents(column)
        assert min(measured, enough) == min(header.sectionSize(column), enough)
        if measured < enough:
            assert measured == header.sectionSize(column)
