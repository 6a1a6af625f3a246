"""``@frozen`` classes (the field types and the records) behave as ``@dataclass(frozen=True)`` ones."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smwg_desktop.core.fields as fields_module
import smwg_desktop.core.model as model_module
from smwg_desktop.core.fields import Contact, FieldType, Text, Url
from smwg_desktop.core.frozen import Frozen, frozen
from smwg_desktop.core.model import Organisation, Person, Record

SCHEMA_CLASSES = sorted(
    (
        cls
        for module in (fields_module, model_module)
        for cls in vars(module).values()
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__
    ),
    key=lambda cls: cls.__qualname__,
)
FROZEN_CLASSES = [cls for cls in SCHEMA_CLASSES if cls is not Contact]


@frozen
class Flagged(Frozen):
    """Every dataclass field option ``Frozen`` must honour (no class of the package uses them yet)."""

    shown: str = ""
    kind: ClassVar[str] = "flagged"
    unseen: str = dataclasses.field(default="", repr=False)
    not_compared: str = dataclasses.field(default="", compare=False)
    compared_not_hashed: str = dataclasses.field(default="", hash=False)
    hashed_not_compared: str = dataclasses.field(default="", compare=False, hash=True)
    _: dataclasses.KW_ONLY
    keyword: str = ""


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


def test_every_field_type_and_record_is_made_with_frozen_but_contact() -> None:
    # Contact is made for each e-mail and phone read and compared often: it keeps the
    # methods a dataclass writes for it, the quickest.
    assert {"FieldType", "Text", "Emails", "Record", "Organisation", "Person", "OutreachMove"} <= {
        cls.__name__ for cls in FROZEN_CLASSES
    }
    for cls in FROZEN_CLASSES:
        assert issubclass(cls, Frozen) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        assert "__eq__" not in vars(cls) and "__repr__" not in vars(cls)
        # Without one, dataclass would work one out from the signature (inspect.signature).
        assert cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("), f"{cls.__name__} has no docstring"
    assert not issubclass(Contact, Frozen) and "__eq__" in vars(Contact)


@st.composite
def two_value_sets(draw: st.DrawFn, cls: type) -> tuple[dict[str, Any], dict[str, Any]]:
    """Values for each field of ``cls``, twice: often the same, sometimes not."""
    names = [f.name for f in dataclasses.fields(cls)]
    pool = st.sampled_from(["", "a", 0, 1, None, (), ("a", "b"), False, True, 0.5])
    first = {name: draw(pool) for name in names}
    second = {name: first[name] if draw(st.booleans()) else draw(pool) for name in names}
    return first, second


@pytest.mark.parametrize("cls", [*FROZEN_CLASSES, Flagged], ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_equality_hash_and_repr_are_a_dataclass_s(cls: type, data: st.DataObject) -> None:
    first, second = data.draw(two_value_sets(cls))
    reference = twin(cls)
    a, b = cls(**first), cls(**second)
    ref_a, ref_b = reference(**first), reference(**second)

    assert (a == b) is (ref_a == ref_b)
    assert (a != b) is (ref_a != ref_b)
    assert hash(a) == hash(ref_a) and hash(b) == hash(ref_b)
    assert repr(a) == repr(ref_a)


def test_the_field_options_are_honoured() -> None:
    one = Flagged(shown="x", unseen="secret", not_compared="a", compared_not_hashed="p", keyword="k")

    assert repr(one) == (
        "Flagged(shown='x', not_compared='a', compared_not_hashed='p', hashed_not_compared='', keyword='k')"
    )
    assert one == dataclasses.replace(one, not_compared="b")
    assert one != dataclasses.replace(one, compared_not_hashed="q")
    assert hash(one) == hash(dataclasses.replace(one, compared_not_hashed="q"))
    assert one == dataclasses.replace(one, hashed_not_compared="h")
    assert hash(one) != hash(dataclasses.replace(one, hashed_not_compared="h"))
    with pytest.raises(TypeError):
        Flagged("x", "secret", "a", "p", "h", "k")  # type: ignore[misc]


def test_copies_and_pickles_are_equal_and_stay_frozen() -> None:
    record = Person(id="p1", name="Defensora Anónima", at_risk=True, languages=("es", "qu"))

    for again in (copy.copy(record), copy.deepcopy(record), pickle.loads(pickle.dumps(record))):
        assert again == record and hash(again) == hash(record) and type(again) is Person
        with pytest.raises(dataclasses.FrozenInstanceError):
            again.name = "Other"  # type: ignore[misc]
    assert dataclasses.asdict(record)["languages"] == ("es", "qu")


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


@pytest.mark.parametrize("method", ["__eq__", "__hash__"])
def test_frozen_refuses_a_class_with_its_own_equality_or_hash(method: str) -> None:
    # A dataclass would then hash it by its fields, Python would leave it unhashable:
    # neither is what Frozen gives, so such a class is refused when made.
    body = {"__annotations__": {"name": "str"}, "name": "", method: lambda self, *other: 0}

    with pytest.raises(TypeError, match="takes its equality and hash from Frozen"):
        frozen(type("Own", (Frozen,), body))
