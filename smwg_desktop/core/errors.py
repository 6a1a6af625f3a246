"""Errors a person can cause, each carrying a message fit to show them.

The CLI prints ``str(error)`` on one line and exits 2; the UI shows it beside the
field or in a dialog. Programming errors are ordinary exceptions and are not caught.
"""

from __future__ import annotations


class UserError(Exception):
    """Base of every refusal caused by input or by the state of the data."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    """A value that does not fit its field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


class NotFoundError(UserError):
    """No record answers to the id (or id prefix) given."""


class RefusedError(UserError):
    """An operation that the current state of the data does not allow."""


class StorageError(UserError):
    """The data directory cannot be used as asked: locked, too new, unreadable."""
