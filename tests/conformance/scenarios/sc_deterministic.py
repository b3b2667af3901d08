"""DeterministicEngine, ReproducibleBatchSampler, update_dataloader, keep_random_state."""

# ruff: noqa: RUF059 - scenarios compare both ways and mirror user code
import random

import torch
from torch.utils.data import DataLoader

from ignite.engine import DeterministicEngine, Events
from ignite.engine.deterministic import ReproducibleBatchSampler, keep_random_state, update_dataloader
from ignite.utils import manual_seed


def _loader(n=10, batch_size=3, shuffle=True, num_workers=0, drop_last=False):
    return DataLoader(
        list(range(n)), batch_size=batch_size, shuffle=shuffle, num_workers=num_workers, drop_last=drop_last
    )


def _fmt(batch):
    if isinstance(batch, torch.Tensor):
        return batch.tolist()
    return batch


def _det_run(data, **kwargs):
    seen = []
    e = DeterministicEngine(lambda e, b: seen.append((e.state.epoch, e.state.iteration, _fmt(b))))
    e.run(data, **kwargs)
    return e, seen


def scenario_shuffled_dataloader_epochs():
    manual_seed(12)
    e, seen = _det_run(_loader(), max_epochs=3)
    for item in seen:
        print(item)
    print(sorted(e.state_dict()))


def scenario_state_dict_keys_values():
    manual_seed(5)
    e, _ = _det_run(_loader(), max_epochs=2)
    sd = e.state_dict()
    print(list(sd))
    print(sd["epoch_length"], sd["max_epochs"], sd["iteration"])


def scenario_rng_states_in_state_dict():
    manual_seed(5)
    e, _ = _det_run(_loader(), max_epochs=1)
    sd = e.state_dict()
    print("rng_states" in sd)
    if "rng_states" in sd:
        print(
            type(sd["rng_states"]).__name__,
            sorted(sd["rng_states"]) if isinstance(sd["rng_states"], dict) else "",
        )


def scenario_epoch_length_smaller_than_data():
    manual_seed(3)
    e, seen = _det_run(_loader(n=12, batch_size=2), max_epochs=4, epoch_length=2)
    for item in seen:
        print(item)


def scenario_list_data():
    manual_seed(1)
    e, seen = _det_run([10, 20, 30, 40], max_epochs=2)
    print(seen)


def scenario_list_data_epoch_length():
    manual_seed(1)
    e, seen = _det_run([10, 20, 30, 40, 50], max_epochs=3, epoch_length=2)
    print(seen)


def scenario_data_none():
    e = DeterministicEngine(lambda e, b: None)
    try:
        e.run(None, max_epochs=2, epoch_length=2)
        print("ran", e.state.iteration)
    except Exception as exc:
        print(type(exc).__name__)


def scenario_resume_epoch_boundary():
    manual_seed(7)
    _, full = _det_run(_loader(), max_epochs=4)
    manual_seed(7)
    saved = {}
    e = DeterministicEngine(lambda e, b: None)
    e.add_event_handler(Events.EPOCH_COMPLETED(once=2), lambda en: saved.update(en.state_dict()))
    e.run(_loader(), max_epochs=4)
    manual_seed(7)
    seen = []
    e2 = DeterministicEngine(lambda e, b: seen.append((e.state.epoch, e.state.iteration, _fmt(b))))
    e2.load_state_dict(saved)
    e2.run(_loader())
    print(seen == full[len(full) - len(seen) :], len(seen))
    for item in seen:
        print(item)


def scenario_resume_mid_epoch():
    manual_seed(7)
    _, full = _det_run(_loader(), max_epochs=3)
    saved = {}
    manual_seed(7)
    e = DeterministicEngine(lambda e, b: None)
    e.add_event_handler(Events.ITERATION_COMPLETED(once=6), lambda en: saved.update(en.state_dict()))
    e.run(_loader(), max_epochs=3)
    manual_seed(7)
    seen = []
    e2 = DeterministicEngine(lambda e, b: seen.append((e.state.epoch, e.state.iteration, _fmt(b))))
    e2.load_state_dict(saved)
    e2.run(_loader())
    print(seen == full[len(full) - len(seen) :], len(seen))
    for item in seen:
        print(item)


def scenario_resume_mid_epoch_workers():
    manual_seed(7)
    _, full = _det_run(_loader(num_workers=2), max_epochs=2)
    saved = {}
    manual_seed(7)
    e = DeterministicEngine(lambda e, b: None)
    e.add_event_handler(Events.ITERATION_COMPLETED(once=5), lambda en: saved.update(en.state_dict()))
    e.run(_loader(num_workers=2), max_epochs=2)
    manual_seed(7)
    seen = []
    e2 = DeterministicEngine(lambda e, b: seen.append((e.state.epoch, e.state.iteration, _fmt(b))))
    e2.load_state_dict(saved)
    e2.run(_loader(num_workers=2))
    print(seen == full[len(full) - len(seen) :], len(seen))


