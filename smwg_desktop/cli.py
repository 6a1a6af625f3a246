"""The ``smwg`` command: a thin face over ``Directory`` for terminals and scripts.

Each command opens the data directory (read-only for show, list, search and
export), turns its text options into the values dict the core cleans, and prints
the result. A refusal the person caused (a ``UserError`` from the core, or a
usage error) is one line on stderr, ``smwg: <message>``, exit status 2, and
nothing written; programming errors still raise.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NoReturn

import click

from smwg_desktop.core.agenda import Slot
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import NotFoundError, RefusedError, UserError, ValidationError
from smwg_desktop.core.fields import Contact, ListOf, Reference
from smwg_desktop.core.geo import REGION_LABELS, Region, country_name
from smwg_desktop.core.model import (
    RECORD_TYPES,
    Activity,
    AgendaItem,
    Body,
    Organisation,
    Participant,
    Person,
    Record,
)
from smwg_desktop.storage.changelog import encode

USAGE_EXIT = 2
"""Exit status of every refusal: a usage error or a ``UserError``."""

SHORT_ID = 8
"""Characters of an id shown in tables; longer only where that prefix is ambiguous."""

_PLURALS = {"person": "people", "body": "bodies", "activity": "activities"}

_NoArgsIsHelp: Any = getattr(click.exceptions, "NoArgsIsHelpError", ())


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _fail(message: str, code: int = USAGE_EXIT) -> NoReturn:
    click.echo(f"smwg: {_one_line(message)}", err=True)
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
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            _fail(exc.format_message().rstrip(".") + hint)
        except click.ClickException as exc:
            _fail(exc.format_message())
        except UserError as exc:
            _fail(str(exc))
        except click.Abort:
            _fail("interrupted", code=1)
        sys.exit(result if isinstance(result, int) else 0)


# Opening the data directory


@contextlib.contextmanager
def _open(*, write: bool) -> Iterator[Directory]:
    data_dir = click.get_current_context().find_root().params.get("data_dir")
    with Directory.open(data_dir, write=write) as directory:
        yield directory


# Turning options into values


def _given(**options: Any) -> dict[str, Any]:
    """The options the person actually gave (unset options and empty lists dropped)."""
    return {name: value for name, value in options.items() if value not in (None, (), False)}


def _resolve_reference(directory: Directory, cls: type[Record], name: str, text: str) -> Any:
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


def _values(
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
            raise click.UsageError(f"--set takes FIELD=VALUE, got '{pair}'")
        if name in values:
            raise click.UsageError(f"{name} is given twice")
        values[name] = _resolve_reference(directory, cls, name, text)
    return values


def _clean(cls: type[Record], name: str, text: str) -> Any:
    """A filter value cleaned as the field cleans it ('pe' and 'Peru' both give 'PE')."""
    try:
        return cls.field_types()[name].clean(text, {})
    except ValueError as exc:
        raise ValidationError(name, str(exc)) from None


# Printing


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide scripts count two, marks none."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> None:
    if not rows:
        click.echo(empty)
        return
    widths = [max(_width(cell) for cell in column) for column in zip(headers, *rows, strict=True)]
    for row in (headers, *rows):
        cells = [
            cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=True)
        ]
        click.echo("  ".join(cells).rstrip())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Contact):
        return f"{value.kind}:{value.value}"
    if isinstance(value, tuple):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _pairs(rows: Sequence[tuple[str, str]]) -> None:
    width = max(_width(key) for key, _ in rows) + 1
    for key, text in rows:
        label = f"{key}:" + " " * (width - _width(key) - 1)
        text = text.replace("\n", "\n" + " " * (width + 1))
        click.echo(f"{label} {text}".rstrip())


def _record_rows(record: Record) -> list[tuple[str, str]]:
    """Every field under the name ``--set`` takes, so a person sees what to edit."""
    rows = [("id", record.id)]
    for name in record.field_types():
        if name == "sample" and not record.sample:
            continue
        value = getattr(record, name)
        text = _text(value)
        if name == "country" and value:
            text = f"{value} ({country_name(value)})"
        rows.append((name, text))
        if name == "country" and isinstance(record, Organisation) and record.region:
            rows.append(("region", REGION_LABELS[record.region]))
    return rows


def _record_json(record: Record) -> dict[str, Any]:
    return {"id": record.id, **record.to_json()}


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True))


def _short(directory: Directory, cls: type[Record], record_id: str) -> str:
    """The shortest of a few prefixes of ``record_id`` that the commands accept back."""
    for length in (SHORT_ID, 2 * SHORT_ID):
        prefix = record_id[:length]
        with contextlib.suppress(NotFoundError):
            if directory.resolve(cls, prefix) == record_id:
                return prefix
    return record_id


def _name(directory: Directory, cls: type[Record], record_id: str) -> str:
    found = directory.find(cls, record_id) if record_id else None
    if found is None:
        return ""
    return str(getattr(found, "name", None) or getattr(found, "title", ""))


def _local_note(directory: Directory, cls: type[Record], record_id: str) -> None:
    note = directory.local_note(cls, record_id)
    if note:
        click.echo("")
        click.echo("Local note (kept on this device only, never shared):")
        for line in note.splitlines():
            click.echo(f"  {line}")


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
set_option = click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Any field of the record; list fields take comma-separated values.",
)


def _delete(cls: type[Record], record_id: str) -> None:
    with _open(write=True) as directory:
        record = directory.get(cls, record_id)
        deleted = directory.delete(cls, record.id)
    linked = len(deleted) - 1
    also = f" and {linked} linked record{'s' if linked != 1 else ''}" if linked else ""
    click.echo(f"Deleted {cls.label.lower()} {_name_of(record)} ({record.id}){also}.")


def _name_of(record: Record) -> str:
    return str(getattr(record, "name", None) or getattr(record, "title", "") or record.id)


def _edit(cls: type[Record], record_id: str, sets: Sequence[str]) -> None:
    if not sets:
        raise click.UsageError("nothing to change; give at least one --set FIELD=VALUE")
    with _open(write=True) as directory:
        target = directory.resolve(cls, record_id)
        directory.update(cls, target, _values(directory, cls, {}, sets))


def _note(cls: type[Record], record_id: str, text: str) -> None:
    with _open(write=True) as directory:
        directory.set_local_note(cls, record_id, text)


# The commands


@click.group(cls=SmwgGroup, name="smwg")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The data directory (default: $SMWG_DATA_DIR, else the per-user data folder).",
)
@click.version_option(package_name="smwg-desktop", prog_name="smwg")
def main(data_dir: Path | None) -> None:
    """SMWG Desktop's member directory, from the command line."""


