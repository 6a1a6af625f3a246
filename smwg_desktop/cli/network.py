"""Commands that move changes between devices: init, join, bundle, sync, conflicts."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from smwg_desktop.cli.common import (
    SHORT_ID,
    USAGE_EXIT,
    WEBDAV_PASSWORD_VARIABLE,
    as_text,
    echo_json,
    json_option,
    main,
    one_line,
    open_directory,
    secret_from_file,
    short_id,
)
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import (
    RECORD_TYPES,
    Record,
)
from smwg_desktop.i18n import N_, _, ngettext
from smwg_desktop.storage.changelog import DELETED, Conflict, encode
from smwg_desktop.sync import exchange, keys
from smwg_desktop.sync.bundle import read_header
from smwg_desktop.sync.network import (
    PASSPHRASE_VARIABLE,
    export_bundle,
    import_bundle,
    init_network,
    join_network,
    network_key,
    require_network,
)


def _changes(count: int) -> str:
    return ngettext("{n} change", "{n} changes", count).format(n=count)


def _records(count: int) -> str:
    return ngettext("{n} record", "{n} records", count).format(n=count)


def _given_passphrase(path: Path | None) -> str:
    """A passphrase for init and join, where no key can be remembered yet."""
    passphrase = secret_from_file(path, _("passphrase"))
    if passphrase is None:
        passphrase = os.environ.get(PASSPHRASE_VARIABLE)
    if not passphrase:
        raise UserError(
            _("give the network passphrase with --passphrase-file F or set {variable}").format(
                variable=PASSPHRASE_VARIABLE
            )
        )
    return passphrase


def _key_note(network_id: str) -> str:
    if keys.recall(network_id) is not None:
        return _("the key is remembered in this computer's keyring")
    return _(
        "no keyring on this computer holds the key, so give the passphrase each time "
        "(--passphrase-file F or {variable})"
    ).format(variable=PASSPHRASE_VARIABLE)


# Secrets come from files or the environment only: an argument would stay in shell history.
passphrase_option = click.option(
    "--passphrase-file",
    type=click.Path(path_type=Path),
    metavar="F",
    help=_(
        "A file whose first line is the network passphrase (or set {variable}; "
        "else the key remembered on this computer is used)."
    ).format(variable=PASSPHRASE_VARIABLE),
)


def _place_options(command: Any) -> Any:
    """--folder, or --webdav with --user and --password-file: where the network's files are."""
    options = [
        click.option(
            "--folder",
            type=click.Path(file_okay=False, path_type=Path),
            metavar="DIR",
            help=_("A sync folder: a USB stick, or a folder Nextcloud, Syncthing or Dropbox "
                   "keeps in step."),
        ),
        click.option(
            "--webdav",
            "webdav_url",
            metavar="URL",
            help=_("A WebDAV server, https://... (plain http only on this computer or the "
                   "local network)."),
        ),
        click.option("--user", metavar="U", help=_("The WebDAV user name.")),
        click.option(
            "--password-file",
            type=click.Path(path_type=Path),
            metavar="F",
            help=_("A file whose first line is the WebDAV password (or set {variable}).").format(
                variable=WEBDAV_PASSWORD_VARIABLE
            ),
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


Transport = exchange.FolderTransport | exchange.WebDavTransport


@dataclass(frozen=True)
class _Place:
    """Where the network's files are, from --folder or --webdav, --user and --password-file."""

    folder: Path | None
    webdav_url: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_options(
        cls,
        folder: Path | None,
        webdav_url: str | None,
        user: str | None,
        password_file: Path | None,
    ) -> _Place:
        """Checked before anything is opened, so a mistake costs no passphrase derivation."""
        if webdav_url is None:
            if user is not None or password_file is not None:
                raise click.UsageError(_("--user and --password-file go with --webdav"))
            return cls(folder)
        if not user:
            raise click.UsageError(_("--webdav needs --user"))
        password = secret_from_file(password_file, _("password"))
        if password is None:
            password = os.environ.get(WEBDAV_PASSWORD_VARIABLE)
        if not password:
            raise UserError(
                _("give the WebDAV password with --password-file F or set {variable}").format(
                    variable=WEBDAV_PASSWORD_VARIABLE
                )
            )
        return cls(None, webdav_url, user, password)

    def __str__(self) -> str:
        if self.webdav_url is not None:
            return f"the server {self.webdav_url}"
        return f"the sync folder {self.folder}"

    def open(self, network_id: str | None, *, warn: bool = True) -> Transport:
        """The transport; with ``network_id`` None it only answers which networks are there."""
        if self.webdav_url is None:
            assert self.folder is not None
            return exchange.FolderTransport(self.folder, network_id)
        assert self.user is not None and self.password is not None
        transport = exchange.WebDavTransport(self.webdav_url, self.user, self.password, network_id)
        if warn and transport.warning:
            click.echo(_("smwg: warning: {warning}").format(warning=transport.warning), err=True)
        return transport


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _progress() -> exchange.Progress | None:
    """Progress lines for a person watching a terminal; scripts get only the summary."""
    if not _stderr_is_terminal():
        return None

    def report(what: str, step: int, steps: int) -> None:
        click.echo(f"[{step}/{steps}] {what}", err=True)

    return report


def _report_sync(result: exchange.SyncResult) -> None:
    """The summary on stdout, one line per refused file on stderr, exit 2 if any was refused."""
    devices = len({imported.device for imported in result.imported})
    changed = sum(imported.records_changed for imported in result.imported)
    click.echo(
        _("Received changes from {devices}, {records} changed; published {files}.").format(
            devices=ngettext("{n} device", "{n} devices", devices).format(n=devices),
            records=_records(changed),
            files=ngettext("{n} file", "{n} files", len(result.published)).format(
                n=len(result.published)
            ),
        )
    )
    for name, reason in result.refused:
        click.echo(
            _("smwg: refused {name}: {reason}").format(name=name, reason=one_line(reason)), err=True
        )
    if result.refused:
        click.get_current_context().exit(USAGE_EXIT)


@main.command(
    help=_("Start a network on this device; the records already here become its first state."),
)
@click.option(
    "--network", "name", required=True, metavar="NAME", help=_("The network's name, for people.")
)
@passphrase_option
def init(name: str, passphrase_file: Path | None) -> None:
    passphrase = _given_passphrase(passphrase_file)
    with open_directory(write=True) as directory:
        network = init_network(directory, name, passphrase)
    click.echo(
        _("Started the network '{name}' (id {id}); {key}.").format(
            name=network.name, id=network.id, key=_key_note(network.id)
        )
    )


def _choose_network(probe: Transport, wanted: str | None, where: str) -> str:
    found = probe.networks()
    if wanted is not None:
        if wanted not in found:
            raise UserError(
                _("{where} holds no files of the network {wanted}").format(
                    where=where, wanted=wanted
                )
            )
        return wanted
    if not found:
        raise UserError(
            _(
                "{where} holds no network's files yet; sync a device of the network to it first"
            ).format(where=where)
        )
    if len(found) > 1:
        raise UserError(
            _("{where} holds files of {n} networks ({ids}); choose one with --network ID").format(
                where=where, n=len(found), ids=", ".join(found)
            )
        )
    return found[0]


@main.command(
    help=_(
        "Make this empty device part of a network, from a bundle, a sync folder or a WebDAV "
        "server."
    ),
)
@click.argument("bundle_file", metavar="[BUNDLE]", required=False, type=click.Path(path_type=Path))
@_place_options
@click.option(
    "--network",
    "network_id",
    metavar="ID",
    help=_("The network to join when the folder or server holds more than one."),
)
@passphrase_option
def join(
    bundle_file: Path | None,
    folder: Path | None,
    webdav_url: str | None,
    user: str | None,
    password_file: Path | None,
    network_id: str | None,
    passphrase_file: Path | None,
) -> None:
    if sum(given is not None for given in (bundle_file, folder, webdav_url)) != 1:
        raise click.UsageError(_("give exactly one of BUNDLE, --folder DIR or --webdav URL"))
    if bundle_file is not None and (network_id or user or password_file):
        raise click.UsageError(
            _("--network, --user and --password-file go with --folder or --webdav")
        )
    place = (
        _Place.from_options(folder, webdav_url, user, password_file) if not bundle_file else None
    )
    passphrase = _given_passphrase(passphrase_file)
    if place is None:
        assert bundle_file is not None
        with open_directory(write=True) as directory:
            joined = join_network(directory, bundle_file, passphrase)
            network = require_network(directory)
        synced = None
    else:
        # Only asked once the probe got an answer: a wrong password stays one line.
        probe = place.open(None, warn=False)
        chosen = _choose_network(probe, network_id, str(place))
        transport = place.open(chosen)
        bases = sorted(n for n in transport.listing() if n.endswith(exchange.BASE_SUFFIX))
        if not bases:
            raise UserError(_("{place} holds no network's files yet").format(place=place))
        with open_directory(write=True) as directory:
            with tempfile.TemporaryDirectory(prefix="smwg-join-") as scratch:
                local = Path(scratch) / bases[0]
                transport.fetch(bases[0], local)
                joined = join_network(directory, local, passphrase)
            network = require_network(directory)
            # The base came from one device; a sync takes in every other device's files.
            synced = exchange.sync(
                directory, transport, network_key(directory, passphrase), _progress()
            )
    sender = joined.device_name or joined.device[:SHORT_ID]
    click.echo(
        _("Joined the network '{name}' (id {id}) with {changes} from {sender}; {key}.").format(
            name=network.name,
            id=network.id,
            changes=_changes(joined.received),
            sender=sender,
            key=_key_note(network.id),
        )
    )
    if synced is not None:
        _report_sync(synced)


@main.group(help=_("Encrypted files that carry changes between devices (USB stick, e-mail)."))
def bundle() -> None:
    pass


@bundle.command(
    "export",
    help=_("Write this device's changes to FILE, encrypted with the network's key."),
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--full", is_flag=True, help=_("Everything, not only what the other devices have not seen.")
)
@passphrase_option
def bundle_export(file: Path, full: bool, passphrase_file: Path | None) -> None:
    passphrase = secret_from_file(passphrase_file, _("passphrase"))
    with open_directory(write=False) as directory:
        key = network_key(directory, passphrase)
        try:
            written = export_bundle(directory, file, key, full=full)
        except OSError as exc:
            raise UserError(
                _("cannot write {file}: {why}").format(file=file, why=exc.strerror)
            ) from None
    kind = (
        _("full")
        if written.full
        else _("incremental: what the devices heard from have not seen")
    )
    click.echo(
        _("Wrote {changes} to {file} ({kind}).").format(
            changes=_changes(written.count), file=file, kind=kind
        )
    )


@bundle.command("import", help=_("Verify a bundle and take in its changes, all or nothing."))
@click.argument("file", type=click.Path(path_type=Path))
@passphrase_option
def bundle_import(file: Path, passphrase_file: Path | None) -> None:
    passphrase = secret_from_file(passphrase_file, _("passphrase"))
    # Not a bundle, damaged or too new: refused before the slow key derivation.
    read_header(file)
    with open_directory(write=True) as directory:
        key = network_key(directory, passphrase)
        taken = import_bundle(directory, file, key)
    sender = f"{taken.device_name} ({taken.device[:SHORT_ID]})"
    backup = (
        _("backup in {path}").format(path=taken.backup)
        if taken.backup
        else _("nothing new, so no backup was needed")
    )
    click.echo(
        _("Took {changes} from {sender}: {records} changed; {backup}.").format(
            changes=_changes(taken.received),
            sender=sender,
            records=_records(taken.records_changed),
            backup=backup,
        )
    )


@main.command(
    "sync",
    help=_("Take the other devices' changes from a sync folder or WebDAV server, and leave ours."),
)
@_place_options
@passphrase_option
def sync_command(
    folder: Path | None,
    webdav_url: str | None,
    user: str | None,
    password_file: Path | None,
    passphrase_file: Path | None,
) -> None:
    if (folder is None) == (webdav_url is None):
        raise click.UsageError(_("give one of --folder DIR or --webdav URL"))
    place = _Place.from_options(folder, webdav_url, user, password_file)
    passphrase = secret_from_file(passphrase_file, _("passphrase"))
    with open_directory(write=True) as directory:
        key = network_key(directory, passphrase)
        transport = place.open(require_network(directory).id)
        result = exchange.sync(directory, transport, key, _progress())
    _report_sync(result)


# Conflicts


def _conflict_ref(conflict: Conflict) -> str:
    return f"{conflict.entity}:{conflict.entity_id}:{conflict.field}"


EMPTY_TEXT = N_("(empty)")
"""How an empty value reads among a conflict's choices (in English in --json)."""


def _value_text(cls: type[Record], name: str, value: Any) -> str:
    kind = cls.field_types().get(name)
    try:
        shown = as_text(kind.from_json(value)) if kind is not None else as_text(value)
    except (ValueError, TypeError, KeyError):
        shown = encode(value)
    return shown if shown.strip() else EMPTY_TEXT


def _choices(conflict: Conflict) -> list[tuple[str, Any]]:
    """(text shown, value kept) for each choice; the value shown now comes first."""
    if conflict.field == DELETED:
        return [
            (N_("keep it deleted"), True),
            (N_("restore it (with the edits made meanwhile)"), False),
        ]
    cls = RECORD_TYPES[conflict.entity]
    choices: list[tuple[str, Any]] = []
    seen: set[str] = set()
    for _version, value in conflict.versions:
        if encode(value) not in seen:
            seen.add(encode(value))
            choices.append((_value_text(cls, conflict.field, value), value))
    return choices


def _conflict_json(directory: Directory, ref: str, conflict: Conflict) -> dict[str, Any]:
    cls = RECORD_TYPES[conflict.entity]
    record = directory.find(cls, conflict.entity_id)
    choices = []
    for number, (text, value) in enumerate(_choices(conflict), start=1):
        choice: dict[str, Any] = {"number": number, "text": text, "shown": number == 1}
        if conflict.field == DELETED:
            choice["action"] = "keep_deleted" if value else "restore"
        else:
            choice["value"] = value
        choices.append(choice)
    return {
        "ref": ref,
        "key": _conflict_ref(conflict),
        "kind": conflict.entity,
        "id": conflict.entity_id,
        "name": (getattr(record, "name", None) or getattr(record, "title", None)) or None,
        "deleted": record is None,
        "field": conflict.field,
        "choices": choices,
    }


@main.group(
    invoke_without_command=True,
    help=_(
        "Values two devices changed at the same time: list them (settle each with resolve).\n\n"
        "Each conflict has a reference (c1, c2 ...) and numbered choices; 1 is shown now."
    ),
)
@json_option
@click.pass_context
def conflicts(ctx: click.Context, as_json: bool) -> None:
    if ctx.invoked_subcommand is not None:
        return
    with open_directory(write=False) as directory:
        found = [
            _conflict_json(directory, f"c{number}", conflict)
            for number, conflict in enumerate(directory.conflicts(), start=1)
        ]
        shown = {
            item["ref"]: short_id(directory, RECORD_TYPES[item["kind"]], item["id"]) for item in found
        }
    if as_json:
        echo_json(found)
        return
    if not found:
        click.echo(_("No conflicts."))
        return
    for item in found:
        cls = RECORD_TYPES[item["kind"]]
        record = [_(cls.label).lower(), shown[item["ref"]]]
        if item["deleted"]:
            record.append(_("(deleted)"))
        elif item["name"]:
            record.append(f'"{item["name"]}"')
        what = (
            _("edited on one device while deleted on another")
            if item["field"] == DELETED
            else _("field {name}").format(name=item["field"])
        )
        click.echo(f"{item['ref']}  {' '.join(record)}, {what}")
        width = len(str(len(item["choices"])))
        for choice in item["choices"]:
            now = _("  (shown now)") if choice["shown"] and item["field"] != DELETED else ""
            # The texts of the fixed choices are translated here; JSON keeps them in English.
            text = choice["text"]
            if item["field"] == DELETED or text == EMPTY_TEXT:
                text = _(text)
            text = text.replace("\n", "\n" + " " * (6 + width))
            click.echo(f"    {choice['number']:>{width}}  {text}{now}")


@conflicts.command(
    "resolve",
    help=_("Settle conflict REF (c1, c2 ... or KIND:ID:FIELD) by keeping choice N."),
)
@click.argument("ref")
@click.option(
    "--choose",
    "number",
    type=int,
    required=True,
    metavar="N",
    help=_("The number of the choice to keep, as 'smwg conflicts' lists them."),
)
def conflicts_resolve(ref: str, number: int) -> None:
    with open_directory(write=True) as directory:
        found = directory.conflicts()
        wanted = ref.strip().lower()
        by_ref = {f"c{n}": c for n, c in enumerate(found, start=1)}
        by_ref.update({_conflict_ref(c).lower(): c for c in found})
        conflict = by_ref.get(wanted)
        if conflict is None:
            raise UserError(_("no conflict '{ref}'; 'smwg conflicts' lists them").format(ref=ref))
        choices = _choices(conflict)
        if not 1 <= number <= len(choices):
            raise UserError(
                _("{ref} has {n} choices: choose 1 to {n}").format(ref=ref, n=len(choices))
            )
        text, value = choices[number - 1]
        if conflict.field == DELETED:
            directory.settle_deletion(conflict, keep_deleted=bool(value))
            outcome = _("the record stays deleted") if value else _("the record is restored")
        else:
            directory.resolve_conflict(conflict, value)
            outcome = _("{field} is {value}").format(field=conflict.field, value=one_line(text))
    click.echo(_("Settled {ref}: {outcome}.").format(ref=ref, outcome=outcome))