def scenario_resume_mid_epoch_iterator():
    def make():
        return [torch.tensor([i]) for i in range(6)]

    manual_seed(2)
    _, full = _det_run(make(), max_epochs=2)
    saved = {}
    manual_seed(2)
    e = DeterministicEngine(lambda e, b: None)
    e.add_event_handler(Events.ITERATION_COMPLETED(once=4), lambda en: saved.update(en.state_dict()))
    e.run(make(), max_epochs=2)
    manual_seed(2)
    seen = []
    e2 = DeterministicEngine(lambda e, b: seen.append((e.state.epoch, e.state.iteration, _fmt(b))))
    e2.load_state_dict(saved)
    e2.run(make())
    print(seen == full[len(full) - len(seen) :], seen)


def scenario_random_in_process_function():
    manual_seed(9)
    vals = []
    e = DeterministicEngine(lambda e, b: vals.append(round(torch.rand(1).item(), 6)))
    e.run([0, 1, 2], max_epochs=2)
    print(vals)


def scenario_reproducible_batch_sampler():
    manual_seed(4)
    dl = _loader()
    sampler = ReproducibleBatchSampler(dl.batch_sampler)
    dl2 = update_dataloader(dl, sampler)
    manual_seed(11)
    a = [b.tolist() for b in dl]
    manual_seed(11)
    b = [x.tolist() for x in dl2]
    print(a == b)
    print(len(sampler), type(dl2).__name__, dl2.batch_size)


def scenario_reproducible_batch_sampler_start_iteration():
    manual_seed(4)
    dl = _loader(shuffle=False)
    sampler = ReproducibleBatchSampler(dl.batch_sampler, start_iteration=2)
    print([list(x) for x in sampler])
    print([list(x) for x in sampler])


def scenario_reproducible_batch_sampler_bad():
    try:
        ReproducibleBatchSampler([1, 2, 3])
    except Exception as exc:
        print(type(exc).__name__)


def scenario_update_dataloader_options():
    dl = DataLoader(list(range(8)), batch_size=2, shuffle=False, drop_last=True, num_workers=0)
    dl2 = update_dataloader(dl, ReproducibleBatchSampler(dl.batch_sampler))
    print(dl2.num_workers, dl2.drop_last, dl2.batch_size, len(dl2), [b.tolist() for b in dl2])


def scenario_keep_random_state():
    @keep_random_state
    def consume():
        random.random()
        torch.rand(3)
        return 42

    manual_seed(3)
    before = (random.random(), round(torch.rand(1).item(), 6))
    manual_seed(3)
    print(consume())
    after = (random.random(), round(torch.rand(1).item(), 6))
    print(before == after)


def scenario_dataloader_like_without_dataset():
    class Loader:
        def __init__(self):
            self.data = [1, 2, 3]

        def __iter__(self):
            return iter(self.data)

        def __len__(self):
            return 3

    manual_seed(1)
    e, seen = _det_run(Loader(), max_epochs=2)
    print(seen)


def scenario_terminate_and_resume_deterministic():
    manual_seed(3)
    _, full = _det_run(_loader(), max_epochs=2)
    manual_seed(3)
    seen = []
    e = DeterministicEngine(lambda e, b: seen.append((e.state.epoch, e.state.iteration, _fmt(b))))
    e.add_event_handler(Events.ITERATION_COMPLETED(once=5), lambda en: en.interrupt())
    e.run(_loader(), max_epochs=2)
    e.run(_loader(), max_epochs=2)
    print(seen == full)


def scenario_seed_in_state():
    manual_seed(3)
    e = DeterministicEngine(lambda e, b: None)
    e.run([1, 2])
    print(type(e.state.seed).__name__)
    e2 = DeterministicEngine(lambda e, b: None)
    e2.load_state_dict({"epoch_length": 2, "max_epochs": 2, "iteration": 2, "seed": 5})
    print(getattr(e2.state, "seed", None))


def scenario_iterable_dataset():
    from torch.utils.data import IterableDataset

    class Stream(IterableDataset):
        def __iter__(self):
            return iter(range(5))

    manual_seed(2)
    e, seen = _det_run(DataLoader(Stream(), batch_size=2), max_epochs=2)
    print(seen)


def scenario_generator_with_epoch_length():
    def gen():
        i = 0
        while True:
            yield i
            i += 1

    manual_seed(2)
    e, seen = _det_run(gen(), max_epochs=2, epoch_length=3)
    print(seen)


def scenario_interrupt_resume_same_batches():
    manual_seed(5)
    _, full = _det_run(_loader(), max_epochs=2)
    manual_seed(5)
    seen = []
    e = DeterministicEngine(lambda e, b: seen.append((e.state.epoch, e.state.iteration, _fmt(b))))
    e.add_event_handler(Events.ITERATION_COMPLETED(once=3), lambda en: en.interrupt())
    e.run(_loader(), max_epochs=2)
    e.run(_loader(), max_epochs=2)
    print(seen == full, len(seen))


def scenario_update_dataloader_bad():
    for bad in ([1, 2], None):
        try:
            update_dataloader(bad, ReproducibleBatchSampler(_loader().batch_sampler))
        except Exception as exc:
            print(type(exc).__name__)


def scenario_dataloader_workers_epochs():
    manual_seed(8)
    e, seen = _det_run(_loader(num_workers=2), max_epochs=2)
    for item in seen:
        print(item)


def scenario_max_iters():
    manual_seed(8)
    e, seen = _det_run(_loader(), max_iters=6)
    for item in seen:
        print(item)
    print(e.state.epoch, e.state.iteration)
