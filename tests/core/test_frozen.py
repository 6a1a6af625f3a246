"""``@frozen`` classes (the field types and the records) behave as ``@dataclass(frozen=True)`` ones."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smwg_desktop.core.model  # noqa: F401  (makes every record class)
from smwg_desktop.core.fields import FieldType, Text, Url
from smwg_desktop.core.frozen import Frozen, frozen
from smwg_desktop.core.model import Organisation, Person, Record


def every_frozen_class(base: type = Frozen) -> list[type]:
    found = []
    for sub in base.__subclasses__():
        found += [sub, *every_frozen_class(sub)]
    return sorted(set(found), key=lambda cls: cls.__qualname__)


FROZEN_CLASSES = [cls for cls in every_frozen_class() if cls.__module__.startswith("smwg_desktop.")]


def twin(cls: type) -> type:
    """The same fields made by ``@dataclass(frozen=True)`` itself: the reference."""
    made = dataclasses.make_dataclass(
        cls.__name__,
        [(f.name, Any, dataclasses.field(default=f.default, default_factory=f.default_factory,
                                         compare=f.compare, hash=f.hash, repr=f.repr, kw_only=f.kw_only))
         for f in dataclasses.fields(cls)],
        frozen=True,
    )
    made.__qualname__ = cls.__qualname__
    return made


def test_every_record_and_field_type_is_made_with_frozen() -> None:
    names = {cls.__name__ for cls in FROZEN_CLASSES}

    assert {"FieldType", "Text", "Emails", "Record", "Organisation", "Person", "OutreachMove"} <= names
    assert len(FROZEN_CLASSES) == 32
    for cls in FROZEN_CLASSES:
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        assert cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("), f"{cls.__name__} has no docstring"


@st.composite
def two_of_a_class(draw: st.DrawFn) -> tuple[type, dict[str, Any], dict[str, Any]]:
    """A class and two sets of values for its fields, often the same, sometimes not."""
    cls = draw(st.sampled_from(FROZEN_CLASSES))
    names = [f.name for f in dataclasses.fields(cls)]
    pool = st.sampled_from(["", "a", 0, 1, None, (), ("a", "b"), False, True, 0.5])
    first = {name: draw(pool) for name in names}
    second = {name: first[name] if draw(st.booleans()) else draw(pool) for name in names}
    return cls, first, second


@given(two_of_a_class())
def test_equality_hash_and_repr_are_a_dataclasses(case: tuple[type, dict[str, Any], dict[str, Any]]) -> None:
    cls, first, second = case
    reference = twin(cls)
    a, b = cls(**first), cls(**second)
    ref_a, ref_b = reference(**first), reference(**second)

    assert (a == b) is (ref_a == ref_b)
    assert (a != b) is (ref_a != ref_b)
    assert hash(a) == hash(ref_a) and hash(b) == hash(ref_b)
    assert repr(a) == repr(ref_a)


def test_instances_of_different_classes_are_never_equal() -> None:
    assert FieldType() == FieldType()
    assert FieldType() != Url()
    assert Url() != FieldType()
    assert Organisation(id="x") != Person(id="x")
    assert Organisation(id="x") != ("x", False)
    assert len({Text(), Text(), Text(max_length=5), Url()}) == 3


def test_assignment_and_deletion_are_refused_as_on_any_frozen_dataclass() -> None:
    record = Organisation(id="x", name="Red Andina")

    with pytest.raises(dataclasses.FrozenInstanceError):
        record.name = "Other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del record.name  # type: ignore[misc]
    assert dataclasses.replace(record, name="Other").name == "Other"
    assert record.name == "Red Andina"


def test_frozen_refuses_a_class_that_is_not_a_frozen_value() -> None:
    with pytest.raises(TypeError, match="not a Frozen"):

        @frozen
        class Loose:
            name: str = ""

    assert issubclass(Record, Frozen)
