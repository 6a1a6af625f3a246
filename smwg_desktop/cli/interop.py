"""Commands that bring the directory in and take it out: import, export, duplicates."""

from __future__ import annotations

from pathlib import Path

import click

from smwg_desktop.cli.common import main, open_directory
from smwg_desktop.cli.records import export


@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would happen, row by row; write nothing.")
@click.option(
    "--mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A saved column mapping (JSON) to use instead of recognising the columns.",
)
@click.option("--skip-bad-rows", is_flag=True, help="Import the good rows and report the others.")
def import_command(file: Path, dry_run: bool, mapping: Path | None, skip_bad_rows: bool) -> None:
    """Organisations and people from CSV, XLSX or vCard, linked by organisation name."""
    from smwg_desktop.interop.apply import import_file

    with open_directory(write=not dry_run) as directory:
        plan, report = import_file(
            directory, file, mapping=mapping, dry_run=dry_run, skip_bad_rows=skip_bad_rows
        )
    for line in plan.describe() if report is None else report.describe():
        click.echo(line)


@export.command("csv")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_csv(file: Path, **options: object) -> None:
    """Organisations and people, as consent allows, as CSV."""
    _export("csv", file, options)


@export.command("xlsx")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_xlsx(file: Path, **options: object) -> None:
    """Organisations and people, as consent allows, as a spreadsheet."""
    _export("xlsx", file, options)


@export.command("vcf")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_vcf(file: Path, **options: object) -> None:
    """People, as consent allows, as vCard 4.0."""
    _export("vcf", file, options)


def _filters(command: click.Command) -> click.Command:
    for option in reversed(
        [
            click.Option(["--search", "text"], default="", help="Only records matching this text."),
            click.Option(["--country"], default="", help="ISO 3166 code."),
            click.Option(["--region"], default=""),
            click.Option(["--status"], default="", help="member, applicant, prospect or former."),
            click.Option(["--constituency"], default=""),
            click.Option(["--women-led"], is_flag=True),
            click.Option(["--include-prospects"], is_flag=True),
            click.Option(
                ["--include-at-risk"],
                is_flag=True,
                help="Deliberately export records marked at risk or not listed, and withheld fields.",
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
    kept = f"; {withheld} withheld (at risk or not listed)" if withheld else ""
    click.echo(
        f"Wrote {file}: {summary.organisations} organisations, {summary.people} people{kept}."
    )


@main.command()
@click.option("--merge", nargs=2, metavar="A B", help="Merge record A into record B.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def duplicates(merge: tuple[str, str] | None, as_json: bool) -> None:
    """Likely duplicate people and organisations, or merge one pair."""
    from smwg_desktop.interop.duplicates import find_duplicates
    from smwg_desktop.interop.duplicates import merge as merge_records

    if merge:
        with open_directory(write=True) as directory:
            result = merge_records(directory, merge[0], merge[1])
        click.echo(f"Merged {result.kind} {result.removed_id} into {result.kept_id}.")
        return
    with open_directory(write=False) as directory:
        pairs = find_duplicates(directory)
    if as_json:
        import json

        click.echo(json.dumps([pair.__dict__ for pair in pairs], ensure_ascii=False, indent=2))
        return
    if not pairs:
        click.echo("No likely duplicates.")
        return
    for pair in pairs:
        click.echo(
            f"{pair.kind}: {pair.merge_name} ({pair.merge_id[:8]}) and {pair.into_name} "
            f"({pair.into_id[:8]}): {', '.join(pair.reasons)}"
        )

