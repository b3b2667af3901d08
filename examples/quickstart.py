"""The blog's quick-start, its ignite code unchanged, on real handwritten digits.

The blog trains its CNN on MNIST downloaded by torchvision. Nothing may be downloaded here, so
``digits_mnist`` (beside this file) gives torchvision's ``MNIST`` interface over scikit-learn's bundled
handwritten digits, upsampled to MNIST's 28x28 layout, so the blog's ``Net`` applies unchanged.

Everything else is the blog's code: the trainer and evaluators, Accuracy/Loss/Precision/Recall/F1,
ProgressBar, ModelCheckpoint on F1, TensorboardLogger with the output, metric and predictions-figure
handlers. Added: an MLflow run (sqlite store in the output folder) with the same metrics.

    python examples/quickstart.py [--output runs/quickstart] [--epochs 5]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F

# torchvision's MNIST needs a download: the same interface over scikit-learn's bundled digits
from digits_mnist import MNIST, Compose, Normalize, ToTensor
from torch.optim import SGD
from torch.utils.data import DataLoader

from ignite.engine import Engine, Events, create_supervised_evaluator
from ignite.metrics import Accuracy, Loss, Precision, Recall


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--output", default="runs/quickstart", help="folder for checkpoints, TensorBoard, MLflow"
    )
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()
    output = Path(args.output).resolve()
    output.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)

    # --- Common PyTorch code (the blog's; MNIST and its transforms come from digits_mnist) ---
    # transform to normalize the data
    transform = Compose([ToTensor(), Normalize((0.1307,), (0.3081,))])

    # Download and load the training data
    trainset = MNIST("data", download=True, train=True, transform=transform)
    train_loader = DataLoader(trainset, batch_size=128, shuffle=True)

    # Download and load the test data
    validationset = MNIST("data", train=False, transform=transform)
    val_loader = DataLoader(validationset, batch_size=256, shuffle=False)

    class Net(nn.Module):
        def __init__(self):
            super(Net, self).__init__()
            self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
            self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
            self.conv2_drop = nn.Dropout2d()
            self.fc1 = nn.Linear(320, 50)
            self.fc2 = nn.Linear(50, 10)

        def forward(self, x):
            x = F.relu(F.max_pool2d(self.conv1(x), 2))
            x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
            x = x.view(-1, 320)
            x = F.relu(self.fc1(x))
            x = F.dropout(x, training=self.training)
            x = self.fc2(x)
            return F.log_softmax(x, dim=-1)

    device = "cuda" if torch.cuda.is_available() else "cpu"

    model = Net().to(device)
    criterion = nn.NLLLoss()
    optimizer = SGD(model.parameters(), lr=0.01, momentum=0.8)

    # --- Trainer and evaluator's setup ---
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

    from ignite.contrib.handlers import ProgressBar

    ProgressBar().attach(trainer, output_transform=lambda x: {"batch loss": x})

    from ignite.handlers import ModelCheckpoint, global_step_from_engine

    def score_function(engine):
        return engine.state.metrics["f1"]

    model_checkpoint = ModelCheckpoint(
        str(output / "checkpoints"),
        n_saved=2,
        filename_prefix="best",
        score_function=score_function,
        score_name="f1",
        global_step_transform=global_step_from_engine(trainer),
        require_empty=False,
    )
    evaluator.add_event_handler(Events.COMPLETED, model_checkpoint, {"model": model})

    from ignite.contrib.handlers import TensorboardLogger

    tb_logger = TensorboardLogger(log_dir=str(output / "tensorboard"))
    tb_logger.attach_output_handler(
        trainer,
        event_name=Events.ITERATION_COMPLETED(every=100),
        tag="training",
        output_transform=lambda loss: {"batchloss": loss},
    )
    for tag, evaluator_ in [("training", train_evaluator), ("validation", evaluator)]:
        tb_logger.attach_output_handler(
            evaluator_,
            event_name=Events.EPOCH_COMPLETED,
            tag=tag,
            metric_names="all",
            global_step_transform=global_step_from_engine(trainer),
        )

    def predictions_gt_images_handler(engine, logger, *args, **kwargs):
        x, _ = engine.state.batch
        y_pred, y = engine.state.output
        # y_pred is log softmax value
        num_x = num_y = 8
        le = num_x * num_y
        probs, preds = torch.max(torch.exp(y_pred[:le]), dim=1)
        fig = plt.figure(figsize=(20, 20))
        for idx in range(le):
            ax = fig.add_subplot(num_x, num_y, idx + 1, xticks=[], yticks=[])
            ax.imshow(x[idx].squeeze(), cmap="Greys")
            ax.set_title(
                "{0} {1:.1f}% (label: {2})".format(preds[idx], probs[idx] * 100.0, y[idx]),
                color=("green" if preds[idx] == y[idx] else "red"),
            )
        logger.writer.add_figure("predictions vs actuals", figure=fig, global_step=trainer.state.epoch)
        plt.close(fig)

    tb_logger.attach(
        evaluator,
        log_handler=predictions_gt_images_handler,
        event_name=Events.ITERATION_COMPLETED(once=1),
    )

    # --- Added here: the same metrics in an MLflow run, sqlite store in the output folder ---
    from ignite.handlers import MLflowLogger

    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    mlflow_uri = f"sqlite:///{output / 'mlflow.db'}"
    mlflow_logger = MLflowLogger(tracking_uri=mlflow_uri)
    mlflow_logger.log_params({"lr": 0.01, "momentum": 0.8, "batch_size": 128, "max_epochs": args.epochs})
    for tag, evaluator_ in [("training", train_evaluator), ("validation", evaluator)]:
        mlflow_logger.attach_output_handler(
            evaluator_,
            event_name=Events.EPOCH_COMPLETED,
            tag=tag,
            metric_names="all",
            global_step_transform=global_step_from_engine(trainer),
        )

    trainer.run(train_loader, max_epochs=args.epochs)

    tb_logger.close()
    mlflow_logger.close()

    saved = list((output / "checkpoints").glob("best_model_*.pt"))
    best = max(saved, key=lambda path: float(path.stem.rpartition("=")[2]), default=None)
    print(f"\nOutputs of this run, in {output}:")
    print(f"  checkpoints  {output / 'checkpoints'}  (best: {best.name if best else 'none'})")
    print(f"  TensorBoard  {output / 'tensorboard'}   open: tensorboard --logdir {output / 'tensorboard'}")
    print(f"  MLflow       {output / 'mlflow.db'}   open: mlflow ui --backend-store-uri {mlflow_uri}")
    print("               (the MLflow UI comes with the full mlflow package: pip install mlflow)")


if __name__ == "__main__":
    main()
