"""Shared pieces of the ``smwg`` command: the group, opening the directory, printing."""

from __future__ import annotations

import contextlib
import json
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import NotFoundError, RefusedError, UserError, ValidationError
from smwg_desktop.core.fields import Contact, Date, ListOf, Reference
from smwg_desktop.core.geo import country_name
from smwg_desktop.core.model import (
    RECORD_TYPES,
    Organisation,
    Record,
)
from smwg_desktop.i18n import REGION_LABELS, _, label, ngettext

USAGE_EXIT = 2
"""Exit status of every refusal: a usage error or a ``UserError``."""

SHORT_ID = 8
"""Characters of an id shown in tables; longer only where that prefix is ambiguous."""

WEBDAV_PASSWORD_VARIABLE = "SMWG_WEBDAV_PASSWORD"

_NoArgsIsHelp: Any = getattr(click.exceptions, "NoArgsIsHelpError", ())


def one_line(message: str) -> str:
    return " ".join(message.split())


def fail(message: str, code: int = USAGE_EXIT) -> NoReturn:
    click.echo(f"smwg: {one_line(message)}", err=True)
    sys.exit(code)


class SmwgGroup(click.Group):
    """The root command: turns every refusal into one line on stderr and exit 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        # Also under `python -m smwg_desktop.cli`: messages name the command people type.
        options: dict[str, Any] = {"prog_name": prog_name or "smwg", "complete_var": complete_var}
        if not standalone_mode:
            return super().main(args, standalone_mode=False, **options, **extra)
        try:
            result = super().main(args, standalone_mode=False, **options, **extra)
        except _NoArgsIsHelp as exc:
            # A bare `smwg` or `smwg org` asks what there is to do.
            click.echo(exc.ctx.get_help())
            sys.exit(0)
        except click.UsageError as exc:
            hint = (
                _(" (see '{command} --help')").format(command=exc.ctx.command_path)
                if exc.ctx is not None
                else ""
            )
            fail(exc.format_message().rstrip(".") + hint)
        except click.ClickException as exc:
            fail(exc.format_message())
        except UserError as exc:
            fail(str(exc))
        except click.Abort:
            fail(_("interrupted"), code=1)
        sys.exit(result if isinstance(result, int) else 0)


# Opening the data directory


@contextlib.contextmanager
def open_directory(*, write: bool) -> Iterator[Directory]:
    params = click.get_current_context().find_root().params
    passphrase = secret_from_file(params.get("db_passphrase_file"), _("passphrase"))
    with Directory.open(params.get("data_dir"), write=write, passphrase=passphrase) as directory:
        yield directory


def secret_from_file(path: Path | None, what: str) -> str | None:
    """The secret in the first line of ``path`` (newline removed); None if no file was given."""
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            line = handle.readline().rstrip("\r\n")
    except OSError as exc:
        raise UserError(
            _("cannot read the {what} file {path}: {why}").format(
                what=what, path=path, why=exc.strerror
            )
        ) from None
    except UnicodeDecodeError:
        raise UserError(
            _("the {what} file {path} is not UTF-8 text").format(what=what, path=path)
        ) from None
    if not line.strip():
        raise UserError(
            _("the {what} file {path} is empty; put the {what} on its first line").format(
                what=what, path=path
            )
        )
    return line


# Turning options into values


def given_options(**options: Any) -> dict[str, Any]:
    """The options the person actually gave (unset options and empty lists dropped)."""
    return {name: value for name, value in options.items() if value not in (None, (), False)}


def resolve_reference(directory: Directory, cls: type[Record], name: str, text: str) -> Any:
    """An id field's text with each id prefix made a full id; other text unchanged."""
    kind = cls.field_types().get(name)
    target = kind if isinstance(kind, Reference) else getattr(kind, "item", None)
    if not isinstance(target, Reference) or not text.strip():
        return text
    target_cls = RECORD_TYPES[target.target]
    try:
        if isinstance(kind, ListOf):
            return tuple(
                directory.resolve(target_cls, part) for part in text.split(",") if part.strip()
            )
        return directory.resolve(target_cls, text)
    except NotFoundError as exc:
        raise ValidationError(name, str(exc)) from None


