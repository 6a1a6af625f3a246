"""The PyInstaller spec, read as PyInstaller reads it, without a build (which takes a minute).

PyInstaller runs the spec as a script with ``Analysis``, ``PYZ``, ``EXE``, ``COLLECT``
and ``SPECPATH`` given; here they are stand-ins that record what the spec asks for.
"""

from __future__ import annotations

import sys
import tomllib
import types
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build" / "smwg.spec"

KEPT_BINARIES = [
    "PySide6/Qt/lib/libQt6Core.so.6",
    "PySide6/Qt/lib/libQt6Network.so.6",
    "PySide6/Qt/lib/libQt6OpenGL.so.6",
    "PySide6/Qt/lib/libQt6OpenGLWidgets.so.6",
    "PySide6/Qt/lib/libQt6Charts.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6PdfWidgets.so.6",
    "PySide6/Qt/lib/libQt6PrintSupport.so.6",
    "PySide6/Qt/lib/libQt6Svg.so.6",
    "PySide6/Qt/lib/libQt6DBus.so.6",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    "PySide6/QtCharts.abi3.so",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "zstandard/backend_c.cpython-311-x86_64-linux-gnu.so",
    "libicudata.so.73",
]
DROPPED_BINARIES = [
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6Qml.so.6",
    "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
    "PySide6/Qt/lib/libQt6WaylandClient.so.6",
    "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
    "libQt6Quick.so.6",
    "PySide6\\Qt6WebEngineCore.dll",
    "PySide6/Qt/lib/QtMultimedia.framework/Versions/A/QtMultimedia",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "zstandard/_cffi.cpython-311-x86_64-linux-gnu.so",
]
KEPT_DATAS = [
    "resources/fonts/NotoSans-Regular.ttf",
    "resources/icons/smwg.png",
    "resources/icons/at-risk-16.png",
    "resources/translations/es/LC_MESSAGES/smwg.po",
    "PySide6/Qt/translations/qtbase_es.qm",
    "PySide6/Qt/translations/qt_fr.qm",
    "PySide6/Qt/translations/qtmultimedia_fr.qm",
    "babel/locale-data/root.dat",
    "babel/locale-data/es.dat",
    "babel/locale-data/es_419.dat",
    "babel/locale-data/en_GB.dat",
    "babel/global.dat",
    "pycountry/locales/fr/LC_MESSAGES/iso3166-1.mo",
    "pycountry/databases/iso3166-1.json",
    # Country names are read in Portuguese too ("Brasil", "Alemanha").
    "babel/locale-data/pt.dat",
    "babel/locale-data/pt_BR.dat",
    "pycountry/locales/pt/LC_MESSAGES/iso3166-1.mo",
]
DROPPED_DATAS = [
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/designer_es.qm",
    "babel/locale-data/de.dat",
    "babel/locale-data/it_IT.dat",
    "pycountry/locales/de/LC_MESSAGES/iso3166-1.mo",
    "PySide6/Qt/translations/qtbase_pt_BR.qm",
]


class Recorded:
    def __init__(self, *args: Any, **options: Any) -> None:
        self.args = args
        self.options = options


@pytest.fixture
def spec(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The spec's names after PyInstaller would have run it on the entries above."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package: [package]  # type: ignore[attr-defined]
    hooks.copy_metadata = lambda distribution: []  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)

    class Analysis(Recorded):
        def __init__(self, *args: Any, **options: Any) -> None:
            super().__init__(*args, **options)
            self.binaries = [(d, f"/src/{d}", "BINARY") for d in KEPT_BINARIES + DROPPED_BINARIES]
            self.datas = [(d, f"/src/{d}", "DATA") for d in KEPT_DATAS + DROPPED_DATAS]
            self.pure: list[Any] = []
            self.scripts: list[Any] = []

    names: dict[str, Any] = {
        "SPECPATH": str(SPEC.parent),
        "Analysis": Analysis,
        "PYZ": Recorded,
        "EXE": Recorded,
        "COLLECT": Recorded,
        "BUNDLE": Recorded,
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), names)
    return names


def test_the_spec_keeps_what_the_app_needs_and_drops_unused_qt_parts(
    spec: dict[str, Any],
) -> None:
    assert [dest for dest, _, _ in spec["a"].binaries] == KEPT_BINARIES
    assert [dest for dest, _, _ in spec["a"].datas] == KEPT_DATAS


def test_the_spec_makes_one_folder_app_named_smwg_from_the_entry_module(
    spec: dict[str, Any],
) -> None:
    [scripts] = spec["a"].args
    assert scripts == [str(ROOT / "build" / "entry.py")]
    assert (ROOT / "resources", "resources") in [
        (Path(source), dest) for source, dest in spec["a"].options["datas"]
    ]
    assert spec["exe"].options["name"] == "smwg"
    assert spec["exe"].options["exclude_binaries"] is True
    assert spec["coll"].options["name"] == "smwg"


def test_the_spec_versions_the_app_from_pyproject(spec: dict[str, Any]) -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

    assert spec["VERSION"] == pyproject["project"]["version"]


def test_the_entry_script_and_the_icon_script_compile() -> None:
    for script in ("entry.py", "make_icon.py"):
        path = ROOT / "build" / script
        compile(path.read_text(encoding="utf-8"), str(path), "exec")
