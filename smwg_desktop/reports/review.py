"""A proposal's review status report, ready to hand to the GSM: which body answered what and
when, who has not answered, the versions of the note, and each body's comments.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from smwg_desktop.core.consent import name_in_role, visible_organisation
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation, Proposal, Revision
from smwg_desktop.core.proposals import ReviewLine, ReviewProgress, review_progress, revisions
from smwg_desktop.i18n import (
    PROPOSAL_STATUS_LABELS,
    REVIEW_STATE_LABELS,
    deadline_text,
    format_date,
    label,
    review_progress_text,
    translations,
)
from smwg_desktop.reports.common import (
    WARNING_HEX,
    Layout,
    Metadata,
    Styles,
    build_without_cover,
    grid,
    header_row,
    meeting_running,
    network_name,
    opening,
    paper_size,
    section,
    shaded,
)
from smwg_desktop.reports.fonts import markup
from smwg_desktop.reports.meeting import People

MISSING_BACKGROUND = "#fce8e6"
"""Rows of the bodies that have not answered: they must stand out on paper too."""


@dataclass(frozen=True)
class ReviewReportResult:
    """What a printed review status report holds."""

    pages: int
    reviews: int
    answered: int


def write_review(
    directory: Directory,
    proposal_id: str,
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    paper: str = "a4",
    closed_meeting: bool = False,
    today: date | None = None,
) -> ReviewReportResult:
    """Print the review status of a proposal (id or unique prefix) to ``path``.

    Reviewers print as ``core.consent`` allows (a person named as a body's reviewer
    must have consented to their role being printed); authoring organisations at risk
    or not listed are left out. ``closed_meeting`` is the document-level override,
    said at the top. ``today`` (default: today) is the day the days left are counted
    from and the generation date. Raises ``UserError`` for an unknown proposal,
    language or paper, or a missing folder.
    """
    _ = translations(lang).gettext
    paper_size(paper)
    proposal = directory.get(Proposal, proposal_id)
    today = today or date.today()
    progress = review_progress(directory, proposal.id, today)
    versions = revisions(directory, proposal.id)
    people = People(directory, override=closed_meeting, on=today)
    authors = _authors(directory, proposal, closed_meeting)
    styles = Styles()
    title = _("Review status report")
    running = meeting_running(title, proposal.title, closed_meeting, today, lang)
    metadata = Metadata(title=title, subject=network_name(directory))

    def make_story(previous: Layout | None) -> list[Flowable]:
        story = _heading(proposal, progress, authors, versions, styles, lang, closed_meeting)
        story += _answers(progress, versions, people, styles, lang)
        story += _comments(progress, people, styles, lang)
        return story

    layout = build_without_cover(path, make_story, styles=styles, running=running,
                                 metadata=metadata, paper=paper, lang=lang)
    return ReviewReportResult(layout.pages, progress.total, progress.answered)


def _authors(directory: Directory, proposal: Proposal, override: bool) -> list[str]:
    names = []
    for organisation_id in proposal.author_ids:
        found = directory.find(Organisation, organisation_id)
        shown = (
            visible_organisation(found, include_prospects=True, override=override)
            if found else None
        )
        if shown is not None:
            names.append(f"{shown.name} ({shown.acronym})" if shown.acronym else shown.name)
    return names


def _reviewer(people: People, person_id: str) -> str:
    """The reviewer's name, if they may be printed as holding that role; else nothing."""
    return name_in_role(people.person(person_id))


def _version(versions: list[Revision], revision_id: str, lang: str) -> str:
    found = next((r for r in versions if r.id == revision_id), None)
    if found is None:
        return ""
    when = f" ({format_date(found.issued_on, lang, 'medium')})" if found.issued_on else ""
    return found.name + when


