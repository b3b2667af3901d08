"""Conformance: ignite.utils (convert_tensor, apply_to_tensor/type, to_onehot, setup_logger, manual_seed,
deprecated, hash_checkpoint), ignite._utils and ignite.base.Serializable."""

import collections
import io
import logging
import os
import random
import tempfile
import warnings
from collections import OrderedDict

import torch

from ignite.base import Serializable
from ignite.utils import (
    apply_to_tensor,
    apply_to_type,
    convert_tensor,
    deprecated,
    hash_checkpoint,
    manual_seed,
    setup_logger,
    to_onehot,
)


def _describe(value):
    if isinstance(value, torch.Tensor):
        return f"T{tuple(value.shape)}:{str(value.dtype).replace('torch.', '')}:{value.device.type}"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__}[" + ",".join(_describe(v) for v in value) + "]"
    if isinstance(value, collections.abc.Mapping):
        return f"{type(value).__name__}{{" + ",".join(f"{k}={_describe(v)}" for k, v in value.items()) + "}"
    return repr(value)


def scenario_convert_tensor_nested():
    Point = collections.namedtuple("Point", ["x", "y"])
    data = {
        "a": torch.zeros(2),
        "b": [torch.ones(1), (torch.ones(2, 2), "text")],
        "c": Point(torch.zeros(1), 3),
        "d": b"bytes",
        "e": OrderedDict(z=torch.zeros(3)),
    }
    out = convert_tensor(data, device="cpu")
    print(_describe(out))
    print(_describe(convert_tensor(torch.zeros(2), device=None)))
    print(_describe(convert_tensor(torch.zeros(2), device=torch.device("cpu"), non_blocking=True)))
    print(_describe(convert_tensor("just text")))


def scenario_convert_tensor_bad_input():
    for value in (3, 2.5, None, object()):
        try:
            print(_describe(convert_tensor(value, device="cpu")))
        except Exception as exc:
            print(type(value).__name__, type(exc).__name__)


def scenario_apply_to_tensor_and_type():
    doubled = apply_to_tensor([torch.ones(2), {"k": torch.ones(1)}], lambda t: t * 2)
    print(_describe(doubled), float(doubled[0].sum()), float(doubled[1]["k"].sum()))
    print(apply_to_type([1, 2.5, "a", (3,)], int, lambda v: v * 10))
    print(apply_to_type({"a": 1, "b": [2]}, (int, float), lambda v: -v))
    try:
        apply_to_type([1, object()], int, lambda v: v)
    except Exception as exc:
        print(type(exc).__name__)


def scenario_legacy_utils_module():
    import ignite._utils as legacy

    for name in ("convert_tensor", "apply_to_tensor", "apply_to_type", "to_onehot"):
        print(name, hasattr(legacy, name))


def scenario_to_onehot_values():
    out = to_onehot(torch.tensor([0, 2, 1]), 3)
    print(_describe(out), out.tolist())
    out = to_onehot(torch.tensor([[0, 1], [2, 0]]), 4)
    print(_describe(out), out.sum().item(), out[1, :, 0].tolist())
    out = to_onehot(torch.tensor([1], dtype=torch.int32), 2)
    print(_describe(out), out.tolist())


def scenario_to_onehot_jit_script():
    scripted = torch.jit.script(to_onehot)
    out = scripted(torch.tensor([1, 0]), 3)
    print(_describe(out), out.tolist())

    class Net(torch.nn.Module):
        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return to_onehot(x, 4)

    net = torch.jit.script(Net())
    print(net(torch.tensor([3])).tolist())


def scenario_to_onehot_out_of_range():
    for indices, n in ((torch.tensor([3]), 3), (torch.tensor([-1]), 3)):
        try:
            to_onehot(indices, n)
            print("ok")
        except Exception as exc:
            print(type(exc).__name__)


