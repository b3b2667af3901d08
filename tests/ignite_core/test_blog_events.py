"""The blog's "Power of Events & Handlers" snippets, run as written; printed output compared line by line."""

# The snippets are kept exactly as the blog writes them (str.format, if/return True/False).
# ruff: noqa: UP032, SIM103

from __future__ import annotations

import textwrap

import pytest

from ignite.engine import Engine, EventEnum, Events


def _expected(text: str) -> list[str]:
    return textwrap.dedent(text).strip().splitlines()


def _printed(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().out.strip().splitlines()


def test_blog_every_filter_two_validations(capsys: pytest.CaptureFixture[str]) -> None:
    trainer = Engine(lambda e, batch: None)

    # We run the validation on devset1 every 5 epochs
    @trainer.on(Events.EPOCH_COMPLETED(every=5))
    def run_validation1():
        print("Epoch {}: Validation on devset 1".format(trainer.state.epoch))
        # evaluator.run(devset1)

    # We run another validation on devset2 every 10 epochs
    @trainer.on(Events.EPOCH_COMPLETED(every=10))
    def run_validation2():
        print("Epoch {}: Validation on devset 2".format(trainer.state.epoch))
        # evaluator.run(devset2)

    train_data = [0, 1, 2, 3, 4]
    trainer.run(train_data, max_epochs=50)

    assert _printed(capsys) == _expected(
        """
        Epoch 5: Validation on devset 1
        Epoch 10: Validation on devset 1
        Epoch 10: Validation on devset 2
        Epoch 15: Validation on devset 1
        Epoch 20: Validation on devset 1
        Epoch 20: Validation on devset 2
        Epoch 25: Validation on devset 1
        Epoch 30: Validation on devset 1
        Epoch 30: Validation on devset 2
        Epoch 35: Validation on devset 1
        Epoch 40: Validation on devset 1
        Epoch 40: Validation on devset 2
        Epoch 45: Validation on devset 1
        Epoch 50: Validation on devset 1
        Epoch 50: Validation on devset 2
        """
    )
    assert trainer.state.epoch == 50
    assert trainer.state.iteration == 250


def test_blog_once_filter_with_set_data(capsys: pytest.CaptureFixture[str]) -> None:
    def train_step(e, batch):
        print("Epoch {} - {} : batch={}".format(e.state.epoch, e.state.iteration, batch))

    trainer = Engine(train_step)

    small_res_data = [
        0,
        1,
        2,
    ]
    high_res_data = [10, 11, 12]

    # We run the following handler once on 5-th epoch started
    @trainer.on(Events.EPOCH_STARTED(once=5))
    def change_train_dataset():
        print("Epoch {}: Change training dataset".format(trainer.state.epoch))
        trainer.set_data(high_res_data)

    trainer.run(small_res_data, max_epochs=10)

    assert _printed(capsys) == _expected(
        """
        Epoch 1 - 1 : batch=0
        Epoch 1 - 2 : batch=1
        Epoch 1 - 3 : batch=2
        Epoch 2 - 4 : batch=0
        Epoch 2 - 5 : batch=1
        Epoch 2 - 6 : batch=2
        Epoch 3 - 7 : batch=0
        Epoch 3 - 8 : batch=1
        Epoch 3 - 9 : batch=2
        Epoch 4 - 10 : batch=0
        Epoch 4 - 11 : batch=1
        Epoch 4 - 12 : batch=2
        Epoch 5: Change training dataset
        Epoch 5 - 13 : batch=10
        Epoch 5 - 14 : batch=11
        Epoch 5 - 15 : batch=12
        Epoch 6 - 16 : batch=10
        Epoch 6 - 17 : batch=11
        Epoch 6 - 18 : batch=12
        Epoch 7 - 19 : batch=10
        Epoch 7 - 20 : batch=11
        Epoch 7 - 21 : batch=12
        Epoch 8 - 22 : batch=10
        Epoch 8 - 23 : batch=11
        Epoch 8 - 24 : batch=12
        Epoch 9 - 25 : batch=10
        Epoch 9 - 26 : batch=11
        Epoch 9 - 27 : batch=12
        Epoch 10 - 28 : batch=10
        Epoch 10 - 29 : batch=11
        Epoch 10 - 30 : batch=12
        """
    )


def test_blog_custom_event_filter(capsys: pytest.CaptureFixture[str]) -> None:
    # Let's predefine for simplicity training losses
    train_losses = [2.0, 1.9, 1.7, 1.5, 1.6, 1.2, 0.9, 0.8, 1.0, 0.8, 0.7, 0.4, 0.2, 0.1, 0.1, 0.01]

    trainer = Engine(lambda e, batch: train_losses[e.state.iteration - 1])

    # We define our custom logic when to execute a handler
    def custom_event_filter(trainer, event):
        if 0.1 < trainer.state.output < 1.0:
            return True
        return False

    # We run the following handler every iteration completed under our custom_event_filter condition:
    @trainer.on(Events.ITERATION_COMPLETED(event_filter=custom_event_filter))
    def dump_model_grads():
        print("{} - loss={}: dump model grads".format(trainer.state.iteration, trainer.state.output))

    train_data = [
        0,
    ]
    trainer.run(train_data, max_epochs=len(train_losses))

    assert _printed(capsys) == _expected(
        """
        7 - loss=0.9: dump model grads
        8 - loss=0.8: dump model grads
        10 - loss=0.8: dump model grads
        11 - loss=0.7: dump model grads
        12 - loss=0.4: dump model grads
        13 - loss=0.2: dump model grads
        """
    )


def test_blog_stacked_events_share_handler(capsys: pytest.CaptureFixture[str]) -> None:
    trainer = Engine(lambda e, batch: None)

    # We run the validation on devset1 every 5 epochs
    @trainer.on(Events.EPOCH_COMPLETED(every=3) | Events.COMPLETED)
    def run_validation():
        print("Epoch {} - event={}: Validation".format(trainer.state.epoch, trainer.last_event_name))
        # evaluator.run(devset)

    train_data = [0, 1, 2, 3, 4]
    trainer.run(train_data, max_epochs=20)

    assert _printed(capsys) == _expected(
        """
        Epoch 3 - event=Events.EPOCH_COMPLETED: Validation
        Epoch 6 - event=Events.EPOCH_COMPLETED: Validation
        Epoch 9 - event=Events.EPOCH_COMPLETED: Validation
        Epoch 12 - event=Events.EPOCH_COMPLETED: Validation
        Epoch 15 - event=Events.EPOCH_COMPLETED: Validation
        Epoch 18 - event=Events.EPOCH_COMPLETED: Validation
        Epoch 20 - event=Events.COMPLETED: Validation
        """
    )


class BackpropEvents(EventEnum):
    BACKWARD_STARTED = "backward_started"
    BACKWARD_COMPLETED = "backward_completed"
    OPTIM_STEP_COMPLETED = "optim_step_completed"


def test_blog_custom_events(capsys: pytest.CaptureFixture[str]) -> None:
    def update(engine, batch):
        # ...
        # loss = criterion(y_pred, y)
        engine.fire_event(BackpropEvents.BACKWARD_STARTED)
        # loss.backward()
        engine.fire_event(BackpropEvents.BACKWARD_COMPLETED)
        # optimizer.step()
        engine.fire_event(BackpropEvents.OPTIM_STEP_COMPLETED)
        # ...

    trainer = Engine(update)
    trainer.register_events(*BackpropEvents)

    def function_before_backprop():
        print("{} - before backprop".format(trainer.state.iteration))

    trainer.add_event_handler(BackpropEvents.BACKWARD_STARTED, function_before_backprop)

    def function_after_backprop():
        print("{} - after backprop".format(trainer.state.iteration))

    trainer.add_event_handler(BackpropEvents.BACKWARD_COMPLETED, function_after_backprop)

    train_data = [0, 1, 2, 3, 4]
    trainer.run(train_data, max_epochs=2)

    assert _printed(capsys) == _expected(
        """
        1 - before backprop
        1 - after backprop
        2 - before backprop
        2 - after backprop
        3 - before backprop
        3 - after backprop
        4 - before backprop
        4 - after backprop
        5 - before backprop
        5 - after backprop
        6 - before backprop
        6 - after backprop
        7 - before backprop
        7 - after backprop
        8 - before backprop
        8 - after backprop
        9 - before backprop
        9 - after backprop
        10 - before backprop
        10 - after backprop
        """
    )
