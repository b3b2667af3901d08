"""Parameter schedulers and state-parameter schedulers: simulated and real values, state dicts, errors."""

import warnings

import torch

from ignite.engine import Engine, Events
from ignite.handlers import (
    ConcatScheduler,
    CosineAnnealingScheduler,
    ExpStateScheduler,
    LambdaStateScheduler,
    LinearCyclicalScheduler,
    LRScheduler,
    MultiStepStateScheduler,
    ParamGroupScheduler,
    PiecewiseLinear,
    PiecewiseLinearStateScheduler,
    ReduceLROnPlateauScheduler,
    StepStateScheduler,
    create_lr_scheduler_with_warmup,
)
from ignite.handlers.param_scheduler import BatchSizeScheduler

warnings.simplefilter("ignore")


def _fmt(values):
    out = []
    for row in values:
        out.append(" ".join(f"{v:.6f}" if isinstance(v, float) else str(v) for v in row))
    return " | ".join(out)


def _opt(lr=0.1, groups=1):
    params = [{"params": [torch.zeros(1, requires_grad=True)], "lr": lr} for _ in range(groups)]
    return torch.optim.SGD(params, lr=lr)


def _run(scheduler, n, event=Events.ITERATION_STARTED, opt=None, attach=True):
    lrs = []
    trainer = Engine(lambda e, b: None)
    if attach:
        trainer.add_event_handler(event, scheduler)
    if opt is not None:
        trainer.add_event_handler(
            Events.ITERATION_COMPLETED, lambda e: lrs.append([g["lr"] for g in opt.param_groups])
        )
    trainer.run([0] * n, max_epochs=1)
    return lrs


def _err(fn):
    try:
        fn()
        print("no error")
    except Exception as e:
        print(type(e).__name__)


def scenario_linear_cyclical_simulate():
    for kw in [
        dict(start_value=1.0, end_value=0.0, cycle_size=10),
        dict(start_value=1.0, end_value=0.0, cycle_size=4, cycle_mult=2),
        dict(start_value=1.0, end_value=0.0, cycle_size=4, start_value_mult=0.5, end_value_mult=0.1),
        dict(start_value=0.5, end_value=1.0, cycle_size=6, warmup_duration=3),
        dict(start_value=0.5, end_value=1.0, cycle_size=6, monotonic=True),
    ]:
        print(_fmt(LinearCyclicalScheduler.simulate_values(num_events=20, param_name="lr", **kw)))


def scenario_cosine_simulate():
    for kw in [
        dict(start_value=1.0, end_value=0.0, cycle_size=10),
        dict(start_value=0.1, end_value=0.5, cycle_size=5, cycle_mult=1.5),
        dict(start_value=1.0, end_value=0.0, cycle_size=4, start_value_mult=0.5, end_value_mult=0.1),
        dict(start_value=0.5, end_value=1.0, cycle_size=6, warmup_duration=2),
    ]:
        print(_fmt(CosineAnnealingScheduler.simulate_values(num_events=20, param_name="lr", **kw)))


def scenario_cyclical_on_engine_with_history():
    opt = _opt()
    s = LinearCyclicalScheduler(opt, "lr", 1.0, 0.0, 4, save_history=True)
    trainer = Engine(lambda e, b: None)
    trainer.add_event_handler(Events.ITERATION_STARTED, s)
    trainer.run([0] * 6, max_epochs=1)
    print(_fmt(trainer.state.param_history["lr"]))
    print(sorted(s.state_dict().keys()))
    print(s.state_dict()["event_index"], s.get_param())


def scenario_cyclical_errors():
    _err(lambda: LinearCyclicalScheduler(_opt(), "lr", 1.0, 0.0, 1))
    _err(lambda: LinearCyclicalScheduler(_opt(), "lr", 1.0, 0.0, 10, warmup_duration=-1))
    _err(lambda: LinearCyclicalScheduler(object(), "lr", 1.0, 0.0, 10))
    _err(lambda: LinearCyclicalScheduler(_opt(), "lr", 1.0, 0.0, 10, monotonic=True, cycle_mult=2))
    _err(lambda: LinearCyclicalScheduler(_opt(), "lr", 1.0, 0.0, 10).load_state_dict({"a": 1}))
    _err(lambda: LinearCyclicalScheduler(_opt(), "lr", 1.0, 0.0, 10).load_state_dict([1]))


