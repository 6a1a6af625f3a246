"""A concept note's review by the thematic working groups, checked against counts made by hand.

The fixture: a proposal with a deadline of 14 October 2016, eight thematic working
groups (WG1..WG8), the Board and this working group. Answers recorded by hand:

=====  =========  ===========
body   state      answered on
=====  =========  ===========
WG1    endorsed   2016-09-01
WG2    endorsed   2016-09-02
WG3    endorsed   2016-09-20
WG4    endorsed   2016-10-01
WG5    declined   2016-09-15
WG6    commented  2016-10-03
WG7    pending
WG8    pending
=====  =========  ===========

So on 12 October 2016: 6 of 8 answered; 4 endorsed, 1 commented, 1 declined; two
days to the deadline; WG7 and WG8 missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import RefusedError, ValidationError
from smwg_desktop.core.model import Body, Person, Proposal, Review, Revision
from smwg_desktop.core.proposals import (
    add_revision,
    default_review_bodies,
    record_review,
    review_id,
    review_lines,
    review_progress,
    revisions,
    send_for_review,
)
from smwg_desktop.storage.changelog import encode

ANSWERS = {
    "WG1": ("endorsed", date(2016, 9, 1)),
    "WG2": ("endorsed", date(2016, 9, 2)),
    "WG3": ("endorsed", date(2016, 9, 20)),
    "WG4": ("endorsed", date(2016, 10, 1)),
    "WG5": ("declined", date(2016, 9, 15)),
    "WG6": ("commented", date(2016, 10, 3)),
}


@dataclass
class Note:
    proposal: str
    body: dict[str, str]


def exported(directory: Directory) -> str:
    return encode(directory.export_canonical())


@pytest.fixture
def note(directory: Directory) -> Note:
    body = {
        f"WG{n}": directory.create(
            Body, {"name": f"Working group {n}", "acronym": f"WG{n}"}
        ).id
        for n in range(1, 9)
    }
    body["Board"] = directory.create(Body, {"name": "Board", "body_kind": "board"}).id
    body["SMWG"] = directory.create(Body, {"name": "SMWG", "body_kind": "working_group"}).id
    proposal = directory.create(
        Proposal, {"title": "Global campaign concept note", "deadline": "2016-10-14"}
    )
    return Note(proposal.id, body)


@pytest.fixture
def answered(directory: Directory, note: Note) -> Note:
    send_for_review(directory, note.proposal)
    for key, (state, day) in ANSWERS.items():
        record_review(directory, note.proposal, note.body[key], state, answered_on=day)
    return note


def test_sending_opens_a_pending_review_for_every_thematic_working_group(
    directory: Directory, note: Note
) -> None:
    opened = send_for_review(directory, note.proposal)

    thematic = {note.body[f"WG{n}"] for n in range(1, 9)}
    assert {r.body_id for r in opened} == thematic
    assert {r.state for r in opened} == {"pending"}
    assert all(r.answered_on is None for r in opened)
    assert [b.id for b in default_review_bodies(directory)] == [
        note.body[f"WG{n}"] for n in range(1, 9)
    ]
    assert directory.get(Proposal, note.proposal).status == "in_review"


def test_a_review_has_the_same_id_on_every_device(directory: Directory, note: Note) -> None:
    (review,) = send_for_review(directory, note.proposal, [note.body["WG1"]])

    assert review.id == review_id(note.proposal, note.body["WG1"])
    assert review_id(note.proposal, note.body["WG1"]) != review_id(note.proposal, note.body["WG2"])


def test_sending_again_opens_only_the_bodies_not_yet_asked(directory: Directory, note: Note) -> None:
    send_for_review(directory, note.proposal, [note.body["WG1"], note.body["Board"]])

    opened = send_for_review(directory, note.proposal, [note.body["WG1"], note.body["WG2"]])

    assert [r.body_id for r in opened] == [note.body["WG2"]]
    assert directory.count(Review) == 3


def test_sending_to_bodies_already_asked_is_refused_and_changes_nothing(
    directory: Directory, note: Note
) -> None:
    send_for_review(directory, note.proposal, [note.body["WG1"]])
    before = exported(directory)

    with pytest.raises(RefusedError, match="already sent to WG1"):
        send_for_review(directory, note.proposal, [note.body["WG1"]])

    assert exported(directory) == before


@pytest.mark.parametrize("status", ["adopted", "withdrawn"])
def test_a_closed_proposal_is_not_sent(directory: Directory, note: Note, status: str) -> None:
    directory.update(Proposal, note.proposal, {"status": status})
    before = exported(directory)

    with pytest.raises(RefusedError, match=f"is {status}"):
        send_for_review(directory, note.proposal)

    assert exported(directory) == before


def test_a_deleted_review_comes_back_when_the_body_is_asked_again(
    directory: Directory, note: Note
) -> None:
    send_for_review(directory, note.proposal, [note.body["WG1"]])
    record_review(directory, note.proposal, note.body["WG1"], "commented", comments="Add a timeline.")
    directory.delete(Review, review_id(note.proposal, note.body["WG1"]))

    (again,) = send_for_review(directory, note.proposal, [note.body["WG1"]])

    assert again.id == review_id(note.proposal, note.body["WG1"])
    assert (again.state, again.comments) == ("commented", "Add a timeline.")


def test_progress_matches_the_count_made_by_hand(directory: Directory, answered: Note) -> None:
    progress = review_progress(directory, answered.proposal, date(2016, 10, 12))

    assert (progress.total, progress.answered) == (8, 6)
    assert (progress.endorsed, progress.commented, progress.declined) == (4, 1, 1)
    assert progress.days_left == 2
    assert not progress.overdue
    assert [line.body_name for line in progress.missing] == ["Working group 7", "Working group 8"]
    assert [line.body_name for line in progress.lines] == [f"Working group {n}" for n in range(1, 9)]
    states = {line.body_name: (line.review.state, line.review.answered_on) for line in progress.lines}
    assert states["Working group 5"] == ("declined", date(2016, 9, 15))


def test_after_the_deadline_missing_answers_are_overdue(directory: Directory, answered: Note) -> None:
    on_the_day = review_progress(directory, answered.proposal, date(2016, 10, 14))
    after = review_progress(directory, answered.proposal, date(2016, 10, 20))

    assert (on_the_day.days_left, on_the_day.overdue) == (0, False)
    assert (after.days_left, after.overdue) == (-6, True)


def test_no_deadline_means_no_days_left(directory: Directory, answered: Note) -> None:
    directory.update(Proposal, answered.proposal, {"deadline": None})

    progress = review_progress(directory, answered.proposal, date(2016, 10, 20))

    assert progress.days_left is None and not progress.overdue


def test_an_answer_is_recorded_in_one_step_and_dated_today_unless_told(
    directory: Directory, note: Note
) -> None:
    send_for_review(directory, note.proposal)
    reviewer = directory.create(Person, {"name": "Wanjiru Otieno"})

    review = record_review(
        directory, note.proposal, note.body["WG3"], "Endorsed",
        comments="We will draft the component on evictions.", reviewer_id=reviewer.id,
        today=date(2016, 9, 30),
    )

    assert (review.state, review.answered_on) == ("endorsed", date(2016, 9, 30))
    assert review.reviewer_id == reviewer.id
    assert review.comments == "We will draft the component on evictions."
    back = record_review(directory, note.proposal, note.body["WG3"], "pending")
    assert (back.state, back.answered_on) == ("pending", None)
    assert back.comments == "We will draft the component on evictions."


def test_an_answer_may_name_the_revision_it_read(directory: Directory, note: Note) -> None:
    send_for_review(directory, note.proposal)
    first = add_revision(directory, note.proposal, {"name": "First draft", "issued_on": "2016-04-18"})
    second = add_revision(
        directory, note.proposal,
        {"name": "Second draft", "issued_on": "2016-08-30", "location": "note-v2.docx"},
    )

    review = record_review(
        directory, note.proposal, note.body["WG1"], "commented", revision_id=second.id
    )

    assert review.revision_id == second.id
    assert [r.name for r in revisions(directory, note.proposal)] == ["First draft", "Second draft"]
    assert first.location == "" and second.location == "note-v2.docx"


def test_a_revision_of_another_proposal_is_refused(directory: Directory, note: Note) -> None:
    send_for_review(directory, note.proposal)
    other = directory.create(Proposal, {"title": "Another note"})
    foreign = add_revision(directory, other.id, {"name": "v1"})
    before = exported(directory)

    with pytest.raises(RefusedError, match="another proposal"):
        record_review(directory, note.proposal, note.body["WG1"], "endorsed", revision_id=foreign.id)

    assert exported(directory) == before


def test_an_answer_from_a_body_not_asked_is_refused(directory: Directory, note: Note) -> None:
    send_for_review(directory, note.proposal)
    before = exported(directory)

    with pytest.raises(RefusedError, match="was not sent to Board for review"):
        record_review(directory, note.proposal, note.body["Board"], "endorsed")

    assert exported(directory) == before


def test_an_unknown_state_is_refused(directory: Directory, note: Note) -> None:
    send_for_review(directory, note.proposal)
    before = exported(directory)

    with pytest.raises(ValidationError) as refused:
        record_review(directory, note.proposal, note.body["WG1"], "approved")

    assert refused.value.field == "state"
    assert "pending, commented, endorsed, declined" in str(refused.value)
    assert exported(directory) == before


def test_deleting_a_body_takes_its_review_with_it(directory: Directory, answered: Note) -> None:
    assert len(review_lines(directory, answered.proposal)) == 8

    directory.delete(Body, answered.body["WG8"])

    names = [line.body_name for line in review_lines(directory, answered.proposal)]
    assert names == [f"Working group {n}" for n in range(1, 8)]


def test_deleting_a_proposal_takes_its_reviews_and_revisions(
    directory: Directory, answered: Note
) -> None:
    add_revision(directory, answered.proposal, {"name": "First draft"})

    deleted = directory.delete(Proposal, answered.proposal)

    assert sorted({kind for kind, _id in deleted}) == ["proposal", "review", "revision"]
    assert directory.count(Review) == directory.count(Revision) == 0
