"""The working group's own work: proposals and their review, outreach, bodies, seats, leadership.

``smwg proposal ...``, ``smwg outreach ...``, ``smwg body ...``, ``smwg seat ...`` and
``smwg leadership``: thin faces over ``core.proposals``, ``core.outreach`` and
``core.figures``, which the desktop app and the printed documents use too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import click

from smwg_desktop.cli.common import (
    as_text,
    clean_field,
    date_option,
    day_option,
    echo_created,
    echo_items,
    echo_json,
    edit_record,
    given_options,
    id_column,
    json_option,
    main,
    open_directory,
    print_items,
    print_pairs,
    print_table,
    record_json,
    record_name,
    record_rows,
    record_values,
    resolve_reference,
    set_option,
)
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import RefusedError
from smwg_desktop.core.figures import (
    BodyLeadership,
    HeldSeat,
    MembershipComposition,
    body_seats,
    grassroots_on_board,
    leadership,
)
from smwg_desktop.core.geo import Region
from smwg_desktop.core.model import (
    Body,
    Organisation,
    OutreachMove,
    Person,
    Proposal,
    Review,
    Revision,
    Seat,
)
from smwg_desktop.core.outreach import (
    BackwardsMoveError,
    GroupFigures,
    PipelineFilter,
    Prospect,
    clean_stage,
    moves,
    outreach_summary,
    pipeline,
)
from smwg_desktop.core.outreach import move as move_prospect
from smwg_desktop.core.proposals import (
    ReviewLine,
    ReviewProgress,
    add_revision,
    record_review,
    review_progress,
    revisions,
    send_for_review,
)
from smwg_desktop.i18n import (
    OUTREACH_STAGE_LABELS,
    PIPELINE_GROUP_LABELS,
    REGION_LABELS,
    _,
    label,
    ngettext,
    review_progress_text,
)


def _words(code: str) -> str:
    return code.replace("_", " ")


def _stage_words(code: str) -> str:
    """A pipeline stage as a sentence says it ("in conversation"), in the session's language."""
    return label(OUTREACH_STAGE_LABELS, code, _).lower()


# Proposals


days_left_option = date_option("--on", "on_text", _("Count the days left from this date."))


@main.group(help=_("Concept notes and their review by the thematic working groups."))
def proposal() -> None:
    pass


@proposal.command("add", help=_("Add a proposal (a draft unless --status says); prints its id."))
@click.option("--title", required=True)
@click.option("--summary")
@click.option("--author", "authors", multiple=True, metavar="ORG_ID", help=_("Repeat for each."))
@click.option("--deadline", help=_("The review deadline: YYYY-MM-DD."))
@click.option("--status", help=_("draft, in_review, submitted, adopted or withdrawn."))
@set_option
@json_option
def proposal_add(
    title: str,
    summary: str | None,
    authors: tuple[str, ...],
    deadline: str | None,
    status: str | None,
    sets: tuple[str, ...],
    as_json: bool,
) -> None:
    with open_directory(write=True) as directory:
        given = given_options(title=title, summary=summary, deadline=deadline, status=status)
        if authors:
            given["author_ids"] = resolve_reference(
                directory, Proposal, "author_ids", ",".join(authors)
            )
        record = directory.create(Proposal, record_values(directory, Proposal, given, sets))
    echo_created(record, as_json)


@proposal.command(
    "edit",
    help=_("Change fields of a proposal (title, summary, author_ids, status, deadline)."),
)
@click.argument("proposal_id")
@set_option
@json_option
def proposal_edit(proposal_id: str, sets: tuple[str, ...], as_json: bool) -> None:
    edit_record(Proposal, proposal_id, sets)
    if as_json:
        with open_directory(write=False) as directory:
            echo_json(record_json(directory.get(Proposal, proposal_id)))


def _review_json(directory: Directory, line: ReviewLine) -> dict[str, Any]:
    review = line.review
    return {
        **record_json(review),
        "body": line.body_name,
        "reviewer": record_name(directory, Person, review.reviewer_id),
        "revision": record_name(directory, Revision, review.revision_id),
    }


