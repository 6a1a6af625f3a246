"""Commands that protect what stays on the device: encrypt and rekey."""

from __future__ import annotations

import os
from pathlib import Path

import click

from smwg_desktop.cli.common import main, open_directory, secret_from_file
from smwg_desktop.core.errors import RefusedError, UserError
from smwg_desktop.i18n import _, ngettext
from smwg_desktop.storage.database import DB_PASSPHRASE_VARIABLE

NEW_PASSPHRASE_VARIABLE = "SMWG_NEW_DB_PASSPHRASE"


def _report(rewritten: list[Path]) -> None:
    if rewritten:
        click.echo(
            ngettext(
                "{n} backup re-encrypted too.", "{n} backups re-encrypted too.", len(rewritten)
            ).format(n=len(rewritten))
        )


@main.command(
    help=_(
        "Encrypt this data directory in place with the passphrase of --db-passphrase-file.\n\n"
        "(Or of SMWG_DB_PASSPHRASE.) A crash part-way leaves the old file as it was."
    ),
)
def encrypt() -> None:
    params = click.get_current_context().find_root().params
    passphrase = secret_from_file(
        params.get("db_passphrase_file"), _("passphrase")
    ) or os.environ.get(DB_PASSPHRASE_VARIABLE)
    if not passphrase:
        raise UserError(
            _("give the new passphrase with --db-passphrase-file F or {variable}").format(
                variable=DB_PASSPHRASE_VARIABLE
            )
        )
    with open_directory(write=True) as directory:
        if directory.store.encrypted:
            raise RefusedError(_("this data directory is already encrypted; use 'smwg rekey'"))
        rewritten = directory.store.change_key(passphrase)
        click.echo(_("Encrypted {data_dir}.").format(data_dir=directory.store.data_dir))
    _report(rewritten)


@main.command(help=_("Change the passphrase of an encrypted data directory."))
@click.option(
    "--new-passphrase-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("A file whose first line is the new passphrase (default: ${variable}).").format(
        variable=NEW_PASSPHRASE_VARIABLE
    ),
)
def rekey(new_passphrase_file: Path | None) -> None:
    new = secret_from_file(new_passphrase_file, _("new passphrase")) or os.environ.get(
        NEW_PASSPHRASE_VARIABLE
    )
    if not new:
        raise UserError(
            _("give the new passphrase with --new-passphrase-file F or {variable}").format(
                variable=NEW_PASSPHRASE_VARIABLE
            )
        )
    with open_directory(write=True) as directory:
        if not directory.store.encrypted:
            raise RefusedError(_("this data directory is not encrypted; use 'smwg encrypt'"))
        rewritten = directory.store.change_key(new)
        click.echo(
            _("Changed the passphrase of {data_dir}.").format(data_dir=directory.store.data_dir)
        )
    _report(rewritten)
