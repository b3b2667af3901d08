"""FID: Frechet distance between the feature distributions of generated and real samples."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import reinit__is_reduced, sync_all_reduce
from ignite_plugins_metrics._history import CPU
from ignite_plugins_metrics.gan.utils import BaseInceptionMetric

__all__ = ["FID", "fid_score"]


def _psd_sqrt(matrix: torch.Tensor) -> torch.Tensor:
    values, vectors = torch.linalg.eigh((matrix + matrix.T) / 2)
    root: torch.Tensor = (vectors * values.clamp_min(0).sqrt()) @ vectors.T
    return root


def fid_score(
    mu1: torch.Tensor, mu2: torch.Tensor, sigma1: torch.Tensor, sigma2: torch.Tensor, eps: float = 1e-6
) -> float:
    """``|mu1 - mu2|^2 + tr(sigma1) + tr(sigma2) - 2 tr(sqrt(sigma1 sigma2))`` in float64.

    The trace of the matrix square root is computed from the eigenvalues of the symmetric
    ``sqrt(sigma1) sigma2 sqrt(sigma1)`` (no scipy). ``eps`` is added to the diagonals only if the result
    is not finite.
    """
    mu1, mu2 = mu1.double(), mu2.double()
    sigma1, sigma2 = sigma1.double(), sigma2.double()
    diff = mu1 - mu2

    def trace_sqrt(s1: torch.Tensor, s2: torch.Tensor) -> torch.Tensor:
        root = _psd_sqrt(s1)
        inner = root @ s2 @ root
        total: torch.Tensor = torch.linalg.eigvalsh((inner + inner.T) / 2).clamp_min(0).sqrt().sum()
        return total

    tr_covmean = trace_sqrt(sigma1, sigma2)
    if not torch.isfinite(tr_covmean):
        offset = eps * torch.eye(sigma1.shape[0], dtype=torch.float64, device=sigma1.device)
        tr_covmean = trace_sqrt(sigma1 + offset, sigma2 + offset)
    value = diff.dot(diff) + torch.trace(sigma1) + torch.trace(sigma2) - 2 * tr_covmean
    return max(float(value), 0.0)


class FID(BaseInceptionMetric):
    """Frechet Inception Distance between ``y_pred`` (generated) and ``y`` (real) samples.

    ``update((y_pred, y))`` runs ``feature_extractor`` on both (equal batch sizes) and accumulates feature
    sums and outer products in float64 (memory ``O(num_features^2)``, no stored samples). Covariances are
    unbiased. Without ``feature_extractor`` the torchvision Inception-v3 is used (2048 features), which
    needs torchvision and downloaded weights.
    """

    _state_dict_all_req_keys = (
        "_num_examples",
        "_train_total",
        "_test_total",
        "_train_outer",
        "_test_outer",
    )

    def __init__(
        self,
        num_features: int | None = None,
        feature_extractor: torch.nn.Module | None = None,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
    ) -> None:
        super().__init__(
            num_features=num_features,
            feature_extractor=feature_extractor,
            default_return_features=True,
            output_transform=output_transform,
            device=device,
        )

    @reinit__is_reduced
    def reset(self) -> None:
        n = self._num_features
        kwargs: dict[str, Any] = {"dtype": torch.float64, "device": self._device}
        self._num_examples = 0
        self._train_total = torch.zeros(n, **kwargs)
        self._test_total = torch.zeros(n, **kwargs)
        self._train_outer = torch.zeros(n, n, **kwargs)
        self._test_outer = torch.zeros(n, n, **kwargs)

    @reinit__is_reduced
    def update(self, output: Sequence[torch.Tensor]) -> None:
        fake, real = output[0], output[1]
        fake_features = self._extract_features(fake)
        real_features = self._extract_features(real)
        if fake_features.shape != real_features.shape:
            raise ValueError(
                "Number of Training Features and Testing Features should be equal "
                f"({fake_features.shape} != {real_features.shape})"
            )
        self._train_total += fake_features.sum(dim=0)
        self._test_total += real_features.sum(dim=0)
        self._train_outer += fake_features.T @ fake_features
        self._test_outer += real_features.T @ real_features
        self._num_examples += fake_features.shape[0]

    @sync_all_reduce("_num_examples", "_train_total", "_test_total", "_train_outer", "_test_outer")
    def compute(self) -> float:
        n = self._num_examples
        if n < 2:
            raise NotComputableError(
                f"FID needs at least 2 samples of each distribution to estimate covariances, got {n}."
            )
        mu_fake = self._train_total / n
        mu_real = self._test_total / n
        cov_fake = (self._train_outer - n * torch.outer(mu_fake, mu_fake)) / (n - 1)
        cov_real = (self._test_outer - n * torch.outer(mu_real, mu_real)) / (n - 1)
        return fid_score(mu_fake, mu_real, cov_fake, cov_real)
