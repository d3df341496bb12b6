"""The recogniser's Python around the model made cheaper without a change of result (issue #17):
extract.ocr.percentile90 is np.percentile(a, 90) bit for bit, _best_classes is np.argsort's head."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from extract.ocr import _best_classes, percentile90

PAGE = Path(__file__).resolve().parent.parent / "samples" / "scans" / "000-ruled-150dpi" / "page-001.jpg"


def test_percentile90_is_numpys_bit_for_bit() -> None:
    import cv2

    gray = cv2.imread(str(PAGE), cv2.IMREAD_GRAYSCALE)
    rng = np.random.default_rng(17)
    arrays = []
    for _ in range(400):  # crops of a scanned page, as tight and _fit see them (uint8, then floats)
        y, x = int(rng.integers(0, gray.shape[0] - 40)), int(rng.integers(0, gray.shape[1] - 200))
        crop = gray[y : y + int(rng.integers(1, 40)), x : x + int(rng.integers(1, 200))]
        arrays += [crop, crop.astype(np.float32) / 127.5 - 1.0]
    for n in range(1, 60):  # small sizes, where the interpolation weight takes every value
        arrays.append(rng.integers(0, 256, n).astype(np.uint8))
        arrays.append(rng.random(n).astype(np.float32))
    for a in arrays:
        assert percentile90(a) == float(np.percentile(a, 90)), (a.dtype, a.shape)


def test_best_classes_are_argsorts_head() -> None:
    rng = np.random.default_rng(3)
    for _ in range(200):
        scores = rng.random(6625).astype(np.float32)
        assert _best_classes(scores, 9) == np.argsort(-scores)[:9].tolist()
    tied = np.zeros(50, dtype=np.float32)
    tied[[4, 7]] = 0.5  # ties among the best: the full sort's order
    tied[[11, 12, 13, 30, 31, 40, 41, 42, 44]] = 0.25
    assert _best_classes(tied, 9) == np.argsort(-tied)[:9].tolist()
    assert _best_classes(np.array([0.2, 0.9], dtype=np.float32), 9) == [1, 0]
