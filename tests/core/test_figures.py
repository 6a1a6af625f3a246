"""The network's figures, checked against numbers worked out by hand on a small network.

The network (today meaning "as the directory stands"):

=====  =======  ===========  ============================  =========  ===================
org    country  status       member from .. to             women      constituencies
=====  =======  ===========  ============================  =========  ===================
A1     KE       member       2010-01-01 ..                 led        peasants, fisherfolk
A2     ZA       member       2016-06-01 ..                 section    urban poor
E1     ES       former       2012-01-01 .. 2014-12-31      led        -
L1     BR       member       2005-01-01 ..                 -          peasants, landless
                                                                      farmers, pastoralists
L2     PE       member       (no dates: always)            led + sec  domestic workers
N1     US       member       2020-01-01 ..                 -          -
P1     FR       prospect     (prospect since 2016-01-01)   led        -
P2     GH       applicant    (applicant since 2017-03-01)  -          -
=====  =======  ===========  ============================  =========  ===================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.figures import (
    PRIORITIES,
    Tally,
    leadership,
    membership_composition,
    upcoming_activities,
)
from smwg_desktop.core.geo import Region
from smwg_desktop.core.model import (
    Activity,
    Affiliation,
    Body,
    Organisation,
    Participant,
    Person,
    Seat,
)


@dataclass
class Network:
    org: dict[str, str]
    person: dict[str, str]
    body: dict[str, str]
    activity: dict[str, str]


ORGANISATIONS = {
    "A1": {
        "country": "KE",
        "status": "member",
        "member_since": "2010-01-01",
        "women_led": True,
        "constituencies": "peasants, fisherfolk",
    },
    "A2": {
        "country": "ZA",
        "status": "member",
        "member_since": "2016-06-01",
        "women_section": True,
        "constituencies": "urban_poor",
    },
    "E1": {
        "country": "ES",
        "status": "former",
        "member_since": "2012-01-01",
        "status_since": "2015-01-01",
        "women_led": True,
    },
    "L1": {
        "country": "BR",
        "status": "member",
        "member_since": "2005-01-01",
        "constituencies": "peasants, landless_farmers, pastoralists",
    },
    "L2": {
        "country": "PE",
        "status": "member",
        "women_led": True,
        "women_section": True,
        "constituencies": "domestic_workers",
    },
    "N1": {"country": "US", "status": "member", "member_since": "2020-01-01"},
    "P1": {"country": "FR", "status": "prospect", "status_since": "2016-01-01", "women_led": True},
    "P2": {"country": "GH", "status": "applicant", "status_since": "2017-03-01"},
}


@pytest.fixture
def network(directory: Directory) -> Network:
    org = {
        name: directory.create(Organisation, {"name": f"Org {name}", **values}).id
        for name, values in ORGANISATIONS.items()
    }
    person = {
        name: directory.create(Person, {"name": name}).id for name in ("p1", "p2", "p3", "p4", "p5")
    }
    for who, where, start in (
        ("p1", "A1", None),
        ("p2", "P1", None),
        ("p3", "E1", None),
        ("p5", "A2", "2016-06-01"),
    ):
        directory.create(
            Affiliation,
            {"person_id": person[who], "organisation_id": org[where], "start": start},
        )
    body = {
        name: directory.create(Body, {"name": name, "body_kind": kind}).id
        for name, kind in (
            ("Women WG", "thematic_working_group"),
            ("SMWG", "working_group"),
            ("Board", "board"),
            ("Land WG", "thematic_working_group"),
        )
    }
    seats = (
        ("p1", "Board", "board_member", "A1", "2014-01-01", None),
        ("p2", "Board", "board_member", "P1", "2015-01-01", None),
        ("p3", "Board", "board_member", None, "2013-01-01", "2017-12-31"),
        ("p1", "Land WG", "co_chair", "A1", "2016-01-01", "2016-12-31"),
        ("p4", "Land WG", "member", None, "2016-01-01", None),
        ("p5", "Land WG", "member", None, "2016-01-01", None),
        ("p1", "SMWG", "member", "A1", "2013-01-01", None),
        ("p4", "SMWG", "focal_point", None, "2010-01-01", None),
        ("p5", "SMWG", "member", None, "2014-01-01", "2015-12-31"),
    )
    for who, where, role, organisation, start, end in seats:
        directory.create(
            Seat,
            {
                "person_id": person[who],
                "body_id": body[where],
                "role": role,
                "organisation_id": org[organisation] if organisation else "",
                "start": start,
                "end": end,
            },
        )
    activity = {
        title: directory.create(Activity, {"title": title, "start": start, "end": end, "tz": tz}).id
        for title, start, end, tz in (
            ("Later", "2027-02-01T09:00", "2027-02-01T12:00", "UTC"),
            ("Soon in Lima", "2026-12-01T09:00", "2026-12-01T12:00", "America/Lima"),
            ("Past", "2016-11-10T09:00", "2016-11-12T17:30", "America/Argentina/Buenos_Aires"),
            ("Soon in Madrid", "2026-12-01T10:00", "2026-12-01T12:00", "Europe/Madrid"),
            ("Under way", "2026-11-24T09:00", "2026-11-26T17:00", "Africa/Nairobi"),
        )
    }
    for who, status in (("p1", "invited"), ("p2", "confirmed"), ("p3", "declined")):
        directory.create(
            Participant,
            {"activity_id": activity["Soon in Lima"], "person_id": person[who], "status": status},
        )
    return Network(org, person, body, activity)


def test_membership_as_it_stands_counts_current_members_by_region(
    network: Network, directory: Directory
) -> None:
    figures = membership_composition(directory)

    assert figures.on is None
    assert figures.members == 5  # A1 A2 L1 L2 N1; not the former member nor the prospects
    assert figures.by_region == (
        Tally("latin_america_caribbean", 2),
        Tally("africa", 2),
        Tally("asia_pacific", 0),
        Tally("mena", 0),
        Tally("europe", 0),
        Tally("north_america", 1),
    )
    assert figures.region_count(Region.AFRICA) == 2
    assert figures.without_region == 0


def test_constituencies_most_common_first_named_ones_kept_at_zero(
    network: Network, directory: Directory
) -> None:
    figures = membership_composition(directory)

    assert figures.by_constituency == (
        Tally("peasants", 2),
        # Ties follow the working group's own list, then constituencies users added.
        Tally("fisherfolk", 1),
        Tally("urban_poor", 1),
        Tally("landless_farmers", 1),
        Tally("domestic_workers", 1),
        Tally("pastoralists", 1),
        Tally("indigenous_peoples", 0),
        Tally("racial_and_ethnic_minorities", 0),
        Tally("communities_resisting_harmful_development_projects", 0),
    )
    assert figures.without_constituency == 1  # N1


def test_womens_leadership_splits_members_into_three(
    network: Network, directory: Directory
) -> None:
    figures = membership_composition(directory)

    assert figures.women_led == 2  # A1, L2 (L2 also has a section: it counts as led)
    assert figures.women_section_only == 1  # A2
    assert figures.neither_women_led_nor_section == 2  # L1, N1


def test_priorities_today_with_the_outreach_behind_them(
    network: Network, directory: Directory
) -> None:
    figures = membership_composition(directory)

    assert [p.key for p in figures.priorities] == list(PRIORITIES)
    africa, europe, women = figures.priorities
    assert (africa.members, africa.total_members, africa.in_outreach) == (2, 5, 1)  # P2
    assert africa.share == pytest.approx(0.4)
    assert (europe.members, europe.in_outreach) == (0, 1)  # P1
    assert europe.share == 0.0
    assert (women.members, women.in_outreach) == (2, 1)  # A1 L2; P1
    assert figures.priority("women_led") is women
    assert figures.in_outreach == 2


def test_membership_on_a_past_date_follows_joining_and_leaving(
    network: Network, directory: Directory
) -> None:
    march_2016 = membership_composition(directory, on=date(2016, 3, 1))
    # A2 joins in June 2016 and N1 in 2020; E1 left at the end of 2014.
    assert march_2016.members == 3  # A1 L1 L2
    assert march_2016.priority("africa").members == 1
    assert march_2016.priority("women_led").members == 2
    # P1 was a prospect by then; P2 applied only in 2017.
    assert march_2016.in_outreach == 1
    assert march_2016.priority("europe").in_outreach == 1

    mid_2014 = membership_composition(directory, on=date(2014, 6, 1))
    assert mid_2014.members == 4  # A1 E1 L1 L2
    assert mid_2014.priority("europe").members == 1
    assert membership_composition(directory, on=date(2015, 1, 1)).priority("europe").members == 0


def test_leadership_per_body_on_a_date(network: Network, directory: Directory) -> None:
    figures = leadership(directory, on=date(2016, 3, 1))

    got = [
        (f.body.name, f.seats, f.held_by_members, f.leading_seats, f.leading_held_by_members)
        for f in figures
    ]
    assert got == [
        # p1 (A1, a member); p2 (P1, a prospect); p3 (no organisation on the seat, and
        # their organisation E1 had left by 2016).
        ("Board", 3, 1, 3, 1),
        # Thematic groups by name. p1 co-chairs; p4 has no organisation; p5's
        # affiliation to A2 starts only in June.
        ("Land WG", 3, 1, 1, 1),
        ("Women WG", 0, 0, 0, 0),
        # p5's seat ended in 2015; p4 is focal point without an organisation.
        ("SMWG", 2, 1, 1, 0),
    ]


def test_leadership_changes_with_the_date(network: Network, directory: Directory) -> None:
    in_2014 = {f.body.name: f for f in leadership(directory, on=date(2014, 6, 1))}
    # p3 sat for E1 while it was still a member; p2 had no seat yet.
    assert (in_2014["Board"].seats, in_2014["Board"].held_by_members) == (2, 2)

    july_2016 = {f.body.name: f for f in leadership(directory, on=date(2016, 7, 1))}
    # p5 now belongs to A2, which has joined: their seat counts through the affiliation.
    assert (july_2016["Land WG"].seats, july_2016["Land WG"].held_by_members) == (3, 2)


def test_upcoming_activities_soonest_first_including_one_under_way(
    network: Network, directory: Directory
) -> None:
    today = date(2026, 11, 25)

    every = upcoming_activities(directory, today, limit=None)
    # Same day: Madrid's 10:00 (09:00 UTC) comes before Lima's 09:00 (14:00 UTC).
    assert [u.activity.title for u in every] == [
        "Under way",
        "Soon in Madrid",
        "Soon in Lima",
        "Later",
    ]
    assert [u.activity.title for u in upcoming_activities(directory, today, limit=2)] == [
        "Under way",
        "Soon in Madrid",
    ]
    lima = every[2]
    assert (lima.invited, lima.confirmed, lima.attended, lima.declined) == (3, 1, 0, 1)
    assert upcoming_activities(directory, date(2027, 2, 2)) == ()


def test_an_empty_directory_has_zero_figures_and_no_division_by_zero(
    directory: Directory,
) -> None:
    figures = membership_composition(directory)

    assert figures.members == 0
    assert all(p.share == 0.0 for p in figures.priorities)
    assert leadership(directory, on=date(2026, 1, 1)) == ()
    assert upcoming_activities(directory, date(2026, 1, 1)) == ()
