"""The @record decorator: immutable, keyword-only, value-equal records that stay dataclasses.

The classes under test are built inside the tests (``pair``), not at import: a
record class is made when its module is imported, so a test that only used
fiveg's own records would never see a change to how ``record`` builds one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import FrozenInstanceError

import pytest

from fiveg.records import Carrier, Device, Operator, Rat, Role, ServingCell, Snapshot, record
from tests.conftest import T0


def pair():
    @record
    class Pair:
        first: int
        second: str | None = None

    return Pair


def test_fields_are_set_by_keyword_and_defaults_fill_the_rest():
    Pair = pair()
    p = Pair(first=1)
    assert (p.first, p.second) == (1, None)
    assert Pair(first=2, second="b").second == "b"
    with pytest.raises(TypeError):
        Pair(1)  # keyword-only
    with pytest.raises(TypeError):
        Pair()  # a field without a default is required
    with pytest.raises(TypeError):
        Pair(first=1, third=3)


def test_a_default_is_the_declared_value():
    @record
    class Defaults:
        n: int = 7
        text: str = "x"
        items: tuple[int, ...] = ()

    d = Defaults()
    assert (d.n, d.text, d.items) == (7, "x", ())
    assert Defaults(n=0).n == 0


def test_a_record_cannot_be_changed_or_stripped():
    Pair = pair()
    p = Pair(first=1)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'first'"):
        p.first = 2
    with pytest.raises(FrozenInstanceError, match="'first'"):
        del p.first
    with pytest.raises(FrozenInstanceError, match="'colour'"):
        p.colour = "red"
    assert p.first == 1
    d = Device(model="RM520N-GL")
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'model'"):
        d.model = "other"
    assert d.model == "RM520N-GL"


def test_equal_values_are_equal_records_and_hash_alike():
    Pair = pair()
    assert Pair(first=1, second="x") == Pair(first=1, second="x")
    assert hash(Pair(first=1)) == hash(Pair(first=1))
    assert Pair(first=1, second="x") != Pair(first=1, second="y")
    a = ServingCell(rat=Rat.LTE, pci=246, rsrp=-89.0)
    b = ServingCell(rat=Rat.LTE, pci=246, rsrp=-89.0)
    assert a == b
    assert (a != b) is False
    assert hash(a) == hash(b)
    assert len({a, b}) == 1
    assert a != ServingCell(rat=Rat.LTE, pci=247, rsrp=-89.0)
    assert a != ServingCell(rat=Rat.NR5G_SA, pci=246, rsrp=-89.0)


def test_different_values_hash_apart():
    # the hash is of the values: a set of distinct records does not fall into one bucket
    Pair = pair()
    assert hash(Pair(first=1)) != hash(Pair(first=2))
    assert hash(ServingCell(rat=Rat.LTE, pci=1)) != hash(ServingCell(rat=Rat.LTE, pci=2))


def test_records_of_different_kinds_are_never_equal():
    # Device and Operator both hold four Nones: the same values, not the same thing
    assert Device() != Operator()
    assert (Device() == Operator()) is False
    assert Device() != (None, None, None, None)
    assert Device().__eq__(Operator()) is NotImplemented


def test_repr_names_the_class_and_every_field():
    Pair = pair()
    assert repr(Pair(first=1, second="b")) == "pair.<locals>.Pair(first=1, second='b')"
    assert repr(Device(model="EM9191")) == (
        "Device(manufacturer=None, model='EM9191', revision=None, imei=None)"
    )


def test_still_a_dataclass_for_json_and_replace():
    Pair = pair()
    assert dataclasses.is_dataclass(Pair)
    assert [f.name for f in dataclasses.fields(Pair)] == ["first", "second"]
    assert all(f.kw_only for f in dataclasses.fields(Pair))
    assert Pair.__match_args__ == ()  # keyword-only: no positional match patterns either
    assert dataclasses.asdict(Pair(first=1)) == {"first": 1, "second": None}
    c = Carrier(rat=Rat.LTE, role=Role.PCC, arfcn=1300, band=3, extra=("x",))
    moved = dataclasses.replace(c, arfcn=1350)
    assert (moved.arfcn, moved.band, c.arfcn) == (1350, 3, 1300)
    assert dataclasses.asdict(c)["extra"] == ("x",)


def test_init_is_named_after_its_class_and_slots_hold_the_values():
    Pair = pair()
    assert Pair.__init__.__qualname__ == "pair.<locals>.Pair.__init__"
    assert ServingCell.__init__.__qualname__ == "ServingCell.__init__"
    assert not hasattr(Pair(first=1), "__dict__")
    assert Pair.__slots__ == ("first", "second")
    assert Pair._names == ("first", "second")
    assert Pair._values(Pair(first=3, second="c")) == (3, "c")


def test_nested_defaults_are_shared_but_immutable():
    s = Snapshot(time=T0)
    assert s.device == Device() and s.operator == Operator()
    assert (s.serving, s.errors, s.dialect) == ((), (), None)
    assert Snapshot(time=T0) == s
