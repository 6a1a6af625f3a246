"""Drive `smwg` in-process, the way a person types it, against the test's data directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from smwg_desktop.cli import main


class Smwg:
    """`smwg --data-dir DATA ...` run in this process; programming errors propagate."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.runner = CliRunner()

    def run(self, *args: str, data_dir: Path | None = None) -> Result:
        where = ["--data-dir", str(data_dir or self.data_dir)]
        return self.runner.invoke(main, [*where, *args], catch_exceptions=False)

    def __call__(self, *args: str) -> str:
        """Stdout of a command that must succeed."""
        result = self.run(*args)
        assert result.exit_code == 0, result.output
        return result.stdout

    def add(self, *args: str) -> str:
        """The id an `add` command prints, checking that it prints nothing else."""
        lines = self(*args).splitlines()
        assert len(lines) == 1, lines
        return lines[0]

    def refused(self, *args: str) -> str:
        """The one line a refusal prints on stderr (exit 2, nothing on stdout)."""
        result = self.run(*args)
        assert result.exit_code == 2, result.output
        lines = result.stderr.splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith("smwg: ")
        assert result.stdout == ""
        return lines[0]

    def refused_unchanged(self, *args: str) -> str:
        """A refusal that leaves the exported data byte for byte as it was."""
        before = self.export()
        line = self.refused(*args)
        assert self.export() == before
        return line

    def export(self) -> bytes:
        result = self.run("export", "json", "-", "--include-at-risk")
        assert result.exit_code == 0, result.output
        return result.stdout_bytes


@pytest.fixture
def smwg(data_dir: Path) -> Smwg:
    return Smwg(data_dir)


def column(output: str, name: str) -> list[str]:
    """The cells under header ``name`` of a printed table (ASCII text: one column a char).

    The header is the first line that holds ``name``; lines above it are titles.
    """
    lines = output.splitlines()
    lines = lines[next(i for i, line in enumerate(lines) if name in line) :]
    header = lines[0]
    start = header.index(name)
    rest = header[start + len(name) :]
    end = start + len(name) + (len(rest) - len(rest.lstrip())) if rest.strip() else None
    return [line[start:end].strip() for line in lines[1:]]
