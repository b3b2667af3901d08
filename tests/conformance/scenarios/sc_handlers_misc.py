"""FBResearchLogger lines, EarlyStopping decisions and arguments, contrib.engines.common helpers."""

import logging
import os
import re
import tempfile
import warnings

import torch

from ignite.contrib.engines import common
from ignite.engine import Engine, Events
from ignite.handlers import EarlyStopping
from ignite.handlers.fbresearch_logger import FBResearchLogger

warnings.simplefilter("ignore")


class _Lines(logging.Handler):
    def emit(self, record):
        print(re.sub(r"\d+\.\d{4} s", "T s", record.getMessage()))


def _logger(name):
    logger = logging.getLogger(f"sc_handlers_misc.{name}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.handlers = [_Lines()]
    return logger


def scenario_fbresearch_logger_lines():
    logger = _logger("fb")
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.001)
    e = Engine(lambda e, b: {"total_loss": 1.5, "acc": torch.tensor(0.25)})
    e.state.alpha = 3.0
    FBResearchLogger(logger, show_output=True).attach(
        e, name="Train", every=2, optimizer=opt, state_attributes=["alpha"]
    )
    e.run(range(4), max_epochs=2)
    e2 = Engine(lambda e, b: 2.0)
    FBResearchLogger(logger, delimiter=" | ").attach(
        e2, name="Val", every=3, output_transform=lambda x: {"loss": x}
    )
    e2.run(range(3), max_epochs=1)
    e3 = Engine(lambda e, b: [1.0, 2.0])
    FBResearchLogger(logger, show_output=True).attach(e3, name="L", every=1)
    e3.run(range(1), max_epochs=1)


def scenario_early_stopping_modes():
    for kwargs, scores in [
        ({"threshold": 0.1, "threshold_mode": "rel"}, [1.0, 1.05, 1.2, 1.21, 1.22, 1.23]),
        ({"threshold": 0.1, "mode": "min", "cumulative": True}, [1.0, 0.95, 0.85, 0.84, 0.8, 0.7]),
        ({"min_delta": 0.2, "threshold": 0.05}, [1.0, 1.1, 1.3, 1.35, 1.4, 1.6]),
    ]:
        trainer = Engine(lambda e, b: None)
        it = iter(scores)
        es = EarlyStopping(2, lambda e, it=it: next(it), trainer, **kwargs)
        evaluator = Engine(lambda e, b: None)
        rows = []
        for _ in scores:
            es(evaluator)
            rows.append((es.counter, round(es.best_score, 4), bool(trainer.should_terminate)))
        print(rows, es.threshold, es.threshold_mode, es.cumulative, dict(es.state_dict()))


def scenario_early_stopping_attach_and_errors():
    trainer = Engine(lambda e, b: None)
    evaluator = Engine(lambda e, b: None)
    es = EarlyStopping(2, lambda e: 0.0, trainer)
    es.attach(evaluator)
    print(
        evaluator.has_event_handler(es, Events.COMPLETED),
        evaluator.has_event_handler(es.reset, Events.STARTED),
    )
    print(trainer.has_event_handler(es.reset, Events.STARTED))
    for kwargs in [{"patience": 0}, {"threshold": -1.0}, {"mode": "x"}, {"threshold_mode": "x"}]:
        args = {"patience": 2, "score_function": lambda e: 0, "trainer": trainer}
        args.update(kwargs)
        try:
            EarlyStopping(**args)
            print("no error")
        except Exception as e:
            print(type(e).__name__)
    for bad in [(2, 3, trainer), (2, lambda e: 0, 3)]:
        try:
            EarlyStopping(*bad)
            print("no error")
        except Exception as e:
            print(type(e).__name__)