def scenario_piecewise_linear():
    for mv in [
        [(0, 1.0), (10, 0.0)],
        [(5, 0.5), (10, 1.0), (15, 0.2)],
        [(0, 1.0), (3, 1.0), (3, 0.5), (6, 0.0)],
    ]:
        print(_fmt(PiecewiseLinear.simulate_values(num_events=18, param_name="lr", milestones_values=mv)))
    _err(lambda: PiecewiseLinear(_opt(), "lr", milestones_values=[]))
    _err(lambda: PiecewiseLinear(_opt(), "lr", milestones_values=[(1, 0.1), (0, 0.2)]))
    _err(lambda: PiecewiseLinear(_opt(), "lr", milestones_values=[(0.5, 0.1), (1, 0.2)]))
    _err(lambda: PiecewiseLinear(_opt(), "lr", milestones_values=[(1, 0.1, 2)]))
    _err(lambda: PiecewiseLinear(_opt(), "lr", milestones_values=5))


def scenario_concat():
    opt = _opt()
    s1 = LinearCyclicalScheduler(opt, "lr", 0.1, 0.5, 10)
    s2 = CosineAnnealingScheduler(opt, "lr", 0.5, 0.01, 10)
    print(_fmt(ConcatScheduler.simulate_values(num_events=30, schedulers=[s1, s2], durations=[5])))
    concat = ConcatScheduler([s1, s2], durations=[5], save_history=True)
    print(_fmt(_run(concat, 12, opt=opt)))
    print(sorted(concat.state_dict().keys()))
    _err(lambda: ConcatScheduler([s1], durations=[]))
    _err(lambda: ConcatScheduler([s1, s2], durations=[5, 6]))
    _err(lambda: ConcatScheduler([s1, 3], durations=[2]))


def scenario_lr_scheduler_wrapper():
    opt = _opt(0.1)
    torch_s = torch.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5)
    print(_fmt(LRScheduler.simulate_values(num_events=10, lr_scheduler=torch_s)))
    s = LRScheduler(torch_s)
    print(_fmt(_run(s, 8, event=Events.ITERATION_COMPLETED, opt=opt)))
    opt2 = _opt(1.0)
    exp = torch.optim.lr_scheduler.ExponentialLR(opt2, gamma=0.9)
    print(_fmt(_run(LRScheduler(exp), 5, event=Events.ITERATION_COMPLETED, opt=opt2)))
    _err(lambda: LRScheduler(3))


def scenario_warmup():
    opt = _opt(0.1)
    torch_s = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)
    sim = [None] * 12
    s = create_lr_scheduler_with_warmup(
        torch_s, warmup_start_value=0.0, warmup_duration=4, output_simulated_values=sim
    )
    print(_fmt(sim))
    print(_fmt(_run(s, 12, opt=opt)))
    opt2 = _opt(0.2)
    cos = CosineAnnealingScheduler(opt2, "lr", 0.2, 0.01, 10)
    s2 = create_lr_scheduler_with_warmup(
        cos, warmup_start_value=0.02, warmup_duration=5, warmup_end_value=0.2
    )
    print(_fmt(_run(s2, 14, opt=opt2)))
    opt3 = _opt(0.2)
    cos3 = CosineAnnealingScheduler(opt3, "lr", 0.5, 0.01, 10)
    s3 = create_lr_scheduler_with_warmup(cos3, warmup_start_value=0.0, warmup_duration=3)
    print(_fmt(_run(s3, 10, opt=opt3)))
    _err(lambda: create_lr_scheduler_with_warmup(3, 0.0, 3))
    _err(lambda: create_lr_scheduler_with_warmup(cos3, 0.0, 0))
    _err(lambda: create_lr_scheduler_with_warmup(cos3, 0.0, 2.5))


