"""What a start computes once per installation is read back later, until what it came from changes."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from smwg_desktop import user_cache


class Counted:
    """A computation that counts its runs."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.runs = 0

    def __call__(self) -> object:
        self.runs += 1
        return self.value


def is_names(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "library" / "data.dat"
    path.parent.mkdir()
    path.write_bytes(b"version 1")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_the_second_start_reads_what_the_first_computed(source: Path, folder: Path) -> None:
    compute = Counted({"BR": "Brésil", "SX": "Saint-Martin (partie néerlandaise)"})

    first = user_cache.cached("names", [source], compute, is_names, folder)
    later = user_cache.cached("names", [source], compute, is_names, folder)

    assert first == later == compute.value
    assert compute.runs == 1
    kept = user_cache.cache_file("names", [source], folder).read_text(encoding="utf-8")
    assert json.loads(kept)["value"] == compute.value


def test_two_installations_keep_a_file_each(source: Path, folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-install" / "data.dat"
    other.parent.mkdir()
    other.write_bytes(b"version 2, installed elsewhere")
    here, there = Counted({"BR": "Brazil"}), Counted({"BR": "Brasil"})

    for _start in range(3):
        assert user_cache.cached("names", [source], here, is_names, folder) == {"BR": "Brazil"}
        assert user_cache.cached("names", [other], there, is_names, folder) == {"BR": "Brasil"}

    assert (here.runs, there.runs) == (1, 1)
    assert len(list(folder.iterdir())) == 2


def test_a_value_computed_from_other_files_is_computed_again(source: Path, folder: Path) -> None:
    user_cache.cached("names", [source], Counted({"BR": "Brazil"}), is_names, folder)
    source.write_bytes(b"version 2, another size")
    upgraded = Counted({"BR": "Brasil"})

    assert user_cache.cached("names", [source], upgraded, is_names, folder) == {"BR": "Brasil"}
    assert upgraded.runs == 1
    assert user_cache.cached("names", [source], upgraded, is_names, folder) == {"BR": "Brasil"}
    assert upgraded.runs == 1


def test_a_file_rewritten_at_the_same_size_counts_as_changed(source: Path, folder: Path) -> None:
    user_cache.cached("names", [source], Counted({"BR": "Brazil"}), is_names, folder)
    before = source.stat().st_mtime_ns
    source.write_bytes(b"version 9")
    os.utime(source, ns=(before + 1_000_000_000, before + 1_000_000_000))
    again = Counted({"BR": "Brasil"})

    assert user_cache.cached("names", [source], again, is_names, folder) == {"BR": "Brasil"}
    assert again.runs == 1


def test_a_missing_source_is_part_of_the_key(source: Path, folder: Path) -> None:
    user_cache.cached("names", [source], Counted({"BR": "Brazil"}), is_names, folder)
    source.unlink()
    again = Counted({"BR": "Brasil"})

    assert user_cache.cached("names", [source], again, is_names, folder) == {"BR": "Brasil"}
    assert again.runs == 1


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b'{"key": [["/x", 1, 2]], "val',
        b"not json at all",
        b"[1, 2, 3]",
        b'{"value": {"BR": "Brazil"}}',
        b"\xff\xfe not text",
    ],
)
def test_a_damaged_file_is_ignored_and_written_again(
    source: Path, folder: Path, damage: bytes
) -> None:
    user_cache.cached("names", [source], Counted({"BR": "Brazil"}), is_names, folder)
    user_cache.cache_file("names", [source], folder).write_bytes(damage)
    again = Counted({"BR": "Brazil"})

    assert user_cache.cached("names", [source], again, is_names, folder) == {"BR": "Brazil"}
    assert again.runs == 1
    assert user_cache.cached("names", [source], again, is_names, folder) == {"BR": "Brazil"}
    assert again.runs == 1


def test_a_value_of_the_wrong_shape_under_the_right_key_is_computed_again(
    source: Path, folder: Path
) -> None:
    user_cache.cached("names", [source], Counted({"BR": "Brazil"}), is_names, folder)
    path = user_cache.cache_file("names", [source], folder)
    kept = json.loads(path.read_text(encoding="utf-8"))
    kept["value"] = {"BR": 7}
    path.write_text(json.dumps(kept), encoding="utf-8")
    again = Counted({"BR": "Brazil"})

    assert user_cache.cached("names", [source], again, is_names, folder) == {"BR": "Brazil"}
    assert again.runs == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_folder_that_cannot_be_written_costs_only_the_computing(
    source: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    compute = Counted({"BR": "Brazil"})
    try:
        assert user_cache.cached("names", [source], compute, is_names, folder) == {"BR": "Brazil"}
        assert user_cache.cached("names", [source], compute, is_names, folder) == {"BR": "Brazil"}
    finally:
        folder.chmod(stat.S_IRWXU)

    assert compute.runs == 2
    assert list(folder.iterdir()) == []


def test_a_cache_folder_that_is_a_file_costs_only_the_computing(
    source: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in-the-way"
    folder.write_text("a file where the folder would go", encoding="utf-8")
    compute = Counted({"BR": "Brazil"})

    assert user_cache.cached("names", [source], compute, is_names, folder) == {"BR": "Brazil"}
    assert user_cache.cached("names", [source], compute, is_names, folder) == {"BR": "Brazil"}
    assert compute.runs == 2


def test_writing_leaves_no_temporary_file(source: Path, folder: Path) -> None:
    user_cache.cached("names", [source], Counted({"BR": "Brazil"}), is_names, folder)
    user_cache.cached("other", [source], Counted({"PE": "Perú"}), is_names, folder)

    assert sorted(folder.iterdir()) == sorted(
        [user_cache.cache_file("names", [source], folder), user_cache.cache_file("other", [source], folder)]
    )


def test_the_cache_folder_follows_the_platform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))

    assert user_cache.cache_folder() == tmp_path / "xdg-cache" / "smwg-desktop"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the folder found without platformdirs")
@pytest.mark.parametrize(
    ("xdg", "home"),
    [
        ("/srv/cache", "/home/ana"), ("/srv/cache/", "/home/ana"), ("/", "/home/ana"),
        (None, "/home/ana"), ("", "/home/ana/"), (None, "/"), (None, "//net/home"),
        ("relative/cache", "/home/ana"), ("  ", "/home/ana"), (None, "relative-home"),
    ],
)
def test_the_cache_folder_is_the_one_platformdirs_gives(
    xdg: str | None, home: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    for variable, value in (("XDG_CACHE_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, value)

    assert user_cache.cache_folder() == platformdirs.user_cache_path("smwg-desktop", appauthor=False)


def test_package_files_are_where_the_package_is_installed() -> None:
    [init, data] = user_cache.package_files("pycountry", "__init__.py", "databases/iso3166-1.json")

    assert init.is_file() and data.is_file()
    assert user_cache.package_files("no_such_package_here", "__init__.py") == []