@main.command()
@click.option("--organisations", type=click.IntRange(min=0), help="How many organisations.")
@click.option("--people", type=click.IntRange(min=0), help="How many people.")
@click.option("--seed", type=int, help="The same seed gives the same sample data.")
def demo(organisations: int | None, people: int | None, seed: int | None) -> None:
    """Fill the directory with sample data (marked as sample) to try the program."""
    try:
        from smwg_desktop.core.demo import load_demo
    except ModuleNotFoundError as exc:
        if exc.name != "smwg_desktop.core.demo":
            raise
        raise RefusedError("sample data is not available in this version") from None
    options = {
        name: value
        for name, value in (("organisations", organisations), ("people", people), ("seed", seed))
        if value is not None
    }
    with _open(write=True) as directory:
        if any(directory.list(cls, {"sample": True}, limit=1) for cls in RECORD_TYPES.values()):
            raise RefusedError(
                "this data directory already holds sample data; loading it again would double it"
            )
        before = {kind: directory.count(cls) for kind, cls in RECORD_TYPES.items()}
        # One transaction: a failure part-way leaves no half-loaded sample behind.
        with directory.store.transaction():
            load_demo(directory, **options)
        added = {kind: directory.count(cls) - before[kind] for kind, cls in RECORD_TYPES.items()}
    parts = [
        f"{count} {_PLURALS.get(kind, kind + 's') if count != 1 else kind}".replace("_", " ")
        for kind, count in added.items()
        if count
    ]
    click.echo("Added sample data: " + (", ".join(parts) or "nothing") + ".")


# Organisations


@main.group()
def org() -> None:
    """Member organisations and prospects."""


