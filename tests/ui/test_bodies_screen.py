"""The Bodies and roles screen: who holds which seat, and whose leadership it is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from smwg_desktop.core.demo import DemoSummary
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Body, Organisation, Person, Seat
from smwg_desktop.ui.bodies_screen import BodiesScreen, new_body_dialog
from smwg_desktop.ui.dialogs import PickerEditor, seat_dialog
from smwg_desktop.ui.main_window import MainWindow

from .conftest import Answers

OpenWindow = Callable[[], MainWindow]


def bodies(window: MainWindow) -> BodiesScreen:
    screen = window.show_screen("bodies")
    assert isinstance(screen, BodiesScreen)
    return screen


def board(directory: Directory) -> Body:
    return next(b for b in directory.list(Body) if b.body_kind == "board")


def seat_people(screen: BodiesScreen) -> list[str]:
    return [line.cells[0] for line in screen.seats_model.lines()]


def test_the_board_shows_who_holds_its_seats_today(
    open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    screen = bodies(open_window())
    today = date.today()
    held = [s for s in directory.seats(body_id=board(directory).id) if s.holds_on(today)]

    screen.show_body(board(directory).id)

    assert screen.title.text() == "Board of ESCR-Net (Board)"
    assert sorted(seat_people(screen)) == sorted(directory.get(Person, s.person_id).name for s in held)
    assert screen.summary.text().startswith(f"{len(held)} seats held today; ")
    row = screen.bodies_model.row_of(board(directory).id)
    assert row is not None
    assert screen.bodies_model.index(row, 1).data() == str(len(held))


def test_seats_held_for_member_organisations_stand_out(
    open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    screen = bodies(open_window())
    screen.show_body(board(directory).id)
    screen.show_ended.setChecked(True)

    for row, line in enumerate(screen.seats_model.lines()):
        seat = directory.get(Seat, line.id)
        org = directory.find(Organisation, seat.organisation_id)
        grassroots = org is not None and org.status == "member" and seat.holds_on(date.today())
        font = screen.seats_model.index(row, 0).data(Qt.ItemDataRole.FontRole)
        assert (font is not None and font.bold()) == grassroots, line.cells


def test_ended_seats_show_only_when_asked(open_window: OpenWindow, directory: Directory, demo: DemoSummary) -> None:
    screen = bodies(open_window())
    screen.show_body(board(directory).id)
    today_only = len(seat_people(screen))

    screen.show_ended.setChecked(True)

    assert len(seat_people(screen)) == len(directory.seats(body_id=board(directory).id)) > today_only


def test_a_seat_is_added_ended_and_undone(
    open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    window = open_window()
    screen = bodies(window)
    body = board(directory)
    screen.show_body(body.id)
    person = next(p for p in directory.list(Person) if directory.affiliations(person_id=p.id))
    dialog = seat_dialog(screen.edits, body_id=body.id)
    picker = dialog.rows.editors["person_id"]
    assert isinstance(picker, PickerEditor)
    picker.picker.choose(person.id)
    dialog.rows.editors["role"].set_value("co_chair")

    dialog.accept()

    [seat] = [s for s in directory.seats(body_id=body.id) if s.person_id == person.id]
    assert (seat.role, seat.start, seat.end) == ("co_chair", date.today(), None)
    assert seat.organisation_id == directory.affiliations(person_id=person.id)[0].organisation_id
    assert person.name in seat_people(screen)

    screen.seats_view.selectRow(screen.seats_model.row_of(seat.id))  # type: ignore[arg-type]
    screen.end_seat()
    assert directory.get(Seat, seat.id).end == date.today()

    window.undo_action.trigger()
    assert directory.get(Seat, seat.id).end is None
    window.undo_action.trigger()
    assert directory.find(Seat, seat.id) is None
    assert person.name not in seat_people(screen)


def test_a_seat_needs_a_person(open_window: OpenWindow, directory: Directory, demo: DemoSummary) -> None:
    screen = bodies(open_window())
    dialog = seat_dialog(screen.edits, body_id=board(directory).id)
    before = len(directory.list(Seat))

    dialog.accept()

    assert dialog.rows.errors["person_id"].text() == "Choose a person from the list"
    assert len(directory.list(Seat)) == before


def test_deleting_a_body_asks_and_takes_its_seats_until_undone(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory, demo: DemoSummary, answers: Answers
) -> None:
    window = open_window()
    screen = bodies(window)
    body = board(directory)
    seats = directory.seats(body_id=body.id)
    screen.show_body(body.id)

    qtbot.keyClick(screen.bodies_view, Qt.Key.Key_Delete)

    [question] = answers.asked
    assert "Board of ESCR-Net" in question
    assert f"{len(seats)} seats in bodies" in question
    assert directory.find(Body, body.id) is None
    assert screen.bodies_model.row_of(body.id) is None
    window.undo_action.trigger()
    assert directory.seats(body_id=body.id) == seats
    assert screen.bodies_model.row_of(body.id) is not None


def test_a_new_body_is_created_and_its_name_edited_in_place(
    qtbot: QtBot, open_window: OpenWindow, directory: Directory, demo: DemoSummary
) -> None:
    window = open_window()
    screen = bodies(window)
    dialog, created = new_body_dialog(screen.edits)
    dialog.rows.editors["name"].line.setText("Housing Working Group")  # type: ignore[attr-defined]

    dialog.accept()
    [body_id] = created
    screen.show_body(body_id)
    assert screen.title.text() == "Housing Working Group"
    name = screen.form.editor("name").line  # type: ignore[union-attr]
    name.setText("Housing and Land Working Group")
    name.editingFinished.emit()

    assert directory.get(Body, body_id).name == "Housing and Land Working Group"
    assert screen.title.text() == "Housing and Land Working Group"