def _progress_json(directory: Directory, progress: ReviewProgress) -> dict[str, Any]:
    return {
        "proposal_id": progress.proposal.id,
        "title": progress.proposal.title,
        "status": progress.proposal.status,
        "deadline": as_text(progress.proposal.deadline) or None,
        "on": progress.on.isoformat(),
        "total": progress.total,
        "answered": progress.answered,
        "endorsed": progress.endorsed,
        "commented": progress.commented,
        "declined": progress.declined,
        "pending": len(progress.missing),
        "days_left": progress.days_left,
        "overdue": progress.overdue,
        "missing": [{"body_id": line.review.body_id, "body": line.body_name}
                    for line in progress.missing],
        "reviews": [_review_json(directory, line) for line in progress.lines],
        "text": review_progress_text(progress, "en"),
    }


def _echo_progress(directory: Directory, progress: ReviewProgress) -> None:
    click.echo(review_progress_text(progress) + ".")
    click.echo("")
    print_items(progress.lines, [
        (_("BODY"), lambda line: line.body.acronym or line.body_name if line.body else ""),
        (_("STATE"), lambda line: line.review.state),
        (_("ANSWERED"), lambda line: as_text(line.review.answered_on)),
        (_("REVIEWER"), lambda line: record_name(directory, Person, line.review.reviewer_id)),
        (_("REVISION"), lambda line: record_name(directory, Revision, line.review.revision_id)),
    ], _("Not sent for review yet (see 'smwg proposal send-for-review')."))
    if progress.missing:
        click.echo("")
        waiting = ", ".join(line.body_name for line in progress.missing)
        overdue = _(" (the deadline has passed)") if progress.overdue else ""
        click.echo(_("No answer yet{overdue}: {waiting}").format(overdue=overdue, waiting=waiting))


@proposal.command(
    "show",
    help=_("A proposal, its revisions, and each body's answer with its comments."),
)
@click.argument("proposal_id")
@days_left_option
@json_option
def proposal_show(proposal_id: str, on_text: str | None, as_json: bool) -> None:
    on = day_option("on", on_text)
    with open_directory(write=False) as directory:
        record = directory.get(Proposal, proposal_id)
        progress = review_progress(directory, record.id, on)
        versions = revisions(directory, record.id)
        if as_json:
            echo_json({
                **record_json(record),
                "authors": [record_name(directory, Organisation, o) for o in record.author_ids],
                "revisions": [record_json(r) for r in versions],
                "reviews": [_review_json(directory, line) for line in progress.lines],
            })
            return
        print_pairs(record_rows(record))
        authors = [record_name(directory, Organisation, o) for o in record.author_ids]
        if authors:
            click.echo("")
            click.echo(_("Authors: {names}").format(names="; ".join(authors)))
        if versions:
            click.echo("")
            click.echo(_("Revisions:"))
            print_items(versions, [
                id_column(directory, Revision, lambda r: r.id),
                (_("LABEL"), lambda r: r.name),
                (_("DATE"), lambda r: as_text(r.issued_on)),
                (_("WHERE"), lambda r: r.location),
            ], empty="")
        click.echo("")
        _echo_progress(directory, progress)
        commented = [line for line in progress.lines if line.review.comments]
        if commented:
            click.echo("")
            click.echo(_("Comments:"))
            for line in commented:
                click.echo(f"  {line.body_name} ({line.review.state}):")
                for text in line.review.comments.splitlines():
                    click.echo(f"    {text}")


@proposal.command("list", help=_("Proposals, by title, with how many bodies have answered."))
@click.option("--status", help=_("Only proposals with this status."))
@json_option
def proposal_list(status: str | None, as_json: bool) -> None:
    where = {"status": clean_field(Proposal, "status", status)} if status else None
    with open_directory(write=False) as directory:
        found = [review_progress(directory, p.id) for p in directory.list(Proposal, where)]
        echo_items(found, [
            id_column(directory, Proposal, lambda p: p.proposal.id),
            (_("TITLE"), lambda p: p.proposal.title),
            (_("STATUS"), lambda p: p.proposal.status),
            (_("DEADLINE"), lambda p: as_text(p.proposal.deadline)),
            (_("ANSWERED"), lambda p: f"{p.answered} of {p.total}"),
        ], _("No proposals."), as_json=as_json, to_json=lambda p: {
            **record_json(p.proposal), "answered": p.answered, "reviews": p.total,
        })