@org.command("add")
@click.option("--name", required=True)
@click.option("--country", required=True, help="ISO 3166 code, such as PE or KE.")
@click.option("--acronym")
@click.option("--constituency", "constituencies", multiple=True, help="Repeat for each one.")
@click.option("--women-led", is_flag=True)
@click.option("--status", help="member, applicant, prospect or former.")
@set_option
def org_add(
    name: str,
    country: str,
    acronym: str | None,
    constituencies: tuple[str, ...],
    women_led: bool,
    status: str | None,
    sets: tuple[str, ...],
) -> None:
    """Add an organisation; prints its id."""
    given = _given(
        name=name,
        country=country,
        acronym=acronym,
        constituencies=constituencies,
        women_led=women_led,
        status=status,
    )
    with _open(write=True) as directory:
        record = directory.create(Organisation, _values(directory, Organisation, given, sets))
    click.echo(record.id)


@org.command("edit")
@click.argument("org_id")
@set_option
def org_edit(org_id: str, sets: tuple[str, ...]) -> None:
    """Change fields of an organisation."""
    _edit(Organisation, org_id, sets)


@org.command("show")
@click.argument("org_id")
@json_option
def org_show(org_id: str, as_json: bool) -> None:
    """Everything about one organisation, and its people."""
    with _open(write=False) as directory:
        record = directory.get(Organisation, org_id)
        if as_json:
            _echo_json(_record_json(record))
            return
        _pairs(_record_rows(record))
        people = [
            (_name(directory, Person, a.person_id), a.role)
            for a in directory.affiliations(organisation_id=record.id)
        ]
        if people:
            click.echo("")
            click.echo("People:")
            for person, role in people:
                click.echo(f"  {person}" + (f" — {role}" if role else ""))
        _local_note(directory, Organisation, record.id)


@org.command("list")
@click.option("--country")
@click.option("--region", type=click.Choice([r.value for r in Region], case_sensitive=False))
@click.option("--status")
@click.option("--constituency")
@click.option("--women-led", is_flag=True)
@json_option
def org_list(
    country: str | None,
    region: str | None,
    status: str | None,
    constituency: str | None,
    women_led: bool,
    as_json: bool,
) -> None:
    """Organisations, by name; the options narrow the list."""
    where: dict[str, Any] = {}
    if country:
        where["country"] = _clean(Organisation, "country", country)
    if region:
        where["region"] = region.lower()
    if status:
        where["status"] = _clean(Organisation, "status", status)
    if women_led:
        where["women_led"] = True
    wanted: tuple[str, ...] = _clean(Organisation, "constituencies", constituency or "")
    with _open(write=False) as directory:
        found = [
            o for o in directory.list(Organisation, where) if set(wanted) <= set(o.constituencies)
        ]
        if as_json:
            _echo_json([_record_json(o) for o in found])
            return
        rows = [
            (
                _short(directory, Organisation, o.id),
                o.name,
                o.acronym,
                o.country,
                REGION_LABELS[o.region] if o.region else "",
                o.status,
                "yes" if o.women_led else "",
            )
            for o in found
        ]
    headers = ("ID", "NAME", "ACRONYM", "COUNTRY", "REGION", "STATUS", "WOMEN-LED")
    _table(headers, rows, empty="No organisations.")


@org.command("delete")
@click.argument("org_id")
def org_delete(org_id: str) -> None:
    """Delete an organisation and its people's affiliations to it."""
    _delete(Organisation, org_id)


@org.command("note")
@click.argument("org_id")
@click.argument("text")
def org_note(org_id: str, text: str) -> None:
    """Set the note kept on this device only (an empty TEXT removes it)."""
    _note(Organisation, org_id, text)


# People


@main.group()
def person() -> None:
    """People, their organisations and their seats in bodies."""


@person.command("add")
@click.option("--name", required=True)
@click.option("--org", "org_id", metavar="ORG_ID", help="An organisation the person belongs to.")
@click.option("--role", help="The person's role in --org.")
@click.option("--email", "emails", multiple=True, help="Repeatable; kind:address allowed.")
@click.option("--phone", "phones", multiple=True, help="Repeatable; kind:number allowed.")
@click.option("--country")
@click.option("--at-risk", is_flag=True, help="Mark as a human-rights defender at risk.")
@set_option
def person_add(
    name: str,
    org_id: str | None,
    role: str | None,
    emails: tuple[str, ...],
    phones: tuple[str, ...],
    country: str | None,
    at_risk: bool,
    sets: tuple[str, ...],
) -> None:
    """Add a person; prints their id. Phones default to the country of --org."""
    if role and not org_id:
        raise click.UsageError("--role needs --org")
    given = _given(name=name, emails=emails, phones=phones, country=country, at_risk=at_risk)
    with _open(write=True) as directory:
        values = _values(directory, Person, given, sets)
        record = directory.add_person(values, organisation_id=org_id, role=role or "")
    click.echo(record.id)


