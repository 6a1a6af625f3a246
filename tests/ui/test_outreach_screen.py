"""The Outreach board: stages as columns, cards moved by drag and drop or by keys, and the
priority figures above them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from smwg_desktop.core.demo import DemoSummary
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import OUTREACH_STAGES, Organisation, OutreachMove, Person
from smwg_desktop.core.outreach import PipelineFilter, moves, outreach_summary, pipeline
from smwg_desktop.ui.main_window import MainWindow
from smwg_desktop.ui.outreach_screen import OutreachScreen, StageColumn

from .conftest import Answers

OpenWindow = Callable[[], MainWindow]
MOVED_ON = date(2016, 11, 20)


class Asked:
    """The step-back question, answered as the test says and remembered."""

    def __init__(self, reply: bool) -> None:
        self.reply = reply
        self.questions: list[str] = []

    def __call__(self, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.reply


@pytest.fixture
def board(
    open_window: OpenWindow, demo: DemoSummary, answers: Answers
) -> tuple[MainWindow, OutreachScreen]:
    window = open_window()
    found = window.screen_for("outreach")
    assert isinstance(found, OutreachScreen)
    found.today = lambda: MOVED_ON
    found.ask = Asked(True)
    window.show_screen("outreach")
    return window, found


def column(screen: OutreachScreen, stage: str) -> StageColumn:
    return next(c for c in screen.columns if c.stage == stage)


def organisation_named(directory: Directory, name: str) -> Organisation:
    return next(o for o in directory.list(Organisation) if o.name == name)


WLRC = "Women's Land Rights Collective (sample)"
UWFN = "Uganda Women Fisherfolk Network (sample)"


def test_the_board_opens_with_a_column_per_stage_and_the_priority_figures(
    board: tuple[MainWindow, OutreachScreen], directory: Directory
) -> None:
    _window, outreach = board
    prospects = pipeline(directory)
    summary = outreach_summary(directory)

    assert [c.stage for c in outreach.columns] == list(OUTREACH_STAGES)
    for stage_column in outreach.columns:
        assert stage_column.names() == [
            p.organisation.name for p in prospects if p.stage == stage_column.stage
        ]
        assert stage_column.title.text().endswith(f"({len(stage_column.names())})")
    africa = next(card for card in outreach.cards if card.key == "africa")
    assert africa.figure.text() == f"{summary.group('africa').in_pipeline} on their way"
    now, then = summary.composition.priority("africa"), summary.what_if.priority("africa")
    assert f"Members: {now.members} ({now.share:.0%}); {then.members} ({then.share:.0%}) if every " \
           "applicant joined" in africa.detail.text()
    assert column(outreach, "in_conversation").names().count(WLRC) == 1


def test_a_card_dropped_on_another_column_is_moved_and_the_move_undone(
    board: tuple[MainWindow, OutreachScreen], directory: Directory
) -> None:
    window, outreach = board
    source = column(outreach, "in_conversation")
    row = source.model.row_of(organisation_named(directory, WLRC).id)
    assert row is not None
    dragged = source.model.mimeData([source.model.index(row)])
    target = column(outreach, "applied")

    assert target.model.canDropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    target.model.dropMimeData(dragged, Qt.DropAction.MoveAction, -1, -1, QModelIndex())

    org = organisation_named(directory, WLRC)
    assert (org.outreach_stage, org.status, org.status_since) == ("applied", "applicant", MOVED_ON)
    assert moves(directory, org.id)[-1].moved_on == MOVED_ON
    assert WLRC in target.names() and WLRC not in source.names()
    assert outreach.history_title.text() == f"Moves of {WLRC}"
    assert outreach.history_model.lines()[0].cells[:2] == (MOVED_ON.isoformat(), "Applied")

    window.undo_action.trigger()
    org = organisation_named(directory, WLRC)
    assert (org.outreach_stage, org.status) == ("in_conversation", "prospect")
    assert WLRC in source.names()
    assert all(m.moved_on != MOVED_ON for m in moves(directory, org.id))


def test_keys_move_a_card_a_stage_on_and_a_step_back_is_asked_about(
    qtbot: QtBot, board: tuple[MainWindow, OutreachScreen], directory: Directory
) -> None:
    _window, outreach = board
    applied = column(outreach, "applied")
    uwfn = organisation_named(directory, UWFN)
    row = applied.model.row_of(uwfn.id)
    assert row is not None
    applied.view.setCurrentIndex(applied.model.index(row))
    applied.view.setFocus()

    qtbot.keyClick(applied.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)

    assert organisation_named(directory, UWFN).status == "member"
    joined = column(outreach, "joined")
    assert UWFN in joined.names()
    assert joined.view.selected_id() == uwfn.id

    outreach.ask = Asked(False)
    qtbot.keyClick(joined.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert organisation_named(directory, UWFN).outreach_stage == "joined"
    assert outreach.ask.questions == [  # type: ignore[attr-defined]
        f"{UWFN} is at “Joined”. Move it back to “Applied”?"
    ]

    outreach.ask = Asked(True)
    qtbot.keyClick(joined.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert organisation_named(directory, UWFN).outreach_stage == "applied"


def test_filters_narrow_the_board_to_women_led_groups_from_africa(
    board: tuple[MainWindow, OutreachScreen], directory: Directory
) -> None:
    _window, outreach = board

    outreach.region_box.setCurrentIndex(outreach.region_box.findData("africa"))
    outreach.women_check.setChecked(True)

    shown = sorted(name for c in outreach.columns for name in c.names())
    wanted = pipeline(directory, PipelineFilter(region="africa", women_led=True))
    assert shown == sorted(p.organisation.name for p in wanted)
    assert WLRC in shown and "Mieterinitiative Beispielstadt (sample)" not in shown
    everyone = next(card for card in outreach.cards if card.key == "all")
    assert everyone.figure.text() == f"{sum(1 for p in wanted if p.stage not in ('joined', 'declined'))} on their way"


def test_a_move_with_a_note_records_who_and_why(
    board: tuple[MainWindow, OutreachScreen], directory: Directory
) -> None:
    _window, outreach = board
    org = organisation_named(directory, WLRC)
    outreach.choose(org.id)
    organiser = directory.list(Person)[0]

    dialog = outreach.move_dialog(org.id)
    assert dialog.rows.editors["stage"].raw() == "applied"
    dialog.rows.editors["moved_on"].widget.setText("2016-12-01")  # type: ignore[attr-defined]
    dialog.rows.editors["responsible_id"].set_value(organiser.id)
    dialog.rows.editors["note"].widget.setPlainText("Application sent after the exchange.")  # type: ignore[attr-defined]
    dialog.accept()

    last = moves(directory, org.id)[-1]
    assert (last.stage, last.moved_on, last.responsible_id, last.note) == (
        "applied", date(2016, 12, 1), organiser.id, "Application sent after the exchange."
    )
    assert outreach.history_model.lines()[0].cells == (
        "2016-12-01", "Applied", organiser.name, "Application sent after the exchange."
    )
    assert directory.count(OutreachMove) == sum(len(moves(directory, o.id)) for o in directory.list(Organisation))


def test_a_move_dated_before_the_last_one_is_refused_in_words(
    board: tuple[MainWindow, OutreachScreen], directory: Directory, answers: Answers
) -> None:
    _window, outreach = board
    org = organisation_named(directory, WLRC)
    before = len(moves(directory, org.id))
    last = moves(directory, org.id)[-1].moved_on
    assert last is not None
    outreach.today = lambda: date(2016, 1, 1)

    assert not outreach.step(org.id, 1)

    assert answers.shown == [(
        "Not done",
        f"The last move of {WLRC} is dated {last.isoformat()}; a move cannot be dated before it",
    )]
    assert len(moves(directory, org.id)) == before


def test_a_bad_date_in_the_move_dialog_shows_under_its_field(
    board: tuple[MainWindow, OutreachScreen], directory: Directory
) -> None:
    _window, outreach = board
    org = organisation_named(directory, WLRC)
    before = len(moves(directory, org.id))

    dialog = outreach.move_dialog(org.id)
    dialog.rows.editors["moved_on"].widget.setText("1 June")  # type: ignore[attr-defined]
    dialog.accept()

    assert "is not a date in the form YYYY-MM-DD" in dialog.rows.errors["moved_on"].text()
    assert len(moves(directory, org.id)) == before
