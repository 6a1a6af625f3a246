"""The Organisations and People screens, as a coordinator uses them on the demo network."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from smwg_desktop.core.demo import DemoSummary
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Affiliation, Body, Organisation, Person, Seat
from smwg_desktop.ui import labels
from smwg_desktop.ui.dialogs import (
    PickerEditor,
    affiliation_dialog,
    new_organisation_dialog,
    new_person_dialog,
)
from smwg_desktop.ui.directory_screen import DirectoryScreen, OrganisationsScreen, PeopleScreen
from smwg_desktop.ui.forms import CheckEditor, ChecksEditor, LineEditor
from smwg_desktop.ui.main_window import MainWindow
from smwg_desktop.ui.record_forms import OrganisationForm, PersonForm

from .conftest import Answers

OpenWindow = Callable[[], MainWindow]


def organisations(window: MainWindow) -> OrganisationsScreen:
    screen = window.show_screen("organisations")
    assert isinstance(screen, OrganisationsScreen)
    return screen


def people(window: MainWindow) -> PeopleScreen:
    screen = window.show_screen("people")
    assert isinstance(screen, PeopleScreen)
    return screen


def names_shown(screen: DirectoryScreen) -> list[str]:
    model = screen.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def line(form: OrganisationForm | PersonForm, name: str) -> QLineEdit:
    editor = form.editor(name)
    assert isinstance(editor, LineEditor)
    return editor.line


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Replace a field's text as a person does, and leave it with Enter."""
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def some_person(directory: Directory, *, with_seat: bool = False) -> Person:
    for person in directory.list(Person):
        if directory.affiliations(person_id=person.id) and (
            not with_seat or directory.seats(person_id=person.id)
        ):
            return person
    raise AssertionError("the demo has no such person")


# Finding


def test_typing_without_accents_finds_the_organisations_written_with_them(
    qtbot: QtBot, open_window: OpenWindow, demo: DemoSummary
) -> None:
    screen = organisations(open_window())

    qtbot.keyClicks(screen.search_field, "asociacion")
    screen.apply_search()

    assert names_shown(screen) == [
        "Asociación de Pescadores del Golfo (muestra)",
        "Asociación de Vendedores Ambulantes (muestra)",
    ]
    assert screen.count_label.text() == "2 of 40 organisations"


def test_search_waits_for_typing_to_pause_then_narrows_the_table(
    qtbot: QtBot, open_window: OpenWindow, some_organisations: list[Organisation]
) -> None:
    screen = organisations(open_window())

    qtbot.keyClicks(screen.search_field, "kenya")

    qtbot.waitUntil(lambda: names_shown(screen) == ["Kenya Peasants League"])


def test_region_filter_narrows_the_table_and_clearing_shows_everything(
    open_window: OpenWindow, demo: DemoSummary
) -> None:
    screen = organisations(open_window())

    screen.filters.choose(screen.filters.region, "africa")

    regions = {screen.model.index(row, 3).data() for row in range(screen.model.rowCount())}
    assert regions == {"Africa"}
    assert screen.count_label.text() == "9 of 40 organisations"
    screen.filters.clear()
    assert screen.model.rowCount() == 40


