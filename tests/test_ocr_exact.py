"""The recogniser's Python around the model made cheaper without a change of result (issue #17):
extract.ocr.percentile90 is np.percentile(a, 90) bit for bit, _best_classes is np.argsort's head,
ctc_greedy is RapidOCR's CTCLabelDecode, least_sure the step-by-step reading it replaced, and a crop
fitted into its batch slot is the frame _fit made."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from extract.ocr import _best_classes, _fit, _fit_into, ctc_greedy, least_sure, percentile90, width_variants

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


def _paths(rng: np.random.Generator, n: int, steps: int, classes: int) -> np.ndarray:
    """Softmax-like outputs whose greedy paths hold runs, repeats parted by blanks, and blanks."""
    probs = rng.random((n, steps, classes)).astype(np.float32) * 0.01
    path = rng.integers(0, classes, (n, steps))
    path[rng.random((n, steps)) < 0.4] = 0
    repeat = rng.random((n, steps - 1)) < 0.3
    path[:, 1:][repeat] = path[:, :-1][repeat]
    np.put_along_axis(probs, path[:, :, None], rng.random((n, steps, 1)).astype(np.float32) + 0.5, axis=2)
    return probs / probs.sum(axis=2, keepdims=True)


def _least_sure_by_step(probs, character, variants):  # the loop least_sure was before (issue #17)
    top = probs.argmax(axis=1)
    low, prev, best = None, 0, 0.0
    for t, k in enumerate([*top.tolist(), 0]):
        if k != prev:
            if prev and character[prev].strip() and (low is None or best < low[1]):
                low = (character[prev], round(best, 4))
            best = 0.0
        if k:
            best = max(best, float(probs[t, variants.get(k, [k])].sum()))
        prev = k
    return low


def test_ctc_greedy_and_least_sure_read_as_before() -> None:
    from rapidocr_onnxruntime.ch_ppocr_rec.utils import CTCLabelDecode

    character = ["a", "b", "／", "/", " ", "c", "%", "％", "d"]
    decode = CTCLabelDecode(character=list(character))
    classes = decode.character  # blank first, a space appended
    variants = width_variants(classes)
    rng = np.random.default_rng(11)
    for _ in range(50):
        probs = _paths(rng, 3, int(rng.integers(1, 30)), len(classes))
        tops = probs.argmax(axis=2)
        assert ctc_greedy(probs, tops, classes) == [(t, s) for t, s, *_ in decode(probs)]
        for j in range(len(probs)):
            assert least_sure(probs[j], classes, variants, tops[j]) == _least_sure_by_step(
                probs[j], classes, variants
            )


def _fit_padded(gray, height, width, fill):  # the frame _fit made before (issue #17): np.pad
    import cv2

    inner = max(1, min(height, int(round(height * fill))))
    new_w = max(1, min(width, int(np.ceil(inner * gray.shape[1] / max(gray.shape[0], 1)))))
    img = cv2.resize(gray, (new_w, inner)).astype(np.float32) / 127.5 - 1.0
    if inner < height:
        top = (height - inner) // 2
        img = np.pad(img, [(top, height - inner - top), (0, 0)], constant_values=percentile90(img))
    return np.broadcast_to(img, (3, height, new_w))


def test_a_crop_fitted_into_its_batch_slot_is_the_padded_frame() -> None:
    import cv2

    gray = cv2.imread(str(PAGE), cv2.IMREAD_GRAYSCALE)
    for box, fill in (((100, 130, 50, 400), 1.0), ((100, 125, 50, 300), 0.85), ((200, 241, 60, 500), 0.75)):
        crop = gray[box[0] : box[1], box[2] : box[3]]
        frame = _fit_padded(crop, 48, 2000, fill)
        slot = np.zeros((3, 48, frame.shape[2] + 16), dtype=np.float32)
        assert _fit_into(slot, crop, 48, 2000, fill) == frame.shape[2]
        assert np.array_equal(slot[:, :, : frame.shape[2]], frame) and not slot[:, :, frame.shape[2] :].any()
        assert np.array_equal(_fit(crop, 48, 2000, fill), frame)