@proposal.command("send-for-review", help=_("Open a pending review of the proposal in each body."))
@click.argument("proposal_id")
@click.option(
    "--body", "body_ids", multiple=True, metavar="BODY_ID",
    help=_("A body to ask (repeat); every thematic working group when none is given."),
)
@json_option
def proposal_send(proposal_id: str, body_ids: tuple[str, ...], as_json: bool) -> None:
    with open_directory(write=True) as directory:
        opened = send_for_review(directory, proposal_id, body_ids)
        if as_json:
            echo_json([record_json(r) for r in opened])
            return
        names = [record_name(directory, Body, r.body_id) for r in opened]
        title = directory.get(Proposal, proposal_id).title
    count = ngettext("{n} body", "{n} bodies", len(names)).format(n=len(names))
    click.echo(
        _("Sent “{title}” for review to {count}: {names}.").format(
            title=title, count=count, names="; ".join(names)
        )
    )


@proposal.command("review", help=_("Record a body's answer to a proposal, in one step."))
@click.argument("proposal_id")
@click.option("--body", "body_id", required=True, metavar="BODY_ID")
@click.option("--state", required=True, help=_("pending, commented, endorsed or declined."))
@click.option("--comment", help=_("The body's comments (replaces those recorded)."))
@click.option("--reviewer", "reviewer_id", metavar="PERSON_ID")
@click.option("--revision", "revision_id", metavar="REVISION_ID", help=_("The version it read."))
@date_option("--on", "on_text", _("The day it answered (default: today)."))
@json_option
def proposal_review(
    proposal_id: str,
    body_id: str,
    state: str,
    comment: str | None,
    reviewer_id: str | None,
    revision_id: str | None,
    on_text: str | None,
    as_json: bool,
) -> None:
    with open_directory(write=True) as directory:
        if reviewer_id:
            reviewer_id = resolve_reference(directory, Review, "reviewer_id", reviewer_id)
        if revision_id:
            revision_id = resolve_reference(directory, Review, "revision_id", revision_id)
        review = record_review(
            directory, proposal_id, body_id, state, comments=comment, reviewer_id=reviewer_id,
            revision_id=revision_id, answered_on=day_option("on", on_text),
        )
        if as_json:
            echo_json(record_json(review))
            return
        progress = review_progress(directory, review.proposal_id)
        body = record_name(directory, Body, review.body_id)
    when = _(" on {day}").format(day=review.answered_on.isoformat()) if review.answered_on else ""
    click.echo(_("{body}: {state}{when}.").format(body=body, state=review.state, when=when))
    click.echo(review_progress_text(progress) + ".")


@proposal.command(
    "status",
    help=_("Who answered what, who has not, and the days left to the deadline."),
)
@click.argument("proposal_id")
@days_left_option
@json_option
def proposal_status(proposal_id: str, on_text: str | None, as_json: bool) -> None:
    on = day_option("on", on_text)
    with open_directory(write=False) as directory:
        progress = review_progress(directory, proposal_id, on)
        if as_json:
            echo_json(_progress_json(directory, progress))
            return
        record = progress.proposal
        deadline = (
            _(", deadline {day}").format(day=record.deadline.isoformat()) if record.deadline else ""
        )
        click.echo(f"{record.title} ({_words(record.status)}{deadline})")
        _echo_progress(directory, progress)


@proposal.command("revise", help=_("Record a new version of the proposal's note; prints its id."))
@click.argument("proposal_id")
@click.option("--label", "name", required=True, help=_("Such as 'Second draft'."))
@date_option("--on", "issued_on", _("The date of this version."))
@click.option("--location", help=_("A link or a file name: the note itself stays outside."))
@click.option("--note", "notes")
@json_option
def proposal_revise(
    proposal_id: str,
    name: str,
    issued_on: str | None,
    location: str | None,
    notes: str | None,
    as_json: bool,
) -> None:
    values = given_options(name=name, issued_on=issued_on, location=location, notes=notes)
    with open_directory(write=True) as directory:
        record = add_revision(directory, proposal_id, values)
    echo_created(record, as_json)


