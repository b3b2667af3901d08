"""Saving and restoring the random generators (``random``, ``numpy``, ``torch`` CPU and CUDA).

The states are a list, as in pytorch-ignite 0.5's ``DeterministicEngine.state_dict()["rng_states"]``:
``[random state, torch CPU state, numpy state]`` (numpy's entry is ``None`` when numpy is missing),
followed here by the CUDA generators' states when CUDA is initialised.
"""

from __future__ import annotations

import random
from typing import Any

import torch


def get_rng_states() -> list[Any]:
    """The current states of every random generator a training step may use."""
    states: list[Any] = [random.getstate(), torch.get_rng_state()]
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy is optional
        states.append(None)
    else:
        states.append(np.random.get_state())
    if torch.cuda.is_available() and torch.cuda.is_initialized():  # type: ignore[no-untyped-call]
        states.append(torch.cuda.get_rng_state_all())
    return states


def set_rng_states(states: list[Any]) -> None:
    """Restore states returned by :func:`get_rng_states` (or pytorch-ignite 0.5's ``rng_states``)."""
    random.setstate(states[0])
    torch.set_rng_state(states[1])
    if len(states) > 2 and states[2] is not None:
        import numpy as np

        np.random.set_state(states[2])
    if len(states) > 3 and states[3] is not None and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(states[3])
