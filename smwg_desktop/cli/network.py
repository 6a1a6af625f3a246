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


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _given_passphrase(path: Path | None) -> str:
    """A passphrase for init and join, where no key can be remembered yet."""
    passphrase = secret_from_file(path, "passphrase")
    if passphrase is None:
        passphrase = os.environ.get(PASSPHRASE_VARIABLE)
    if not passphrase:
        raise UserError(
            f"give the network passphrase with --passphrase-file F or set {PASSPHRASE_VARIABLE}"
        )
    return passphrase


def _key_note(network_id: str) -> str:
    if keys.recall(network_id) is not None:
        return "the key is remembered in this computer's keyring"
    return (
        "no keyring on this computer holds the key, so give the passphrase each time "
        f"(--passphrase-file F or {PASSPHRASE_VARIABLE})"
    )


# Secrets come from files or the environment only: an argument would stay in shell history.
passphrase_option = click.option(
    "--passphrase-file",
    type=click.Path(path_type=Path),
    metavar="F",
    help=f"A file whose first line is the network passphrase (or set {PASSPHRASE_VARIABLE}; "
    "else the key remembered on this computer is used).",
)


def _place_options(command: Any) -> Any:
    """--folder, or --webdav with --user and --password-file: where the network's files are."""
    options = [
        click.option(
            "--folder",
            type=click.Path(file_okay=False, path_type=Path),
            metavar="DIR",
            help="A sync folder: a USB stick, or a folder Nextcloud, Syncthing or Dropbox "
            "keeps in step.",
        ),
        click.option(
            "--webdav",
            "webdav_url",
            metavar="URL",
            help="A WebDAV server, https://... (plain http only on this computer or the "
            "local network).",
        ),
        click.option("--user", metavar="U", help="The WebDAV user name."),
        click.option(
            "--password-file",
            type=click.Path(path_type=Path),
            metavar="F",
            help=f"A file whose first line is the WebDAV password (or set "
            f"{WEBDAV_PASSWORD_VARIABLE}).",
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
                raise click.UsageError("--user and --password-file go with --webdav")
            return cls(folder)
        if not user:
            raise click.UsageError("--webdav needs --user")
        password = secret_from_file(password_file, "password")
        if password is None:
            password = os.environ.get(WEBDAV_PASSWORD_VARIABLE)
        if not password:
            raise UserError(
                f"give the WebDAV password with --password-file F or set {WEBDAV_PASSWORD_VARIABLE}"
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
            click.echo(f"smwg: warning: {transport.warning}", err=True)
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
        f"Received changes from {_plural(devices, 'device')}, "
        f"{_plural(changed, 'record')} changed; published {_plural(len(result.published), 'file')}."
    )
    for name, reason in result.refused:
        click.echo(f"smwg: refused {name}: {one_line(reason)}", err=True)
    if result.refused:
        click.get_current_context().exit(USAGE_EXIT)


@main.command()
@click.option(
    "--network", "name", required=True, metavar="NAME", help="The network's name, for people."
)
@passphrase_option
def init(name: str, passphrase_file: Path | None) -> None:
    """Start a network on this device; the records already here become its first state."""
    passphrase = _given_passphrase(passphrase_file)
    with open_directory(write=True) as directory:
        network = init_network(directory, name, passphrase)
    click.echo(f"Started the network '{network.name}' (id {network.id}); {_key_note(network.id)}.")


def _choose_network(probe: Transport, wanted: str | None, where: str) -> str:
    found = probe.networks()
    if wanted is not None:
        if wanted not in found:
            raise UserError(f"{where} holds no files of the network {wanted}")
        return wanted
    if not found:
        raise UserError(
            f"{where} holds no network's files yet; sync a device of the network to it first"
        )
    if len(found) > 1:
        raise UserError(
            f"{where} holds files of {len(found)} networks ({', '.join(found)}); "
            "choose one with --network ID"
        )
    return found[0]


@main.command()
@click.argument("bundle_file", metavar="[BUNDLE]", required=False, type=click.Path(path_type=Path))
@_place_options
@click.option(
    "--network",
    "network_id",
    metavar="ID",
    help="The network to join when the folder or server holds more than one.",
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
    """Make this empty device part of a network, from a bundle, a sync folder or a WebDAV server."""
    if sum(given is not None for given in (bundle_file, folder, webdav_url)) != 1:
        raise click.UsageError("give exactly one of BUNDLE, --folder DIR or --webdav URL")
    if bundle_file is not None and (network_id or user or password_file):
        raise click.UsageError("--network, --user and --password-file go with --folder or --webdav")
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
            raise UserError(f"{place} holds no network's files yet")
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
        f"Joined the network '{network.name}' (id {network.id}) with "
        f"{_plural(joined.received, 'change')} from {sender}; {_key_note(network.id)}."
    )
    if synced is not None:
        _report_sync(synced)


@main.group()
def bundle() -> None:
    """Encrypted files that carry changes between devices (USB stick, e-mail)."""


@bundle.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--full", is_flag=True, help="Everything, not only what the other devices have not seen."
)
@passphrase_option
def bundle_export(file: Path, full: bool, passphrase_file: Path | None) -> None:
    """Write this device's changes to FILE, encrypted with the network's key."""
    passphrase = secret_from_file(passphrase_file, "passphrase")
    with open_directory(write=False) as directory:
        key = network_key(directory, passphrase)
        try:
            written = export_bundle(directory, file, key, full=full)
        except OSError as exc:
            raise UserError(f"cannot write {file}: {exc.strerror}") from None
    kind = "full" if written.full else "incremental: what the devices heard from have not seen"
    click.echo(f"Wrote {_plural(written.count, 'change')} to {file} ({kind}).")


@bundle.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@passphrase_option
def bundle_import(file: Path, passphrase_file: Path | None) -> None:
    """Verify a bundle and take in its changes, all or nothing."""
    passphrase = secret_from_file(passphrase_file, "passphrase")
    # Not a bundle, damaged or too new: refused before the slow key derivation.
    read_header(file)
    with open_directory(write=True) as directory:
        key = network_key(directory, passphrase)
        taken = import_bundle(directory, file, key)
    sender = f"{taken.device_name} ({taken.device[:SHORT_ID]})"
    backup = f"backup in {taken.backup}" if taken.backup else "nothing new, so no backup was needed"
    click.echo(
        f"Took {_plural(taken.received, 'change')} from {sender}: "
        f"{_plural(taken.records_changed, 'record')} changed; {backup}."
    )


@main.command("sync")
@_place_options
@passphrase_option
def sync_command(
    folder: Path | None,
    webdav_url: str | None,
    user: str | None,
    password_file: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Take the other devices' changes from a sync folder or WebDAV server, and leave ours."""
    if (folder is None) == (webdav_url is None):
        raise click.UsageError("give one of --folder DIR or --webdav URL")
    place = _Place.from_options(folder, webdav_url, user, password_file)
    passphrase = secret_from_file(passphrase_file, "passphrase")
    with open_directory(write=True) as directory:
        key = network_key(directory, passphrase)
        transport = place.open(require_network(directory).id)
        result = exchange.sync(directory, transport, key, _progress())
    _report_sync(result)


# Conflicts


def _conflict_ref(conflict: Conflict) -> str:
    return f"{conflict.entity}:{conflict.entity_id}:{conflict.field}"


def _value_text(cls: type[Record], name: str, value: Any) -> str:
    kind = cls.field_types().get(name)
    try:
        shown = as_text(kind.from_json(value)) if kind is not None else as_text(value)
    except (ValueError, TypeError, KeyError):
        shown = encode(value)
    return shown if shown.strip() else "(empty)"


def _choices(conflict: Conflict) -> list[tuple[str, Any]]:
    """(text shown, value kept) for each choice; the value shown now comes first."""
    if conflict.field == DELETED:
        return [
            ("keep it deleted", True),
            ("restore it (with the edits made meanwhile)", False),
        ]
    cls = RECORD_TYPES[conflict.entity]
    choices: list[tuple[str, Any]] = []
    seen: set[str] = set()
    for _, value in conflict.versions:
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


@main.group(invoke_without_command=True)
@json_option
@click.pass_context
def conflicts(ctx: click.Context, as_json: bool) -> None:
    """Values two devices changed at the same time: list them (settle each with resolve).

    Each conflict has a reference (c1, c2 ...) and numbered choices; 1 is shown now.
    """
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
        click.echo("No conflicts.")
        return
    for item in found:
        record = [RECORD_TYPES[item["kind"]].label.lower(), shown[item["ref"]]]
        if item["deleted"]:
            record.append("(deleted)")
        elif item["name"]:
            record.append(f'"{item["name"]}"')
        what = (
            "edited on one device while deleted on another"
            if item["field"] == DELETED
            else f"field {item['field']}"
        )
        click.echo(f"{item['ref']}  {' '.join(record)}, {what}")
        width = len(str(len(item["choices"])))
        for choice in item["choices"]:
            now = "  (shown now)" if choice["shown"] and item["field"] != DELETED else ""
            text = choice["text"].replace("\n", "\n" + " " * (6 + width))
            click.echo(f"    {choice['number']:>{width}}  {text}{now}")


@conflicts.command("resolve")
@click.argument("ref")
@click.option(
    "--choose",
    "number",
    type=int,
    required=True,
    metavar="N",
    help="The number of the choice to keep, as 'smwg conflicts' lists them.",
)
def conflicts_resolve(ref: str, number: int) -> None:
    """Settle conflict REF (c1, c2 ... or KIND:ID:FIELD) by keeping choice N."""
    with open_directory(write=True) as directory:
        found = directory.conflicts()
        wanted = ref.strip().lower()
        by_ref = {f"c{n}": c for n, c in enumerate(found, start=1)}
        by_ref.update({_conflict_ref(c).lower(): c for c in found})
        conflict = by_ref.get(wanted)
        if conflict is None:
            raise UserError(f"no conflict '{ref}'; 'smwg conflicts' lists them")
        choices = _choices(conflict)
        if not 1 <= number <= len(choices):
            raise UserError(f"{ref} has {len(choices)} choices: choose 1 to {len(choices)}")
        text, value = choices[number - 1]
        if conflict.field == DELETED:
            directory.settle_deletion(conflict, keep_deleted=bool(value))
            outcome = "the record stays deleted" if value else "the record is restored"
        else:
            directory.resolve_conflict(conflict, value)
            outcome = f"{conflict.field} is {one_line(text)}"
    click.echo(f"Settled {ref}: {outcome}.")


