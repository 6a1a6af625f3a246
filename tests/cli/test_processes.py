"""`smwg` as a separate process: what a script or a second window actually meets."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

from tests.cli.conftest import Smwg, column

HOLD_OPEN = """
import sys
from smwg_desktop.core.directory import Directory
with Directory.open(sys.argv[1], write=True):
    print("ready", flush=True)
    sys.stdin.read()
"""


def smwg_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smwg_desktop.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@contextlib.contextmanager
def held_open(data_dir: Path) -> Iterator[None]:
    """Another process (a desktop window, say) holding the data directory open for writing."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline() == "ready\n"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_add_prints_only_the_id_and_a_refusal_only_one_line(data_dir: Path) -> None:
    added = smwg_process(
        "--data-dir", str(data_dir), "org", "add", "--name", "Asociación Andina", "--country", "BO"
    )
    assert added.returncode == 0, added.stderr
    assert added.stderr == ""
    assert str(uuid.UUID(added.stdout.strip())) + "\n" == added.stdout

    refused = smwg_process("--data-dir", str(data_dir), "person", "add", "--email", "x@y.org")
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert refused.stderr == "smwg: Missing option '--name' (see 'smwg person add --help')\n"

    listed = smwg_process("--data-dir", str(data_dir), "search", "andina")
    assert column(listed.stdout, "NAME") == ["Asociación Andina"]


def test_second_writer_is_refused_while_another_process_holds_the_directory(
    smwg: Smwg, data_dir: Path
) -> None:
    smwg.add("org", "add", "--name", "Before", "--country", "PE")
    before = smwg.export()
    with held_open(data_dir):
        result = smwg_process(
            "--data-dir", str(data_dir), "org", "add", "--name", "During", "--country", "PE"
        )
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith(f"smwg: the data directory {data_dir} is in use by another")
        # Reading does not need the lock.
        assert column(smwg("org", "list"), "NAME") == ["Before"]
        assert smwg.export() == before
    smwg.add("org", "add", "--name", "After", "--country", "PE")