# Outreach


def pipeline_filter(
    region: str | None,
    country: str | None,
    constituency: str | None,
    women_led: bool,
    stage: str | None = None,
) -> PipelineFilter:
    return PipelineFilter(
        region=(region or "").lower(),
        country=clean_field(Organisation, "country", country) if country else "",
        constituency="_".join((constituency or "").lower().replace("-", "_").split()),
        women_led=women_led,
        stage=clean_stage(stage) if stage else "",
    )


def filter_options(command: Any) -> Any:
    """The options that narrow the pipeline (see ``PipelineFilter``), for any command."""
    for option in reversed((
        click.option("--region", type=click.Choice([r.value for r in Region], case_sensitive=False)),
        click.option("--country", help=_("ISO 3166 code or name.")),
        click.option("--constituency"),
        click.option("--women-led", is_flag=True, help=_("Only groups led by women.")),
    )):
        command = option(command)
    return command


def _prospect_json(prospect: Prospect) -> dict[str, Any]:
    organisation = prospect.organisation
    return {
        "id": organisation.id,
        "name": organisation.name,
        "acronym": organisation.acronym,
        "country": organisation.country,
        "region": organisation.region.value if organisation.region else "",
        "constituencies": list(organisation.constituencies),
        "women_led": organisation.women_led,
        "status": organisation.status,
        "stage": prospect.stage,
        "since": as_text(prospect.since) or None,
    }


@main.group(help=_("The outreach pipeline: prospects, their stages and the priorities."))
def outreach() -> None:
    pass


@outreach.command(
    "list",
    help=_("Organisations in the pipeline, by stage; the options narrow the list."),
)
@filter_options
@click.option("--stage", help=_("Only organisations at this stage."))
@json_option
def outreach_list(
    region: str | None,
    country: str | None,
    constituency: str | None,
    women_led: bool,
    stage: str | None,
    as_json: bool,
) -> None:
    wanted = pipeline_filter(region, country, constituency, women_led, stage)
    with open_directory(write=False) as directory:
        found = pipeline(directory, wanted)
        echo_items(found, [
            id_column(directory, Organisation, lambda p: p.organisation.id),
            (_("NAME"), lambda p: p.organisation.name),
            (_("COUNTRY"), lambda p: p.organisation.country),
            (_("REGION"), lambda p: (
                label(REGION_LABELS, p.organisation.region, _) if p.organisation.region else ""
            )),
            (_("STAGE"), lambda p: _stage_words(p.stage)),
            (_("SINCE"), lambda p: as_text(p.since)),
            (_("WOMEN-LED"), lambda p: _("yes") if p.organisation.women_led else ""),
        ], _("No organisations in the pipeline."), as_json=as_json, to_json=_prospect_json)
    if found and not as_json:
        active = sum(1 for p in found if p.stage not in ("joined", "declined"))
        click.echo("")
        click.echo(
            ngettext(
                "{n} organisation; {active} still on their way.",
                "{n} organisations; {active} still on their way.",
                len(found),
            ).format(n=len(found), active=active)
        )


