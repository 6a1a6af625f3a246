"""Devices of one network, each a real data directory under tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.model import Organisation
from smwg_desktop.storage.changelog import encode
from smwg_desktop.sync.network import export_bundle, init_network, join_network, network_key

PASSPHRASE = "rivers remember their beds"


def exported(directory: Directory) -> str:
    return encode(directory.export_canonical())


@pytest.fixture
def network(tmp_path: Path) -> Iterator[Callable[[int], list[Directory]]]:
    """``network(n)``: n devices of one new network, all holding the first device's data."""
    opened: list[Directory] = []

    def make(count: int) -> list[Directory]:
        first = Directory.open(tmp_path / "device-0")
        opened.append(first)
        org = first.create(Organisation, {"name": "Red Andina (muestra)", "country": "BO"})
        first.add_person(
            {"name": "Rosa Mamani (sample)", "phones": "7 654 3210", "emails": "rosa@example.org"},
            organisation_id=org.id,
        )
        init_network(first, "SMWG (test)", PASSPHRASE)
        key = network_key(first, PASSPHRASE)
        seed = tmp_path / "seed.smwgbundle"
        export_bundle(first, seed, key, full=True)
        for n in range(1, count):
            device = Directory.open(tmp_path / f"device-{n}")
            opened.append(device)
            join_network(device, seed, PASSPHRASE)
        return opened

    yield make
    for directory in opened:
        directory.close()
