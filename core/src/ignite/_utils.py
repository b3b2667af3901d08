"""Backward-compatible location of the tensor helpers; use :mod:`ignite.utils`."""

from __future__ import annotations

from ignite.utils import apply_to_tensor, apply_to_type, convert_tensor, to_onehot

__all__ = ["apply_to_tensor", "apply_to_type", "convert_tensor", "to_onehot"]