@outreach.command(
    "move",
    help=_(
        "Move an organisation to STAGE: identified, contacted, in_conversation, applied, joined "
        "or declined."
    ),
)
@click.argument("org_id")
@click.argument("stage")
@click.option("--note")
@click.option("--by", "by", metavar="PERSON_ID", help=_("The person responsible for the move."))
@date_option("--on", "on_text", _("The day of the move (default: today)."))
@click.option("--force", is_flag=True, help=_("Record a step back (or a move dated earlier)."))
@json_option
def outreach_move(
    org_id: str,
    stage: str,
    note: str | None,
    by: str | None,
    on_text: str | None,
    force: bool,
    as_json: bool,
) -> None:
    with open_directory(write=True) as directory:
        responsible = resolve_reference(directory, OutreachMove, "responsible_id", by) if by else ""
        before = directory.get(Organisation, org_id)
        try:
            made = move_prospect(
                directory, before.id, stage, on=day_option("on", on_text),
                responsible_id=responsible, note=note or "", force=force,
            )
        except BackwardsMoveError as error:
            raise RefusedError(
                _("{error}; add --force to record it anyway").format(error=error)
            ) from None
        after = directory.get(Organisation, before.id)
    if as_json:
        echo_json({"move": record_json(made), "organisation": record_json(after)})
        return
    was = (
        _(" from {stage}").format(stage=_stage_words(before.outreach_stage))
        if before.outreach_stage
        else ""
    )
    assert made.moved_on is not None
    click.echo(
        _("Moved {name}{was} to {stage} on {day}.").format(
            name=after.name, was=was, stage=_stage_words(made.stage), day=made.moved_on.isoformat()
        )
    )
    if after.status != before.status:
        click.echo(_("Its membership status is now {status}.").format(status=after.status))


@outreach.command("history", help=_("An organisation's moves through the pipeline, oldest first."))
@click.argument("org_id")
@json_option
def outreach_history(org_id: str, as_json: bool) -> None:
    with open_directory(write=False) as directory:
        organisation = directory.get(Organisation, org_id)
        found = moves(directory, organisation.id)
        if as_json:
            echo_json([record_json(m) for m in found])
            return
        click.echo(organisation.name)
        print_items(found, [
            (_("DATE"), lambda m: as_text(m.moved_on)),
            (_("STAGE"), lambda m: _words(m.stage)),
            (_("BY"), lambda m: record_name(directory, Person, m.responsible_id)),
            (_("NOTE"), lambda m: m.note),
        ], _("No moves recorded."))


def _composition_json(composition: MembershipComposition) -> dict[str, Any]:
    return {
        "members": composition.members,
        "in_outreach": composition.in_outreach,
        "by_region": {t.key: t.count for t in composition.by_region},
        "women_led": composition.women_led,
        "priorities": {
            p.key: {"members": p.members, "share": round(p.share, 4), "in_outreach": p.in_outreach}
            for p in composition.priorities
        },
    }


def _group_json(figures: GroupFigures) -> dict[str, Any]:
    return {
        "by_stage": {t.key: t.count for t in figures.by_stage},
        "in_pipeline": figures.in_pipeline,
        "advanced": figures.advanced,
    }


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


@outreach.command(
    "summary",
    help=_(
        "The pipeline by stage, against the priorities, and the membership if applicants joined."
    ),
)
@filter_options
@json_option
def outreach_summary_command(
    region: str | None, country: str | None, constituency: str | None, women_led: bool,
    as_json: bool,
) -> None:
    wanted = pipeline_filter(region, country, constituency, women_led)
    with open_directory(write=False) as directory:
        summary = outreach_summary(directory, wanted)
    if as_json:
        echo_json({
            "all": _group_json(summary.everyone),
            "groups": {g.group.key: _group_json(g) for g in summary.groups},
            "membership": _composition_json(summary.composition),
            "what_if_applicants_joined": _composition_json(summary.what_if),
        })
        return
    stages = [t.key for t in summary.everyone.by_stage]
    headers = ("", *(_stage_words(s).upper() for s in stages), _("ON THEIR WAY"), _("ADVANCED"))
    rows = [
        (label(PIPELINE_GROUP_LABELS, g.group.key, _), *(str(t.count) for t in g.by_stage),
         str(g.in_pipeline), str(g.advanced))
        for g in (summary.everyone, *summary.groups)
    ]
    click.echo(_("The pipeline (on their way: identified to applied; advanced: in conversation "
                 "or applied)"))
    print_table(headers, rows, empty="")
    now, then = summary.composition, summary.what_if
    click.echo("")
    click.echo(_("Members now, and if every applicant joined"))
    print_table(
        ("", _("NOW"), _("IF APPLICANTS JOINED")),
        [
            (_("Members"), str(now.members), str(then.members)),
            *(
                (label(PIPELINE_GROUP_LABELS, p.key, _),
                 f"{p.members} ({_share(p.members, p.total_members)})",
                 f"{q.members} ({_share(q.members, q.total_members)})")
                for p, q in zip(now.priorities, then.priorities, strict=True)
            ),
        ],
        empty="",
    )