@person.command("edit")
@click.argument("person_id")
@set_option
def person_edit(person_id: str, sets: tuple[str, ...]) -> None:
    """Change fields of a person."""
    _edit(Person, person_id, sets)


@person.command("show")
@click.argument("person_id")
@json_option
def person_show(person_id: str, as_json: bool) -> None:
    """Everything about one person, their organisations and their seats."""
    with _open(write=False) as directory:
        record = directory.get(Person, person_id)
        if as_json:
            _echo_json(_record_json(record))
            return
        _pairs(_record_rows(record))
        affiliations = directory.affiliations(person_id=record.id)
        if affiliations:
            click.echo("")
            click.echo("Organisations:")
            for a in affiliations:
                role = f" — {a.role}" if a.role else ""
                click.echo(f"  {_name(directory, Organisation, a.organisation_id)}{role}")
        seats = directory.seats(person_id=record.id)
        if seats:
            click.echo("")
            click.echo("Seats:")
            for s in seats:
                body = _name(directory, Body, s.body_id)
                dates = f" ({_text(s.start) or '…'} – {_text(s.end)})" if s.start or s.end else ""
                for_org = _name(directory, Organisation, s.organisation_id)
                via = f" for {for_org}" if for_org else ""
                click.echo(f"  {body} — {s.role.replace('_', ' ')}{via}{dates}")
        _local_note(directory, Person, record.id)


@person.command("list")
@click.option("--org", "org_id", metavar="ORG_ID", help="Only people of this organisation.")
@click.option("--at-risk", is_flag=True, help="Only people marked at risk.")
@json_option
def person_list(org_id: str | None, at_risk: bool, as_json: bool) -> None:
    """People, by name."""
    where: dict[str, Any] = {}
    if at_risk:
        where["at_risk"] = True
    with _open(write=False) as directory:
        if org_id:
            organisation = directory.get(Organisation, org_id)
            members = directory.affiliations(organisation_id=organisation.id)
            where["id"] = sorted({a.person_id for a in members})
        found = directory.list(Person, where) if where.get("id") != [] else []
        if as_json:
            _echo_json([_record_json(p) for p in found])
            return
        rows = [
            (
                _short(directory, Person, p.id),
                p.name,
                p.country,
                p.emails[0].value if p.emails else "",
                "at risk" if p.at_risk else "",
            )
            for p in found
        ]
    _table(("ID", "NAME", "COUNTRY", "E-MAIL", "RISK"), rows, empty="No people.")


@person.command("delete")
@click.argument("person_id")
def person_delete(person_id: str) -> None:
    """Delete a person, their affiliations, seats and places on activity lists."""
    _delete(Person, person_id)


@person.command("note")
@click.argument("person_id")
@click.argument("text")
def person_note(person_id: str, text: str) -> None:
    """Set the note kept on this device only (an empty TEXT removes it)."""
    _note(Person, person_id, text)


# Activities and agendas


@main.group()
def activity() -> None:
    """Meetings, dialogues, exchanges and publications."""


@activity.command("add")
@click.option("--title", required=True)
@click.option("--kind", required=True, help="strategic_exchange, gsm, side_meeting, ...")
@click.option("--start", required=True, help="Local time: YYYY-MM-DDTHH:MM.")
@click.option("--end", required=True, help="Local time: YYYY-MM-DDTHH:MM.")
@click.option("--tz", required=True, help="Time zone name, such as America/Lima.")
@click.option("--venue")
@click.option("--link")
@click.option("--language", "languages", multiple=True, help="Repeat for each one.")
@set_option
def activity_add(
    title: str,
    kind: str,
    start: str,
    end: str,
    tz: str,
    venue: str | None,
    link: str | None,
    languages: tuple[str, ...],
    sets: tuple[str, ...],
) -> None:
    """Add an activity; prints its id."""
    given = _given(
        title=title,
        activity_kind=kind,
        start=start,
        end=end,
        tz=tz,
        venue=venue,
        link=link,
        languages=languages,
    )
    with _open(write=True) as directory:
        record = directory.create(Activity, _values(directory, Activity, given, sets))
    click.echo(record.id)