def _heading(
    proposal: Proposal,
    progress: ReviewProgress,
    authors: list[str],
    versions: list[Revision],
    styles: Styles,
    lang: str,
    closed_meeting: bool,
) -> list[Flowable]:
    _ = translations(lang).gettext
    deadline = markup(_("None"))
    if proposal.deadline is not None:
        deadline = markup(
            f"{format_date(proposal.deadline, lang)} ({deadline_text(progress.days_left, lang)})"
        )
        if progress.overdue:
            deadline = f'<font color="{WARNING_HEX}"><b>{deadline}</b></font>'
    facts: list[tuple[str, str]] = [
        (_("Status"), markup(label(PROPOSAL_STATUS_LABELS, proposal.status, _))),
        (_("Deadline"), deadline),
    ]
    if authors:
        facts.append((_("Proposed by"), "<br/>".join(markup(name) for name in authors)))
    if versions:
        lines = []
        for version in versions:
            line = markup(version.name, bold=True)
            if version.issued_on:
                line += " · " + markup(format_date(version.issued_on, lang))
            if version.location:
                line += "<br/>" + f'<font color="#5f6368">{markup(version.location)}</font>'
            lines.append(line)
        facts.append((_("Versions of the note"), "<br/>".join(lines)))
    return opening(
        styles, lang, kind=_("Review status report"), title=proposal.title,
        closed_meeting=closed_meeting, facts=facts, label_width=24,
        about=_paragraphs(proposal.summary),
    )


def _paragraphs(text: str) -> str:
    """Several lines of user text as markup, each line kept."""
    return "<br/>".join(markup(line) for line in text.splitlines())


def _answers(
    progress: ReviewProgress,
    versions: list[Revision],
    people: People,
    styles: Styles,
    lang: str,
) -> list[Flowable]:
    _ = translations(lang).gettext
    heading = _("Answers by working group")
    story: list[Flowable] = [
        section(styles, heading, "answers", styles.h2),
    ]
    if not progress.lines:
        story.append(styles.para(markup(_("The proposal has not been sent for review yet.")),
                                 styles.body))
        return story
    story.append(styles.para(markup(review_progress_text(progress, lang) + ".", bold=True),
                             styles.body))
    if progress.missing:
        names = ", ".join(line.body_name for line in progress.missing)
        text = (
            _("The deadline has passed and these have not answered: {names}")
            if progress.overdue else _("No answer yet from: {names}")
        ).format(names=names)
        story.append(styles.para(f'<font color="{WARNING_HEX}">{markup(text, bold=True)}</font>',
                                 styles.body))
    story.append(Spacer(0, 3 * mm))
    rows = [header_row(styles, (_("Working group"), _("Answer"), _("Answered on"),
                                _("Reviewer"), _("Version read")))]
    commands: list[tuple[object, ...]] = []
    for row, line in enumerate(progress.lines, start=1):
        review = line.review
        answer = markup(label(REVIEW_STATE_LABELS, review.state, _), bold=not line.answered)
        if not line.answered:
            answer = f'<font color="{WARNING_HEX}">{answer}</font>'
            commands.append(shaded(row, MISSING_BACKGROUND))
        rows.append([
            styles.para(markup(line.body_name, bold=True), styles.cell),
            styles.para(answer, styles.cell),
            styles.para(markup(format_date(review.answered_on, lang, "medium"))
                        if review.answered_on else "", styles.cell),
            styles.para(markup(_reviewer(people, review.reviewer_id)), styles.cell),
            styles.para(markup(_version(versions, review.revision_id, lang)), styles.cell_small),
        ])
    story.append(grid(rows, ["30%", "15%", "15%", "20%", "20%"], commands))
    return story


def _comments(
    progress: ReviewProgress, people: People, styles: Styles, lang: str
) -> list[Flowable]:
    _ = translations(lang).gettext
    commented = [line for line in progress.lines if line.review.comments]
    if not commented:
        return []
    heading = _("Comments")
    story: list[Flowable] = [
        Spacer(0, 4 * mm),
        section(styles, heading, "comments", styles.h2),
    ]
    for line in commented:
        story.append(KeepTogether(_comment(line, people, styles, lang)))
    return story


def _comment(line: ReviewLine, people: People, styles: Styles, lang: str) -> list[Flowable]:
    _ = translations(lang).gettext
    review = line.review
    answer = label(REVIEW_STATE_LABELS, review.state, _)
    if review.answered_on:
        answer += ", " + format_date(review.answered_on, lang)
    parts: list[Flowable] = [
        styles.para(markup(line.body_name) + " · " + markup(answer), styles.h3),
    ]
    reviewer = _reviewer(people, review.reviewer_id)
    if reviewer:
        parts.append(styles.para(markup(_("Reviewer: {name}").format(name=reviewer)),
                                 styles.small))
    parts.append(styles.para(_paragraphs(review.comments), styles.entry))
    return parts