# Bodies and seats


@main.group(help=_("The Board, the thematic working groups and this working group."))
def body() -> None:
    pass


@body.command("add", help=_("Add a body; prints its id."))
@click.option("--name", required=True)
@click.option(
    "--kind", help=_("board, thematic_working_group (the default), working_group or other.")
)
@click.option("--acronym")
@set_option
@json_option
def body_add(
    name: str, kind: str | None, acronym: str | None, sets: tuple[str, ...], as_json: bool
) -> None:
    given = given_options(name=name, body_kind=kind, acronym=acronym)
    with open_directory(write=True) as directory:
        record = directory.create(Body, record_values(directory, Body, given, sets))
    echo_created(record, as_json)


def _leadership_json(figures: BodyLeadership) -> dict[str, Any]:
    return {
        "id": figures.body.id,
        "name": figures.body.name,
        "acronym": figures.body.acronym,
        "kind": figures.body.body_kind,
        "seats": figures.seats,
        "held_by_members": figures.held_by_members,
        "leading_seats": figures.leading_seats,
        "leading_held_by_members": figures.leading_held_by_members,
        "people": figures.people,
        "people_from_members": figures.people_from_members,
    }


@body.command("list", help=_("Bodies (the Board first), with the seats held today."))
@json_option
def body_list(as_json: bool) -> None:
    today = date.today()
    with open_directory(write=False) as directory:
        figures = leadership(directory, today)
        echo_items(figures, [
            id_column(directory, Body, lambda f: f.body.id),
            (_("NAME"), lambda f: f.body.name),
            (_("ACRONYM"), lambda f: f.body.acronym),
            (_("KIND"), lambda f: _words(f.body.body_kind)),
            (_("PEOPLE TODAY"), lambda f: str(f.people)),
            (_("FROM MEMBERS"), lambda f: str(f.people_from_members)),
        ], _("No bodies."), as_json=as_json, to_json=_leadership_json)


def _print_seats(directory: Directory, held: Sequence[HeldSeat], empty: str) -> None:
    print_items(held, [
        id_column(directory, Seat, lambda h: h.seat.id),
        (_("PERSON"), lambda h: record_name(directory, Person, h.seat.person_id)),
        (_("ROLE"), lambda h: _words(h.seat.role)),
        (_("FOR"), lambda h: record_name(directory, Organisation, h.organisation_id)),
        (_("MEMBER ORG"), lambda h: _("yes") if h.from_member else ""),
        (_("FROM"), lambda h: as_text(h.seat.start)),
        (_("TO"), lambda h: as_text(h.seat.end)),
    ], empty)


def _seat_json(directory: Directory, held: HeldSeat) -> dict[str, Any]:
    return {
        **record_json(held.seat),
        "person": record_name(directory, Person, held.seat.person_id),
        "sits_for": held.organisation_id,
        "sits_for_name": record_name(directory, Organisation, held.organisation_id),
        "from_member": held.from_member,
    }


@body.command(
    "show",
    help=_("A body and its seats: who, which role, for which organisation, from when to when."),
)
@click.argument("body_id")
@date_option("--at", "at_text", _("Only the seats held on this date."))
@json_option
def body_show(body_id: str, at_text: str | None, as_json: bool) -> None:
    at = day_option("at", at_text)
    with open_directory(write=False) as directory:
        record = directory.get(Body, body_id)
        held = body_seats(directory, record.id, on=at)
        if as_json:
            echo_json({**record_json(record), "seats": [_seat_json(directory, h) for h in held]})
            return
        print_pairs(record_rows(record))
        click.echo("")
        click.echo(
            _("Seats held on {day}:").format(day=at.isoformat())
            if at
            else _("Seats, past and present:")
        )
        _print_seats(directory, held, _("  none"))


@main.group(help=_("Seats in bodies: who holds which role, from when to when."))
def seat() -> None:
    pass


