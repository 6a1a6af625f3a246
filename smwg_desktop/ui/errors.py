"""Unexpected errors as a short message in a dialog, never a silent exit or a traceback.

The core's refusals (``UserError``) are expected and shown beside the field or
in a message by the screens. Anything else is a bug: ``install_excepthook``
writes its traceback to stderr (for a report) and tells the person in one
sentence that their data is safe, then the app goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

from smwg_desktop.core.errors import UserError
from smwg_desktop.i18n import _
from smwg_desktop.ui.labels import user_message

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]

_showing: list[bool] = [False]


def message_for(error: BaseException) -> tuple[str, str]:
    """The title and sentence a person sees for an error."""
    if isinstance(error, UserError):
        return _("Not done"), user_message(error)
    return (
        _("Something went wrong"),
        _("SMWG Desktop met an unexpected problem ({what}) and stopped what it was doing. "
          "Every change made before was saved when it was made. The details were written "
          "to the error output, for a report.").format(what=type(error).__name__),
    )


def show_exception(error: BaseException, parent: QWidget | None = None) -> None:
    # Imported on the first error, as traceback below: not needed to start.
    from PySide6.QtWidgets import QMessageBox

    title, text = message_for(error)
    if isinstance(error, UserError):
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.critical(parent, title, text)


def handle_exception(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """``sys.excepthook`` for the app: log the traceback, show a short message."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    import traceback

    traceback.print_exception(kind, error, trace, file=sys.stderr)
    app = QApplication.instance()
    # One dialog at a time: an error while showing one must not open another.
    if app is None or _showing[0]:
        return
    _showing[0] = True
    try:
        show_exception(error, QApplication.activeWindow())
    finally:
        _showing[0] = False


def install_excepthook() -> ExceptHook:
    """Route uncaught exceptions (in slots too: PySide reports them here) to a dialog."""
    previous = sys.excepthook
    sys.excepthook = handle_exception
    return previous
