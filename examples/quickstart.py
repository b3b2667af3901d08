"""The blog's quick-start, unchanged in its ignite code, on real handwritten digits.

The blog trains a CNN on MNIST downloaded with torchvision; nothing may be downloaded here, so the
data is scikit-learn's bundled 8x8 handwritten digits (1,797 real images) and the CNN is sized for
them. Everything from "Trainer and evaluator's setup" on is the blog's code, except ModelCheckpoint (the
checkpoint handlers are not in ignite-plugins-handlers yet) and the matplotlib image handler.

    python examples/quickstart.py [--output DIR] [--epochs 5]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.datasets import load_digits
from torch.optim import SGD
from torch.utils.data import DataLoader, TensorDataset

from ignite.engine import Engine, Events, create_supervised_evaluator
from ignite.handlers import ProgressBar, TensorboardLogger, global_step_from_engine
from ignite.metrics import Accuracy, Loss, Precision, Recall


def get_data_loaders(train_batch_size: int = 32, val_batch_size: int = 256) -> tuple[DataLoader, DataLoader]:
    digits = load_digits()
    images = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16.0
    images = (images - images.mean()) / images.std()
    labels = torch.tensor(digits.target, dtype=torch.long)
    generator = torch.Generator().manual_seed(0)
    order = torch.randperm(len(labels), generator=generator)
    train_idx, val_idx = order[:1400], order[1400:]
    trainset = TensorDataset(images[train_idx], labels[train_idx])
    validationset = TensorDataset(images[val_idx], labels[val_idx])
    train_loader = DataLoader(trainset, batch_size=train_batch_size, shuffle=True, generator=generator)
    val_loader = DataLoader(validationset, batch_size=val_batch_size, shuffle=False)
    return train_loader, val_loader


class Net(nn.Module):
    """The blog's CNN, sized for 8x8 images."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        self.conv2_drop = nn.Dropout2d(0.1)
        self.fc1 = nn.Linear(128, 64)
        self.fc2 = nn.Linear(64, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
        x = x.view(-1, 128)
        x = F.relu(self.fc1(x))
        x = F.dropout(x, training=self.training)
        x = self.fc2(x)
        return F.log_softmax(x, dim=-1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--output", default="quick-start-output", help="folder for TensorBoard logs")
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()
    output = Path(args.output)
    output.mkdir(parents=True, exist_ok=True)

    torch.manual_seed(0)
    train_loader, val_loader = get_data_loaders()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = Net().to(device)
    criterion = nn.NLLLoss()
    optimizer = SGD(model.parameters(), lr=0.1, momentum=0.8)

    # --- Trainer and evaluator's setup (the blog's code) ---
    def train_step(engine, batch):
        x, y = batch
        x = x.to(device)
        y = y.to(device)

        model.train()
        y_pred = model(x)
        loss = criterion(y_pred, y)

        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

        return loss

    trainer = Engine(train_step)

    def validation_step(engine, batch):
        model.eval()
        with torch.no_grad():
            x, y = batch[0], batch[1]
            x = x.to(device)
            y = y.to(device)

            y_pred = model(x)

            return y_pred, y

    evaluator = Engine(validation_step)

    # --- Events and handlers ---
    @trainer.on(Events.STARTED)
    def start_message():
        print("Start training!")

    trainer.add_event_handler(Events.COMPLETED, lambda _: print("Training completed!"))

    @trainer.on(Events.EPOCH_COMPLETED)
    def run_validation():
        evaluator.run(val_loader)

    # --- Model evaluation metrics ---
    val_metrics = {"accuracy": Accuracy(), "loss": Loss(criterion)}
    for name, metric in val_metrics.items():
        metric.attach(evaluator, name)

    precision = Precision(average=False)
    recall = Recall(average=False)
    F1 = (precision * recall * 2 / (precision + recall)).mean()
    F1.attach(evaluator, "f1")

    train_evaluator = create_supervised_evaluator(model, metrics=val_metrics, device=device)

    @trainer.on(Events.EPOCH_COMPLETED)
    def run_train_validation():
        train_evaluator.run(train_loader)

    # --- Common training handlers ---
    @evaluator.on(Events.COMPLETED)
    def log_validation_results():
        metrics = evaluator.state.metrics
        print(
            "Validation Results - Epoch: {}  Avg accuracy: {:.2f} Avg loss: {:.2f} Avg F1: {:.2f}".format(
                trainer.state.epoch, metrics["accuracy"], metrics["loss"], metrics["f1"]
            )
        )

    @train_evaluator.on(Events.COMPLETED)
    def log_train_results():
        metrics = train_evaluator.state.metrics
        print(
            "  Training Results - Epoch: {}  Avg accuracy: {:.2f} Avg loss: {:.2f}".format(
                trainer.state.epoch, metrics["accuracy"], metrics["loss"]
            )
        )

    ProgressBar().attach(trainer, output_transform=lambda x: {"batch loss": x})

    tb_logger = TensorboardLogger(log_dir=str(output))
    tb_logger.attach_output_handler(
        trainer,
        event_name=Events.ITERATION_COMPLETED(every=100),
        tag="training",
        output_transform=lambda loss: {"batchloss": loss},
    )
    for tag, engine in [("training", train_evaluator), ("validation", evaluator)]:
        tb_logger.attach_output_handler(
            engine,
            event_name=Events.EPOCH_COMPLETED,
            tag=tag,
            metric_names="all",
            global_step_transform=global_step_from_engine(trainer),
        )

    trainer.run(train_loader, max_epochs=args.epochs)

    tb_logger.close()


if __name__ == "__main__":
    main()