def record_values(
    directory: Directory, cls: type[Record], given: Mapping[str, Any], sets: Sequence[str]
) -> dict[str, Any]:
    """The values dict for ``cls``: the named options, then each ``--set FIELD=VALUE``.

    Unknown fields and bad values are left for the core to refuse; only id
    prefixes are resolved here, since the core stores full ids.
    """
    values = dict(given)
    for pair in sets:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise click.UsageError(_("--set takes FIELD=VALUE, got '{pair}'").format(pair=pair))
        if name in values:
            raise click.UsageError(_("{name} is given twice").format(name=name))
        values[name] = resolve_reference(directory, cls, name, text)
    return values


def clean_field(cls: type[Record], name: str, text: str) -> Any:
    """A filter value cleaned as the field cleans it ('pe' and 'Peru' both give 'PE')."""
    try:
        return cls.field_types()[name].clean(text, {})
    except ValueError as exc:
        raise ValidationError(name, str(exc)) from None


def day_option(name: str, text: str | None) -> date | None:
    """A ``date_option``'s text as a date; a bad one is refused naming the option."""
    if not text:
        return None
    try:
        day: date = Date().clean(text, {})
    except ValueError as exc:
        raise ValidationError(name, str(exc)) from None
    return day


# Printing


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide scripts count two, marks none."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> None:
    if not rows:
        click.echo(empty)
        return
    widths = [
        max(display_width(cell) for cell in column) for column in zip(headers, *rows, strict=True)
    ]
    for row in (headers, *rows):
        cells = [
            cell + " " * (wide - display_width(cell)) for cell, wide in zip(row, widths, strict=True)
        ]
        click.echo("  ".join(cells).rstrip())


Item = TypeVar("Item")
Column = tuple[str, Callable[[Item], str]]
"""A column of a printed table: its header, and its cell for one item."""


def print_items(items: Sequence[Item], columns: Sequence[Column[Item]], empty: str) -> None:
    """A table of ``items``, a row each; ``empty`` when there are none."""
    print_table(
        [header for header, _cell in columns],
        [[cell(item) for _header, cell in columns] for item in items],
        empty,
    )


def echo_items(
    items: Sequence[Item],
    columns: Sequence[Column[Item]],
    empty: str,
    *,
    as_json: bool,
    to_json: Callable[[Item], Any],
) -> None:
    """``items`` as a table, or with ``--json`` as a list of one object each."""
    if as_json:
        echo_json([to_json(item) for item in items])
    else:
        print_items(items, columns, empty)


def id_column(
    directory: Directory, cls: type[Record], record_id: Callable[[Item], str]
) -> Column[Item]:
    """The ID column: each record's shortest id that the commands accept back."""
    return (_("ID"), lambda item: short_id(directory, cls, record_id(item)))


def echo_created(record: Record, as_json: bool) -> None:
    """What an ``add`` command prints: the new id, or with ``--json`` the whole record."""
    if as_json:
        echo_json(record_json(record))
    else:
        click.echo(record.id)


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Contact):
        return f"{value.kind}:{value.value}"
    if isinstance(value, tuple):
        return ", ".join(as_text(v) for v in value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def print_pairs(rows: Sequence[tuple[str, str]]) -> None:
    wide = max(display_width(key) for key, _ in rows) + 1
    for key, text in rows:
        label = f"{key}:" + " " * (wide - display_width(key) - 1)
        text = text.replace("\n", "\n" + " " * (wide + 1))
        click.echo(f"{label} {text}".rstrip())


def record_rows(record: Record) -> list[tuple[str, str]]:
    """Every field under the name ``--set`` takes, so a person sees what to edit."""
    rows = [("id", record.id)]
    for name in record.field_types():
        if name == "sample" and not record.sample:
            continue
        value = getattr(record, name)
        text = as_text(value)
        if name == "country" and value:
            text = f"{value} ({country_name(value)})"
        rows.append((name, text))
        if name == "country" and isinstance(record, Organisation) and record.region:
            rows.append(("region", label(REGION_LABELS, record.region, _)))
    return rows


def record_json(record: Record) -> dict[str, Any]:
    return {"id": record.id, **record.to_json()}


def echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True))


