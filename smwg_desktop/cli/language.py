"""The command line's language: the environment's (``LANG=es_ES.UTF-8``), else English.

Click reads every help text while the commands are declared, so ``smwg_desktop.cli``
calls ``use_environment_language`` before it imports the modules that declare them.
Output meant for scripts (``--json``, ids, exported files) is never translated.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from smwg_desktop.i18n import N_, _, environment_language, ngettext, set_language

CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
)
"""Modules whose ``gettext`` calls print click's own words (Usage:, Options, its errors)."""

CLICK_MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("Missing command."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("{value!r} is not a valid {number_type}."),
    N_("integer"),
    N_("default: {default}"),
    N_("required"),
    N_("Aborted!"),
)
"""Click's own messages that the catalog translates, as click spells them (8.1 and later);
any other stays in English."""


def use_environment_language(environ: Mapping[str, str]) -> str:
    """Speak the language ``environ`` asks for, click's words included; returns its code."""
    lang = environment_language(environ)
    set_language(lang)
    # Click looks its words up with the standard gettext, which knows no catalog of ours.
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = _
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    return lang
