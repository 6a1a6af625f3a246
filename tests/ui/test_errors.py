"""Errors a person meets: a short message in a dialog, never a traceback or a silent exit."""

from __future__ import annotations

import sys

import pytest
from pytestqt.qtbot import QtBot

from smwg_desktop.core.errors import NotFoundError, ValidationError
from smwg_desktop.ui import errors

from .conftest import Answers


def raised(error: BaseException) -> tuple[type[BaseException], BaseException, object]:
    try:
        raise error
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def test_an_unexpected_error_shows_a_short_message_and_logs_the_traceback(
    qtbot: QtBot, answers: Answers, capsys: pytest.CaptureFixture[str]
) -> None:
    errors.handle_exception(*raised(ZeroDivisionError("division by zero")))  # type: ignore[arg-type]

    [(title, text)] = answers.shown
    assert title == "Something went wrong"
    assert "ZeroDivisionError" in text
    assert "saved" in text
    assert "Traceback" not in text
    assert "Traceback" in capsys.readouterr().err


def test_a_refusal_that_escaped_shows_the_core_message(qtbot: QtBot, answers: Answers) -> None:
    errors.handle_exception(*raised(ValidationError("country", "'XX' is not an ISO 3166 country code")))  # type: ignore[arg-type]
    errors.handle_exception(*raised(NotFoundError("no person with id 'abcd'")))  # type: ignore[arg-type]

    assert answers.shown == [
        ("Not done", "Country: 'XX' is not an ISO 3166 country code"),
        ("Not done", "No person with id 'abcd'"),
    ]


def test_the_hook_is_installed_and_gives_back_the_previous_one(qtbot: QtBot) -> None:
    before = sys.excepthook
    previous = errors.install_excepthook()
    try:
        assert sys.excepthook is errors.handle_exception
        assert previous is before
    finally:
        sys.excepthook = previous
