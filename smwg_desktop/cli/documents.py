"""Commands that print: the member directory and a meeting pack (``smwg pdf ...``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from smwg_desktop.cli.common import echo_json, json_option, main, open_directory
from smwg_desktop.cli.governance import filter_options, pipeline_filter
from smwg_desktop.i18n import LANGUAGES, _, current_language, ngettext

# The documents speak the command line's language unless told otherwise.
_lang = click.option(
    "--lang", type=click.Choice(LANGUAGES), default=current_language(), show_default=True
)
_paper = click.option(
    "--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True
)
_closed = click.option(
    "--closed-meeting",
    is_flag=True,
    help=_(
        "Deliberately print everyone, at-risk people and withheld fields included, for a "
        "closed meeting; the cover says so."
    ),
)


@main.group(help=_("Print documents as PDF files."))
def pdf() -> None:
    pass


@pdf.command("directory", help=_("The member directory, as consent allows."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_lang
@_paper
@click.option(
    "--group-by",
    type=click.Choice(["region", "country", "constituency"]),
    default="region",
    show_default=True,
)
@click.option(
    "--include-prospects", is_flag=True, help=_("Also print prospects and former members.")
)
@_closed
def pdf_directory(
    file: Path, lang: str, paper: str, group_by: str, include_prospects: bool, closed_meeting: bool
) -> None:
    from smwg_desktop.reports.directory import write_directory

    with open_directory(write=False) as directory:
        result = write_directory(
            directory, file, lang=lang, paper=paper, group_by=group_by,
            include_prospects=include_prospects, closed_meeting=closed_meeting,
        )
    click.echo(
        _("Wrote {file}: {pages}, {organisations}, {people}.").format(
            file=file,
            pages=_pages(result.pages),
            organisations=ngettext(
                "{n} organisation", "{n} organisations", result.organisations
            ).format(n=result.organisations),
            people=ngettext("{n} person", "{n} people", result.people).format(n=result.people),
        )
    )


def _pages(count: int) -> str:
    return ngettext("{n} page", "{n} pages", count).format(n=count)


def _echo_written(file: Path, result: Any, as_json: bool, text: str) -> None:
    """What a ``pdf`` command prints: ``text``, or with ``--json`` the file and the figures
    of ``result`` (the writer's dataclass)."""
    if as_json:
        echo_json({"file": str(file), **dataclasses.asdict(result)})
    else:
        click.echo(text)


def _meeting_command(name: str, summary: str) -> None:
    @pdf.command(name, help=summary)
    @click.argument("activity_id")
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @_lang
    @_paper
    @_closed
    def command(activity_id: str, file: Path, lang: str, paper: str, closed_meeting: bool) -> None:
        from smwg_desktop.reports import agenda, badges, signin

        writers: dict[str, Callable[..., Any]] = {
            "agenda": agenda.write_agenda,
            "signin": signin.write_signin,
            "badges": badges.write_badges,
        }
        with open_directory(write=False) as directory:
            result = writers[name](
                directory, activity_id, file, lang=lang, paper=paper, closed_meeting=closed_meeting
            )
        click.echo(_("Wrote {file}: {pages}.").format(file=file, pages=_pages(result.pages)))


_meeting_command("agenda", _("The agenda of an activity, with times per day and participants."))
_meeting_command(
    "signin", _("A sign-in sheet for an activity: confirmed participants and blank rows.")
)
_meeting_command("badges", _("Name badges for an activity's participants, with cut marks."))


@pdf.command(
    "review",
    help=_("A proposal's review status: which body answered what and when, with the comments."),
)
@click.argument("proposal_id")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_lang
@_paper
@_closed
@json_option
def pdf_review(
    proposal_id: str, file: Path, lang: str, paper: str, closed_meeting: bool, as_json: bool
) -> None:
    from smwg_desktop.reports.review import write_review

    with open_directory(write=False) as directory:
        result = write_review(
            directory, proposal_id, file, lang=lang, paper=paper, closed_meeting=closed_meeting
        )
    text = _("Wrote {file}: {pages}, {answered} of {reviews} answers.").format(
        file=file, pages=_pages(result.pages), answered=result.answered, reviews=result.reviews
    )
    _echo_written(file, result, as_json, text)


@pdf.command(
    "outreach",
    help=_("The outreach summary: the pipeline by stage, and the priority figures with charts."),
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_lang
@_paper
@filter_options
@_closed
@json_option
def pdf_outreach(
    file: Path,
    lang: str,
    paper: str,
    region: str | None,
    country: str | None,
    constituency: str | None,
    women_led: bool,
    closed_meeting: bool,
    as_json: bool,
) -> None:
    from smwg_desktop.reports.outreach import write_outreach

    wanted = pipeline_filter(region, country, constituency, women_led)
    with open_directory(write=False) as directory:
        result = write_outreach(
            directory, file, lang=lang, paper=paper, wanted=wanted, closed_meeting=closed_meeting
        )
    withheld = (
        _(" ({n} not named: at risk or not listed)").format(n=result.withheld)
        if result.withheld
        else ""
    )
    text = _("Wrote {file}: {pages}, {prospects}{withheld}.").format(
        file=file,
        pages=_pages(result.pages),
        prospects=ngettext(
            "{n} organisation in the pipeline", "{n} organisations in the pipeline",
            result.prospects,
        ).format(n=result.prospects),
        withheld=withheld,
    )
    _echo_written(file, result, as_json, text)


@main.command(
    "self-test",
    help=_("Check, headless and in a temporary folder, that this installation works."),
)
def self_test() -> int:
    from smwg_desktop import selftest

    return 0 if selftest.run(click.echo) else 1
