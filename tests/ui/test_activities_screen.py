"""The activities screen on the sample network: plan an agenda, invite, check people in, undo."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QSpinBox, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from smwg_desktop.core.demo import load_demo
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Activity, AgendaItem, Participant, Person
from smwg_desktop.ui.activities_screen import ActivitiesScreen
from smwg_desktop.ui.activity_models import ID_ROLE, ROW_KIND_ROLE, ParticipantColumn
from smwg_desktop.ui.agenda_model import AgendaTableModel, Column
from tests.ui.conftest import Answers

ROOT = QModelIndex()
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
MID_2016 = date(2016, 7, 1)
"""After the virtual dialogue (June), before the exchange (August) and the GSM (November)."""


@pytest.fixture
def demo(directory: Directory) -> Directory:
    load_demo(directory)
    return directory


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def screen(qtbot: QtBot, demo: Directory, stack: QUndoStack) -> ActivitiesScreen:
    opened = ActivitiesScreen(demo, stack, today=lambda: MID_2016)
    qtbot.addWidget(opened)
    opened.confirm = lambda _title, _question: True
    opened.resize(1200, 700)
    opened.show()
    return opened


@pytest.fixture
def gsm(demo: Directory) -> Activity:
    """The three-day meeting alongside the Global Strategy Meeting."""
    return next(a for a in demo.list(Activity) if a.activity_kind == "side_meeting")


@pytest.fixture
def agenda(screen: ActivitiesScreen, gsm: Activity) -> AgendaTableModel:
    screen.select_activity(gsm.id)
    screen.tabs.setCurrentIndex(2)
    return screen.agenda_model


def starts(model: AgendaTableModel) -> list[str]:
    return [model.index(row, Column.START).data() for row in range(model.rowCount())]


def titles(model: AgendaTableModel) -> list[str]:
    return [model.index(row, Column.TITLE).data() for row in range(model.rowCount())]


def core_timetable(directory: Directory, activity: Activity) -> list[tuple[str, str]]:
    return [(s.item.title, s.start.strftime("%H:%M")) for s in directory.timetable(activity.id)]


def shown_timetable(model: AgendaTableModel) -> list[tuple[str, str]]:
    return list(zip(titles(model), starts(model), strict=True))


def select_agenda_row(screen: ActivitiesScreen, row: int) -> None:
    screen.agenda_view.setFocus()
    screen.agenda_view.selectRow(row)


def test_list_shows_coming_up_first_then_past_grouped_by_month(
    screen: ActivitiesScreen,
) -> None:
    model = screen.list_model
    top = [model.index(row, 0) for row in range(model.rowCount())]
    headings = [(i.data(ROW_KIND_ROLE), i.data()) for i in top]

    assert headings == [
        ("section", "Coming up"),
        ("month", "August 2016"),
        ("month", "November 2016"),
        ("section", "Past"),
        ("month", "June 2016"),
    ]
    august = model.index(0, 1, top[1]).data()
    assert august.startswith(
        "Strategic exchange on land, territory and housing\nStrategic exchange"
    )
    # Dates and hours in the activity's own zone, with the zone named.
    assert "Johannesburg (UTC+02:00)" in august
    assert model.index(0, 0, top[1]).data() == "Tue 23 – Wed 24 Aug 2016\n09:00–16:00"
    assert model.index(0, 0, top[4]).data() == "Wed 15 Jun 2016\n09:00–12:00"


def test_choosing_an_activity_shows_its_details_participants_and_agenda(
    screen: ActivitiesScreen, gsm: Activity, demo: Directory
) -> None:
    index = screen.list_filter.mapFromSource(screen.list_model.index_of(gsm.id))
    screen.list_view.setCurrentIndex(index)

    assert screen.current_activity_id == gsm.id
    assert screen.form.title.text() == gsm.title
    assert screen.form.languages.text() == "es, en, fr, pt"
    assert screen.participant_model.rowCount() == len(demo.participants(gsm.id))
    assert screen.agenda_model.rowCount() == len(demo.agenda(gsm.id))
    assert screen.tabs.tabText(2) == f"Agenda ({len(demo.agenda(gsm.id))})"


def test_moving_an_item_up_by_keys_recomputes_the_times(
    screen: ActivitiesScreen, agenda: AgendaTableModel, demo: Directory, gsm: Activity
) -> None:
    assert shown_timetable(agenda)[:3] == [
        ("Welcome and opening circle", "09:00"),
        ("Our struggles since 2013: introductions by region", "09:45"),
        ("Coffee break", "11:15"),
    ]
    select_agenda_row(screen, 1)

    QtBot.keyClick(screen.agenda_view, Qt.Key.Key_Up, CTRL)

    assert shown_timetable(agenda)[:3] == [
        ("Our struggles since 2013: introductions by region", "09:00"),
        ("Welcome and opening circle", "10:30"),
        ("Coffee break", "11:15"),
    ]
    assert core_timetable(demo, gsm) == shown_timetable(agenda)
    # The moved item stays selected, so pressing again keeps moving it.
    assert screen.agenda_view.currentIndex().row() == 0


def test_moving_down_stops_at_the_end_of_the_day_and_ctrl_shift_changes_day(
    screen: ActivitiesScreen, agenda: AgendaTableModel, demo: Directory, gsm: Activity
) -> None:
    last_of_day_one = len(agenda.day_items(1)) - 1
    closing = agenda.item(last_of_day_one)
    select_agenda_row(screen, last_of_day_one)

    QtBot.keyClick(screen.agenda_view, Qt.Key.Key_Down, CTRL)
    assert demo.get(AgendaItem, closing.id).day == 1  # nothing below it on its day

    QtBot.keyClick(screen.agenda_view, Qt.Key.Key_Down, CTRL_SHIFT)
    moved = demo.agenda(gsm.id)
    day_two = [i for i in moved if i.day == 2]
    assert day_two[0].id == closing.id  # first thing on day 2
    assert agenda.index(last_of_day_one, Column.START).data() == "09:00"

    QtBot.keyClick(screen.agenda_view, Qt.Key.Key_Up, CTRL_SHIFT)
    assert [i for i in demo.agenda(gsm.id) if i.day == 1][-1].id == closing.id


def test_a_day_field_moves_an_item_to_the_end_of_that_day(
    screen: ActivitiesScreen, agenda: AgendaTableModel, demo: Directory, gsm: Activity
) -> None:
    welcome = agenda.item(0)

    assert agenda.setData(agenda.index(0, Column.DAY), 3)

    assert [i for i in demo.agenda(gsm.id) if i.day == 3][-1].id == welcome.id
    assert not agenda.setData(agenda.index(0, Column.DAY), 9)  # the meeting has 3 days
    assert screen.agenda_message.text() == "Choose a day from 1 to 3."


def test_a_duration_edited_in_place_moves_every_later_time(
    screen: ActivitiesScreen, agenda: AgendaTableModel, demo: Directory, gsm: Activity
) -> None:
    before = starts(agenda)
    view = screen.agenda_view
    index = agenda.index(0, Column.MINUTES)
    delegate = view.itemDelegateForColumn(Column.MINUTES)
    editor = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QSpinBox)
    delegate.setEditorData(editor, index)
    assert editor.value() == 45

    editor.setValue(150)  # longer than a plain spin box allows (99)
    delegate.setModelData(editor, agenda, index)

    assert demo.agenda(gsm.id)[0].minutes == 150
    day_one = len(agenda.day_items(1))
    shifted = [
        (datetime.strptime(t, "%H:%M") + timedelta(minutes=105)).strftime("%H:%M")
        for t in before[1:day_one]
    ]
    assert starts(agenda)[1:day_one] == shifted
    assert starts(agenda)[day_one:] == before[day_one:]  # later days start afresh
    assert agenda.index(0, Column.MINUTES).data() == "150 min"
    assert core_timetable(demo, gsm) == shown_timetable(agenda)


def test_a_refused_duration_is_explained_and_changes_nothing(
    screen: ActivitiesScreen, agenda: AgendaTableModel, stack: QUndoStack
) -> None:
    assert not agenda.setData(agenda.index(0, Column.MINUTES), 5000)

    assert screen.agenda_message.text() == "Duration: must be between 0 and 1440"
    assert agenda.item(0).minutes == 45
    assert stack.count() == 0


def test_undo_and_redo_round_trip_a_reorder(
    screen: ActivitiesScreen,
    agenda: AgendaTableModel,
    demo: Directory,
    gsm: Activity,
    stack: QUndoStack,
) -> None:
    original = [(i.id, i.day, i.position) for i in demo.agenda(gsm.id)]
    select_agenda_row(screen, 0)
    QtBot.keyClick(screen.agenda_view, Qt.Key.Key_Down, CTRL)
    moved = [(i.id, i.day, i.position) for i in demo.agenda(gsm.id)]
    assert moved != original
    assert stack.count() == 1

    stack.undo()
    assert [(i.id, i.day, i.position) for i in demo.agenda(gsm.id)] == original
    assert titles(agenda)[0] == "Welcome and opening circle"
    assert starts(agenda)[1] == "09:45"

    stack.redo()
    assert [(i.id, i.day, i.position) for i in demo.agenda(gsm.id)] == moved
    assert titles(agenda)[:2] == [
        "Our struggles since 2013: introductions by region",
        "Welcome and opening circle",
    ]


def test_space_checks_a_person_in_and_undo_redo_round_trip_it(
    screen: ActivitiesScreen, gsm: Activity, demo: Directory, stack: QUndoStack
) -> None:
    screen.select_activity(gsm.id)
    screen.tabs.setCurrentIndex(1)
    model = screen.participant_model
    row = next(r for r in range(model.rowCount()) if model.participant(r).status == "confirmed")
    participant = model.participant(row)
    view = screen.participant_view
    view.setFocus()
    view.setCurrentIndex(screen.participant_filter.mapFromSource(model.index(row, 1)))

    QtBot.keyClick(view, Qt.Key.Key_Space)

    assert demo.get(Participant, participant.id).status == "attended"
    assert model.index(row, ParticipantColumn.CHECKED_IN).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    stack.undo()
    assert demo.get(Participant, participant.id).status == "confirmed"
    stack.redo()
    assert demo.get(Participant, participant.id).status == "attended"
    # One click on the box does the same, both ways.
    box = model.index(row, ParticipantColumn.CHECKED_IN)
    assert model.setData(box, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert demo.get(Participant, participant.id).status == "confirmed"
    assert stack.count() == 2


def test_confirming_declining_and_changing_a_role(
    screen: ActivitiesScreen, gsm: Activity, demo: Directory
) -> None:
    screen.select_activity(gsm.id)
    model = screen.participant_model
    row = next(r for r in range(model.rowCount()) if model.participant(r).status == "invited")
    participant_id = model.participant(row).id
    screen.participant_view.setCurrentIndex(
        screen.participant_filter.mapFromSource(model.index(row, 1))
    )

    screen.confirm_button.click()
    assert demo.get(Participant, participant_id).status == "confirmed"
    screen.decline_button.click()
    assert demo.get(Participant, participant_id).status == "declined"
    assert model.setData(model.index(row, ParticipantColumn.ROLE), "speaker")
    assert demo.get(Participant, participant_id).role == "speaker"
    assert "1 not answered" in screen.participant_summary.text()


def test_inviting_a_person_found_by_typing_adds_a_participant(
    qtbot: QtBot,
    screen: ActivitiesScreen,
    gsm: Activity,
    demo: Directory,
    stack: QUndoStack,
) -> None:
    screen.select_activity(gsm.id)
    invited = {p.person_id for p in demo.participants(gsm.id)}
    newcomer = next(
        p for p in demo.list(Person) if p.id not in invited and p.name.isascii() and " " in p.name
    )
    already = demo.get(Person, next(iter(invited)))
    picker = screen.picker

    qtbot.keyClicks(picker.field, newcomer.name)
    picker.search_now()
    found = [picker.results_model.item(r) for r in range(picker.results_model.rowCount())]
    assert newcomer.id in [item.data(ID_ROLE) for item in found]
    picker.results.setCurrentIndex(
        next(item.index() for item in found if item.data(ID_ROLE) == newcomer.id)
    )
    qtbot.keyClick(picker.field, Qt.Key.Key_Return)

    added = [p for p in demo.participants(gsm.id) if p.person_id == newcomer.id]
    assert [(p.status, p.role) for p in added] == [("invited", "participant")]
    assert screen.participant_model.rowCount() == len(invited) + 1
    assert picker.field.text() == ""

    # Someone already on the list is shown, but cannot be invited twice.
    picker.field.setText(already.name)
    picker.search_now()
    row = next(
        r
        for r in range(picker.results_model.rowCount())
        if picker.results_model.item(r).data(ID_ROLE) == already.id
    )
    assert not picker.results_model.item(row).isEnabled()

    stack.undo()
    assert not [p for p in demo.participants(gsm.id) if p.person_id == newcomer.id]
    stack.redo()
    assert [p.id for p in demo.participants(gsm.id) if p.person_id == newcomer.id] == [added[0].id]


def test_dropping_a_dragged_item_reorders_through_the_core(
    agenda: AgendaTableModel, demo: Directory, gsm: Activity
) -> None:
    lunch_row = titles(agenda).index("Lunch")
    data = agenda.mimeData([agenda.index(lunch_row, Column.TITLE)])

    # Dropped between the first two rows, as the view does between items.
    assert agenda.dropMimeData(data, Qt.DropAction.MoveAction, 1, -1, ROOT)

    assert titles(agenda)[:3] == [
        "Welcome and opening circle",
        "Lunch",
        "Our struggles since 2013: introductions by region",
    ]
    assert starts(agenda)[:3] == ["09:00", "09:45", "10:45"]
    assert core_timetable(demo, gsm) == shown_timetable(agenda)


def test_drag_onto_the_first_item_of_another_day_moves_it_there(
    agenda: AgendaTableModel, demo: Directory, gsm: Activity
) -> None:
    welcome = agenda.item(0)
    first_of_day_two = len(agenda.day_items(1))

    assert agenda.moveRows(ROOT, 0, 1, ROOT, first_of_day_two)

    day_two = [i for i in demo.agenda(gsm.id) if i.day == 2]
    assert day_two[0].id == welcome.id
    # Dropped where it already is: nothing happens.
    row = agenda.row_of(welcome.id)
    assert row is not None
    assert not agenda.moveRows(ROOT, row, 1, ROOT, row + 1)


def test_adding_a_break_after_the_selected_item_moves_later_times(
    screen: ActivitiesScreen,
    agenda: AgendaTableModel,
    demo: Directory,
    gsm: Activity,
    stack: QUndoStack,
) -> None:
    select_agenda_row(screen, 0)

    screen.add_break()

    assert titles(agenda)[:3] == [
        "Welcome and opening circle",
        "Break",
        "Our struggles since 2013: introductions by region",
    ]
    assert starts(agenda)[:3] == ["09:00", "09:45", "10:00"]
    assert agenda.item(1).item_kind == "break"
    assert screen.agenda_view.currentIndex().row() == 1
    stack.undo()
    assert "Break" not in titles(agenda)
    stack.redo()
    assert titles(agenda)[1] == "Break"
    assert core_timetable(demo, gsm) == shown_timetable(agenda)


def test_moving_the_start_moves_the_end_and_every_time_of_the_agenda(
    screen: ActivitiesScreen, agenda: AgendaTableModel, demo: Directory, gsm: Activity
) -> None:
    assert gsm.start is not None and gsm.end is not None
    form = screen.form
    form.start.setDateTime(form.start.dateTime().addSecs(3600))

    form.commit("start")

    saved = demo.get(Activity, gsm.id)
    assert saved.start == gsm.start + timedelta(hours=1)
    assert saved.end == gsm.end + timedelta(hours=1)
    assert starts(agenda)[0] == "10:00"
    assert form.end.dateTime().time().hour() == 18


def test_a_refusal_shows_beside_the_field_and_changes_nothing(
    screen: ActivitiesScreen, gsm: Activity, demo: Directory, stack: QUndoStack
) -> None:
    screen.select_activity(gsm.id)
    form = screen.form
    form.end.setDateTime(form.start.dateTime().addDays(-1))

    form.commit("end")

    assert form.fields["end"].error.text() == "Is before the start"
    assert not form.fields["end"].error.isHidden()
    assert demo.get(Activity, gsm.id).end == gsm.end
    assert stack.count() == 0

    form.tz.setCurrentText("Mars/Olympus_Mons")
    form.commit("tz")
    assert "is not a time zone name" in form.fields["tz"].error.text()
    form.tz.setCurrentText("America/Argentina/Cordoba")
    form.commit("tz")
    assert form.fields["tz"].error.isHidden()
    assert demo.get(Activity, gsm.id).tz == "America/Argentina/Cordoba"


def test_each_edit_is_one_undoable_command_and_announced(
    qtbot: QtBot, screen: ActivitiesScreen, gsm: Activity, demo: Directory, stack: QUndoStack
) -> None:
    screen.select_activity(gsm.id)
    form = screen.form

    with qtbot.waitSignal(screen.changed, timeout=1000):
        form.title.setText("SMWG meeting at the GSM")
        form.commit("title")
    form.commit("title")  # finishing again without a change is no edit

    assert stack.count() == 1
    assert screen.heading.text() == "SMWG meeting at the GSM"
    with qtbot.waitSignal(screen.changed, timeout=1000):
        stack.undo()
    assert demo.get(Activity, gsm.id).title == gsm.title
    assert form.title.text() == gsm.title


def test_new_activity_and_its_deletion_can_be_undone(
    screen: ActivitiesScreen, demo: Directory, stack: QUndoStack
) -> None:
    screen.new_activity()
    new_id = screen.current_activity_id
    assert new_id is not None
    created = demo.get(Activity, new_id)
    assert created.title == "New activity"
    assert created.start is not None and created.start.date() > MID_2016

    screen.delete_activity()
    assert demo.find(Activity, new_id) is None
    assert screen.current_activity_id is None

    stack.undo()
    assert demo.find(Activity, new_id) is not None
    assert screen.current_activity_id == new_id  # undo shows where it happened


def test_double_clicking_a_name_asks_to_open_the_person(
    qtbot: QtBot, screen: ActivitiesScreen, gsm: Activity
) -> None:
    screen.select_activity(gsm.id)
    model = screen.participant_model
    name = screen.participant_filter.mapFromSource(model.index(0, ParticipantColumn.NAME))

    with qtbot.waitSignal(screen.open_requested, timeout=1000) as opened:
        screen.participant_view.doubleClicked.emit(name)

    assert opened.args == ["person", model.participant(0).person_id]


def test_the_delete_key_removes_the_agenda_item_in_hand(
    screen: ActivitiesScreen, agenda: AgendaTableModel, demo: Directory, gsm: Activity
) -> None:
    select_agenda_row(screen, 0)
    welcome = agenda.item(0)
    screen.agenda_view.setFocus()

    QtBot.keyClick(screen.agenda_view, Qt.Key.Key_Delete)

    assert welcome.id not in [i.id for i in demo.agenda(gsm.id)]
    assert demo.find(Activity, gsm.id) is not None


def test_each_removal_asks_in_a_message_box_and_no_keeps_everything(
    qtbot: QtBot, demo: Directory, stack: QUndoStack, gsm: Activity, answers: Answers
) -> None:
    asking = ActivitiesScreen(demo, stack, today=lambda: MID_2016)
    qtbot.addWidget(asking)
    asking.show()
    asking.select_activity(gsm.id)
    asking.participant_view.setCurrentIndex(
        asking.participant_filter.mapFromSource(asking.participant_model.index(0, 0))
    )
    participant = asking.participant_model.participant(0)
    name = asking.participant_model.index(0, ParticipantColumn.NAME).data()
    asking.agenda_view.selectRow(0)
    item = asking.agenda_model.item(0)
    removals = (asking.remove_agenda_item, asking.remove_participant, asking.delete_activity)

    answers.reply = QMessageBox.StandardButton.No
    for remove in removals:
        remove()

    assert answers.asked == [
        f"Remove “{item.title}” from the agenda?",
        f"Take {name} off the list of this activity?",
        f"Delete “{gsm.title}” with its participants' list and its agenda? "
        "Edit ▸ Undo brings it back.",
    ]
    assert demo.find(AgendaItem, item.id) is not None
    assert demo.find(Participant, participant.id) is not None
    assert demo.find(Activity, gsm.id) is not None
    assert stack.count() == 0

    answers.reply = QMessageBox.StandardButton.Yes
    for remove in removals:
        remove()

    assert demo.find(AgendaItem, item.id) is None
    assert demo.find(Participant, participant.id) is None
    assert demo.find(Activity, gsm.id) is None
    assert stack.count() == 3
