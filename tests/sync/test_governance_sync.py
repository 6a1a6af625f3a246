"""Reviews, revisions and outreach moves travel in real bundles and follow the conflict rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Body, Organisation, OutreachMove, Proposal, Review, Revision
from smwg_desktop.core.outreach import move, moves
from smwg_desktop.core.proposals import (
    add_revision,
    record_review,
    review_progress,
    send_for_review,
)
from smwg_desktop.sync.network import export_bundle, import_bundle, network_key
from tests.sync.conftest import PASSPHRASE, exported

Network = Callable[[int], list[Directory]]


def carry(source: Directory, target: Directory, folder: Path) -> None:
    """One bundle of what ``target`` may lack, written by ``source`` and imported by ``target``."""
    key = network_key(source, PASSPHRASE)
    path = folder / f"{source.device_id}-{len(list(folder.iterdir()))}.smwgbundle"
    export_bundle(source, path, key)
    import_bundle(target, path, key)


def _concept_note(directory: Directory) -> tuple[str, list[str]]:
    bodies = [
        directory.create(Body, {"name": name, "acronym": acronym}).id
        for name, acronym in (("Land and Housing", "LHWG"), ("Women and ESCR", "WESCR"))
    ]
    proposal = directory.create(
        Proposal, {"title": "Global campaign concept note", "deadline": "2016-10-14"}
    )
    return proposal.id, bodies


def test_answers_recorded_on_two_devices_converge(network: Network, tmp_path: Path) -> None:
    a, b = network(2)
    proposal, (housing, women) = _concept_note(a)
    send_for_review(a, proposal)
    carry(a, b, tmp_path)

    record_review(a, proposal, housing, "endorsed", answered_on=date(2016, 9, 1))
    record_review(b, proposal, women, "commented", comments="Name the IFIs.",
                  answered_on=date(2016, 9, 3))
    carry(a, b, tmp_path)
    carry(b, a, tmp_path)

    assert exported(a) == exported(b)
    for device in (a, b):
        progress = review_progress(device, proposal, date(2016, 10, 12))
        assert (progress.answered, progress.endorsed, progress.commented) == (2, 1, 1)
        assert device.conflicts() == []


def test_different_answers_for_one_working_group_become_a_conflict(
    network: Network, tmp_path: Path
) -> None:
    a, b = network(2)
    proposal, (housing, _women) = _concept_note(a)
    send_for_review(a, proposal)
    carry(a, b, tmp_path)

    record_review(a, proposal, housing, "endorsed", answered_on=date(2016, 9, 1))
    record_review(b, proposal, housing, "declined", answered_on=date(2016, 9, 1))
    carry(a, b, tmp_path)
    carry(b, a, tmp_path)

    assert exported(a) == exported(b)
    review = a.list(Review, {"body_id": housing})[0]
    for device in (a, b):
        conflicts = [c for c in device.conflicts() if c.entity == "review"]
        assert [(c.entity_id, c.field) for c in conflicts] == [(review.id, "state")]
        assert sorted(v for _, v in conflicts[0].versions) == ["declined", "endorsed"]
    # Settling it is itself a change that travels.
    (conflict,) = b.conflicts()
    b.resolve_conflict(conflict, "endorsed")
    carry(b, a, tmp_path)
    for device in (a, b):
        assert device.get(Review, review.id).state == "endorsed"
        assert device.conflicts() == []


def test_sending_the_same_note_on_two_devices_makes_one_review_per_body(
    network: Network, tmp_path: Path
) -> None:
    a, b = network(2)
    proposal, bodies = _concept_note(a)
    carry(a, b, tmp_path)

    send_for_review(a, proposal)
    send_for_review(b, proposal)
    carry(a, b, tmp_path)
    carry(b, a, tmp_path)

    assert exported(a) == exported(b)
    assert sorted(r.body_id for r in a.list(Review)) == sorted(bodies)
    assert a.conflicts() == []


def test_revisions_travel_with_the_review_that_names_one(network: Network, tmp_path: Path) -> None:
    a, b = network(2)
    proposal, (housing, _women) = _concept_note(a)
    send_for_review(a, proposal)
    second = add_revision(a, proposal, {"name": "Second draft", "location": "note-v2.docx"})
    record_review(a, proposal, housing, "commented", revision_id=second.id)

    carry(a, b, tmp_path)

    assert b.get(Revision, second.id).location == "note-v2.docx"
    assert b.list(Review, {"body_id": housing})[0].revision_id == second.id


def test_moving_one_prospect_differently_on_two_devices_keeps_both_moves_and_a_conflict(
    network: Network, tmp_path: Path
) -> None:
    a, b = network(2)
    prospect = a.create(
        Organisation, {"name": "Women's Land Rights Collective (sample)", "country": "MW",
                       "status": "prospect", "outreach_stage": "contacted", "women_led": True},
    )
    carry(a, b, tmp_path)

    move(a, prospect.id, "in_conversation", on="2016-05-02", note="Joined the dialogue.")
    move(b, prospect.id, "declined", on="2016-05-03", note="Not now.")
    carry(a, b, tmp_path)
    carry(b, a, tmp_path)

    assert exported(a) == exported(b)
    for device in (a, b):
        assert [m.stage for m in moves(device, prospect.id)] == ["in_conversation", "declined"]
        assert device.count(OutreachMove) == 2
        fields = {c.field for c in device.conflicts() if c.entity_id == prospect.id}
        assert fields == {"outreach_stage"}
