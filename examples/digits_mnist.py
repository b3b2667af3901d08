"""A stand-in for torchvision's ``MNIST``, ``Compose``, ``ToTensor`` and ``Normalize`` on real digits.

Nothing may be downloaded here and torchvision has no CPU build, so the blog's examples read scikit-learn's
bundled handwritten digits (1,797 real 8x8 scans) through the same interface: ``MNIST(root, train=...,
download=..., transform=...)`` yields ``(image, label)`` where the image is a 28x28 ``uint8`` array, as
MNIST's are once decoded: each scan is upsampled to a 20x20 digit centred in a 28x28 frame, as MNIST's digits
are. The training split is enlarged with copies shifted by one or two pixels, so that an epoch has a few
hundred batches of 128 as on MNIST; the validation split (360 scans) is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

_TRAIN_SIZE = 1437
_SHIFTS = [(0, 0), (2, 0), (-2, 0), (0, 2), (0, -2), (1, 1), (-1, -1), (1, -1), (-1, 1)]


def _digit_images(train: bool) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits

    digits = load_digits()
    scans = torch.tensor(digits.images, dtype=torch.float32).unsqueeze(1) / 16.0
    frames = F.pad(F.interpolate(scans, size=(20, 20), mode="bilinear", align_corners=False), (4, 4, 4, 4))
    labels = torch.tensor(digits.target, dtype=torch.long)
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(0))
    split = order[:_TRAIN_SIZE] if train else order[_TRAIN_SIZE:]
    frames, labels = frames[split], labels[split]
    if train:
        frames = torch.cat([torch.roll(frames, shifts=shift, dims=(2, 3)) for shift in _SHIFTS])
        labels = labels.repeat(len(_SHIFTS))
    images = (frames.squeeze(1).clamp(0, 1) * 255).round().to(torch.uint8)
    return images.numpy(), labels.numpy()


class MNIST(torch.utils.data.Dataset):
    """``torchvision.datasets.MNIST``'s interface over scikit-learn's digits (``root``/``download`` unused)."""

    def __init__(
        self,
        root: str,
        train: bool = True,
        transform: Callable[[Any], Any] | None = None,
        target_transform: Callable[[Any], Any] | None = None,
        download: bool = False,
    ) -> None:
        self.root, self.train = root, train
        self.transform, self.target_transform = transform, target_transform
        self.data, self.targets = _digit_images(train)

    def __len__(self) -> int:
        return len(self.targets)

    def __getitem__(self, index: int) -> tuple[Any, Any]:
        image: Any = self.data[index]
        target: Any = int(self.targets[index])
        if self.transform is not None:
            image = self.transform(image)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return image, target


class Compose:
    """Apply transforms in order."""

    def __init__(self, transforms: Sequence[Callable[[Any], Any]]) -> None:
        self.transforms = list(transforms)

    def __call__(self, value: Any) -> Any:
        for transform in self.transforms:
            value = transform(value)
        return value


class ToTensor:
    """A ``HxW`` ``uint8`` image -> a ``1xHxW`` float tensor in [0, 1]."""

    def __call__(self, image: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(image).to(torch.float32).div(255.0).unsqueeze(0)


class Normalize:
    """``(x - mean) / std`` per channel."""

    def __init__(self, mean: Sequence[float], std: Sequence[float]) -> None:
        self.mean = torch.tensor(mean).view(-1, 1, 1)
        self.std = torch.tensor(std).view(-1, 1, 1)

    def __call__(self, tensor: torch.Tensor) -> torch.Tensor:
        return (tensor - self.mean) / self.std