def scenario_param_group_scheduler():
    opt = _opt(0.1, groups=2)
    s1 = LinearCyclicalScheduler(opt, "lr", 0.1, 0.5, 4, param_group_index=0)
    s2 = CosineAnnealingScheduler(opt, "lr", 0.3, 0.01, 6, param_group_index=1)
    pg = ParamGroupScheduler([s1, s2], names=["a", "b"], save_history=True)
    print(_fmt(ParamGroupScheduler.simulate_values(num_events=8, schedulers=[s1, s2])))
    trainer = Engine(lambda e, b: None)
    trainer.add_event_handler(Events.ITERATION_STARTED, pg)
    trainer.run([0] * 5, max_epochs=1)
    print(_fmt(trainer.state.param_history["a"]), "/", _fmt(trainer.state.param_history["b"]))
    sd = pg.state_dict()
    print(list(sd.keys()), [n for n, _ in sd["schedulers"]])
    print(pg.get_param())
    _err(lambda: ParamGroupScheduler([s1, 3]))
    _err(lambda: ParamGroupScheduler([s1, s2], names=["a"]))
    _err(lambda: pg.load_state_dict({"x": 1}))


def scenario_reduce_on_plateau():
    metrics = [1.0, 0.9, 0.95, 0.96, 0.97, 0.98, 0.5, 0.6, 0.7, 0.8]
    vals = ReduceLROnPlateauScheduler.simulate_values(
        num_events=10, metric_values=metrics, init_lr=0.1, mode="min", factor=0.5, patience=1
    )
    print(_fmt(vals))
    opt = _opt(1.0)
    trainer = Engine(lambda e, b: None)
    evaluator = Engine(lambda e, b: None)
    s = ReduceLROnPlateauScheduler(
        opt, "acc", trainer=trainer, mode="max", factor=0.1, patience=0, save_history=True
    )
    scores = iter([0.5, 0.4, 0.3, 0.6])

    @evaluator.on(Events.COMPLETED)
    def set_metric(e):
        e.state.metrics["acc"] = next(scores)

    evaluator.add_event_handler(Events.COMPLETED, s)

    @trainer.on(Events.EPOCH_COMPLETED)
    def run_eval(e):
        evaluator.run([0])

    trainer.run([0], max_epochs=4)
    print(_fmt(trainer.state.param_history["lr"]))
    _err(lambda: ReduceLROnPlateauScheduler(_opt(), "acc", param_group_index=0, min_lr=1))


def scenario_state_schedulers():
    print(_fmt(ExpStateScheduler.simulate_values(6, initial_value=1.0, gamma=0.5, param_name="p")))
    print(
        _fmt(StepStateScheduler.simulate_values(8, initial_value=1.0, gamma=0.5, step_size=3, param_name="p"))
    )
    print(
        _fmt(
            MultiStepStateScheduler.simulate_values(
                8, initial_value=1.0, gamma=0.1, milestones=[2, 5], param_name="p"
            )
        )
    )
    print(_fmt(LambdaStateScheduler.simulate_values(5, lambda_obj=lambda i: 0.5 * i, param_name="p")))
    print(
        _fmt(
            PiecewiseLinearStateScheduler.simulate_values(
                8, milestones_values=[(2, 1.0), (6, 0.0)], param_name="p"
            )
        )
    )
    trainer = Engine(lambda e, b: None)
    s = ExpStateScheduler(
        initial_value=2.0, gamma=0.5, param_name="alpha", create_new=True, save_history=True
    )
    s.attach(trainer, Events.EPOCH_COMPLETED)
    trainer.run([0, 0], max_epochs=3)
    print(f"{trainer.state.alpha:.6f}", trainer.state.param_history["alpha"])
    print(sorted(s.state_dict().keys()))
    t2 = Engine(lambda e, b: None)
    s2 = StepStateScheduler(initial_value=1.0, gamma=0.5, step_size=2, param_name="beta")
    s2.attach(t2)
    t2.run([0] * 5, max_epochs=1)
    print(f"{t2.state.beta:.6f}")
    t3 = Engine(lambda e, b: None)
    t3.state.gamma_x = 1
    _err(lambda: ExpStateScheduler(1.0, 0.5, param_name="gamma_x", create_new=True).attach(t3))
    _err(lambda: LambdaStateScheduler(3, param_name="p"))


def scenario_batch_size_scheduler():
    loader = torch.utils.data.DataLoader(list(range(40)), batch_size=2)
    trainer = Engine(lambda e, b: len(b))
    sizes = []
    s = BatchSizeScheduler(loader, lambda i: 2 * (i + 1), save_history=True)
    s.attach(trainer)
    trainer.add_event_handler(Events.ITERATION_COMPLETED, lambda e: sizes.append(e.state.output))
    trainer.run(loader, max_epochs=3)
    print(sizes)
    print(getattr(trainer.state, "param_history", None))
