"""Every refusal: exit 2, one line `smwg: ...` on stderr, and the data as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from smwg_desktop.cli import main
from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.storage.database import DATABASE_NAME
from tests.cli.conftest import Smwg, column


@pytest.fixture
def twins(data_dir: Path) -> tuple[str, str]:
    """Two organisations whose ids share their first eight characters."""
    ids = ("abcd1234-0001-4000-8000-000000000000", "abcd1234-0002-4000-8000-000000000000")
    with Directory.open(data_dir) as directory:
        for number, record_id in enumerate(ids):
            directory.create(
                Organisation, {"name": f"Twin {number}", "country": "PE"}, record_id=record_id
            )
    return ids


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("org", "show", "0000ffff"), "smwg: no organisation with id '0000ffff'"),
        (
            ("org", "edit", "0000ffff", "--set", "name=X"),
            "smwg: no organisation with id '0000ffff'",
        ),
        (
            ("org", "delete", "abcd1234"),
            "smwg: more than one organisation has an id starting with 'abcd1234'",
        ),
        (
            ("person", "show", "abcd1234-0001-4000-8000-000000000000"),
            "smwg: no person with id 'abcd1234-0001-4000-8000-000000000000'",
        ),
        (
            ("org", "add", "--country", "PE"),
            "smwg: Missing option '--name' (see 'smwg org add --help')",
        ),
        (
            ("activity", "add", "--title", "T", "--kind", "gsm"),
            "smwg: Missing option '--start' (see 'smwg activity add --help')",
        ),
        (("org", "frobnicate"), "smwg: No such command 'frobnicate' (see 'smwg org --help')"),
        (
            ("agenda", "move", "abcd", "first"),
            "smwg: Invalid value for 'POSITION': 'first' is not a valid integer "
            "(see 'smwg agenda move --help')",
        ),
    ],
    ids=[
        "unknown id",
        "edit of unknown id",
        "ambiguous prefix",
        "id of another kind",
        "missing required option",
        "missing start",
        "unknown command",
        "bad integer",
    ],
)
def test_refusal_is_one_line_and_changes_nothing(
    smwg: Smwg, twins: tuple[str, str], args: tuple[str, ...], message: str
) -> None:
    assert smwg.refused_unchanged(*args) == message


def test_short_ids_in_lists_grow_until_they_are_unique(smwg: Smwg, twins: tuple[str, str]) -> None:
    shown = column(smwg("org", "list"), "ID")
    assert shown == [twins[0][:16], twins[1][:16]]
    assert smwg("org", "show", shown[1]).splitlines()[0] == f"id:             {twins[1]}"


def test_prefix_shorter_than_four_characters_is_not_accepted(
    smwg: Smwg, twins: tuple[str, str]
) -> None:
    assert smwg.refused("org", "show", "abc") == "smwg: no organisation with id 'abc'"


def test_newer_schema_is_refused_clearly(smwg: Smwg, data_dir: Path) -> None:
    smwg.add("org", "add", "--name", "Andes", "--country", "PE")
    with sqlite3.connect(data_dir / DATABASE_NAME) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    for args in (("org", "list"), ("org", "add", "--name", "B", "--country", "PE")):
        line = smwg.refused(*args)
        assert "was written by a newer version of SMWG Desktop (schema 99" in line


def test_data_dir_option_beats_the_environment(
    smwg: Smwg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_env = tmp_path / "from-env"
    monkeypatch.setenv("SMWG_DATA_DIR", str(from_env))
    smwg.add("org", "add", "--name", "Given", "--country", "PE")
    result = smwg.runner.invoke(main, ["org", "add", "--name", "Env", "--country", "PE"])
    assert result.exit_code == 0
    assert column(smwg("org", "list"), "NAME") == ["Given"]
    with Directory.open(from_env, write=False) as directory:
        assert [o.name for o in directory.list(Organisation)] == ["Env"]


def test_a_bare_command_shows_its_help(smwg: Smwg) -> None:
    result = smwg.runner.invoke(main, [])
    assert result.exit_code == 0
    assert "Commands:" in result.stdout
    result = smwg.run("org")
    assert result.exit_code == 0
    assert "Commands:" in result.stdout and "add" in result.stdout


def test_data_dir_without_a_command_is_refused(smwg: Smwg) -> None:
    assert smwg.refused() == "smwg: Missing command (see 'smwg --help')"


def test_programming_errors_still_raise(smwg: Smwg, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Directory, "create", broken)
    with pytest.raises(RuntimeError, match="a bug"):
        smwg.run("org", "add", "--name", "Andes", "--country", "PE")
