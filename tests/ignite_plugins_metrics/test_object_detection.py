"""COCO-style detection AP/AR against pycocotools' matching and precision envelope (when installed), a
loop-by-loop Python reference, and hand-checked cases."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from ignite.exceptions import NotComputableError
from ignite.metrics import CommonObjectDetectionMetrics, ObjectDetectionAvgPrecisionRecall
from ignite.metrics.vision.object_detection_average_precision_recall import coco_tensor_list_to_dict_list
from ignite_plugins_metrics.vision._boxes import box_iou

Images = list[dict[str, torch.Tensor]]


def _random_images(seed: int, n_images: int, n_classes: int) -> tuple[Images, Images]:
    g = torch.Generator().manual_seed(seed)
    preds, targets = [], []
    for _ in range(n_images):
        n_gt = int(torch.randint(0, 6, (1,), generator=g))
        xy = torch.rand(n_gt, 2, generator=g) * 200
        wh = torch.rand(n_gt, 2, generator=g) * 120 + 4
        gt_boxes = torch.cat([xy, xy + wh], dim=1)
        gt_classes = torch.randint(0, n_classes, (n_gt,), generator=g)
        crowd = (torch.rand(n_gt, generator=g) < 0.15).long()
        # detections: jittered ground truths plus random boxes
        jitter = gt_boxes + torch.randn(n_gt, 4, generator=g) * 6
        n_rand = int(torch.randint(0, 4, (1,), generator=g))
        rxy = torch.rand(n_rand, 2, generator=g) * 200
        rand_boxes = torch.cat([rxy, rxy + torch.rand(n_rand, 2, generator=g) * 100 + 2], dim=1)
        det_boxes = torch.cat([jitter, rand_boxes])
        det_boxes = torch.cat(
            [det_boxes[:, :2], torch.maximum(det_boxes[:, 2:], det_boxes[:, :2] + 1)], dim=1
        )
        det_classes = torch.cat([gt_classes, torch.randint(0, n_classes, (n_rand,), generator=g)])
        flip = torch.rand(det_classes.shape[0], generator=g) < 0.1
        det_classes = torch.where(flip, (det_classes + 1) % n_classes, det_classes)
        scores = torch.rand(det_boxes.shape[0], generator=g, dtype=torch.float64)
        preds.append({"bbox": det_boxes.double(), "confidence": scores, "class": det_classes})
        targets.append({"bbox": gt_boxes.double(), "class": gt_classes, "iscrowd": crowd})
    return preds, targets


def _coco_eval(
    preds: Images, targets: Images, n_classes: int, area: str, max_det: int
) -> tuple[np.ndarray, np.ndarray]:
    coco_mod = pytest.importorskip("pycocotools.coco")
    cocoeval_mod = pytest.importorskip("pycocotools.cocoeval")
    images, annotations, results = [], [], []
    ann_id = 1
    for i, (p, t) in enumerate(zip(preds, targets, strict=True)):
        images.append({"id": i, "width": 400, "height": 400})
        for box, cls, crowd in zip(
            t["bbox"].tolist(), t["class"].tolist(), t["iscrowd"].tolist(), strict=True
        ):
            w, h = box[2] - box[0], box[3] - box[1]
            annotations.append(
                {
                    "id": ann_id,
                    "image_id": i,
                    "category_id": cls,
                    "bbox": [box[0], box[1], w, h],
                    "area": w * h,
                    "iscrowd": crowd,
                }
            )
            ann_id += 1
        for box, cls, score in zip(
            p["bbox"].tolist(), p["class"].tolist(), p["confidence"].tolist(), strict=True
        ):
            results.append(
                {
                    "image_id": i,
                    "category_id": cls,
                    "bbox": [box[0], box[1], box[2] - box[0], box[3] - box[1]],
                    "score": score,
                }
            )
    gt = coco_mod.COCO()
    gt.dataset = {
        "images": images,
        "annotations": annotations,
        "categories": [{"id": k} for k in range(n_classes)],
    }
    with contextlib.redirect_stdout(io.StringIO()):
        gt.createIndex()
        dt = gt.loadRes(results) if results else coco_mod.COCO()
        ev = cocoeval_mod.COCOeval(gt, dt, "bbox")
        ev.params.maxDets = [max_det]
        ev.params.areaRng = [ev.params.areaRng[["all", "small", "medium", "large"].index(area)]]
        ev.params.areaRngLbl = [area]
        ev.evaluate()
        ev.accumulate()
    return ev.eval["precision"][:, :, :, 0, 0], ev.eval["recall"][:, :, 0, 0]


def _ignite_formula(precision: np.ndarray, recall: np.ndarray) -> tuple[float, float]:
    rec_thr = np.linspace(0, 1, 101)
    widths = np.diff(rec_thr, prepend=0.0)
    valid = recall[0] > -1  # classes with ground truths
    if not valid.any():
        return -1.0, -1.0
    ap = np.einsum("r,trk->tk", widths, np.clip(precision, 0, None))
    return float(ap[:, valid].mean()), float(recall[:, valid].mean())


@pytest.mark.parametrize(
    ("area", "max_det"), [("all", 100), ("all", 1), ("small", 100), ("medium", 100), ("large", 100)]
)
@settings(max_examples=10, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10**6), n_images=st.integers(1, 5))
def test_matches_pycocotools(area: str, max_det: int, seed: int, n_images: int) -> None:
    preds, targets = _random_images(seed, n_images, 3)
    precision, recall = _coco_eval(preds, targets, 3, area, max_det)
    expected = _ignite_formula(precision, recall)
    m = ObjectDetectionAvgPrecisionRecall(
        num_classes=3, area_range=area, max_detections_per_image_per_class=max_det
    )  # type: ignore[arg-type]
    m.update((preds[:1], targets[:1]))
    m.update((preds[1:], targets[1:]))
    got = m.compute()
    assert got == pytest.approx(expected, abs=1e-9)


def _python_iou(d: list[float], g: list[float], crowd: bool) -> float:
    iw = max(0.0, min(d[2], g[2]) - max(d[0], g[0]))
    ih = max(0.0, min(d[3], g[3]) - max(d[1], g[1]))
    inter = iw * ih
    area_d = (d[2] - d[0]) * (d[3] - d[1])
    union = area_d if crowd else area_d + (g[2] - g[0]) * (g[3] - g[1]) - inter
    return inter / union if union > 0 else 0.0


def _python_reference(
    preds: Images, targets: Images, n_classes: int, area: str, max_det: int
) -> tuple[float, float]:
    """COCO evaluation written out with Python loops and floats (no torch ops), for the same AP formula."""
    lo, hi = {"all": (0, 1e10), "small": (0, 32**2), "medium": (32**2, 96**2), "large": (96**2, 1e10)}[area]
    thresholds = [0.5 + 0.05 * i for i in range(10)]
    rec_thr = [i / 100 for i in range(101)]
    aps: list[float] = []
    ars: list[float] = []
    for c in range(n_classes):
        per_t: list[list[tuple[float, bool]]] = [[] for _ in thresholds]
        n_pos = 0
        for p, t in zip(preds, targets, strict=True):
            gts = [
                (b, bool(cr), not (lo <= (b[2] - b[0]) * (b[3] - b[1]) <= hi) or bool(cr))
                for b, k, cr in zip(
                    t["bbox"].tolist(), t["class"].tolist(), t["iscrowd"].tolist(), strict=True
                )
                if k == c
            ]
            gts.sort(key=lambda g: g[2])  # non-ignored first
            n_pos += sum(not g[2] for g in gts)
            dets = [
                (s, b)
                for b, k, s in zip(
                    p["bbox"].tolist(), p["class"].tolist(), p["confidence"].tolist(), strict=True
                )
                if k == c
            ]
            dets.sort(key=lambda d: -d[0])
            dets = dets[:max_det]
            for ti, thr in enumerate(thresholds):
                taken = [False] * len(gts)
                for score, box in dets:
                    best, m = min(thr, 1 - 1e-10), -1
                    for gi, (gbox, crowd, ignore) in enumerate(gts):
                        if taken[gi] and not crowd:
                            continue
                        if m > -1 and not gts[m][2] and ignore:
                            break
                        iou = _python_iou(box, gbox, crowd)
                        if iou < best:
                            continue
                        best, m = iou, gi
                    if m > -1:
                        taken[m] = True
                        if not gts[m][2]:
                            per_t[ti].append((score, True))
                    else:
                        area_d = (box[2] - box[0]) * (box[3] - box[1])
                        if lo <= area_d <= hi:
                            per_t[ti].append((score, False))
        if n_pos == 0:
            continue
        for ti in range(len(thresholds)):
            ranked = sorted(per_t[ti], key=lambda x: -x[0])
            tp = fp = 0
            precision, recall = [], []
            for _, hit in ranked:
                tp, fp = tp + hit, fp + (not hit)
                precision.append(tp / (tp + fp))
                recall.append(tp / n_pos)
            for i in range(len(precision) - 2, -1, -1):
                precision[i] = max(precision[i], precision[i + 1])
            ap, previous = 0.0, 0.0
            for r in rec_thr:
                idx = next((i for i, value in enumerate(recall) if value >= r), None)
                ap += (r - previous) * (precision[idx] if idx is not None else 0.0)
                previous = r
            aps.append(ap)
            ars.append(recall[-1] if recall else 0.0)
    if not aps:
        return -1.0, -1.0
    return float(np.mean(aps)), float(np.mean(ars))


@pytest.mark.parametrize(
    ("area", "max_det"), [("all", 100), ("all", 2), ("small", 100), ("medium", 100), ("large", 100)]
)
@settings(max_examples=10, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10**6), n_images=st.integers(1, 5))
def test_matches_python_reference(area: str, max_det: int, seed: int, n_images: int) -> None:
    preds, targets = _random_images(seed, n_images, 3)
    expected = _python_reference(preds, targets, 3, area, max_det)
    m = ObjectDetectionAvgPrecisionRecall(
        num_classes=3, area_range=area, max_detections_per_image_per_class=max_det
    )  # type: ignore[arg-type]
    for i in range(n_images):
        m.update((preds[i : i + 1], targets[i : i + 1]))
    assert m.compute() == pytest.approx(expected, abs=1e-9)


def test_perfect_and_hand_checked_detections() -> None:
    gt = [{"bbox": torch.tensor([[0.0, 0, 10, 10], [20, 20, 40, 40]]), "class": torch.tensor([0, 1])}]
    perfect = [
        {"bbox": gt[0]["bbox"].clone(), "confidence": torch.tensor([0.9, 0.8]), "class": torch.tensor([0, 1])}
    ]
    m = ObjectDetectionAvgPrecisionRecall(num_classes=2)
    m.update((perfect, gt))
    assert m.compute() == pytest.approx((1.0, 1.0))
    # class 0 found with IoU 0.8 (TP at .5, not at .85), class 1 missed by a false positive
    shifted = [
        {
            "bbox": torch.tensor([[2.0, 0, 10, 10], [50, 50, 60, 60]]),
            "confidence": torch.tensor([0.9, 0.8]),
            "class": torch.tensor([0, 1]),
        }
    ]
    m = ObjectDetectionAvgPrecisionRecall(
        num_classes=2, iou_thresholds=[0.5, 0.85], rec_thresholds=[0.0, 0.5, 1.0]
    )
    m.update((shifted, gt))
    ap, ar = m.compute()
    # class 0: AP 1 at IoU .5, 0 at .85; class 1: 0 -> mean over 2 thresholds x 2 classes
    assert (ap, ar) == pytest.approx((0.25, 0.25))


def test_box_iou_and_crowd() -> None:
    a = torch.tensor([[0.0, 0, 10, 10]])
    b = torch.tensor([[5.0, 0, 15, 10], [0, 0, 20, 20]])
    assert box_iou(a, b)[0].tolist() == pytest.approx([50 / 150, 100 / 400])
    crowd = torch.tensor([False, True])
    assert box_iou(a, b, crowd)[0].tolist() == pytest.approx([50 / 150, 1.0])  # crowd: over detection area


def test_tensor_format_and_checks() -> None:
    preds = [torch.tensor([[10.0, 10, 50, 50, 0.9, 0]])]
    targets = [torch.tensor([[11.0, 11, 49, 51, 0]])]
    y_pred, y = coco_tensor_list_to_dict_list((preds, targets))
    assert set(y_pred[0]) == {"bbox", "confidence", "class"} and set(y[0]) == {"bbox", "class"}
    _, y6 = coco_tensor_list_to_dict_list((preds, [torch.tensor([[11.0, 11, 49, 51, 0, 1]])]))
    assert y6[0]["iscrowd"].tolist() == [1.0]
    m = ObjectDetectionAvgPrecisionRecall(num_classes=2)
    with pytest.raises(NotComputableError):
        m.compute()
    m.update((preds, targets))
    assert m.compute() == pytest.approx((0.9, 0.9))  # IoU 0.905: a match at 9 of the 10 thresholds
    with pytest.raises(ValueError, match="one entry per image"):
        m.update((preds, []))
    with pytest.raises(ValueError, match="classes should be in"):
        m.update(([torch.tensor([[0.0, 0, 1, 1, 0.5, 5]])], targets))
    with pytest.raises(ValueError, match="area_range"):
        ObjectDetectionAvgPrecisionRecall(area_range="x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="iou_thresholds"):
        ObjectDetectionAvgPrecisionRecall(iou_thresholds=[1.5])
    empty = ObjectDetectionAvgPrecisionRecall(num_classes=2)
    empty.update(
        (
            [{"bbox": torch.zeros(0, 4), "confidence": torch.zeros(0), "class": torch.zeros(0)}],
            [{"bbox": torch.zeros(0, 4), "class": torch.zeros(0)}],
        )
    )
    assert empty.compute() == (-1.0, -1.0)  # no ground truth of any class


def test_common_metrics_keys_and_consistency() -> None:
    preds, targets = _random_images(5, 4, 3)
    common = CommonObjectDetectionMetrics(num_classes=3)
    common.update((preds, targets))
    result = common.compute()
    assert list(result) == [
        "AP@50..95",
        "AR-100",
        "AP@50",
        "AP@75",
        "AP-S",
        "AR-S",
        "AP-M",
        "AR-M",
        "AP-L",
        "AR-L",
        "AR-1",
        "AR-10",
    ]
    single = ObjectDetectionAvgPrecisionRecall(num_classes=3, iou_thresholds=[0.5])
    single.update((preds, targets))
    assert result["AP@50"] == pytest.approx(single.compute()[0])
    full = ObjectDetectionAvgPrecisionRecall(num_classes=3)
    full.update((preds, targets))
    assert (result["AP@50..95"], result["AR-100"]) == pytest.approx(full.compute())
    assert result["AR-1"] <= result["AR-10"] <= result["AR-100"]
