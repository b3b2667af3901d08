"""``ignite.engine``: the Engine, its events and state, and the supervised trainer/evaluator factories."""

from ignite.engine.deterministic import (
    DeterministicEngine,
    ReproducibleBatchSampler,
    keep_random_state,
    update_dataloader,
)
from ignite.engine.engine import Engine
from ignite.engine.events import (
    CallableEventWithFilter,
    EventEnum,
    Events,
    EventsList,
    RemovableEventHandle,
    State,
)
from ignite.engine.supervised import (
    create_supervised_evaluator,
    create_supervised_trainer,
    supervised_evaluation_step,
    supervised_evaluation_step_amp,
    supervised_training_step,
    supervised_training_step_amp,
    supervised_training_step_apex,
    supervised_training_step_tpu,
)

__all__ = [
    "CallableEventWithFilter",
    "DeterministicEngine",
    "Engine",
    "EventEnum",
    "Events",
    "EventsList",
    "RemovableEventHandle",
    "ReproducibleBatchSampler",
    "State",
    "create_supervised_evaluator",
    "create_supervised_trainer",
    "keep_random_state",
    "supervised_evaluation_step",
    "supervised_evaluation_step_amp",
    "supervised_training_step",
    "supervised_training_step_amp",
    "supervised_training_step_apex",
    "supervised_training_step_tpu",
    "update_dataloader",
]