@seat.command("add", help=_("Give a person a seat in a body; prints the seat's id."))
@click.argument("person_id")
@click.option("--body", "body_id", required=True, metavar="BODY_ID")
@click.option("--role", required=True,
              help=_("member, co_chair, chair, focal_point, board_member or observer."))
@date_option("--from", "start", required=True)
@date_option("--to", "end")
@click.option("--org", "org_id", metavar="ORG_ID", help=_("The organisation the seat is held for."))
@json_option
def seat_add(
    person_id: str,
    body_id: str,
    role: str,
    start: str,
    end: str | None,
    org_id: str | None,
    as_json: bool,
) -> None:
    with open_directory(write=True) as directory:
        values: dict[str, Any] = given_options(role=role, start=start, end=end)
        values["person_id"] = directory.get(Person, person_id).id
        values["body_id"] = directory.get(Body, body_id).id
        if org_id:
            values["organisation_id"] = directory.get(Organisation, org_id).id
        record = directory.create(Seat, values)
    echo_created(record, as_json)


@seat.command("end", help=_("End a seat on a date (the last day it is held)."))
@click.argument("seat_id")
@date_option("--on", "on_text", _("The last day it is held."), required=True)
@json_option
def seat_end(seat_id: str, on_text: str, as_json: bool) -> None:
    on = day_option("on", on_text)
    with open_directory(write=True) as directory:
        record = directory.get(Seat, seat_id)
        if record.end is not None:
            raise RefusedError(
                _("this seat already ended on {day}").format(day=record.end.isoformat())
            )
        record = directory.update(Seat, record.id, {"end": on})
        if as_json:
            echo_json(record_json(record))
            return
        person = record_name(directory, Person, record.person_id)
        body_name = record_name(directory, Body, record.body_id)
    click.echo(
        _("{person}'s seat in {body} ends on {day}.").format(
            person=person, body=body_name, day=as_text(on)
        )
    )


# Leadership


@main.command(
    "leadership",
    help=_(
        "Who sits in the Board and the working groups on a date, and how many are grassroots "
        "members (people of member organisations)."
    ),
)
@date_option("--at", "at_text", _("The date to look at (default: today)."))
@click.option("--body", "body_id", metavar="BODY_ID", help=_("Also list who sits in this body."))
@json_option
def leadership_command(at_text: str | None, body_id: str | None, as_json: bool) -> None:
    on = day_option("at", at_text) or date.today()
    with open_directory(write=False) as directory:
        chosen = directory.get(Body, body_id) if body_id else None
        figures = [f for f in leadership(directory, on) if chosen is None or f.body.id == chosen.id]
        on_board = grassroots_on_board(directory, on)
        held = body_seats(directory, chosen.id, on=on) if chosen else ()
        if as_json:
            result: dict[str, Any] = {
                "on": on.isoformat(),
                "grassroots_on_board": on_board,
                "bodies": [_leadership_json(f) for f in figures],
            }
            if chosen:
                result["seats"] = [_seat_json(directory, h) for h in held]
            echo_json(result)
            return
        board = [f for f in leadership(directory, on) if f.body.body_kind == "board"]
        if board:
            people = sum(f.people for f in board)
            click.echo(
                _(
                    "On {day}, {on_board} of the {people} people on the Board sit for "
                    "member organisations."
                ).format(day=on.isoformat(), on_board=on_board, people=people)
            )
            click.echo("")
        print_items(figures, [
            (_("BODY"), lambda f: f.body.acronym or f.body.name),
            (_("SEATS"), lambda f: str(f.seats)),
            (_("HELD BY MEMBERS"), lambda f: str(f.held_by_members)),
            (_("PEOPLE"), lambda f: str(f.people)),
            (_("FROM MEMBERS"), lambda f: str(f.people_from_members)),
            (_("LEADING ROLES BY MEMBERS"), lambda f: _("{part} of {whole}").format(
                part=f.leading_held_by_members, whole=f.leading_seats
            )),
        ], _("No bodies."))
        if chosen:
            click.echo("")
            click.echo(_("{name} on {day}:").format(name=chosen.name, day=on.isoformat()))
            _print_seats(directory, held, _("  nobody"))