def short_id(directory: Directory, cls: type[Record], record_id: str) -> str:
    """The shortest of a few prefixes of ``record_id`` that the commands accept back."""
    for length in (SHORT_ID, 2 * SHORT_ID):
        prefix = record_id[:length]
        with contextlib.suppress(NotFoundError):
            if directory.resolve(cls, prefix) == record_id:
                return prefix
    return record_id


def record_name(directory: Directory, cls: type[Record], record_id: str) -> str:
    found = directory.find(cls, record_id) if record_id else None
    if found is None:
        return ""
    return str(getattr(found, "name", None) or getattr(found, "title", ""))


def local_note(directory: Directory, cls: type[Record], record_id: str) -> None:
    note = directory.local_note(cls, record_id)
    if note:
        click.echo("")
        click.echo(_("Local note (kept on this device only, never shared):"))
        for line in note.splitlines():
            click.echo(f"  {line}")


json_option = click.option("--json", "as_json", is_flag=True, help=_("Print JSON for scripts."))
set_option = click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="FIELD=VALUE",
    help=_("Any field of the record; list fields take comma-separated values."),
)


def date_option(
    flag: str, name: str, help_text: str | None = None, *, required: bool = False
) -> Callable[[Any], Any]:
    """An option that takes a DATE (YYYY-MM-DD), as text: ``day_option`` reads it where the
    command is ready to refuse it, or the core cleans it as the record's field."""
    return click.option(flag, name, required=required, metavar="DATE", help=help_text)


def delete_record(cls: type[Record], record_id: str) -> None:
    with open_directory(write=True) as directory:
        record = directory.get(cls, record_id)
        deleted = directory.delete(cls, record.id)
    linked = len(deleted) - 1
    also = _linked_text(linked)
    click.echo(
        _("Deleted {kind} {name} ({id}){also}.").format(
            kind=_(cls.label).lower(), name=name_of(record), id=record.id, also=also
        )
    )


def _linked_text(linked: int) -> str:
    """" and 2 linked records", or nothing when there are none."""
    if not linked:
        return ""
    return ngettext(" and {n} linked record", " and {n} linked records", linked).format(n=linked)


def erase_record(cls: type[Record], record_id: str, confirmed: bool) -> None:
    """Erase for good; says which backups were rewritten or removed, never the name."""
    label = _(cls.label).lower()
    if not confirmed and not click.confirm(
        _("Erase this {label} for good, here and, as they sync, on every device?").format(
            label=label
        ),
        err=True,
    ):
        raise RefusedError(_("nothing erased"))
    with open_directory(write=True) as directory:
        report = directory.erase(cls, record_id)
    main_id = next(rid for kind, rid in report.erased if kind == cls.kind)
    linked = len(report.erased) - 1
    click.echo(
        _("Erased {label} {main_id}{also}; the erasure travels with the next sync.").format(
            label=label, main_id=main_id, also=_linked_text(linked)
        )
    )
    for backup in report.backups_rewritten:
        click.echo(_("Backup rewritten without it: {name}").format(name=backup.name))
    for backup in report.backups_removed:
        click.echo(_("Backup removed (it could not be rewritten): {name}").format(name=backup.name))


def name_of(record: Record) -> str:
    return str(getattr(record, "name", None) or getattr(record, "title", "") or record.id)


def edit_record(cls: type[Record], record_id: str, sets: Sequence[str]) -> None:
    if not sets:
        raise click.UsageError(_("nothing to change; give at least one --set FIELD=VALUE"))
    with open_directory(write=True) as directory:
        target = directory.resolve(cls, record_id)
        directory.update(cls, target, record_values(directory, cls, {}, sets))


def set_note(cls: type[Record], record_id: str, text: str) -> None:
    with open_directory(write=True) as directory:
        directory.set_local_note(cls, record_id, text)


# The commands


@click.group(
    cls=SmwgGroup,
    name="smwg",
    help=_("SMWG Desktop's member directory, from the command line."),
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help=_("The data directory (default: $SMWG_DATA_DIR, else the per-user data folder)."),
)
@click.option(
    "--db-passphrase-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("A file whose first line is the passphrase of an encrypted data directory "
           "(default: $SMWG_DB_PASSPHRASE)."),
)
@click.version_option(package_name="smwg-desktop", prog_name="smwg")
def main(data_dir: Path | None, db_passphrase_file: Path | None) -> None:
    pass

