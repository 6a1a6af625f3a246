"""Commands over the records: demo, org, person, activity, agenda, search, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from smwg_desktop.cli.common import (
    Column,
    as_text,
    clean_field,
    delete_record,
    echo_items,
    echo_json,
    edit_record,
    erase_record,
    given_options,
    id_column,
    json_option,
    local_note,
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
    set_note,
    set_option,
    short_id,
)
from smwg_desktop.core.agenda import Slot
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import RefusedError
from smwg_desktop.core.geo import Region
from smwg_desktop.core.model import (
    RECORD_TYPES,
    Activity,
    AgendaItem,
    Body,
    Organisation,
    Participant,
    Person,
)
from smwg_desktop.i18n import REGION_LABELS, _, label, ngettext
from smwg_desktop.interop.files import write_atomically
from smwg_desktop.storage.changelog import encode


@main.command(help=_("Fill the directory with sample data (marked as sample) to try the program."))
@click.option("--organisations", type=click.IntRange(min=0), help=_("How many organisations."))
@click.option("--people", type=click.IntRange(min=0), help=_("How many people."))
@click.option("--seed", type=int, help=_("The same seed gives the same sample data."))
def demo(organisations: int | None, people: int | None, seed: int | None) -> None:
    try:
        from smwg_desktop.core.demo import load_demo
    except ModuleNotFoundError as exc:
        if exc.name != "smwg_desktop.core.demo":
            raise
        raise RefusedError(_("sample data is not available in this version")) from None
    options = {
        name: value
        for name, value in (("organisations", organisations), ("people", people), ("seed", seed))
        if value is not None
    }
    with open_directory(write=True) as directory:
        if any(directory.list(cls, {"sample": True}, limit=1) for cls in RECORD_TYPES.values()):
            raise RefusedError(
                _("this data directory already holds sample data; loading it again would double it")
            )
        before = {kind: directory.count(cls) for kind, cls in RECORD_TYPES.items()}
        # One transaction: a failure part-way leaves no half-loaded sample behind.
        with directory.store.transaction():
            load_demo(directory, **options)
        added = {kind: directory.count(cls) - before[kind] for kind, cls in RECORD_TYPES.items()}
    parts = [_count_of(kind, count) for kind, count in added.items() if count]
    click.echo(_("Added sample data: {what}.").format(what=", ".join(parts) or _("nothing")))


def _count_of(kind: str, count: int) -> str:
    """How many records of a kind: "40 organisations", "1 agenda item"."""
    forms = {
        "organisation": ngettext("{n} organisation", "{n} organisations", count),
        "person": ngettext("{n} person", "{n} people", count),
        "affiliation": ngettext("{n} affiliation", "{n} affiliations", count),
        "body": ngettext("{n} body", "{n} bodies", count),
        "seat": ngettext("{n} seat", "{n} seats", count),
        "activity": ngettext("{n} activity", "{n} activities", count),
        "participant": ngettext("{n} participant", "{n} participants", count),
        "agenda_item": ngettext("{n} agenda item", "{n} agenda items", count),
        "proposal": ngettext("{n} proposal", "{n} proposals", count),
        "review": ngettext("{n} review", "{n} reviews", count),
        "revision": ngettext("{n} revision", "{n} revisions", count),
        "outreach_move": ngettext("{n} outreach move", "{n} outreach moves", count),
    }
    return forms.get(kind, f"{{n}} {kind}").format(n=count)


# Organisations


@main.group(help=_("Member organisations and prospects."))
def org() -> None:
    pass


@org.command("add", help=_("Add an organisation; prints its id."))
@click.option("--name", required=True)
@click.option("--country", required=True, help=_("ISO 3166 code, such as PE or KE."))
@click.option("--acronym")
@click.option("--constituency", "constituencies", multiple=True, help=_("Repeat for each one."))
@click.option("--women-led", is_flag=True)
@click.option("--status", help=_("member, applicant, prospect or former."))
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
    given = given_options(
        name=name,
        country=country,
        acronym=acronym,
        constituencies=constituencies,
        women_led=women_led,
        status=status,
    )
    with open_directory(write=True) as directory:
        record = directory.create(Organisation, record_values(directory, Organisation, given, sets))
    click.echo(record.id)


@org.command("edit", help=_("Change fields of an organisation."))
@click.argument("org_id")
@set_option
def org_edit(org_id: str, sets: tuple[str, ...]) -> None:
    edit_record(Organisation, org_id, sets)


@org.command("show", help=_("Everything about one organisation, and its people."))
@click.argument("org_id")
@json_option
def org_show(org_id: str, as_json: bool) -> None:
    with open_directory(write=False) as directory:
        record = directory.get(Organisation, org_id)
        if as_json:
            echo_json(record_json(record))
            return
        print_pairs(record_rows(record))
        people = [
            (record_name(directory, Person, a.person_id), a.role)
            for a in directory.affiliations(organisation_id=record.id)
        ]
        if people:
            click.echo("")
            click.echo(_("People:"))
            for person, role in people:
                click.echo(f"  {person}" + (f" — {role}" if role else ""))
        local_note(directory, Organisation, record.id)


@org.command("list", help=_("Organisations, by name; the options narrow the list."))
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
    where: dict[str, Any] = {}
    if country:
        where["country"] = clean_field(Organisation, "country", country)
    if region:
        where["region"] = region.lower()
    if status:
        where["status"] = clean_field(Organisation, "status", status)
    if women_led:
        where["women_led"] = True
    wanted: tuple[str, ...] = clean_field(Organisation, "constituencies", constituency or "")
    with open_directory(write=False) as directory:
        found = [
            o for o in directory.list(Organisation, where) if set(wanted) <= set(o.constituencies)
        ]
        echo_items(found, [
            id_column(directory, Organisation, lambda o: o.id),
            (_("NAME"), lambda o: o.name),
            (_("ACRONYM"), lambda o: o.acronym),
            (_("COUNTRY"), lambda o: o.country),
            (_("REGION"), lambda o: label(REGION_LABELS, o.region, _) if o.region else ""),
            (_("STATUS"), lambda o: o.status),
            (_("WOMEN-LED"), lambda o: _("yes") if o.women_led else ""),
        ], _("No organisations."), as_json=as_json, to_json=record_json)


@org.command("erase", help=_("Remove every trace of an organisation, on every device as it syncs."))
@click.argument("org_id")
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
def org_erase(org_id: str, yes: bool) -> None:
    erase_record(Organisation, org_id, yes)


@org.command("delete", help=_("Delete an organisation and its people's affiliations to it."))
@click.argument("org_id")
def org_delete(org_id: str) -> None:
    delete_record(Organisation, org_id)


@org.command("note", help=_("Set the note kept on this device only (an empty TEXT removes it)."))
@click.argument("org_id")
@click.argument("text")
def org_note(org_id: str, text: str) -> None:
    set_note(Organisation, org_id, text)


# People


@main.group(help=_("People, their organisations and their seats in bodies."))
def person() -> None:
    pass


@person.command(
    "add",
    help=_("Add a person; prints their id. Phones default to the country of --org."),
)
@click.option("--name", required=True)
@click.option("--org", "org_id", metavar="ORG_ID", help=_("An organisation the person belongs to."))
@click.option("--role", help=_("The person's role in --org."))
@click.option("--email", "emails", multiple=True, help=_("Repeatable; kind:address allowed."))
@click.option("--phone", "phones", multiple=True, help=_("Repeatable; kind:number allowed."))
@click.option("--country")
@click.option("--at-risk", is_flag=True, help=_("Mark as a human-rights defender at risk."))
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
    if role and not org_id:
        raise click.UsageError(_("--role needs --org"))
    given = given_options(name=name, emails=emails, phones=phones, country=country, at_risk=at_risk)
    with open_directory(write=True) as directory:
        values = record_values(directory, Person, given, sets)
        record = directory.add_person(values, organisation_id=org_id, role=role or "")
    click.echo(record.id)


@person.command("edit", help=_("Change fields of a person."))
@click.argument("person_id")
@set_option
def person_edit(person_id: str, sets: tuple[str, ...]) -> None:
    edit_record(Person, person_id, sets)


@person.command("show", help=_("Everything about one person, their organisations and their seats."))
@click.argument("person_id")
@json_option
def person_show(person_id: str, as_json: bool) -> None:
    with open_directory(write=False) as directory:
        record = directory.get(Person, person_id)
        if as_json:
            echo_json(record_json(record))
            return
        print_pairs(record_rows(record))
        affiliations = directory.affiliations(person_id=record.id)
        if affiliations:
            click.echo("")
            click.echo(_("Organisations:"))
            for a in affiliations:
                role = f" — {a.role}" if a.role else ""
                click.echo(f"  {record_name(directory, Organisation, a.organisation_id)}{role}")
        seats = directory.seats(person_id=record.id)
        if seats:
            click.echo("")
            click.echo(_("Seats:"))
            for s in seats:
                body = record_name(directory, Body, s.body_id)
                dates = f" ({as_text(s.start) or '…'} – {as_text(s.end)})" if s.start or s.end else ""
                for_org = record_name(directory, Organisation, s.organisation_id)
                via = _(" for {organisation}").format(organisation=for_org) if for_org else ""
                click.echo(f"  {body} — {s.role.replace('_', ' ')}{via}{dates}")
        local_note(directory, Person, record.id)


@person.command("list", help=_("People, by name."))
@click.option("--org", "org_id", metavar="ORG_ID", help=_("Only people of this organisation."))
@click.option("--at-risk", is_flag=True, help=_("Only people marked at risk."))
@json_option
def person_list(org_id: str | None, at_risk: bool, as_json: bool) -> None:
    where: dict[str, Any] = {}
    if at_risk:
        where["at_risk"] = True
    with open_directory(write=False) as directory:
        if org_id:
            organisation = directory.get(Organisation, org_id)
            members = directory.affiliations(organisation_id=organisation.id)
            where["id"] = sorted({a.person_id for a in members})
        found = directory.list(Person, where) if where.get("id") != [] else []
        echo_items(found, [
            id_column(directory, Person, lambda p: p.id),
            (_("NAME"), lambda p: p.name),
            (_("COUNTRY"), lambda p: p.country),
            (_("E-MAIL"), lambda p: p.emails[0].value if p.emails else ""),
            (_("RISK"), lambda p: _("at risk") if p.at_risk else ""),
        ], _("No people."), as_json=as_json, to_json=record_json)


@person.command(
    "delete",
    help=_("Delete a person, their affiliations, seats and places on activity lists."),
)
@click.argument("person_id")
def person_delete(person_id: str) -> None:
    delete_record(Person, person_id)


@person.command(
    "erase",
    help=_("Remove every trace of a person, on every device as it syncs (for a defender at risk)."),
)
@click.argument("person_id")
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
def person_erase(person_id: str, yes: bool) -> None:
    erase_record(Person, person_id, yes)


@person.command("note", help=_("Set the note kept on this device only (an empty TEXT removes it)."))
@click.argument("person_id")
@click.argument("text")
def person_note(person_id: str, text: str) -> None:
    set_note(Person, person_id, text)


# Activities and agendas


@main.group(help=_("Meetings, dialogues, exchanges and publications."))
def activity() -> None:
    pass


@activity.command("add", help=_("Add an activity; prints its id."))
@click.option("--title", required=True)
@click.option("--kind", required=True, help=_("strategic_exchange, gsm, side_meeting, ..."))
@click.option("--start", required=True, help=_("Local time: YYYY-MM-DDTHH:MM."))
@click.option("--end", required=True, help=_("Local time: YYYY-MM-DDTHH:MM."))
@click.option("--tz", required=True, help=_("Time zone name, such as America/Lima."))
@click.option("--venue")
@click.option("--link")
@click.option("--language", "languages", multiple=True, help=_("Repeat for each one."))
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
    given = given_options(
        title=title,
        activity_kind=kind,
        start=start,
        end=end,
        tz=tz,
        venue=venue,
        link=link,
        languages=languages,
    )
    with open_directory(write=True) as directory:
        record = directory.create(Activity, record_values(directory, Activity, given, sets))
    click.echo(record.id)


@activity.command("edit", help=_("Change fields of an activity."))
@click.argument("activity_id")
@set_option
def activity_edit(activity_id: str, sets: tuple[str, ...]) -> None:
    edit_record(Activity, activity_id, sets)


def _timetable(directory: Directory) -> list[Column[Slot]]:
    """The columns of a timetable: each item on its day, with its computed times."""
    return [
        (_("DAY"), lambda slot: str(slot.item.day)),
        (_("DATE"), lambda slot: slot.date.isoformat()),
        (_("TIME"), lambda slot: f"{slot.start:%H:%M}–{slot.end:%H:%M}"),
        (_("TITLE"), lambda slot: (
            slot.item.title + (_(" (break)") if slot.item.item_kind == "break" else "")
        )),
        (_("FACILITATOR"), lambda slot: record_name(directory, Person, slot.item.facilitator_id)),
        id_column(directory, AgendaItem, lambda slot: slot.item.id),
    ]


def _slot_json(slot: Slot) -> dict[str, Any]:
    return {
        **record_json(slot.item),
        "date": slot.date.isoformat(),
        "start": slot.start.isoformat(timespec="minutes"),
        "end": slot.end.isoformat(timespec="minutes"),
    }


@activity.command("show", help=_("An activity with its participants and its timetable."))
@click.argument("activity_id")
@json_option
def activity_show(activity_id: str, as_json: bool) -> None:
    with open_directory(write=False) as directory:
        record = directory.get(Activity, activity_id)
        if as_json:
            echo_json(record_json(record))
            return
        print_pairs(record_rows(record))
        participants = [
            (record_name(directory, Person, p.person_id), p.role, p.status)
            for p in directory.participants(record.id)
        ]
        click.echo("")
        click.echo(_("Participants:"))
        print_table(
            (_("NAME"), _("ROLE"), _("STATUS")), sorted(participants), empty=_("  nobody yet")
        )
        click.echo("")
        click.echo(_("Agenda (times in {tz}):").format(tz=record.tz))
        print_items(directory.timetable(record.id), _timetable(directory), _("  no items yet"))


@activity.command("list", help=_("Activities, by start."))
@json_option
def activity_list(as_json: bool) -> None:
    with open_directory(write=False) as directory:
        echo_items(directory.list(Activity), [
            id_column(directory, Activity, lambda a: a.id),
            (_("START"), lambda a: as_text(a.start)),
            (_("END"), lambda a: as_text(a.end)),
            (_("TZ"), lambda a: a.tz),
            (_("KIND"), lambda a: a.activity_kind),
            (_("TITLE"), lambda a: a.title),
        ], _("No activities."), as_json=as_json, to_json=record_json)


@activity.command("delete", help=_("Delete an activity with its participant list and agenda."))
@click.argument("activity_id")
def activity_delete(activity_id: str) -> None:
    delete_record(Activity, activity_id)


@activity.command(
    "invite",
    help=_("Put a person on an activity's list; prints the participant id."),
)
@click.argument("activity_id")
@click.argument("person_id")
@click.option("--role", help=_("participant, speaker, facilitator or interpreter."))
@click.option("--status", help=_("invited, confirmed, attended or declined."))
def activity_invite(activity_id: str, person_id: str, role: str | None, status: str | None) -> None:
    with open_directory(write=True) as directory:
        event = directory.get(Activity, activity_id)
        guest = directory.get(Person, person_id)
        if any(p.person_id == guest.id for p in directory.participants(event.id)):
            raise RefusedError(
                _("{name} is already on the list of {title}").format(
                    name=guest.name, title=event.title
                )
            )
        values = given_options(activity_id=event.id, person_id=guest.id, role=role, status=status)
        record = directory.create(Participant, values)
    click.echo(record.id)


@main.group(help=_("The agenda of an activity: ordered items whose times follow from durations."))
def agenda() -> None:
    pass


@agenda.command("add", help=_("Add an item at the end of its day; prints its id."))
@click.argument("activity_id")
@click.option("--title", required=True)
@click.option("--minutes", required=True)
@click.option("--day", help=_("Day of the activity, 1 for the first (the default)."))
@click.option("--break", "is_break", is_flag=True, help=_("The item is a break."))
@click.option("--facilitator", "facilitator_id", metavar="PERSON_ID")
@click.option(
    "--speaker", "speaker_ids", multiple=True, metavar="PERSON_ID", help=_("Repeat for each.")
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
    with open_directory(write=True) as directory:
        event = directory.get(Activity, activity_id)
        given = given_options(
            title=title,
            minutes=minutes,
            day=day,
            item_kind="break" if is_break else None,
            facilitator_id=facilitator_id,
            speaker_ids=",".join(speaker_ids) or None,
        )
        for name in ("facilitator_id", "speaker_ids"):
            if name in given:
                given[name] = resolve_reference(directory, AgendaItem, name, given[name])
        record = directory.add_agenda_item(event.id, record_values(directory, AgendaItem, given, sets))
    click.echo(record.id)


@agenda.command(
    "move",
    help=_("Put an item at POSITION (1 = first) within its day, or within --day."),
)
@click.argument("item_id")
@click.argument("position", type=int)
@click.option("--day", type=int, help=_("Move the item to this day."))
def agenda_move(item_id: str, position: int, day: int | None) -> None:
    with open_directory(write=True) as directory:
        directory.move_agenda_item(item_id, position, day=day)


@agenda.command("list", help=_("The timetable: each item with its computed times, day by day."))
@click.argument("activity_id")
@json_option
def agenda_list(activity_id: str, as_json: bool) -> None:
    with open_directory(write=False) as directory:
        event = directory.get(Activity, activity_id)
        if not as_json:
            click.echo(_("{title} (times in {tz})").format(title=event.title, tz=event.tz))
        echo_items(directory.timetable(event.id), _timetable(directory), _("No agenda items."),
                   as_json=as_json, to_json=_slot_json)


@agenda.command("edit", help=_("Change fields of an agenda item."))
@click.argument("item_id")
@set_option
def agenda_edit(item_id: str, sets: tuple[str, ...]) -> None:
    edit_record(AgendaItem, item_id, sets)


@agenda.command("delete", help=_("Delete an agenda item."))
@click.argument("item_id")
def agenda_delete(item_id: str) -> None:
    delete_record(AgendaItem, item_id)


# Search and export


@main.command(
    help=_("Organisations and people whose names or contacts match TEXT (accents ignored)."),
)
@click.argument("text")
@json_option
def search(text: str, as_json: bool) -> None:
    with open_directory(write=False) as directory:
        hits = directory.search(text)
        if as_json:
            found = [(hit.kind, directory.find(RECORD_TYPES[hit.kind], hit.id)) for hit in hits]
            echo_json([{"kind": kind, **record_json(r)} for kind, r in found if r is not None])
            return
        print_items(hits, [
            (_("KIND"), lambda hit: hit.kind),
            (_("ID"), lambda hit: short_id(directory, RECORD_TYPES[hit.kind], hit.id)),
            (_("NAME"), lambda hit: hit.name),
            (_("COUNTRY"), lambda hit: hit.country),
        ], _("Nothing found."))


@main.group(help=_("Write the whole directory to a file."))
def export() -> None:
    pass


@export.command(
    "json",
    help=_(
        "The shared data as canonical JSON (FILE may be - for stdout); no local notes.\n\n"
        "Two devices that saw the same changes write the same bytes."
    ),
)
@click.argument("file")
@click.option(
    "--include-at-risk",
    is_flag=True,
    help=_("Deliberately include records marked at risk, which are otherwise never exported."),
)
def export_json(file: str, include_at_risk: bool) -> None:
    with open_directory(write=False) as directory:
        state = directory.export_canonical()
    at_risk = sum(1 for kind in ("organisation", "person") for r in state[kind] if r["at_risk"])
    if at_risk and not include_at_risk:
        # Defenders at risk never leave the application in plain text by accident.
        raise RefusedError(
            ngettext(
                "{n} record is marked at risk and never exported in plain text; "
                "add --include-at-risk to export them deliberately",
                "{n} records are marked at risk and never exported in plain text; "
                "add --include-at-risk to export them deliberately",
                at_risk,
            ).format(n=at_risk)
        )
    data = (encode(state) + "\n").encode("utf-8")
    if file == "-":
        # Bytes, not text: the export is the same bytes whatever the console encoding.
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomically(Path(file), data)


