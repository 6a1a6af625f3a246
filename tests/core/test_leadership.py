"""Leadership over time: who sat where on a date, as the seats' own dates say.

The Board's seats, worked out by hand:

======  =====================  ========================  ===========================
person  organisation           seat                      member organisation?
======  =====================  ========================  ===========================
p1      A (member 2010-)       2013-11-15 .. 2016-11-30  yes
p2      B (member 2014-),      2014-01-01 ..             yes, through the affiliation
        seat names none
p3      C (member 2010 to the  2015-01-01 .. 2017-12-31  until 2015-12-31 only
        end of 2015)
p4      none                   2016-12-01 .. (chair)     no
p5      D (member 2018-)       2019-01-01 ..             yes
======  =====================  ========================  ===========================

So on 2015-06-01: 3 people, 3 from members; on 2016-06-01: 3 people, 2 from members;
on 2024-01-01: 3 people (p2, p4, p5), 2 from members; on 2013-01-01: nobody.
In the working group p1 holds two seats at once: she counts once among its people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.figures import body_seats, grassroots_on_board, leadership
from smwg_desktop.core.model import Affiliation, Body, Organisation, Person, Seat


@dataclass
class Bodies:
    board: str
    smwg: str
    person: dict[str, str]
    org: dict[str, str]
    seat: dict[str, str]


@pytest.fixture
def bodies(directory: Directory) -> Bodies:
    org = {
        "A": directory.create(Organisation, {"name": "A", "country": "BO", "member_since": "2010-01-01"}).id,
        "B": directory.create(Organisation, {"name": "B", "country": "KE", "member_since": "2014-01-01"}).id,
        "C": directory.create(Organisation, {
            "name": "C", "country": "IN", "status": "former", "member_since": "2010-01-01",
            "status_since": "2016-01-01",
        }).id,
        "D": directory.create(Organisation, {"name": "D", "country": "ES", "member_since": "2018-01-01"}).id,
    }
    person = {name: directory.create(Person, {"name": name}).id for name in ("p1", "p2", "p3", "p4", "p5")}
    directory.create(Affiliation, {"person_id": person["p2"], "organisation_id": org["B"], "start": "2012-01-01"})
    board = directory.create(Body, {"name": "Board", "body_kind": "board"}).id
    smwg = directory.create(Body, {"name": "SMWG", "body_kind": "working_group"}).id
    seat = {}
    for name, values in {
        "p1": {"organisation_id": org["A"], "start": "2013-11-15", "end": "2016-11-30"},
        "p2": {"start": "2014-01-01"},
        "p3": {"organisation_id": org["C"], "start": "2015-01-01", "end": "2017-12-31"},
        "p4": {"start": "2016-12-01", "role": "chair"},
        "p5": {"organisation_id": org["D"], "start": "2019-01-01"},
    }.items():
        seat[name] = directory.create(Seat, {
            "person_id": person[name], "body_id": board, "role": "board_member", **values,
        }).id
    for role in ("member", "co_chair"):
        directory.create(Seat, {
            "person_id": person["p1"], "body_id": smwg, "role": role,
            "organisation_id": org["A"], "start": "2013-03-12",
        })
    return Bodies(board, smwg, person, org, seat)


def _board(directory: Directory, on: date) -> tuple[int, int, int, int]:
    figures = next(f for f in leadership(directory, on) if f.body.body_kind == "board")
    return figures.seats, figures.held_by_members, figures.people, figures.people_from_members


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2013, 1, 1), (0, 0, 0, 0)),
        (date(2015, 6, 1), (3, 3, 3, 3)),
        (date(2016, 6, 1), (3, 2, 3, 2)),
        (date(2024, 1, 1), (3, 2, 3, 2)),
    ],
)
def test_board_on_a_past_date_follows_the_seat_and_membership_dates(
    directory: Directory, bodies: Bodies, on: date, expected: tuple[int, int, int, int]
) -> None:
    assert _board(directory, on) == expected
    assert grassroots_on_board(directory, on) == expected[3]


def test_the_last_day_of_a_seat_still_counts_and_the_next_does_not(
    directory: Directory, bodies: Bodies
) -> None:
    assert _board(directory, date(2016, 11, 30))[2] == 3
    assert _board(directory, date(2016, 12, 1))[2] == 3  # p1 left, p4 came
    on_the_day = {h.seat.person_id for h in body_seats(directory, bodies.board, on=date(2016, 11, 30))}
    assert bodies.person["p1"] in on_the_day
    assert bodies.person["p4"] not in on_the_day


def test_one_person_with_two_seats_counts_once_among_the_people(
    directory: Directory, bodies: Bodies
) -> None:
    figures = next(f for f in leadership(directory, date(2016, 6, 1)) if f.body.id == bodies.smwg)

    assert (figures.seats, figures.held_by_members, figures.leading_seats) == (2, 2, 1)
    assert (figures.people, figures.people_from_members) == (1, 1)


def test_the_seats_held_on_a_date_say_who_sits_for_a_member(
    directory: Directory, bodies: Bodies
) -> None:
    held = body_seats(directory, bodies.board, on=date(2016, 6, 1))

    found = {h.seat.person_id: (h.from_member, h.organisation_id) for h in held}
    assert found == {
        bodies.person["p1"]: (True, bodies.org["A"]),
        bodies.person["p2"]: (True, bodies.org["B"]),
        bodies.person["p3"]: (False, bodies.org["C"]),
    }


def test_the_whole_history_judges_each_seat_on_its_last_day_held(
    directory: Directory, bodies: Bodies
) -> None:
    history = body_seats(directory, bodies.board, today=date(2024, 1, 1))

    assert [h.seat.id for h in history] == [
        bodies.seat["p4"], bodies.seat["p1"], bodies.seat["p2"], bodies.seat["p3"], bodies.seat["p5"],
    ]
    assert [h.from_member for h in history] == [False, True, True, False, True]
