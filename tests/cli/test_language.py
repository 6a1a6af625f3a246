"""`smwg` speaks the language of the environment it runs in; scripts' output stays as it is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from smwg_desktop.cli.language import use_environment_language
from smwg_desktop.i18n import current_language, set_language

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def smwg_in(lang: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`LANG=<lang> smwg ...` in a process of its own, no other locale variable set."""
    environ = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    return subprocess.run(
        [sys.executable, "-m", "smwg_desktop.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
        env={**environ, "LANG": lang, "PYTHONIOENCODING": "utf-8"},
    )


def test_help_is_in_spanish_on_a_spanish_system() -> None:
    shown = smwg_in("es_ES.UTF-8", "--help")

    assert shown.returncode == 0, shown.stderr
    assert "El directorio de miembros de SMWG Desktop, desde la línea de comandos." in shown.stdout
    assert "Mostrar este mensaje y salir." in shown.stdout
    assert shown.stdout.startswith("Uso: smwg")


def test_a_refusal_is_one_french_line_on_a_french_system(data_dir: Path) -> None:
    refused = smwg_in("fr_FR.UTF-8", "--data-dir", str(data_dir), "org", "show", "nope")

    assert refused.returncode == 2
    assert refused.stdout == ""
    assert refused.stderr == "smwg: organisation : aucune fiche avec l'id 'nope'\n"


def test_a_spanish_usage_error_names_the_option_in_spanish(data_dir: Path) -> None:
    refused = smwg_in("es_ES.UTF-8", "--data-dir", str(data_dir), "org", "add", "--name", "X")

    assert refused.returncode == 2
    assert refused.stderr == "smwg: Falta la opción '--country' (vea 'smwg org add --help')\n"


def test_json_and_ids_are_the_same_in_every_language(data_dir: Path) -> None:
    added = smwg_in("fr_FR.UTF-8", "--data-dir", str(data_dir), "org", "add",
                    "--name", "Asociación Andina", "--country", "BO", "--women-led")
    assert added.returncode == 0, added.stderr
    org_id = added.stdout.strip()

    listed = {
        lang: smwg_in(lang, "--data-dir", str(data_dir), "org", "list", "--json")
        for lang in ("C.UTF-8", "es_ES.UTF-8", "fr_FR.UTF-8")
    }

    assert len({result.stdout for result in listed.values()}) == 1
    [shown] = json.loads(listed["es_ES.UTF-8"].stdout)
    assert shown["id"] == org_id
    assert shown["women_led"] is True


def test_an_unknown_language_falls_back_to_english(data_dir: Path) -> None:
    refused = smwg_in("de_DE.UTF-8", "--data-dir", str(data_dir), "org", "show", "nope")

    assert refused.stderr == "smwg: no organisation with id 'nope'\n"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "es_ES.UTF-8"}, "es"),
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LC_ALL": "C.UTF-8", "LANG": "es_ES.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "es_ES.UTF-8"}, "fr"),
        ({"LANG": "es_MX.UTF-8", "LANGUAGE": "de:fr"}, "fr"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "es"}, "en"),
        ({"LANG": "pt_BR.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_is_read_from_the_environment_as_gettext_reads_it(
    environ: dict[str, str], expected: str
) -> None:
    try:
        assert use_environment_language(environ) == expected
        assert current_language() == expected
    finally:
        set_language("en")