@activity.command("edit")
@click.argument("activity_id")
@set_option
def activity_edit(activity_id: str, sets: tuple[str, ...]) -> None:
    """Change fields of an activity."""
    _edit(Activity, activity_id, sets)


def _timetable_rows(directory: Directory, slots: Sequence[Slot]) -> list[tuple[str, ...]]:
    return [
        (
            str(slot.item.day),
            slot.date.isoformat(),
            f"{slot.start:%H:%M}–{slot.end:%H:%M}",
            slot.item.title + (" (break)" if slot.item.item_kind == "break" else ""),
            _name(directory, Person, slot.item.facilitator_id),
            _short(directory, AgendaItem, slot.item.id),
        )
        for slot in slots
    ]


_TIMETABLE_HEADERS = ("DAY", "DATE", "TIME", "TITLE", "FACILITATOR", "ID")


@activity.command("show")
@click.argument("activity_id")
@json_option
def activity_show(activity_id: str, as_json: bool) -> None:
    """An activity with its participants and its timetable."""
    with _open(write=False) as directory:
        record = directory.get(Activity, activity_id)
        if as_json:
            _echo_json(_record_json(record))
            return
        _pairs(_record_rows(record))
        participants = [
            (_name(directory, Person, p.person_id), p.role, p.status)
            for p in directory.participants(record.id)
        ]
        click.echo("")
        click.echo("Participants:")
        _table(("NAME", "ROLE", "STATUS"), sorted(participants), empty="  nobody yet")
        click.echo("")
        click.echo(f"Agenda (times in {record.tz}):")
        rows = _timetable_rows(directory, directory.timetable(record.id))
        _table(_TIMETABLE_HEADERS, rows, empty="  no items yet")


@activity.command("list")
@json_option
def activity_list(as_json: bool) -> None:
    """Activities, by start."""
    with _open(write=False) as directory:
        found = directory.list(Activity)
        if as_json:
            _echo_json([_record_json(a) for a in found])
            return
        rows = [
            (
                _short(directory, Activity, a.id),
                _text(a.start),
                _text(a.end),
                a.tz,
                a.activity_kind,
                a.title,
            )
            for a in found
        ]
    _table(("ID", "START", "END", "TZ", "KIND", "TITLE"), rows, empty="No activities.")


@activity.command("delete")
@click.argument("activity_id")
def activity_delete(activity_id: str) -> None:
    """Delete an activity with its participant list and agenda."""
    _delete(Activity, activity_id)


@activity.command("invite")
@click.argument("activity_id")
@click.argument("person_id")
@click.option("--role", help="participant, speaker, facilitator or interpreter.")
@click.option("--status", help="invited, confirmed, attended or declined.")
def activity_invite(activity_id: str, person_id: str, role: str | None, status: str | None) -> None:
    """Put a person on an activity's list; prints the participant id."""
    with _open(write=True) as directory:
        event = directory.get(Activity, activity_id)
        guest = directory.get(Person, person_id)
        if any(p.person_id == guest.id for p in directory.participants(event.id)):
            raise RefusedError(f"{guest.name} is already on the list of {event.title}")
        values = _given(activity_id=event.id, person_id=guest.id, role=role, status=status)
        record = directory.create(Participant, values)
    click.echo(record.id)


@main.group()
def agenda() -> None:
    """The agenda of an activity: ordered items whose times follow from durations."""


@agenda.command("add")
@click.argument("activity_id")
@click.option("--title", required=True)
@click.option("--minutes", required=True)
@click.option("--day", help="Day of the activity, 1 for the first (the default).")
@click.option("--break", "is_break", is_flag=True, help="The item is a break.")
@click.option("--facilitator", "facilitator_id", metavar="PERSON_ID")
@click.option(
    "--speaker", "speaker_ids", multiple=True, metavar="PERSON_ID", help="Repeat for each."
)
@set_option
def agenda_add(
    activity_id: str,
    title: str,
    minutes: str,
    day: str | None,
    is_break: bool,
    facilitator_id: str | None,
    speaker_ids: tuple[str, ...],
    sets: tuple[str, ...],
) -> None:
    """Add an item at the end of its day; prints its id."""
    with _open(write=True) as directory:
        event = directory.get(Activity, activity_id)
        given = _given(
            title=title,
            minutes=minutes,
            day=day,
            item_kind="break" if is_break else None,
            facilitator_id=facilitator_id,
            speaker_ids=",".join(speaker_ids) or None,
        )
        for name in ("facilitator_id", "speaker_ids"):
            if name in given:
                given[name] = _resolve_reference(directory, AgendaItem, name, given[name])
        record = directory.add_agenda_item(event.id, _values(directory, AgendaItem, given, sets))
    click.echo(record.id)


