"""The outreach pipeline and the priorities, checked against counts made by hand.

The network:

====  =======  =========  ================  =========
org   country  status     stage             women-led
====  =======  =========  ================  =========
K1    KE       prospect   contacted         yes
K2    GH       applicant  applied           -
K3    NG       prospect   declined          -
K4    ZA       prospect   (none: identified) yes
E1    ES       prospect   in_conversation   yes
E2    DE       applicant  applied           yes
L1    BR       prospect   identified        -
M1    PE       member     -                 -
M2    KE       member     joined            yes
F1    FR       former     -                 -
====  =======  =========  ================  =========

By stage: identified 2 (L1, K4), contacted 1, in conversation 1, applied 2, joined 1,
declined 1; six still on their way. From Africa: K1, K2, K3, K4, M2 (three on their
way, one advanced: K2). From Europe: E1, E2 (two, both advanced). Women-led: K1, K4,
E1, E2, M2 (four on their way, two advanced). Women-led from Africa: K1, K4 on their
way. Members today: M1, M2 (one from Africa, one women-led); if the applicants K2
and E2 joined: four members, two from Africa, one from Europe, two women-led.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import RefusedError, ValidationError
from smwg_desktop.core.model import OUTREACH_STAGES, Organisation, OutreachMove, Person
from smwg_desktop.core.outreach import (
    ACTIVE_STAGES,
    STAGE_STATUS,
    BackwardsMoveError,
    PipelineFilter,
    move,
    moves,
    outreach_summary,
    pipeline,
    stage_of,
)
from smwg_desktop.storage.changelog import encode

ORGANISATIONS = {
    "K1": {"country": "KE", "status": "prospect", "outreach_stage": "contacted", "women_led": True},
    "K2": {"country": "GH", "status": "applicant", "outreach_stage": "applied"},
    "K3": {"country": "NG", "status": "prospect", "outreach_stage": "declined"},
    "K4": {"country": "ZA", "status": "prospect", "women_led": True,
           "constituencies": "fisherfolk"},
    "E1": {"country": "ES", "status": "prospect", "outreach_stage": "in_conversation",
           "women_led": True},
    "E2": {"country": "DE", "status": "applicant", "outreach_stage": "applied", "women_led": True},
    "L1": {"country": "BR", "status": "prospect", "outreach_stage": "identified",
           "constituencies": "fisherfolk"},
    "M1": {"country": "PE", "status": "member"},
    "M2": {"country": "KE", "status": "member", "outreach_stage": "joined", "women_led": True},
    "F1": {"country": "FR", "status": "former"},
}


def exported(directory: Directory) -> str:
    return encode(directory.export_canonical())


@pytest.fixture
def orgs(directory: Directory) -> dict[str, str]:
    return {
        key: directory.create(Organisation, {"name": f"Org {key}", **values}).id
        for key, values in ORGANISATIONS.items()
    }


def _counts(figures: object) -> dict[str, int]:
    return {t.key: t.count for t in figures.by_stage}  # type: ignore[attr-defined]


def test_pipeline_by_stage_matches_the_count_made_by_hand(
    directory: Directory, orgs: dict[str, str]
) -> None:
    summary = outreach_summary(directory)

    assert _counts(summary.everyone) == {
        "identified": 2, "contacted": 1, "in_conversation": 1, "applied": 2, "joined": 1,
        "declined": 1,
    }
    assert summary.everyone.in_pipeline == 6
    names = [p.organisation.name for p in pipeline(directory)]
    assert names == ["Org K4", "Org L1", "Org K1", "Org E1", "Org E2", "Org K2", "Org M2", "Org K3"]


def test_the_priorities_in_the_pipeline_match_the_count_made_by_hand(
    directory: Directory, orgs: dict[str, str]
) -> None:
    summary = outreach_summary(directory)

    found = {
        g.group.key: (g.in_pipeline, g.advanced, g.at("joined"), g.at("declined"))
        for g in summary.groups
    }
    assert found == {
        "africa": (3, 1, 1, 1),
        "europe": (2, 2, 0, 0),
        "women_led": (4, 2, 1, 0),
        "africa_women_led": (2, 0, 1, 0),
        "europe_women_led": (2, 2, 0, 0),
    }


def test_what_if_every_applicant_joined(directory: Directory, orgs: dict[str, str]) -> None:
    summary = outreach_summary(directory)
    now, then = summary.composition, summary.what_if

    assert (now.members, now.in_outreach) == (2, 7)
    assert {p.key: p.members for p in now.priorities} == {"africa": 1, "europe": 0, "women_led": 1}
    assert (then.members, then.in_outreach) == (4, 5)
    assert {p.key: p.members for p in then.priorities} == {"africa": 2, "europe": 1, "women_led": 2}
    assert then.priority("women_led").share == 0.5


def test_filters_narrow_the_pipeline(directory: Directory, orgs: dict[str, str]) -> None:
    african_women = pipeline(directory, PipelineFilter(region="africa", women_led=True))
    assert sorted(p.organisation.name for p in african_women) == ["Org K1", "Org K4", "Org M2"]
    assert [p.organisation.name for p in pipeline(directory, PipelineFilter(country="ES"))] == [
        "Org E1"
    ]
    fisherfolk = pipeline(directory, PipelineFilter(constituency="fisherfolk"))
    assert [p.organisation.name for p in fisherfolk] == ["Org K4", "Org L1"]
    applied = pipeline(directory, PipelineFilter(stage="applied"))
    assert [p.organisation.name for p in applied] == ["Org E2", "Org K2"]
    summary = outreach_summary(directory, PipelineFilter(region="africa", women_led=True))
    assert summary.everyone.in_pipeline == 2


def test_a_move_is_recorded_with_its_date_person_and_note(
    directory: Directory, orgs: dict[str, str]
) -> None:
    organiser = directory.create(Person, {"name": "Aïssatou Diouf"})

    made = move(
        directory, orgs["K1"], "in conversation", on="2016-05-02",
        responsible_id=organiser.id, note="Joined the virtual dialogue.",
    )

    assert (made.stage, made.moved_on, made.responsible_id) == (
        "in_conversation", date(2016, 5, 2), organiser.id
    )
    assert made.note == "Joined the virtual dialogue."
    org = directory.get(Organisation, orgs["K1"])
    assert (org.outreach_stage, org.status) == ("in_conversation", "prospect")
    (prospect,) = [p for p in pipeline(directory) if p.organisation.id == org.id]
    assert (prospect.since, prospect.last_move) == (date(2016, 5, 2), made)


def test_applying_makes_an_applicant_and_joining_a_member(
    directory: Directory, orgs: dict[str, str]
) -> None:
    move(directory, orgs["E1"], "applied", on="2016-06-01")
    applicant = directory.get(Organisation, orgs["E1"])
    assert (applicant.status, applicant.status_since) == ("applicant", date(2016, 6, 1))

    move(directory, orgs["E1"], "joined", on="2016-11-11")

    member = directory.get(Organisation, orgs["E1"])
    assert (member.status, member.status_since, member.member_since) == (
        "member", date(2016, 11, 11), date(2016, 11, 11)
    )
    assert [m.stage for m in moves(directory, orgs["E1"])] == ["applied", "joined"]
    assert outreach_summary(directory).composition.priority("europe").members == 1


def test_a_prospect_without_a_stage_starts_at_identified(
    directory: Directory, orgs: dict[str, str]
) -> None:
    assert stage_of(directory.get(Organisation, orgs["K4"])) == "identified"

    move(directory, orgs["K4"], "contacted", today=date(2016, 3, 1))

    assert directory.get(Organisation, orgs["K4"]).outreach_stage == "contacted"
    assert moves(directory, orgs["K4"])[0].moved_on == date(2016, 3, 1)


@pytest.mark.parametrize(
    ("key", "stage", "error", "message"),
    [
        ("E1", "contacted", BackwardsMoveError, "'contacted' would be a step back"),
        ("K3", "identified", BackwardsMoveError, "at 'declined'"),
        ("M2", "declined", BackwardsMoveError, "at 'joined'"),
        ("K1", "contacted", RefusedError, "already at stage 'contacted'"),
        ("M1", "contacted", RefusedError, "is a member and not in the outreach pipeline"),
        ("K1", "signed", ValidationError, "'signed' is not one of"),
    ],
    ids=["backwards", "out-of-declined", "out-of-joined", "same-stage", "member", "unknown-stage"],
)
def test_refused_moves_change_nothing(
    directory: Directory, orgs: dict[str, str], key: str, stage: str,
    error: type[Exception], message: str,
) -> None:
    before = exported(directory)

    with pytest.raises(error, match=message):
        move(directory, orgs[key], stage)

    assert exported(directory) == before


def test_a_step_back_is_recorded_when_forced(directory: Directory, orgs: dict[str, str]) -> None:
    move(directory, orgs["E2"], "in_conversation", force=True, note="Application withdrawn.")

    org = directory.get(Organisation, orgs["E2"])
    assert (org.outreach_stage, org.status) == ("in_conversation", "prospect")


def test_a_move_dated_before_the_last_one_is_refused(
    directory: Directory, orgs: dict[str, str]
) -> None:
    move(directory, orgs["L1"], "contacted", on="2016-05-01")
    before = exported(directory)

    with pytest.raises(RefusedError, match="dated 2016-05-01"):
        move(directory, orgs["L1"], "in_conversation", on="2016-04-01")

    assert exported(directory) == before


def test_deleting_an_organisation_takes_its_moves(directory: Directory, orgs: dict[str, str]) -> None:
    move(directory, orgs["L1"], "contacted")

    directory.delete(Organisation, orgs["L1"])

    assert directory.count(OutreachMove) == 0


@settings(max_examples=25, deadline=None)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(OUTREACH_STAGES), st.integers(-20, 40), st.booleans()),
        min_size=1,
        max_size=8,
    )
)
def test_any_sequence_of_moves_keeps_stage_status_and_history_in_step(
    steps: list[tuple[str, int, bool]],
) -> None:
    """Whatever is asked, in any order: refused moves change nothing, and the stage is
    always the last move's, the status the stage's, and the history in date order."""
    with tempfile.TemporaryDirectory() as folder, Directory.open(folder) as directory:
        org = directory.create(Organisation, {"name": "Prospect", "country": "SN", "status": "prospect"})
        day = date(2016, 1, 1)
        accepted = 0
        forced = False
        for stage, shift, force in steps:
            day += timedelta(days=shift)
            before = exported(directory)
            try:
                move(directory, org.id, stage, on=day, force=force)
            except RefusedError:
                assert exported(directory) == before
                continue
            accepted += 1
            forced = forced or force
            current = directory.get(Organisation, org.id)
            history = moves(directory, org.id)
            assert current.outreach_stage == stage
            assert current.status == STAGE_STATUS[stage]
            assert len(history) == accepted
            if not forced:
                assert history[-1].stage == stage
                dates = [m.moved_on for m in history]
                assert dates == sorted(dates)  # type: ignore[type-var]
        summary = outreach_summary(directory)
        in_pipeline = 1 if stage_of(directory.get(Organisation, org.id)) in ACTIVE_STAGES else 0
        assert summary.everyone.in_pipeline == in_pipeline
        assert sum(t.count for t in summary.everyone.by_stage) == 1
