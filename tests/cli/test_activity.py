"""`smwg activity` and `smwg agenda`: meetings, who comes, and the computed timetable."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Smwg, column

MEETING = (
    "activity",
    "add",
    "--title",
    "Global Strategy Meeting",
    "--kind",
    "gsm",
    "--start",
    "2025-03-04T09:30",
    "--end",
    "2025-03-05T17:00",
    "--tz",
    "America/Lima",
)


@pytest.fixture
def meeting(smwg: Smwg) -> str:
    return smwg.add(*MEETING, "--venue", "Casa Campesina", "--language", "es", "--language", "en")


def test_activity_add_keeps_local_times_with_their_zone(smwg: Smwg, meeting: str) -> None:
    shown = json.loads(smwg("activity", "show", meeting[:6], "--json"))
    assert shown["start"] == "2025-03-04T09:30"
    assert shown["end"] == "2025-03-05T17:00"
    assert shown["tz"] == "America/Lima"
    assert shown["activity_kind"] == "gsm"
    assert shown["languages"] == ["es", "en"]
    assert shown["venue"] == "Casa Campesina"


@pytest.mark.parametrize(
    ("start", "end", "tz", "message"),
    [
        (
            "4 March 2025",
            "2025-03-05T17:00",
            "UTC",
            "smwg: start: '4 March 2025' is not a date and time in the form YYYY-MM-DDTHH:MM",
        ),
        ("2025-03-05T09:00", "2025-03-04T17:00", "UTC", "smwg: end: is before the start"),
        (
            "2025-03-04T09:00",
            "2025-03-05T17:00",
            "Lima",
            "smwg: tz: 'Lima' is not a time zone name such as America/Lima or UTC",
        ),
    ],
    ids=["bad date", "end before start", "unknown time zone"],
)
def test_activity_add_with_bad_times_exits_2_and_writes_nothing(
    smwg: Smwg, start: str, end: str, tz: str, message: str
) -> None:
    line = smwg.refused_unchanged(
        "activity",
        "add",
        "--title",
        "T",
        "--kind",
        "gsm",
        "--start",
        start,
        "--end",
        end,
        "--tz",
        tz,
    )
    assert line == message


def test_activity_invite_twice_is_refused(smwg: Smwg, meeting: str) -> None:
    person = smwg.add("person", "add", "--name", "Rosa Quispe")
    smwg.add("activity", "invite", meeting, person[:6], "--role", "speaker")
    line = smwg.refused_unchanged("activity", "invite", meeting, person)
    assert line == "smwg: Rosa Quispe is already on the list of Global Strategy Meeting"


def test_activity_invite_with_unknown_status_is_refused(smwg: Smwg, meeting: str) -> None:
    person = smwg.add("person", "add", "--name", "Rosa")
    line = smwg.refused_unchanged("activity", "invite", meeting, person, "--status", "maybe")
    assert line.startswith("smwg: status: 'maybe' is not one of: invited, confirmed")


def test_activity_show_gives_participants_and_timetable(smwg: Smwg, meeting: str) -> None:
    rosa = smwg.add("person", "add", "--name", "Rosa")
    smwg.add("activity", "invite", meeting, rosa, "--role", "facilitator", "--status", "confirmed")
    smwg.add(
        "agenda", "add", meeting, "--title", "Opening", "--minutes", "30", "--facilitator", rosa
    )
    shown = smwg("activity", "show", meeting)
    assert "Rosa  facilitator  confirmed" in shown
    assert "Agenda (times in America/Lima):" in shown
    assert "1    2025-03-04  09:30–10:00  Opening  Rosa" in shown


def test_activity_list_and_edit(smwg: Smwg, meeting: str) -> None:
    smwg("activity", "edit", meeting, "--set", "title=GSM 2025", "--set", "objective=proposals")
    listed = smwg("activity", "list")
    assert column(listed, "TITLE") == ["GSM 2025"]
    assert column(listed, "START") == ["2025-03-04 09:30"]
    assert json.loads(smwg("activity", "list", "--json"))[0]["objective"] == "proposals"


def test_activity_delete_takes_its_agenda_and_list(smwg: Smwg, meeting: str) -> None:
    rosa = smwg.add("person", "add", "--name", "Rosa")
    smwg.add("activity", "invite", meeting, rosa)
    smwg.add("agenda", "add", meeting, "--title", "Opening", "--minutes", "30")
    assert "and 2 linked records" in smwg("activity", "delete", meeting)
    assert smwg("activity", "list") == "No activities.\n"


def test_agenda_move_recomputes_the_times_agenda_list_shows(smwg: Smwg, meeting: str) -> None:
    smwg.add("agenda", "add", meeting, "--title", "Opening", "--minutes", "30")
    smwg.add("agenda", "add", meeting, "--title", "Coffee", "--minutes", "15", "--break")
    panel = smwg.add("agenda", "add", meeting, "--title", "Panel", "--minutes", "90")
    smwg.add("agenda", "add", meeting, "--title", "Field visit", "--minutes", "120", "--day", "2")

    before = smwg("agenda", "list", meeting)
    assert column(before, "TITLE") == ["Opening", "Coffee (break)", "Panel", "Field visit"]
    assert column(before, "TIME") == ["09:30–10:00", "10:00–10:15", "10:15–11:45", "09:00–11:00"]

    assert smwg("agenda", "move", panel[:8], "1") == ""
    after = smwg("agenda", "list", meeting)
    assert column(after, "TITLE") == ["Panel", "Opening", "Coffee (break)", "Field visit"]
    assert column(after, "TIME") == ["09:30–11:00", "11:00–11:30", "11:30–11:45", "09:00–11:00"]

    smwg("agenda", "move", panel, "1", "--day", "2")
    moved = smwg("agenda", "list", meeting)
    assert column(moved, "DAY") == ["1", "1", "2", "2"]
    assert column(moved, "TIME") == ["09:30–10:00", "10:00–10:15", "09:00–10:30", "10:30–12:30"]


def test_agenda_edit_of_a_duration_shifts_the_items_after_it(smwg: Smwg, meeting: str) -> None:
    opening = smwg.add("agenda", "add", meeting, "--title", "Opening", "--minutes", "30")
    smwg.add("agenda", "add", meeting, "--title", "Panel", "--minutes", "60")
    smwg("agenda", "edit", opening, "--set", "minutes=45")
    assert column(smwg("agenda", "list", meeting), "TIME") == ["09:30–10:15", "10:15–11:15"]


def test_agenda_list_json_carries_computed_times(smwg: Smwg, meeting: str) -> None:
    speaker = smwg.add("person", "add", "--name", "Awa")
    item = smwg.add(
        "agenda", "add", meeting, "--title", "Panel", "--minutes", "60", "--speaker", speaker[:6]
    )
    (listed,) = json.loads(smwg("agenda", "list", meeting, "--json"))
    assert listed["id"] == item
    assert listed["speaker_ids"] == [speaker]
    assert (listed["date"], listed["start"], listed["end"]) == (
        "2025-03-04",
        "2025-03-04T09:30",
        "2025-03-04T10:30",
    )


def test_agenda_add_with_unknown_speaker_exits_2_and_writes_nothing(
    smwg: Smwg, meeting: str
) -> None:
    line = smwg.refused_unchanged(
        "agenda", "add", meeting, "--title", "Panel", "--minutes", "60", "--speaker", "nobody"
    )
    assert line == "smwg: speaker_ids: no person with id 'nobody'"


def test_agenda_move_beyond_the_day_is_refused(smwg: Smwg, meeting: str) -> None:
    item = smwg.add("agenda", "add", meeting, "--title", "Opening", "--minutes", "30")
    assert smwg.refused_unchanged("agenda", "move", item, "3") == (
        "smwg: position: must be between 1 and 1"
    )


def test_agenda_add_with_bad_minutes_is_refused(smwg: Smwg, meeting: str) -> None:
    line = smwg.refused_unchanged("agenda", "add", meeting, "--title", "X", "--minutes", "an hour")
    assert line == "smwg: minutes: 'an hour' is not a whole number"


def test_agenda_delete_closes_the_gap(smwg: Smwg, meeting: str) -> None:
    opening = smwg.add("agenda", "add", meeting, "--title", "Opening", "--minutes", "30")
    smwg.add("agenda", "add", meeting, "--title", "Panel", "--minutes", "60")
    smwg("agenda", "delete", opening[:6])
    assert column(smwg("agenda", "list", meeting), "TIME") == ["09:30–10:30"]


def test_the_timetable_is_printed_alike_by_agenda_list_and_activity_show(
    smwg: Smwg, meeting: str
) -> None:
    rosa = smwg.add("person", "add", "--name", "Rosa")
    opening = smwg.add("agenda", "add", meeting, "--title", "Opening", "--minutes", "30",
                       "--facilitator", rosa)
    coffee = smwg.add("agenda", "add", meeting, "--title", "Coffee", "--minutes", "15", "--break")
    visit = smwg.add("agenda", "add", meeting, "--title", "Field visit", "--minutes", "120",
                     "--day", "2")
    timetable = [
        "DAY  DATE        TIME         TITLE           FACILITATOR  ID",
        f"1    2025-03-04  09:30–10:00  Opening         Rosa         {opening[:8]}",
        f"1    2025-03-04  10:00–10:15  Coffee (break)               {coffee[:8]}",
        f"2    2025-03-05  09:00–11:00  Field visit                  {visit[:8]}",
    ]

    listed = smwg("agenda", "list", meeting).splitlines()
    shown = smwg("activity", "show", meeting).splitlines()

    assert listed == ["Global Strategy Meeting (times in America/Lima)", *timetable]
    assert shown[-5:] == ["Agenda (times in America/Lima):", *timetable]


def test_an_empty_agenda_says_so(smwg: Smwg, meeting: str) -> None:
    assert smwg("agenda", "list", meeting) == (
        "Global Strategy Meeting (times in America/Lima)\nNo agenda items.\n"
    )
    assert json.loads(smwg("agenda", "list", meeting, "--json")) == []
    assert smwg("activity", "show", meeting).endswith(
        "Participants:\n  nobody yet\n\nAgenda (times in America/Lima):\n  no items yet\n"
    )


def test_activity_list_prints_a_row_per_activity_by_start(smwg: Smwg, meeting: str) -> None:
    dialogue = smwg.add("activity", "add", "--title", "Dialogue", "--kind", "virtual_dialogue",
                        "--start", "2025-01-20T14:00", "--end", "2025-01-20T16:00", "--tz", "UTC")

    assert smwg("activity", "list").splitlines() == [
        "ID        START             END               TZ            KIND              TITLE",
        f"{dialogue[:8]}  2025-01-20 14:00  2025-01-20 16:00  UTC           virtual_dialogue  "
        "Dialogue",
        f"{meeting[:8]}  2025-03-04 09:30  2025-03-05 17:00  America/Lima  gsm               "
        "Global Strategy Meeting",
    ]
