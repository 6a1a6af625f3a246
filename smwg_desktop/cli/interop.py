"""Commands that bring the directory in and take it out: import, export, duplicates."""

from __future__ import annotations

from pathlib import Path

import click

from smwg_desktop.cli.common import main, open_directory
from smwg_desktop.cli.records import export
from smwg_desktop.core.model import RECORD_TYPES
from smwg_desktop.i18n import _, ngettext


@main.command(
    "import",
    help=_("Organisations and people from CSV, XLSX or vCard, linked by organisation name."),
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--dry-run", is_flag=True, help=_("Show what would happen, row by row; write nothing.")
)
@click.option(
    "--mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("A saved column mapping (JSON) to use instead of recognising the columns."),
)
@click.option(
    "--skip-bad-rows",
    is_flag=True,
    help=_("Import the good rows and report the others."),
)
def import_command(file: Path, dry_run: bool, mapping: Path | None, skip_bad_rows: bool) -> None:
    from smwg_desktop.interop.apply import import_file

    with open_directory(write=not dry_run) as directory:
        plan, report = import_file(
            directory, file, mapping=mapping, dry_run=dry_run, skip_bad_rows=skip_bad_rows
        )
    for line in plan.describe() if report is None else report.describe():
        click.echo(line)


@export.command("csv", help=_("Organisations and people, as consent allows, as CSV."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_csv(file: Path, **options: object) -> None:
    _export("csv", file, options)


@export.command("xlsx", help=_("Organisations and people, as consent allows, as a spreadsheet."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_xlsx(file: Path, **options: object) -> None:
    _export("xlsx", file, options)


@export.command("vcf", help=_("People, as consent allows, as vCard 4.0."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_vcf(file: Path, **options: object) -> None:
    _export("vcf", file, options)


def _filters(command: click.Command) -> click.Command:
    for option in reversed(
        [
            click.Option(
                ["--search", "text"], default="", help=_("Only records matching this text.")
            ),
            click.Option(["--country"], default="", help=_("ISO 3166 code.")),
            click.Option(["--region"], default=""),
            click.Option(
                ["--status"], default="", help=_("member, applicant, prospect or former.")
            ),
            click.Option(["--constituency"], default=""),
            click.Option(["--women-led"], is_flag=True),
            click.Option(["--include-prospects"], is_flag=True),
            click.Option(
                ["--include-at-risk"],
                is_flag=True,
                help=_(
                    "Deliberately export records marked at risk or not listed, and withheld fields."
                ),
            ),
        ]
    ):
        command.params.append(option)
    return command


for _command in (export_csv, export_xlsx, export_vcf):
    _filters(_command)


def _export(fmt: str, file: Path, options: dict[str, object]) -> None:
    from smwg_desktop.interop.export import ExportFilter, export_file

    override = bool(options.pop("include_at_risk", False))
    wanted = ExportFilter(**options)  # type: ignore[arg-type]
    with open_directory(write=False) as directory:
        summary = export_file(directory, fmt, file, wanted, override=override)  # type: ignore[arg-type]
    withheld = summary.withheld_people + summary.withheld_organisations
    kept = _("; {n} withheld (at risk or not listed)").format(n=withheld) if withheld else ""
    click.echo(
        _("Wrote {file}: {organisations}, {people}{kept}.").format(
            file=file,
            organisations=ngettext(
                "{n} organisation", "{n} organisations", summary.organisations
            ).format(n=summary.organisations),
            people=ngettext("{n} person", "{n} people", summary.people).format(n=summary.people),
            kept=kept,
        )
    )


@main.command(help=_("Likely duplicate people and organisations, or merge one pair."))
@click.option("--merge", nargs=2, metavar="A B", help=_("Merge record A into record B."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON for scripts."))
def duplicates(merge: tuple[str, str] | None, as_json: bool) -> None:
    from smwg_desktop.interop.duplicates import find_duplicates
    from smwg_desktop.interop.duplicates import merge as merge_records

    if merge:
        with open_directory(write=True) as directory:
            result = merge_records(directory, merge[0], merge[1])
        click.echo(
            _("Merged {kind} {removed_id} into {kept_id}.").format(
                kind=_(RECORD_TYPES[result.kind].label).lower(),
                removed_id=result.removed_id,
                kept_id=result.kept_id,
            )
        )
        return
    with open_directory(write=False) as directory:
        pairs = find_duplicates(directory)
    if as_json:
        import json

        click.echo(json.dumps([pair.__dict__ for pair in pairs], ensure_ascii=False, indent=2))
        return
    if not pairs:
        click.echo(_("No likely duplicates."))
        return
    for pair in pairs:
        click.echo(
            _("{kind}: {merge_name} ({merge_id}) and {into_name} ({into_id}): {reasons}").format(
                kind=_(RECORD_TYPES[pair.kind].label).lower(),
                merge_name=pair.merge_name,
                merge_id=pair.merge_id[:8],
                into_name=pair.into_name,
                into_id=pair.into_id[:8],
                reasons=", ".join(pair.reasons),
            )
        )