def scenario_common_best_models_and_early_stopping():
    d = tempfile.mkdtemp()
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    trainer = Engine(lambda e, b: None)
    evaluator = Engine(lambda e, b: None)
    accs = iter([0.5, 0.7, 0.6, 0.65, 0.62, 0.61])
    evaluator.add_event_handler(Events.COMPLETED, lambda e: e.state.metrics.update(acc=next(accs)))
    best = common.save_best_model_by_val_score(d, evaluator, model, "acc", n_saved=2, trainer=trainer)
    stopper = common.add_early_stopping_by_val_score(2, evaluator, trainer, "acc")
    trainer.add_event_handler(Events.EPOCH_COMPLETED, lambda _: evaluator.run([0]))
    trainer.run([0], max_epochs=6)
    print(
        trainer.state.epoch,
        stopper.best_score,
        sorted(os.listdir(d)),
        os.path.basename(str(best.last_checkpoint)),
    )


def scenario_common_training_handlers():
    d = tempfile.mkdtemp()
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)

    def step(engine, batch):
        opt.zero_grad()
        loss = model(batch).pow(2).mean()
        loss.backward()
        opt.step()
        return {"loss": loss.item()}

    trainer = Engine(step)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    common.setup_common_training_handlers(
        trainer,
        to_save={"model": model, "optimizer": opt},
        save_every_iters=3,
        output_path=d,
        lr_scheduler=sched,
        output_names=["loss"],
        with_pbars=False,
    )
    trainer.run([torch.randn(4, 3) for _ in range(4)], max_epochs=2)
    print(sorted(os.listdir(d)), f"{opt.param_groups[0]['lr']:.6f}", sorted(trainer.state.metrics))
    for kwargs in [
        {"to_save": {"m": model}},
        {"to_save": {"m": model}, "output_path": d, "save_handler": print},
    ]:
        try:
            common.setup_common_training_handlers(Engine(lambda e, b: None), with_pbars=False, **kwargs)
            print("no error")
        except Exception as e:
            print(type(e).__name__)
    try:
        common.setup_any_logging(None, None, trainer, None, None, 10)
    except BaseException as e:
        print(type(e).__name__)


def scenario_tbptt_trainer():
    from ignite.contrib.engines import Tbptt_Events, create_supervised_tbptt_trainer

    class RNNModel(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = torch.nn.RNN(2, 4)
            self.head = torch.nn.Linear(4, 1)

        def forward(self, x, hidden=None):
            out, hidden = self.rnn(x, hidden)
            return self.head(out), hidden

    torch.manual_seed(0)
    model = RNNModel()
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    trainer = create_supervised_tbptt_trainer(model, opt, torch.nn.MSELoss(), tbtt_step=2)
    counts = []
    trainer.add_event_handler(
        Tbptt_Events.TIME_ITERATION_COMPLETED, lambda e: counts.append(round(e.state.output, 5))
    )
    outputs = []
    trainer.add_event_handler(Events.ITERATION_COMPLETED, lambda e: outputs.append(round(e.state.output, 5)))
    trainer.run([(torch.randn(5, 3, 2), torch.randn(5, 3, 1)) for _ in range(2)], max_epochs=1)
    print(counts, outputs, [str(e) for e in Tbptt_Events])


def scenario_time_profiler_result_keys():
    from ignite.handlers import BasicTimeProfiler, HandlersTimeProfiler

    engine = Engine(lambda e, b: None)
    profiler = BasicTimeProfiler()
    profiler.attach(engine)
    engine.add_event_handler(Events.EPOCH_COMPLETED, lambda e: None)
    engine.run(range(3), max_epochs=2)
    results = profiler.get_results()
    print(list(results), list(results["event_handlers_stats"]), list(results["processing_stats"]))
    print({k: len(v) for k, v in results["event_handlers_names"].items()})
    e2 = Engine(lambda e, b: None)
    hp = HandlersTimeProfiler()
    hp.attach(e2)

    def on_epoch(engine):
        pass

    e2.add_event_handler(Events.EPOCH_COMPLETED, on_epoch)
    e2.run(range(3), max_epochs=2)
    print([(row[0], row[1], len(row)) for row in hp.get_results()])
