"""The default Inception feature extractor and the base class of FID and InceptionScore."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import torch

from ignite.metrics.metric import Metric
from ignite_plugins_metrics._history import CPU

__all__ = ["BaseInceptionMetric", "InceptionModel"]

_NO_TORCHVISION = (
    "The default Inception feature extractor needs torchvision (and its pretrained Inception-v3 weights, "
    "downloaded on first use). Pass feature_extractor=<your torch.nn.Module> together with num_features=, "
    "or install torchvision."
)


class InceptionModel(torch.nn.Module):
    """torchvision's pretrained Inception-v3: 2048 pooled features (``return_features=True``) or the
    1008/1000-class probabilities. Needs torchvision and downloads its weights on first use."""

    def __init__(self, return_features: bool, device: str | torch.device = "cpu") -> None:
        try:
            models: Any = importlib.import_module("torchvision.models")
        except ImportError:
            raise ModuleNotFoundError(_NO_TORCHVISION) from None
        super().__init__()
        self._device = torch.device(device)
        try:
            self.model = models.inception_v3(weights=models.Inception_V3_Weights.DEFAULT).to(self._device)
        except Exception as exc:  # no network, no cached weights, ...
            raise RuntimeError(
                f"Could not load torchvision's pretrained Inception-v3 weights ({exc!r}). Download them once with "
                "network access, or pass feature_extractor=<your torch.nn.Module> together with num_features=."
            ) from exc
        if return_features:
            self.model.fc = torch.nn.Identity()
        else:
            self.model.fc = torch.nn.Sequential(self.model.fc, torch.nn.Softmax(dim=1))
        self.model.eval()

    @torch.no_grad()
    def forward(self, data: torch.Tensor) -> torch.Tensor:
        if data.dim() != 4:
            raise ValueError(f"Inputs should be a tensor of dim 4, got {data.dim()}")
        if data.shape[1] != 3:
            raise ValueError(f"Inputs should be a tensor with 3 channels, got {data.shape}")
        if data.device != self._device:
            data = data.to(self._device)
        out: torch.Tensor = self.model(data)
        return out


class BaseInceptionMetric(Metric):
    """Runs ``feature_extractor`` on inputs and checks its ``(B, num_features)`` output."""

    def __init__(
        self,
        num_features: int | None,
        feature_extractor: torch.nn.Module | None,
        default_return_features: bool,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
    ) -> None:
        if num_features is None and feature_extractor is not None:
            raise ValueError("Argument num_features must be provided, if feature_extractor is specified.")
        if feature_extractor is None:
            feature_extractor = InceptionModel(return_features=default_return_features, device=device)
            if num_features is None:
                num_features = 2048 if default_return_features else 1008
        if not isinstance(feature_extractor, torch.nn.Module):
            raise TypeError(
                f"Argument feature_extractor must be of type torch.nn.Module, got {type(feature_extractor)}"
            )
        assert num_features is not None
        if num_features <= 0:
            raise ValueError(f"Argument num_features must be greater to zero, got: {num_features}")
        self._num_features = num_features
        self._feature_extractor = feature_extractor
        super().__init__(output_transform=output_transform, device=device)

    def _extract_features(self, inputs: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            features = self._feature_extractor(inputs.detach())
        if not isinstance(features, torch.Tensor) or features.dim() != 2:
            dim = features.dim() if isinstance(features, torch.Tensor) else type(features).__name__
            raise ValueError(f"feature_extractor output must be a tensor of dim 2, got: {dim}")
        if features.shape[1] != self._num_features:
            raise ValueError(
                f"num_features returned by feature_extractor should be {self._num_features}, "
                f"got: {features.shape[1]}"
            )
        return features.to(self._device, torch.float64)