@agenda.command("move")
@click.argument("item_id")
@click.argument("position", type=int)
@click.option("--day", type=int, help="Move the item to this day.")
def agenda_move(item_id: str, position: int, day: int | None) -> None:
    """Put an item at POSITION (1 = first) within its day, or within --day."""
    with _open(write=True) as directory:
        directory.move_agenda_item(item_id, position, day=day)


@agenda.command("list")
@click.argument("activity_id")
@json_option
def agenda_list(activity_id: str, as_json: bool) -> None:
    """The timetable: each item with its computed times, day by day."""
    with _open(write=False) as directory:
        event = directory.get(Activity, activity_id)
        slots = directory.timetable(event.id)
        if as_json:
            _echo_json(
                [
                    {
                        **_record_json(slot.item),
                        "date": slot.date.isoformat(),
                        "start": slot.start.isoformat(timespec="minutes"),
                        "end": slot.end.isoformat(timespec="minutes"),
                    }
                    for slot in slots
                ]
            )
            return
        rows = _timetable_rows(directory, slots)
    click.echo(f"{event.title} (times in {event.tz})")
    _table(_TIMETABLE_HEADERS, rows, empty="No agenda items.")


@agenda.command("edit")
@click.argument("item_id")
@set_option
def agenda_edit(item_id: str, sets: tuple[str, ...]) -> None:
    """Change fields of an agenda item."""
    _edit(AgendaItem, item_id, sets)


@agenda.command("delete")
@click.argument("item_id")
def agenda_delete(item_id: str) -> None:
    """Delete an agenda item."""
    _delete(AgendaItem, item_id)


# Search and export


@main.command()
@click.argument("text")
@json_option
def search(text: str, as_json: bool) -> None:
    """Organisations and people whose names or contacts match TEXT (accents ignored)."""
    with _open(write=False) as directory:
        hits = directory.search(text)
        if as_json:
            found = [(hit.kind, directory.find(RECORD_TYPES[hit.kind], hit.id)) for hit in hits]
            _echo_json([{"kind": kind, **_record_json(r)} for kind, r in found if r is not None])
            return
        rows = [
            (
                hit.kind,
                _short(directory, RECORD_TYPES[hit.kind], hit.id),
                hit.name,
                hit.country,
            )
            for hit in hits
        ]
    _table(("KIND", "ID", "NAME", "COUNTRY"), rows, empty="Nothing found.")


@main.group()
def export() -> None:
    """Write the whole directory to a file."""


@export.command("json")
@click.argument("file")
@click.option(
    "--include-at-risk",
    is_flag=True,
    help="Deliberately include records marked at risk, which are otherwise never exported.",
)
def export_json(file: str, include_at_risk: bool) -> None:
    """The shared data as canonical JSON (FILE may be - for stdout); no local notes.

    Two devices that saw the same changes write the same bytes.
    """
    with _open(write=False) as directory:
        state = directory.export_canonical()
    at_risk = sum(1 for kind in ("organisation", "person") for r in state[kind] if r["at_risk"])
    if at_risk and not include_at_risk:
        # Defenders at risk never leave the application in plain text by accident.
        raise RefusedError(
            f"{at_risk} record{'s are' if at_risk != 1 else ' is'} marked at risk and never "
            "exported in plain text; add --include-at-risk to export them deliberately"
        )
    data = (encode(state) + "\n").encode("utf-8")
    if file == "-":
        # Bytes, not text: the export is the same bytes whatever the console encoding.
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        _write_atomically(Path(file), data)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write beside ``path`` and rename into place: never half a file, even if interrupted."""
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
            dir=path.parent, prefix=f".{path.name}.", suffix=".partial", delete=False
        )
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        if isinstance(exc, OSError):
            raise UserError(f"cannot write {path}: {exc.strerror}") from None
        raise


if __name__ == "__main__":
    main()
