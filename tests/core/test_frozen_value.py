"""Records and field types print, compare and hash exactly as frozen dataclasses do."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from smwg_desktop.core import fields, model
from smwg_desktop.core.fields import FrozenValue

CLASSES = sorted(
    (
        cls
        for module in (fields, model)
        for cls in vars(module).values()
        if isinstance(cls, type) and issubclass(cls, FrozenValue) and cls.__module__ == module.__name__
        and cls is not FrozenValue
    ),
    key=lambda cls: cls.__name__,
)


def generated(cls: type[Any]) -> type[Any]:
    """The same fields in a class whose methods ``dataclass(frozen=True)`` wrote."""
    shape = [(f.name, f.type, dataclasses.field(default=None)) for f in dataclasses.fields(cls)]
    made: type[Any] = dataclasses.make_dataclass(cls.__name__, shape, frozen=True)
    return made


def default(field: dataclasses.Field[Any]) -> Any:
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return None if field.default is dataclasses.MISSING else field.default


def variants(cls: type[Any]) -> list[dict[str, Any]]:
    """The defaults, then each field in turn changed."""
    defaults = {f.name: default(f) for f in dataclasses.fields(cls)}
    if "id" in defaults:
        defaults["id"] = "3f2a"
    return [defaults] + [{**defaults, name: ("changed", name)} for name in defaults]


def test_every_record_and_field_type_is_checked() -> None:
    names = {cls.__name__ for cls in CLASSES}

    assert {"Record", "Organisation", "Person", "OutreachMove", "FieldType", "Text", "Handles"} <= names
    assert {cls.__name__ for cls in model.RECORD_TYPES.values()} <= names
    assert len(CLASSES) == 32


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_print_compare_and_hash_as_a_generated_dataclass(cls: type[Any]) -> None:
    reference = generated(cls)
    mine = [cls(**values) for values in variants(cls)]
    theirs = [reference(**values) for values in variants(cls)]

    assert [repr(value) for value in mine] == [repr(value) for value in theirs]
    assert [hash(value) for value in mine] == [hash(value) for value in theirs]
    for a, ref_a in zip(mine, theirs, strict=True):
        assert [a == b for b in mine] == [ref_a == ref_b for ref_b in theirs]
        assert [a != b for b in mine] == [ref_a != ref_b for ref_b in theirs]
        assert a != ref_a and ref_a != a  # another class, even with the same fields
    assert cls(**variants(cls)[0]) == mine[0]


def test_a_subclass_is_never_equal_to_its_base() -> None:
    assert fields.Emails() != fields.ContactList(kinds=("work", "home", "other"), default_kind="work")
    assert model.Record(id="x") != model.Organisation(id="x")
    assert model.Organisation(id="x") != model.Person(id="x")


def test_records_stay_frozen() -> None:
    organisation = model.Organisation(id="x", name="Red Andina")

    with pytest.raises(dataclasses.FrozenInstanceError):
        organisation.name = "Other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        fields.Text().max_length = 3  # type: ignore[misc]
