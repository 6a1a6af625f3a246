"""`smwg demo`: sample data to try the program, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from tests.cli.conftest import Smwg


def test_demo_loads_sample_data_and_says_what_it_added(smwg: Smwg, data_dir: Path) -> None:
    pytest.importorskip("smwg_desktop.core.demo")
    out = smwg("demo", "--organisations", "5", "--people", "12", "--seed", "7")
    assert out.startswith("Added sample data: ")
    assert len(out.splitlines()) == 1
    with Directory.open(data_dir, write=False) as directory:
        organisations = directory.list(Organisation)
    assert organisations
    assert all(o.sample for o in organisations)


def test_demo_twice_is_refused_rather_than_doubled(smwg: Smwg) -> None:
    pytest.importorskip("smwg_desktop.core.demo")
    smwg("demo", "--organisations", "3", "--people", "5", "--seed", "1")
    line = smwg.refused_unchanged("demo", "--organisations", "3", "--people", "5")
    assert "already holds sample data" in line


def test_demo_beside_real_records_is_allowed(smwg: Smwg, data_dir: Path) -> None:
    pytest.importorskip("smwg_desktop.core.demo")
    smwg.add("org", "add", "--name", "Real one", "--country", "PE")
    smwg("demo", "--organisations", "3", "--people", "5", "--seed", "1")
    with Directory.open(data_dir, write=False) as directory:
        assert "Real one" in [o.name for o in directory.list(Organisation)]


def test_demo_with_a_negative_count_is_refused(smwg: Smwg) -> None:
    assert "--people" in smwg.refused_unchanged("demo", "--people", "-1")
