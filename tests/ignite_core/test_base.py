"""Tests for ignite.base mixins and ignite.exceptions."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pytest

from ignite.base import ResettableHandler, Serializable
from ignite.exceptions import NotComputableError


class Saved(Serializable):
    _state_dict_all_req_keys = ("a",)
    _state_dict_one_of_opt_keys = (("b", "c"), ("d", "e"))

    def __init__(self) -> None:
        self.loaded: dict[str, Any] = {}

    def state_dict(self) -> OrderedDict[str, Any]:
        return OrderedDict(a=1, b=2, d=3)

    def load_state_dict(self, state_dict: Any) -> None:
        super().load_state_dict(state_dict)
        self.loaded = dict(state_dict)


def test_serializable_accepts_valid_state() -> None:
    obj = Saved()
    obj.load_state_dict(obj.state_dict())
    assert obj.loaded == {"a": 1, "b": 2, "d": 3}
    obj.load_state_dict({"a": 1, "c": 2, "e": 3})


def test_serializable_rejects_bad_state() -> None:
    obj = Saved()
    with pytest.raises(TypeError, match="should be a mapping"):
        obj.load_state_dict([("a", 1)])
    with pytest.raises(ValueError, match=r"Required state attribute\(s\) \['a'\] absent"):
        obj.load_state_dict({"b": 1, "d": 1})
    with pytest.raises(ValueError, match=r"one of the keys \['b', 'c'\]"):
        obj.load_state_dict({"a": 1, "d": 1})
    with pytest.raises(ValueError, match=r"exactly one of the keys \['d', 'e'\]"):
        obj.load_state_dict({"a": 1, "b": 1, "d": 1, "e": 1})


def test_serializable_rejects_an_empty_optional_group() -> None:
    class EmptyGroup(Serializable):
        _state_dict_one_of_opt_keys = ((),)

    with pytest.raises(ValueError, match=r"Empty group found in EmptyGroup\._state_dict_one_of_opt_keys"):
        EmptyGroup().load_state_dict({})


def test_serializable_defaults() -> None:
    plain = Serializable()
    plain.load_state_dict({})
    assert Serializable._state_dict_all_req_keys == ()
    assert Serializable._state_dict_one_of_opt_keys == ()
    with pytest.raises(NotImplementedError):
        plain.state_dict()


def test_resettable_handler_is_abstract() -> None:
    with pytest.raises(TypeError):
        ResettableHandler()  # type: ignore[abstract]

    class Counter(ResettableHandler):
        def __init__(self) -> None:
            self.count = 5

        def reset(self) -> None:
            self.count = 0

        def attach(self, engine: Any, *args: Any, **kwargs: Any) -> None:
            pass

    counter = Counter()
    counter.reset()
    assert counter.count == 0


def test_not_computable_error() -> None:
    assert issubclass(NotComputableError, RuntimeError)
    with pytest.raises(NotComputableError, match="no data"):
        raise NotComputableError("no data")
