"""Box geometry in torch (no torchvision): areas and pairwise IoU of ``(x1, y1, x2, y2)`` boxes."""

from __future__ import annotations

import torch

__all__ = ["box_area", "box_iou"]


def box_area(boxes: torch.Tensor) -> torch.Tensor:
    """Areas of ``(N, 4)`` boxes."""
    return (boxes[:, 2] - boxes[:, 0]).clamp_min(0) * (boxes[:, 3] - boxes[:, 1]).clamp_min(0)


def box_iou(dets: torch.Tensor, gts: torch.Tensor, crowd: torch.Tensor | None = None) -> torch.Tensor:
    """``(D, G)`` IoU; against a crowd ground truth the union is the detection's own area (as in COCO)."""
    top_left = torch.maximum(dets[:, None, :2], gts[None, :, :2])
    bottom_right = torch.minimum(dets[:, None, 2:], gts[None, :, 2:])
    wh = (bottom_right - top_left).clamp_min(0)
    inter = wh[..., 0] * wh[..., 1]
    det_area = box_area(dets)[:, None]
    union = det_area + box_area(gts)[None, :] - inter
    if crowd is not None:
        union = torch.where(crowd[None, :], det_area.expand_as(union), union)
    return torch.where(union > 0, inter / torch.where(union > 0, union, 1.0), torch.zeros_like(inter))
