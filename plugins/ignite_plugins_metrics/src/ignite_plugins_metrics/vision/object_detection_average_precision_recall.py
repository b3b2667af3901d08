"""COCO-style average precision and recall for object detection, with box IoU written in torch."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, cast

import torch

from ignite.exceptions import NotComputableError
from ignite.metrics.metric import Metric, reinit__is_reduced
from ignite.metrics.metric_group import MetricGroup
from ignite_plugins_metrics._history import CPU, gather_uneven
from ignite_plugins_metrics.vision._boxes import box_area, box_iou

__all__ = [
    "CommonObjectDetectionMetrics",
    "ObjectDetectionAvgPrecisionRecall",
    "coco_tensor_list_to_dict_list",
]

AreaRange = Literal["small", "medium", "large", "all"]
_AREAS: dict[str, tuple[float, float]] = {
    "small": (0.0, 32.0**2),
    "medium": (32.0**2, 96.0**2),
    "large": (96.0**2, 1e5**2),
    "all": (0.0, 1e5**2),
}
Detections = list[dict[str, torch.Tensor]]


def coco_tensor_list_to_dict_list(
    output: tuple[list[torch.Tensor] | Detections, list[torch.Tensor] | Detections],
) -> tuple[Detections, Detections]:
    """Turn per-image ``(N, 6)`` prediction tensors ``(x1, y1, x2, y2, confidence, class)`` and ``(N, 5)``/``(N, 6)``
    target tensors ``(x1, y1, x2, y2, class[, iscrowd])`` into the dicts the detection metrics take
    (``bbox``, ``confidence``, ``class`` / ``bbox``, ``class``, ``iscrowd``); lists of dicts pass through."""
    y_pred, y = output
    if len(y_pred) > 0 and isinstance(y_pred[0], torch.Tensor):
        preds: list[Any] = list(y_pred)
        y_pred = [{"bbox": t[:, :4], "confidence": t[:, 4], "class": t[:, 5]} for t in preds]
    if len(y) > 0 and isinstance(y[0], torch.Tensor):
        targets: list[Any] = list(y)
        converted: Detections = []
        for t in targets:
            item = {"bbox": t[:, :4], "class": t[:, 4]}
            if t.shape[1] > 5:
                item["iscrowd"] = t[:, 5]
            converted.append(item)
        y = converted
    return cast(Detections, y_pred), cast(Detections, y)


def _thresholds(
    values: Sequence[float] | torch.Tensor | None, default: torch.Tensor, name: str
) -> torch.Tensor:
    t = default if values is None else torch.as_tensor(values, dtype=torch.float64).reshape(-1)
    if t.numel() == 0 or bool(((t < 0) | (t > 1)).any()):
        raise ValueError(f"All {name} should be in the range [0.0, 1.0], got {values}.")
    return torch.sort(t.to(torch.float64)).values


def _match_image_class(
    ious: torch.Tensor, gt_ignore: list[bool], crowd: list[bool], threshold: float
) -> tuple[list[bool], list[int]]:
    """Greedy COCO matching of score-ordered detections to ground truths (non-ignored ones first)."""
    matched_gt = [False] * len(gt_ignore)
    det_matched: list[bool] = []
    det_match_gt: list[int] = []
    rows = ious.tolist()
    for row in rows:
        best = min(threshold, 1 - 1e-10)
        m = -1
        for g, iou in enumerate(row):
            if matched_gt[g] and not crowd[g]:
                continue
            if m > -1 and not gt_ignore[m] and gt_ignore[g]:
                break
            if iou < best:
                continue
            best = iou
            m = g
        det_matched.append(m > -1)
        det_match_gt.append(m)
        if m > -1:
            matched_gt[m] = True
    return det_matched, det_match_gt


class ObjectDetectionAvgPrecisionRecall(Metric):
    """Mean average precision and recall of an object detector, the COCO way; ``compute()`` gives
    ``(AP, AR)`` as floats.

    ``update((y_pred, y))`` takes two equally long lists with one dict per image: predictions with
    ``bbox`` ``(D, 4)`` boxes ``(x1, y1, x2, y2)``, ``confidence`` ``(D,)`` and ``class`` ``(D,)``; targets
    with ``bbox`` ``(G, 4)``, ``class`` ``(G,)`` and optionally ``iscrowd`` ``(G,)`` and ``area`` ``(G,)``
    (see :func:`coco_tensor_list_to_dict_list` for the tensor format).

    Per image and class the ``max_detections_per_image_per_class`` most confident detections are matched
    greedily to the ground truths at each IoU threshold; crowd and out-of-``area_range`` ground truths
    are ignored. AP is ``sum_k (r_k - r_{k-1}) max(P_{k:})`` over ``rec_thresholds`` (``r_0 = 0``), AR the
    final recall; both are averaged over IoU thresholds and over the classes that have ground truths
    (-1.0 when no class has any). Only per-detection scores and match flags are stored.
    """

    _state_dict_all_req_keys = ("_scores", "_classes", "_tps", "_num_gts", "_num_images")

    def __init__(
        self,
        iou_thresholds: Sequence[float] | torch.Tensor | None = None,
        rec_thresholds: Sequence[float] | torch.Tensor | None = None,
        num_classes: int = 80,
        max_detections_per_image_per_class: int = 100,
        area_range: AreaRange = "all",
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = False,
    ) -> None:
        if area_range not in _AREAS:
            raise ValueError(f"area_range must be one of {list(_AREAS)}, got {area_range!r}.")
        if max_detections_per_image_per_class < 1:
            raise ValueError("max_detections_per_image_per_class should be a positive integer.")
        self.iou_thresholds = _thresholds(
            iou_thresholds, torch.linspace(0.5, 0.95, 10, dtype=torch.float64), "iou_thresholds"
        )
        self.rec_thresholds = _thresholds(
            rec_thresholds, torch.linspace(0, 1, 101, dtype=torch.float64), "rec_thresholds"
        )
        self.num_classes = num_classes
        self.max_detections_per_image_per_class = max_detections_per_image_per_class
        self.area_range = area_range
        super().__init__(output_transform=output_transform, device=device, skip_unrolling=skip_unrolling)

    @reinit__is_reduced
    def reset(self) -> None:
        self._scores: list[torch.Tensor] = []
        self._classes: list[torch.Tensor] = []
        self._tps: list[torch.Tensor] = []  # (D, T) bool: true positive at each IoU threshold
        self._num_gts = torch.zeros(self.num_classes, dtype=torch.long)  # non-ignored ground truths per class
        self._num_images = 0

    def _check_class(self, classes: torch.Tensor, what: str) -> torch.Tensor:
        labels = classes.long()
        if labels.numel() and bool(((labels < 0) | (labels >= self.num_classes)).any()):
            raise ValueError(
                f"{what} classes should be in [0, {self.num_classes}), got {sorted(set(labels.tolist()))}."
            )
        return labels

    def _update_image(self, pred: Mapping[str, torch.Tensor], target: Mapping[str, torch.Tensor]) -> None:
        for key in ("bbox", "confidence", "class"):
            if key not in pred:
                raise ValueError(
                    f"Each prediction dict should have 'bbox', 'confidence' and 'class' keys; missing {key!r}."
                )
        for key in ("bbox", "class"):
            if key not in target:
                raise ValueError(f"Each target dict should have 'bbox' and 'class' keys; missing {key!r}.")
        det_boxes = pred["bbox"].detach().to(self._device, torch.float64).reshape(-1, 4)
        det_scores = pred["confidence"].detach().to(self._device, torch.float64).reshape(-1)
        det_classes = self._check_class(pred["class"].detach().to(self._device).reshape(-1), "Predicted")
        gt_boxes = target["bbox"].detach().to(self._device, torch.float64).reshape(-1, 4)
        gt_classes = self._check_class(target["class"].detach().to(self._device).reshape(-1), "Target")
        gt_crowd = target.get("iscrowd", torch.zeros(gt_classes.shape[0])).to(self._device).reshape(-1).bool()
        gt_area = (
            target["area"].detach().to(self._device, torch.float64).reshape(-1)
            if "area" in target
            else box_area(gt_boxes)
        )
        lo, hi = _AREAS[self.area_range]
        gt_ignore = gt_crowd | (gt_area < lo) | (gt_area > hi)
        det_area = box_area(det_boxes)
        for c in sorted(set(torch.cat([det_classes, gt_classes]).tolist())):
            g_idx = (gt_classes == c).nonzero().reshape(-1)
            order = torch.argsort(gt_ignore[g_idx].to(torch.int8), stable=True)
            g_idx = g_idx[order]
            ignore = gt_ignore[g_idx].tolist()
            crowd = gt_crowd[g_idx].tolist()
            self._num_gts[c] += len(ignore) - sum(ignore)
            d_idx = (det_classes == c).nonzero().reshape(-1)
            d_idx = d_idx[torch.argsort(det_scores[d_idx], descending=True, stable=True)]
            d_idx = d_idx[: self.max_detections_per_image_per_class]
            if d_idx.numel() == 0:
                continue
            ious = box_iou(det_boxes[d_idx], gt_boxes[g_idx], gt_crowd[g_idx])
            outside = ((det_area[d_idx] < lo) | (det_area[d_idx] > hi)).tolist()
            tps, keeps = [], []
            for threshold in self.iou_thresholds.tolist():
                matched, match_gt = _match_image_class(ious, ignore, crowd, threshold)
                tp = [m and not ignore[g] for m, g in zip(matched, match_gt, strict=True)]
                keep = [
                    (not ignore[g]) if m else not out
                    for m, g, out in zip(matched, match_gt, outside, strict=True)
                ]
                tps.append(tp)
                keeps.append(keep)
            tp_t = torch.tensor(tps, dtype=torch.bool).T  # (D, T)
            keep_t = torch.tensor(keeps, dtype=torch.bool).T
            self._scores.append(det_scores[d_idx])
            self._classes.append(torch.full((d_idx.numel(),), c, dtype=torch.long))
            self._tps.append(torch.stack([tp_t, keep_t], dim=2))  # (D, T, 2): tp, counted

    @reinit__is_reduced
    def update(self, output: tuple[Sequence[Any], Sequence[Any]]) -> None:
        y_pred, y = coco_tensor_list_to_dict_list((list(output[0]), list(output[1])))
        if len(y_pred) != len(y):
            raise ValueError(
                f"y_pred and y should hold one entry per image, got {len(y_pred)} and {len(y)} entries."
            )
        for pred, target in zip(y_pred, y, strict=True):
            self._update_image(pred, target)
            self._num_images += 1

    def _gathered(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        import ignite.distributed as idist

        t = self.iou_thresholds.numel()
        scores = torch.cat(self._scores) if self._scores else torch.zeros(0, dtype=torch.float64)
        classes = torch.cat(self._classes) if self._classes else torch.zeros(0, dtype=torch.long)
        flags = torch.cat(self._tps) if self._tps else torch.zeros(0, t, 2, dtype=torch.bool)
        num_gts = self._num_gts.clone()
        if idist.get_world_size() > 1:
            scores = gather_uneven(scores)
            classes = gather_uneven(classes)
            flags = gather_uneven(flags.to(torch.uint8)).bool()
            num_gts = idist.all_reduce(num_gts)
        return scores, classes, flags, num_gts

    def _per_class(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """``(AP, AR)`` of shape ``(T, C)`` and the mask of classes with ground truths."""
        import ignite.distributed as idist

        images = self._num_images
        if idist.get_world_size() > 1:
            images = int(idist.all_reduce(images))
        if images == 0:
            raise NotComputableError(
                f"{type(self).__name__} must have at least one example before it can be computed."
            )
        scores, classes, flags, num_gts = self._gathered()
        t, c = self.iou_thresholds.numel(), self.num_classes
        ap = torch.zeros(t, c, dtype=torch.float64)
        ar = torch.zeros(t, c, dtype=torch.float64)
        order = torch.argsort(scores, descending=True, stable=True)
        classes, flags = classes[order], flags[order]
        for k in (num_gts > 0).nonzero().reshape(-1).tolist():
            mine = flags[classes == k]
            for i in range(t):
                counted = mine[:, i, 1]
                tp = mine[counted, i, 0].to(torch.float64)
                if tp.numel() == 0:
                    continue
                tp_cum = torch.cumsum(tp, 0)
                fp_cum = torch.cumsum(1 - tp, 0)
                recall = tp_cum / num_gts[k]
                precision = tp_cum / (tp_cum + fp_cum)
                envelope = precision.flip(0).cummax(0).values.flip(0)
                idx = torch.searchsorted(recall, self.rec_thresholds)
                inside = idx < recall.numel()
                interp = torch.where(inside, envelope[idx.clamp_max(recall.numel() - 1)], 0.0)
                widths = torch.diff(self.rec_thresholds, prepend=torch.zeros(1, dtype=torch.float64))
                ap[i, k] = (widths * interp).sum()
                ar[i, k] = recall[-1]
        return ap, ar, num_gts > 0

    def compute(self) -> tuple[float, float]:
        ap, ar, valid = self._per_class()
        if not bool(valid.any()):
            return -1.0, -1.0
        return float(ap[:, valid].mean()), float(ar[:, valid].mean())


class CommonObjectDetectionMetrics(MetricGroup):
    """The usual COCO summary as a dict: ``AP@50..95``, ``AR-100``, ``AP@50``, ``AP@75``, ``AP-S``, ``AR-S``,
    ``AP-M``, ``AR-M``, ``AP-L``, ``AR-L``, ``AR-1`` and ``AR-10``.

    Six :class:`ObjectDetectionAvgPrecisionRecall` instances (all areas with 100, 10 and 1 detections; small,
    medium and large areas) are updated; the AP at IoU .5 and .75 come from the first one.
    """

    def __init__(
        self,
        num_classes: int = 80,
        output_transform: Callable[[Any], Any] = lambda x: x,
        device: str | torch.device = CPU,
        skip_unrolling: bool = True,
    ) -> None:
        def make(area: AreaRange = "all", dets: int = 100) -> ObjectDetectionAvgPrecisionRecall:
            return ObjectDetectionAvgPrecisionRecall(
                num_classes=num_classes,
                max_detections_per_image_per_class=dets,
                area_range=area,
                device=device,
                skip_unrolling=skip_unrolling,
            )

        super().__init__(
            {
                "all": make(),
                "small": make("small"),
                "medium": make("medium"),
                "large": make("large"),
                "dets1": make(dets=1),
                "dets10": make(dets=10),
            },
            output_transform=output_transform,
            skip_unrolling=skip_unrolling,
        )

    def compute(self) -> dict[str, Any]:
        metrics = cast(dict[str, ObjectDetectionAvgPrecisionRecall], self.metrics)
        ap, ar, valid = metrics["all"]._per_class()
        thresholds = metrics["all"].iou_thresholds

        def at(iou: float) -> float:
            row = int(torch.argmin((thresholds - iou).abs()))
            return float(ap[row, valid].mean()) if bool(valid.any()) else -1.0

        result: dict[str, Any] = {
            "AP@50..95": float(ap[:, valid].mean()) if bool(valid.any()) else -1.0,
            "AR-100": float(ar[:, valid].mean()) if bool(valid.any()) else -1.0,
            "AP@50": at(0.5),
            "AP@75": at(0.75),
        }
        for key, name in (("small", "S"), ("medium", "M"), ("large", "L")):
            area_ap, area_ar = metrics[key].compute()
            result[f"AP-{name}"] = area_ap
            result[f"AR-{name}"] = area_ar
        result["AR-1"] = metrics["dets1"].compute()[1]
        result["AR-10"] = metrics["dets10"].compute()[1]
        return result