def scenario_setup_logger_stream_and_format():
    stream = io.StringIO()
    logger = setup_logger("sc-utils-a", stream=stream, format="%(name)s|%(levelname)s|%(message)s")
    logger.info("hello")
    logger.debug("hidden")
    print(repr(stream.getvalue()), logger.level, logger.propagate, len(logger.handlers))
    again = setup_logger("sc-utils-a", stream=stream, format="%(message)s")
    print(again is logger, len(again.handlers))


def scenario_setup_logger_reset_level_and_rank():
    stream = io.StringIO()
    logger = setup_logger("sc-utils-b", level=logging.DEBUG, stream=stream, format="%(message)s")
    logger.debug("d1")
    logger = setup_logger(
        "sc-utils-b", level=logging.WARNING, stream=stream, format="%(message)s", reset=True
    )
    logger.info("i2")
    logger.warning("w2")
    print(repr(stream.getvalue()), len(logger.handlers))
    quiet = setup_logger("sc-utils-c", stream=stream, distributed_rank=1)
    quiet.warning("nobody")
    print(repr(stream.getvalue()), [type(h).__name__ for h in quiet.handlers])


def scenario_setup_logger_filepath():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "log.txt")
        logger = setup_logger("sc-utils-d", stream=io.StringIO(), filepath=path, format="%(message)s")
        logger.info("to file")
        for handler in logger.handlers:
            handler.flush()
        with open(path, encoding="utf-8") as fh:
            print(repr(fh.read()))
        print(sorted(type(h).__name__ for h in logger.handlers))
        for handler in list(logger.handlers):
            handler.close()
            logger.removeHandler(handler)


def scenario_manual_seed_reproducible():
    manual_seed(12)
    first = (random.random(), torch.rand(2).tolist())
    manual_seed(12)
    second = (random.random(), torch.rand(2).tolist())
    print(first == second)
    import numpy as np

    manual_seed(3)
    a = np.random.rand()
    manual_seed(3)
    print(a == np.random.rand())


def scenario_deprecated_warning_and_docstring():
    @deprecated("0.4.2", "0.6.0", reasons=("Because.", "And more."))
    def old(x):
        """Old function."""
        return x + 1

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        print(old(1))
    print([(w.category.__name__, str(w.message)) for w in caught])
    print(repr(old.__doc__))
    print(old.__name__)


def scenario_deprecated_raise_and_defaults():
    @deprecated("0.4.2", "0.6.0", raise_exception=True)
    def strict():
        return 1

    try:
        strict()
    except Exception as exc:
        print(type(exc).__name__, str(exc))

    @deprecated("1.0")
    def plain():
        pass

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plain()
    print([str(w.message) for w in caught], repr(plain.__doc__))


def scenario_hash_checkpoint():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.pt")
        torch.save({"w": torch.arange(4)}, path)
        with open(path, "rb") as fh:
            size = len(fh.read())
        out_dir = os.path.join(tmp, "out")
        os.makedirs(out_dir)
        result = hash_checkpoint(path, out_dir)
        new_path, digest = result
        print(type(result).__name__, type(new_path).__name__, len(digest), size > 0)
        print(os.path.basename(str(new_path)) == f"model-{digest[:8]}.pt", os.path.exists(path))


def scenario_serializable_checks():
    class S(Serializable):
        _state_dict_all_req_keys = ("a",)
        _state_dict_one_of_opt_keys = (("b", "c"),)

    class Empty(Serializable):
        _state_dict_one_of_opt_keys = ((),)

    print(Serializable._state_dict_all_req_keys, Serializable._state_dict_one_of_opt_keys)
    for cls, sd in (
        (S, {"a": 1, "b": 2}),
        (S, {"a": 1}),
        (S, {"a": 1, "b": 1, "c": 1}),
        (S, {"b": 1}),
        (S, [("a", 1)]),
        (Empty, {}),
        (Serializable, {}),
    ):
        try:
            cls().load_state_dict(sd)
            print(cls.__name__, "ok")
        except Exception as exc:
            print(cls.__name__, type(exc).__name__)
    try:
        Serializable().state_dict()
    except Exception as exc:
        print(type(exc).__name__)
