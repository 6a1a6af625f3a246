"""Frozen dataclasses that cost less to make: the field types and the records.

``@dataclass(frozen=True)`` writes six methods into each class and compiles each
one: for the 32 field types and records that every start of the app and of each
command makes, some 20 ms. A class made with ``@frozen`` is the same frozen
dataclass (``fields``, ``replace``, and assignment refused, all as before) but has
only the methods that differ from class to class written for it: ``__init__`` and
the two that refuse assignment, which saves about 8 ms. Equality, hash and repr
come from ``Frozen``, written once, and behave as a dataclass's: equal when of the
same class with equal compared fields, hashed on the same fields, shown as
``Name(field=value, ...)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TypeVar, dataclass_transform

T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    """``@dataclass(frozen=True)`` for a subclass of ``Frozen``."""
    if not issubclass(cls, Frozen):
        raise TypeError(f"{cls.__qualname__} is made with @frozen but is not a Frozen")
    if {"__eq__", "__hash__"} & vars(cls).keys():
        # A dataclass would hash such a class by its fields; Python would leave it unhashable.
        raise TypeError(f"{cls.__qualname__}: a @frozen class takes its equality and hash from Frozen")
    return dataclass(frozen=True, eq=False, repr=False)(cls)


class Frozen:
    """Equality, hash and repr by the dataclass fields, for every class made with ``@frozen``."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        compared = _fields_of(type(self))[0]
        return _values(self, compared) == _values(other, compared)

    def __hash__(self) -> int:
        return hash(_values(self, _fields_of(type(self))[1]))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _fields_of(type(self))[2])
        return f"{self.__class__.__qualname__}({shown})"


def _values(instance: object, names: tuple[str, ...]) -> tuple[object, ...]:
    return tuple(getattr(instance, name) for name in names)


_FIELDS: dict[type[Frozen], tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}


def _fields_of(cls: type[Frozen]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The fields compared, hashed and shown, worked out once per class."""
    if cls not in _FIELDS:
        every = fields(cls)  # type: ignore[arg-type]
        _FIELDS[cls] = (
            tuple(f.name for f in every if f.compare),
            tuple(f.name for f in every if (f.compare if f.hash is None else f.hash)),
            tuple(f.name for f in every if f.repr),
        )
    return _FIELDS[cls]
