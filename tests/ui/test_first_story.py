"""The issue's expectation as one story: a new user, the sample network, a phone, a meeting, its agenda.

"A new user starts the app, opens the sample network, finds an organisation by
typing part of its name without accents, edits a phone number, plans a meeting,
and prints its agenda, without reading a manual."
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from smwg_desktop.core.model import Activity, Organisation
from smwg_desktop.ui.activities_screen import ActivitiesScreen
from smwg_desktop.ui.agenda_model import Column
from smwg_desktop.ui.directory_screen import OrganisationsScreen
from smwg_desktop.ui.first_run import SAMPLE, WelcomeChoice
from smwg_desktop.ui.forms import LineEditor
from smwg_desktop.ui.print_screen import PrintScreen
from smwg_desktop.ui.session import Session
from tests.ui.conftest import Answers


@pytest.fixture
def session(qtbot: QtBot, data_dir: Path, settings: QSettings) -> Iterator[Session]:
    opened = Session(data_dir, settings)
    yield opened
    opened.close()


def test_a_new_user_finds_edits_plans_and_prints_without_a_manual(
    qtbot: QtBot, session: Session, answers: Answers, tmp_path: Path
) -> None:
    session.begin(WelcomeChoice(SAMPLE, "Laptop", None, remember=False))
    window = session.window
    assert window is not None and session.directory is not None
    directory = session.directory

    organisations = window.show_screen("organisations")
    assert isinstance(organisations, OrganisationsScreen)
    organisations.search_field.setText("asociacion pescadores")
    organisations.apply_search()
    found = [organisations.model.index(r, 0).data() for r in range(organisations.model.rowCount())]
    assert found and all("Asociación de Pescadores" in name for name in found), found
    organisations.table.selectRow(0)
    organisation_id = organisations.form.record_id
    assert organisation_id is not None

    editor = organisations.form.editor("phones")
    assert isinstance(editor, LineEditor)
    editor.line.setText("+56 2 2555 0100")
    editor.line.editingFinished.emit()
    phones = directory.get(Organisation, organisation_id).phones
    assert [p.value for p in phones] == ["+56225550100"]  # kept in international form

    activities = window.show_screen("activities")
    assert isinstance(activities, ActivitiesScreen)
    activities.new_activity()
    activity_id = activities.current_activity_id
    assert activity_id is not None
    activities.form.title.setText("Regional meeting of the working group")
    activities.form.title.editingFinished.emit()
    activities.add_agenda_item()
    title = activities.agenda_model.index(0, Column.TITLE)
    activities.agenda_model.setData(title, "Land struggles in the Southern Cone", Qt.ItemDataRole.EditRole)
    assert directory.get(Activity, activity_id).title == "Regional meeting of the working group"

    printing = window.show_screen("print")
    assert isinstance(printing, PrintScreen)
    printing.choose_document("agenda")
    printing.activity_box.setCurrentIndex(printing.activity_box.findData(activity_id))
    with qtbot.waitSignal(printing.task_finished, timeout=30_000):
        assert printing.save_to(tmp_path / "agenda.pdf")
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "agenda.pdf").pages)
    assert "Regional meeting of the working group" in text
    assert "Land struggles in the Southern Cone" in text
    assert answers.shown == []