def test_the_lists_of_what_the_directory_holds_are_read_when_a_person_reaches_them(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    screen = organisations(open_window())
    qtbot.waitExposed(screen)
    country = screen.filters.country
    assert country.count() == 1, "only 'All' until the list is reached"
    directory.create(Organisation, {"name": "Red de Islas", "country": "FJ"})
    screen.refresh()
    assert country.count() == 1

    country.setFocus()
    qtbot.waitUntil(country.hasFocus)

    listed = {country.itemData(i): country.itemText(i) for i in range(1, country.count())}
    assert set(listed) == {o.country for o in directory.list(Organisation)}
    assert listed["FJ"] == "Fiji"
    assert list(listed.values()) == sorted(listed.values(), key=labels.sort_text)
    directory.create(Organisation, {"name": "Red del Pacífico", "country": "TO"})
    screen.refresh()
    assert "TO" in [country.itemData(i) for i in range(1, country.count())], "read again once shown"


def test_choosing_a_country_not_yet_listed_reads_the_list_first(
    open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    screen = organisations(open_window())
    kenyan = sorted(o.name for o in directory.list(Organisation) if o.country == "KE")
    assert kenyan

    screen.filters.choose(screen.filters.country, "KE")

    assert screen.filters.country.currentText() == "Kenya"
    assert sorted(names_shown(screen)) == kenyan


def test_the_country_field_offers_country_names_as_they_are_typed(
    qtbot: QtBot, open_window: OpenWindow, demo: DemoSummary
) -> None:
    screen = organisations(open_window())
    qtbot.waitExposed(screen)
    screen.table.selectRow(0)
    field = line(screen.form, "country")
    completer = field.completer()
    assert completer.model().rowCount() == 0, "the names are listed when the field is reached"

    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    completer.setCompletionPrefix("ken")

    assert completer.model().rowCount() > 200
    offered = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert offered == ["Kenya"]


def test_people_can_be_narrowed_to_those_holding_a_seat_in_a_body(
    open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    screen = people(open_window())
    board = next(b for b in directory.list(Body) if b.body_kind == "board")
    today = date.today()
    holders = {
        directory.get(Person, s.person_id).name for s in directory.seats(body_id=board.id) if s.holds_on(today)
    }

    screen.filters.choose(screen.filters.body, board.id)

    assert set(names_shown(screen)) == holders
    assert screen.filters.body.currentText() == "Board of ESCR-Net"


def test_women_led_and_membership_filters_combine(open_window: OpenWindow, directory: Directory, demo: DemoSummary) -> None:
    screen = organisations(open_window())

    screen.filters.choose(screen.filters.women_led, "yes")
    screen.filters.choose(screen.filters.status, "member")

    expected = sorted(
        o.name for o in directory.list(Organisation) if o.women_led and o.status == "member"
    )
    assert sorted(names_shown(screen)) == expected


def test_a_few_thousand_people_load_a_page_at_a_time(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory
) -> None:
    with directory.store.transaction():
        for number in range(3000):
            directory.create(Person, {"name": f"Persona {number:04d}", "country": "PE"})
    screen = people(open_window())

    assert screen.model.rowCount() == 100
    assert screen.count_label.text() == "3000 people"
    scroll_bar = screen.table.verticalScrollBar()
    scroll_bar.setValue(scroll_bar.maximum())
    qtbot.waitUntil(lambda: screen.model.rowCount() > 100)

    screen.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert names_shown(screen)[:2] == ["Persona 2999", "Persona 2998"]
    assert screen.model.rowCount() == 100


def test_clicking_a_column_the_core_cannot_sort_by_keeps_the_order(
    open_window: OpenWindow, demo: DemoSummary
) -> None:
    screen = people(open_window())
    before = names_shown(screen)

    screen.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)

    assert names_shown(screen) == before
    assert screen.table.horizontalHeader().sortIndicatorSection() == 0


@pytest.mark.parametrize("screen_class", [OrganisationsScreen, PeopleScreen])
def test_the_columns_start_as_wide_as_their_contents_up_to_twelve_em(
    qtbot: QtBot, directory: Directory, settings: QSettings, demo: DemoSummary,
    screen_class: type[DirectoryScreen],
) -> None:
    screen = screen_class(directory, QUndoStack(), settings=settings)
    qtbot.addWidget(screen)
    table, header = screen.table, screen.table.horizontalHeader()
    widest = table.fontMetrics().horizontalAdvance("M") * 12
    built = [header.sectionSize(column) for column in range(1, header.count())]

    # Qt's own measure, through the delegate, of every row loaded in the table not yet shown.
    measured = []
    for column in range(1, header.count()):
        table.resizeColumnToContents(column)
        measured.append(min(header.sectionSize(column), widest))

    assert built == measured
    assert min(built) > 0 and max(built) <= widest


# Reading


def test_choosing_a_row_opens_the_record_in_the_form(
    open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    screen = organisations(open_window())

    screen.table.selectRow(0)

    first = screen.model.organisation(0)
    assert screen.form.record_id == first.id
    assert screen.form.title.text() == first.name
    assert line(screen.form, "acronym").text() == first.acronym
    assert line(screen.form, "country").text() == "Honduras"


def test_the_form_is_built_when_the_first_record_is_opened(
    open_window: OpenWindow, demo: DemoSummary
) -> None:
    screen = organisations(open_window())
    waiting = screen.form_scroll.widget()
    assert not isinstance(waiting, OrganisationForm)
    assert [label.text() for label in waiting.findChildren(QLabel)] == [
        "Choose an organisation in the list, or add one with File ▸ New."
    ]
    assert screen.record_in_form is None

    screen.table.selectRow(1)

    form = screen.form_scroll.widget()
    assert isinstance(form, OrganisationForm) and form is screen.form
    assert screen.record_in_form == screen.model.organisation(1).id
    assert line(form, "name").text() == screen.model.organisation(1).name


def test_enter_on_a_row_moves_the_keyboard_into_its_form(
    qtbot: QtBot, open_window: OpenWindow, demo: DemoSummary
) -> None:
    window = open_window()
    qtbot.waitExposed(window)
    window.activateWindow()
    screen = people(window)
    screen.table.setFocus()
    screen.table.selectRow(2)

    qtbot.keyClick(screen.table, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: line(screen.form, "name").hasFocus())
    assert line(screen.form, "name").text() == screen.model.person(2).name


def test_the_organisation_form_lists_its_people(
    open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    window = open_window()
    screen = organisations(window)
    org = directory.list(Organisation)[0]
    members = {directory.get(Person, a.person_id).name for a in directory.affiliations(organisation_id=org.id)}

    screen.show_record(org.id)

    shown = {line.cells[0] for line in screen.form.people.lines()}  # type: ignore[attr-defined]
    assert shown == members
    form = screen.form
    assert isinstance(form, OrganisationForm)
    form.people_view.selectRow(0)
    form._open_person()
    assert window.current_key == "people"
    assert window.screen_for("people").form.record_id == form.people.line(0).extra["person_id"]  # type: ignore[attr-defined]


def test_a_person_at_risk_is_marked_in_the_table_and_across_the_form(
    open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    person = some_person(directory)
    directory.update(Person, person.id, {"at_risk": True})
    screen = people(open_window())

    screen.show_record(person.id)

    assert screen.form.banner.isVisible()
    assert "never printed" in screen.form.banner.text.text().lower()
    at_risk = screen.form.editor("at_risk")
    assert isinstance(at_risk, CheckEditor) and at_risk.box.isChecked()
    row = screen.model.row_of(person.id)
    assert row is not None
    assert screen.model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) is not None


def test_every_field_is_named_by_its_label(open_window: OpenWindow, demo: DemoSummary) -> None:
    window = open_window()
    for screen in (organisations(window), people(window)):
        screen.table.selectRow(0)
        labelled = {lbl.buddy() for lbl in screen.form.findChildren(QLabel) if lbl.buddy() is not None}
        for rows in screen.form._rows:
            for editor in rows.editors.values():
                widget = editor.focus_widget()
                assert widget.accessibleName(), editor.name
                assert widget in labelled or isinstance(editor, CheckEditor), editor.name


def test_tab_goes_down_the_form_in_order(open_window: OpenWindow, demo: DemoSummary) -> None:
    screen = people(open_window())
    screen.table.selectRow(0)
    form = screen.form

    order = ["at_risk", "listed", "name", "country", "languages", "interpretation", "emails"]
    widgets = [form.editor(name).focus_widget() for name in order]  # type: ignore[union-attr]
    for here, there in pairwise(widgets):
        assert here.nextInFocusChain() is there


# Changing


def test_an_edit_is_saved_when_the_field_is_left_and_undo_redo_round_trip(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    window = open_window()
    screen = organisations(window)
    screen.table.selectRow(0)
    org = screen.model.organisation(0)

    type_into(qtbot, line(screen.form, "acronym"), "APGM")

    assert directory.get(Organisation, org.id).acronym == "APGM"
    assert screen.model.index(0, 1).data() == "APGM"
    assert window.undo_action.text() == f"&Undo Edit “{org.name}”: Acronym"
    window.undo_action.trigger()
    assert directory.get(Organisation, org.id).acronym == org.acronym
    assert line(screen.form, "acronym").text() == org.acronym
    window.redo_action.trigger()
    assert directory.get(Organisation, org.id).acronym == "APGM"
    assert line(screen.form, "acronym").text() == "APGM"


def test_a_bad_email_is_refused_beside_the_field_and_nothing_changes(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    window = open_window()
    screen = people(window)
    person = some_person(directory)
    screen.show_record(person.id)

    type_into(qtbot, line(screen.form, "emails"), "ana@")

    assert screen.form.error_text("emails") == "'ana@' is not an e-mail address"
    assert directory.get(Person, person.id) == person
    assert window.undo_stack.count() == 0
    assert line(screen.form, "emails").text() == "ana@"

    type_into(qtbot, line(screen.form, "name"), "Ana Renamed")
    # Another field's edit goes through; the refused value waits in its field.
    assert directory.get(Person, person.id).name == "Ana Renamed"
    assert line(screen.form, "emails").text() == "ana@"
    assert screen.form.error_text("emails")

    type_into(qtbot, line(screen.form, "emails"), "ana@example.org")
    assert screen.form.error_text("emails") == ""
    assert [e.value for e in directory.get(Person, person.id).emails] == ["ana@example.org"]


def test_a_bad_country_is_refused_beside_the_field_and_nothing_changes(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    screen = organisations(open_window())
    screen.table.selectRow(0)
    org = screen.model.organisation(0)

    type_into(qtbot, line(screen.form, "country"), "Atlantis")

    assert "not an ISO 3166 country" in screen.form.error_text("country")
    assert directory.get(Organisation, org.id) == org


def test_an_empty_name_is_refused(qtbot: QtBot, open_window: OpenWindow, directory: Directory, demo: DemoSummary) -> None:
    screen = organisations(open_window())
    screen.table.selectRow(0)
    org = screen.model.organisation(0)

    type_into(qtbot, line(screen.form, "name"), "")

    assert screen.form.error_text("name") == "Name is required"
    assert directory.get(Organisation, org.id).name == org.name


def test_consent_and_at_risk_are_saved_with_a_click_and_undone(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    window = open_window()
    screen = people(window)
    person = some_person(directory)
    screen.show_record(person.id)
    consent = screen.form.editor("consent")
    assert isinstance(consent, ChecksEditor)

    other_email: QCheckBox = consent.boxes["other_email"]
    other_email.click()
    assert "other_email" in directory.get(Person, person.id).consent

    at_risk = screen.form.editor("at_risk")
    assert isinstance(at_risk, CheckEditor)
    at_risk.box.click()
    assert directory.get(Person, person.id).at_risk
    assert screen.form.banner.isVisible()

    window.undo_action.trigger()
    window.undo_action.trigger()
    assert directory.get(Person, person.id) == person
    assert not screen.form.banner.isVisible()


def test_the_note_on_this_device_is_kept_apart_and_undone(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    window = open_window()
    screen = organisations(window)
    screen.table.selectRow(0)
    org = screen.model.organisation(0)
    before = directory.log.unsent_count([])
    form = screen.form

    form.editor("local_note").text.setPlainText("Call before visiting")  # type: ignore[union-attr]
    form.commit("local_note")

    assert directory.local_note(Organisation, org.id) == "Call before visiting"
    assert directory.log.unsent_count([]) == before
    window.undo_action.trigger()
    assert directory.local_note(Organisation, org.id) == ""


def test_delete_names_what_goes_with_the_record_and_undo_brings_it_all_back(
    open_window: OpenWindow, directory: Directory, demo: DemoSummary, answers: Answers
) -> None:
    window = open_window()
    screen = people(window)
    person = some_person(directory, with_seat=True)
    links = directory.affiliations(person_id=person.id)
    seats = directory.seats(person_id=person.id)
    screen.show_record(person.id)

    screen.delete_selected()

    [question] = answers.asked
    assert person.name in question
    assert "place in an organisation" in question or "places in organisations" in question
    assert "seat" in question
    assert directory.find(Person, person.id) is None
    assert directory.affiliations(person_id=person.id) == []
    assert screen.form.record_id is None
    assert person.name not in names_shown(screen)

    window.undo_action.trigger()
    assert directory.get(Person, person.id) == person
    assert directory.affiliations(person_id=person.id) == links
    assert directory.seats(person_id=person.id) == seats
    assert person.name in names_shown(screen)

    window.redo_action.trigger()
    assert directory.find(Person, person.id) is None
    assert directory.find(Seat, seats[0].id) is None


def test_the_delete_key_asks_first_and_no_keeps_the_record(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory, demo: DemoSummary, answers: Answers
) -> None:
    window = open_window()
    screen = organisations(window)
    screen.table.selectRow(0)
    org = screen.model.organisation(0)
    answers.reply = answers.reply.No

    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)

    assert len(answers.asked) == 1
    assert f"Delete “{org.name}”?" in answers.asked[0]
    assert directory.get(Organisation, org.id) == org
    assert window.undo_stack.count() == 0

    answers.reply = answers.reply.Yes
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    assert directory.find(Organisation, org.id) is None


def test_erase_says_it_is_final_then_leaves_no_trace_and_clears_undo(
    open_window: OpenWindow, directory: Directory, demo: DemoSummary, answers: Answers
) -> None:
    window = open_window()
    screen = people(window)
    edited = some_person(directory)
    screen.show_record(edited.id)
    type_into_field = line(screen.form, "name")
    type_into_field.setText(edited.name + " (edited)")
    type_into_field.editingFinished.emit()
    assert window.undo_stack.count() == 1
    person = directory.get(Person, edited.id)
    assert window.erase_action.isEnabled()

    answers.reply = QMessageBox.StandardButton.No
    window.erase_action.trigger()
    assert directory.find(Person, person.id) is not None

    answers.reply = QMessageBox.StandardButton.Yes
    window.erase_action.trigger()
    question = answers.asked[-1]
    assert person.name in question
    assert "cannot be undone" in question and "every other device" in question.lower()
    assert directory.find(Person, person.id) is None
    assert directory.affiliations(person_id=person.id) == []
    assert person.name not in names_shown(screen)
    assert window.undo_stack.count() == 0
    assert any(title == "Erased" for title, _text in answers.shown)
    history = directory.conn.execute(
        "SELECT count(*) FROM change WHERE value LIKE ?", (f"%{edited.name}%",)
    ).fetchone()[0]
    assert history == 0


def test_delete_in_a_form_field_deletes_text_not_the_record(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory, demo: DemoSummary, answers: Answers
) -> None:
    screen = organisations(open_window())
    screen.table.selectRow(0)
    field = line(screen.form, "acronym")
    field.setCursorPosition(0)

    qtbot.keyClick(field, Qt.Key.Key_Delete)

    assert answers.asked == []
    assert field.text() == screen.model.organisation(0).acronym[1:]


# Adding


def test_a_new_organisation_is_created_from_its_dialog_and_opened(
    open_window: OpenWindow, directory: Directory, some_organisations: list[Organisation]
) -> None:
    window = open_window()
    screen = organisations(window)
    dialog, created = new_organisation_dialog(screen.edits)
    dialog.rows.editors["name"].line.setText("Frente Campesino")  # type: ignore[attr-defined]
    dialog.rows.editors["country"].line.setText("Bolivia")  # type: ignore[attr-defined]

    dialog.accept()

    [new_id] = created
    assert directory.get(Organisation, new_id).country == "BO"
    assert window.undo_action.text() == "&Undo Add “Frente Campesino”"
    screen.show_record(new_id)
    assert screen.form.title.text() == "Frente Campesino"
    window.undo_action.trigger()
    assert directory.find(Organisation, new_id) is None


def test_the_new_organisation_dialog_refuses_a_bad_country_beside_it(
    qtbot: QtBot, directory: Directory, some_organisations: list[Organisation], open_window: OpenWindow
) -> None:
    screen = organisations(open_window())
    dialog, created = new_organisation_dialog(screen.edits)
    qtbot.addWidget(dialog)
    dialog.rows.editors["name"].line.setText("Frente Campesino")  # type: ignore[attr-defined]
    dialog.rows.editors["country"].line.setText("Atlantis")  # type: ignore[attr-defined]

    dialog.accept()

    assert created == []
    assert "not an ISO 3166 country" in dialog.rows.errors["country"].text()
    assert directory.count(Organisation) == 3


def test_a_new_person_joins_an_organisation_in_one_undoable_step(
    open_window: OpenWindow, directory: Directory, some_organisations: list[Organisation]
) -> None:
    window = open_window()
    screen = people(window)
    dialog, created = new_person_dialog(screen.edits)
    dialog.rows.editors["name"].line.setText("Wanjiru Mwangi")  # type: ignore[attr-defined]
    organisation = dialog.rows.editors["organisation_id"]
    assert isinstance(organisation, PickerEditor)
    organisation.picker.setText("kenya")
    organisation.picker.look_up()
    assert [text for _id, text in organisation.picker.choices()] == ["Kenya Peasants League — Kenya"]
    dialog.rows.editors["role"].line.setText("Coordinator")  # type: ignore[attr-defined]

    dialog.accept()

    [person_id] = created
    [link] = directory.affiliations(person_id=person_id)
    assert (link.organisation_id, link.role) == (some_organisations[2].id, "Coordinator")
    window.undo_action.trigger()
    assert directory.find(Person, person_id) is None
    assert directory.find(Affiliation, link.id) is None


def test_a_person_is_added_to_an_organisation_from_their_form(
    open_window: OpenWindow, directory: Directory, some_organisations: list[Organisation]
) -> None:
    window = open_window()
    person = directory.create(Person, {"name": "Beatriz Souza"})
    screen = people(window)
    screen.show_record(person.id)
    dialog = affiliation_dialog(screen.edits, person_id=person.id)
    organisation = dialog.rows.editors["organisation_id"]
    assert isinstance(organisation, PickerEditor)
    organisation.picker.choose(some_organisations[1].id)
    dialog.rows.editors["role"].line.setText("Secretária")  # type: ignore[attr-defined]
    dialog.rows.editors["start"].line.setText("2015-02-30")  # type: ignore[attr-defined]

    dialog.accept()
    assert "not a date" in dialog.rows.errors["start"].text()
    assert directory.affiliations(person_id=person.id) == []

    dialog.rows.editors["start"].line.setText("2015-02-28")  # type: ignore[attr-defined]
    dialog.accept()
    [link] = directory.affiliations(person_id=person.id)
    assert link.start == date(2015, 2, 28)
    form = screen.form
    assert isinstance(form, PersonForm)
    assert [line.cells[:2] for line in form.links.lines()] == [
        ("Movimento dos Trabalhadores Rurais Sem Terra", "Secretária")
    ]


@pytest.mark.parametrize("key", ["organisations", "people"])
def test_ctrl_n_opens_the_new_record_dialog(
    qtbot: QtBot, open_window: OpenWindow, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    window.show_screen(key)
    opened: list[str] = []
    monkeypatch.setattr(
        "smwg_desktop.ui.dialogs.EditDialog.exec", lambda self: opened.append(self.windowTitle()) or 0
    )

    window.new_action.trigger()

    assert opened == ["New organisation" if key == "organisations" else "New person"]


def test_taking_a_person_out_of_an_organisation_asks_and_can_be_undone(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory, demo: DemoSummary, answers: Answers
) -> None:
    window = open_window()
    screen = organisations(window)
    org = next(o for o in directory.list(Organisation) if directory.affiliations(organisation_id=o.id))
    screen.show_record(org.id)
    form = screen.form
    assert isinstance(form, OrganisationForm)
    form.people_view.selectRow(0)
    link = directory.get(Affiliation, form.people.line(0).id)

    qtbot.keyClick(form.people_view, Qt.Key.Key_Delete)

    [question] = answers.asked
    assert org.name in question
    assert directory.find(Affiliation, link.id) is None
    window.undo_action.trigger()
    assert directory.get(Affiliation, link.id) == link
