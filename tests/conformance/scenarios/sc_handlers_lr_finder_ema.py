"""FastaiLRFinder (exp/linear, num_iter beyond the planned run, restore on exit) and EMAHandler buffers/warm-up."""

import warnings

import torch

from ignite.engine import Engine, Events
from ignite.handlers import EMAHandler, FastaiLRFinder

warnings.simplefilter("ignore")


def _lr_finder(mode, num_iter, max_epochs):
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 1)
    opt = torch.optim.SGD(model.parameters(), lr=1e-4)
    data = [(torch.randn(8, 4), torch.randn(8, 1)) for _ in range(10)]

    def step(e, b):
        x, y = b
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    trainer = Engine(step)
    finder = FastaiLRFinder()
    with finder.attach(
        trainer, to_save={"optimizer": opt, "model": model}, num_iter=num_iter, step_mode=mode
    ) as t:
        t.run(data, max_epochs=max_epochs)
    res = finder.get_results()
    print(mode, len(res["lr"]), [f"{x:.5g}" for x in res["lr"]], [f"{x:.5g}" for x in res["loss"]])
    try:
        print(f"{finder.lr_suggestion():.6g}")
    except Exception as e:
        print(type(e).__name__)
    print(trainer.state.iteration, trainer.state.epoch, trainer.state.max_epochs, opt.param_groups[0]["lr"])
    trainer.run(data, max_epochs=1)
    print(trainer.state.iteration)


def scenario_lr_finder_exp():
    _lr_finder("exp", 15, 3)


def scenario_lr_finder_linear_diverges():
    _lr_finder("linear", 15, 3)


def scenario_lr_finder_num_iter_beyond_run():
    _lr_finder("exp", 25, 2)


def scenario_lr_finder_without_num_iter():
    _lr_finder("exp", None, 1)


def scenario_lr_finder_errors():
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    trainer = Engine(lambda e, b: None)
    for kwargs in [
        {"to_save": {"model": torch.nn.Linear(1, 1)}},
        {"to_save": [opt]},
        {"to_save": {"optimizer": opt}, "smooth_f": 1.5},
        {"to_save": {"optimizer": opt}, "diverge_th": 0.5},
        {"to_save": {"optimizer": opt}, "step_mode": "cos"},
        {"to_save": {"optimizer": opt}, "num_iter": 0},
        {"to_save": {"optimizer": opt}, "start_lr": 20.0},
    ]:
        try:
            with FastaiLRFinder().attach(trainer, **kwargs):
                pass
            print("no error")
        except Exception as e:
            print(type(e).__name__)
    try:
        FastaiLRFinder().lr_suggestion()
    except Exception as e:
        print(type(e).__name__)


def scenario_ema_buffers_and_warmup():
    for hb in ["copy", "update", "ema_train"]:
        torch.manual_seed(0)
        model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.BatchNorm1d(2))
        ema = EMAHandler(model, momentum=0.5, momentum_warmup=0.1, warmup_iters=4, handle_buffers=hb)
        opt = torch.optim.SGD(model.parameters(), 0.1)

        def step(e, b, model=model, opt=opt):
            model.train()
            opt.zero_grad()
            loss = model(b).sum()
            loss.backward()
            opt.step()
            return loss.item()

        trainer = Engine(step)
        momenta = []
        ema.attach(trainer, name="ema_momentum")
        trainer.add_event_handler(
            Events.ITERATION_COMPLETED, lambda e, m=momenta: m.append(round(e.state.ema_momentum, 4))
        )
        torch.manual_seed(1)
        trainer.run([torch.randn(4, 2) for _ in range(6)], max_epochs=1)
        print(
            hb,
            momenta,
            [round(x, 5) for x in ema.ema_model[0].weight.flatten().tolist()],
            [round(x, 5) for x in ema.ema_model[1].running_mean.tolist()],
            ema.ema_model[1].num_batches_tracked.item(),
            ema.ema_model.training,
        )


def scenario_ema_errors_and_existing_attr():
    for kwargs in [{"momentum": 1.5}, {"handle_buffers": "x"}]:
        try:
            EMAHandler(torch.nn.Linear(1, 1), **kwargs)
        except Exception as e:
            print(type(e).__name__)
    try:
        EMAHandler(3)
    except Exception as e:
        print(type(e).__name__)
    trainer = Engine(lambda e, b: None)
    trainer.state.ema_momentum = 3
    EMAHandler(torch.nn.Linear(1, 1)).attach(trainer, warn_if_exists=False)
    print(trainer.state.ema_momentum)
    t3 = Engine(lambda e, b: None)
    EMAHandler(torch.nn.Linear(1, 1), momentum=0.01).attach(t3, event=Events.EPOCH_COMPLETED)
    t3.run([0], max_epochs=1)
    print(t3.state.ema_momentum)
