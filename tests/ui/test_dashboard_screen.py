"""The dashboard on the sample network shows the core's figures, in charts and in tables."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from smwg_desktop.core.demo import load_demo
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.figures import leadership, membership_composition, upcoming_activities
from smwg_desktop.core.model import Activity
from smwg_desktop.ui.dashboard_screen import DashboardScreen

TODAY = date(2026, 11, 25)


@pytest.fixture
def demo(directory: Directory) -> Directory:
    load_demo(directory)
    return directory


@pytest.fixture
def dashboard(qtbot: QtBot, demo: Directory) -> DashboardScreen:
    screen = DashboardScreen(demo, today=lambda: TODAY)
    qtbot.addWidget(screen)
    screen.resize(1300, 800)
    screen.show()
    return screen


def test_priorities_and_regions_show_the_cores_numbers(
    dashboard: DashboardScreen, demo: Directory
) -> None:
    figures = membership_composition(demo)

    assert dashboard.composition == figures
    regions = dashboard.region_table.rows()
    assert [int(row[1]) for row in regions[:-1]] == [t.count for t in figures.by_region]
    assert regions[-1][:2] == ["All members", str(figures.members)]
    assert [b.value for b in dashboard.region_chart.bars] == [t.count for t in figures.by_region]
    africa = figures.priority("africa")
    card = dashboard.cards[0]
    assert card.figure.text() == f"{africa.members} of {figures.members}"
    assert f"{africa.in_outreach} more in outreach" in card.detail.text()
    assert f"{figures.members} member organisations" in dashboard.summary.text()


def test_womens_leadership_and_constituencies_show_the_cores_numbers(
    dashboard: DashboardScreen, demo: Directory
) -> None:
    figures = membership_composition(demo)

    women = [int(row[1]) for row in dashboard.women_table.rows()]
    assert women == [
        figures.women_led,
        figures.women_section_only,
        figures.neither_women_led_nor_section,
    ]
    assert [s.value for s in dashboard.women_chart.slices] == women
    constituencies = dashboard.constituency_table.rows()
    assert [int(row[1]) for row in constituencies] == [t.count for t in figures.by_constituency]
    assert constituencies[0][0] == "Indigenous peoples"
    assert [b.value for b in dashboard.constituency_chart.bars] == [
        t.count for t in figures.by_constituency
    ]


def test_leadership_shows_seats_held_by_members_per_body(
    dashboard: DashboardScreen, demo: Directory
) -> None:
    figures = leadership(demo, TODAY)

    rows = dashboard.leadership_table.rows()
    assert [(r[0], int(r[1]), int(r[2])) for r in rows] == [
        (f.body.name, f.seats, f.held_by_members) for f in figures
    ]
    assert rows[0][0] == "Board of ESCR-Net"
    bars = dashboard.leadership_chart.bars
    assert [(b.value, b.part) for b in bars] == [(f.seats, f.held_by_members) for f in figures]


def test_as_of_an_earlier_date_follows_the_dates_kept(
    dashboard: DashboardScreen, demo: Directory
) -> None:
    day = date(2016, 6, 1)

    dashboard.as_of.setDate(QDate(day))

    assert dashboard.composition == membership_composition(demo, day)
    assert dashboard.leadership == leadership(demo, day)
    upcoming = upcoming_activities(demo, day)
    assert [row[0] for row in dashboard.upcoming_table.rows()] == [
        u.activity.title for u in upcoming
    ]
    assert len(upcoming) == 3
    first = dashboard.upcoming_table.rows()[0]
    assert first[4:] == [str(upcoming[0].invited), str(upcoming[0].confirmed)]

    dashboard.today_button.click()
    assert dashboard.composition == membership_composition(demo)


def test_nothing_coming_up_is_said_in_words(dashboard: DashboardScreen) -> None:
    assert dashboard.upcoming_table.isHidden()
    assert dashboard.upcoming_note.text().startswith("No activity is planned from 25 Nov 2026 on")


def test_refresh_counts_again_after_a_change_elsewhere(
    dashboard: DashboardScreen, demo: Directory
) -> None:
    demo.create(
        Activity,
        {
            "title": "Regional dialogue",
            "start": "2026-12-03T14:00",
            "end": "2026-12-03T16:00",
            "tz": "Africa/Nairobi",
        },
    )

    dashboard.refresh()

    assert [row[0] for row in dashboard.upcoming_table.rows()] == ["Regional dialogue"]
    assert not dashboard.upcoming_table.isHidden()


def test_a_row_opens_its_activity_or_body_on_its_own_screen(
    qtbot: QtBot, dashboard: DashboardScreen, demo: Directory
) -> None:
    board = leadership(demo, TODAY)[0].body

    with qtbot.waitSignal(dashboard.open_requested, timeout=1000) as opened:
        dashboard.leadership_table.activated.emit(dashboard.leadership_table.table.index(0, 2))

    assert opened.args == ["body", board.id]


def test_leadership_and_composition_show_the_same_numbers_as_the_command_line(
    dashboard: DashboardScreen, demo: Directory
) -> None:
    import json

    from click.testing import CliRunner

    from smwg_desktop.cli import main

    day = date(2016, 6, 1)
    dashboard.as_of.setDate(QDate(day))
    where = ["--data-dir", str(demo.store.data_dir)]
    runner = CliRunner()
    cli = json.loads(runner.invoke(main, [*where, "leadership", "--at", day.isoformat(), "--json"]).stdout)
    summary = json.loads(runner.invoke(main, [*where, "outreach", "summary", "--json"]).stdout)

    rows = dashboard.leadership_table.rows()
    assert [[r[0], *map(int, r[1:5])] for r in rows] == [
        [b["name"], b["seats"], b["held_by_members"], b["people"], b["people_from_members"]]
        for b in cli["bodies"]
    ]
    assert dashboard.leadership_note.text().startswith(
        f"On 1 Jun 2016, {cli['grassroots_on_board']} of the 3 people on the Board sit for member "
        "organisations."
    )
    dashboard.show_today()
    assert dashboard.composition is not None and dashboard.what_if is not None
    assert dashboard.composition.members == summary["membership"]["members"]
    for card in dashboard.cards:
        now = summary["membership"]["priorities"][card.key]
        then = summary["what_if_applicants_joined"]["priorities"][card.key]
        assert card.figure.text() == f"{now['members']} of {summary['membership']['members']}"
        members = summary["what_if_applicants_joined"]["members"]
        assert f"{then['members']} of {members} if every applicant joined" in card.detail.text()
