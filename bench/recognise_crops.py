"""Recognise saved text-line crops with one recogniser, in a process of its own (run by
bench/baselines.py ``recognise``; not meant to be run by hand).

    python bench/recognise_crops.py ENGINE CROPS.npz OUT.json
    python bench/recognise_crops.py pp-ocrv4-det|pp-ocrv6-det OUT.json PAGE.jpg ...

ENGINE: ``pp-ocrv4`` (extract/ocr.py's rapidocr engine, rapidocr-onnxruntime 1.4), ``pp-ocrv6``
(rapidocr 3.x's PP-OCRv6 small recogniser, the model file its wheel ships, run with the same
batching as ours: width-sorted batches of 3 padded to the widest; its graph simplified by
extract/onnxgraph.py when that rewrite applies and agrees on a probe), ``tesseract``
(extract/ocr.py's tesseract engine, ``--psm 7`` per crop); ``pp-ocrv4-shipped``: PP-OCRv4 with
the graphs as shipped (``DIGITIZE_OCR_SIMPLIFY=0``). ``*-det``: each engine's own text detector and
recogniser over whole pages (rapidocr 3.x's ``RapidOCR``, extract/ocr.py's ``page``). CROPS.npz holds ``raw<i>`` (the crop
as the pipeline handed it over), ``tight<i>`` (cut to its ink by extract.ocr.tight) and
``groups`` (JSON: the crops of each call, in order). Prints nothing; writes
``{"results": [[text, score], ...], "cpu": s, "load_cpu": s, "peak_mb": MB, "rewrites": n}``.
One thread; CPU seconds of recognition alone (model loading apart), tesseract's processes included.
"""

from __future__ import annotations

import importlib.util
import json
import math
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
REC_BATCH = 3


def _cpu() -> float:
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + ch.ru_utime + ch.ru_stime


def _peak_mb() -> float:
    status = Path("/proc/self/status").read_text()
    hwm = [ln.split()[1] for ln in status.splitlines() if ln.startswith("VmHWM:")]
    own = int(hwm[0]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


class PPOCRv6:
    """PP-OCRv6 small recognition from rapidocr 3.x's wheel, nothing downloaded."""

    def __init__(self) -> None:
        import onnxruntime as ort
        import rapidocr
        from rapidocr import RapidOCR

        models = Path(rapidocr.__file__).parent / "models"
        model = models / "PP-OCRv6_rec_small.onnx"
        ocr = RapidOCR(
            params={
                "Global.log_level": "error",
                "Global.use_cls": False,
                "Rec.model_path": str(model),
                "Det.model_path": str(models / "PP-OCRv6_det_small.onnx"),
                "EngineConfig.onnxruntime.intra_op_num_threads": 1,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            }
        )
        self.rec = ocr._load_rec_model()  # the wheel's model; its character list is in the model
        self.height = int(self.rec.rec_image_shape[1])
        session = self.rec.session.session
        self.rewrites = 0
        spec = importlib.util.spec_from_file_location("onnxgraph", ROOT / "extract" / "onnxgraph.py")
        graph = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(graph)  # type: ignore[union-attr]
        data, count = graph.simplify_model(model.read_bytes())
        if count:
            opts = ort.SessionOptions()
            opts.log_severity_level = 4
            opts.intra_op_num_threads = 1
            opts.inter_op_num_threads = 1
            new = ort.InferenceSession(data, opts, providers=["CPUExecutionProvider"])
            name = session.get_inputs()[0].name
            probe = np.linspace(-1, 1, 3 * self.height * 96, dtype=np.float32).reshape(1, 3, self.height, 96)
            a, b = session.run(None, {name: probe})[0], new.run(None, {name: probe})[0]
            if a.shape == b.shape and np.allclose(a, b, rtol=1e-3, atol=1e-4):
                self.rec.session.session = new
                self.rewrites = count

    def crops(self, lines: list[np.ndarray], line_crops: bool = False) -> list[tuple[str, float]]:
        import cv2

        h = self.height
        ratios = [max(g.shape[1], 1) / max(g.shape[0], 1) for g in lines]
        order = sorted(range(len(lines)), key=lambda k: ratios[k])
        out: list[tuple[str, float]] = [("", 0.0)] * len(lines)
        for start in range(0, len(order), REC_BATCH):
            idx = order[start : start + REC_BATCH]
            width = max(h, int(math.ceil(h * max(ratios[k] for k in idx) / 8.0)) * 8)
            batch = np.zeros((len(idx), 3, h, width), dtype=np.float32)
            for j, k in enumerate(idx):
                g = lines[k]
                new_w = max(1, min(width, int(math.ceil(h * g.shape[1] / max(g.shape[0], 1)))))
                img = cv2.resize(g, (new_w, h)).astype(np.float32) / 127.5 - 1.0
                batch[j, :, :, :new_w] = img if img.ndim == 3 else img[None]
            preds = self.rec.session(batch)
            texts, _ = self.rec.postprocess_op(
                preds, False, wh_ratio_list=[ratios[k] for k in idx], max_wh_ratio=width / h
            )
            for k, (text, score) in zip(idx, texts, strict=True):
                out[k] = (str(text).strip(), float(score))
        return out


def detect_pages(engine_name: str, pages: list[str], out_path: str) -> int:
    """The recogniser's own detector and recogniser over whole page files (no accuracy: CPU seconds
    and the number of text lines found)."""
    import cv2

    if engine_name == "pp-ocrv6-det":
        import rapidocr
        from rapidocr import RapidOCR

        models = Path(rapidocr.__file__).parent / "models"
        ocr = RapidOCR(
            params={
                "Global.log_level": "error",
                "Global.use_cls": False,
                "Global.max_side_len": 4000,
                "Rec.model_path": str(models / "PP-OCRv6_rec_small.onnx"),
                "Det.model_path": str(models / "PP-OCRv6_det_small.onnx"),
                "EngineConfig.onnxruntime.intra_op_num_threads": 1,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            }
        )

        def read(img: np.ndarray) -> int:
            return len(ocr(img, use_det=True, use_cls=False, use_rec=True).txts or ())
    else:
        sys.path.insert(0, str(ROOT))
        from extract.ocr import engine

        eng = engine("rapidocr", 1)

        def read(img: np.ndarray) -> int:
            return len(eng.page(img))

    read(np.full((64, 256, 3), 255, dtype=np.uint8))
    spent, found = 0.0, []
    for page in pages:
        img = cv2.imread(page)
        c = _cpu()
        found.append(read(img))
        spent += _cpu() - c
    result = {"results": found, "cpu": spent, "load_cpu": 0.0, "peak_mb": _peak_mb(), "rewrites": 0}
    Path(out_path).write_text(json.dumps(result), "utf-8")
    return 0


def main(argv: list[str]) -> int:
    if argv[0].endswith("-det"):
        return detect_pages(argv[0], argv[2:], argv[1])
    engine_name, crops_path, out_path = argv
    c0 = _cpu()
    if engine_name == "pp-ocrv6":
        eng = PPOCRv6()
        rewrites, key = eng.rewrites, "tight"
    else:
        sys.path.insert(0, str(ROOT))
        from extract.ocr import engine

        eng = engine(
            {"pp-ocrv4": "rapidocr", "pp-ocrv4-shipped": "rapidocr", "tesseract": "tesseract"}[engine_name], 1
        )
        rewrites, key = sum(getattr(eng, "rewrites", {}).values()), "raw"
    eng.crops([np.full((32, 96), 255, dtype=np.uint8)])  # warm-up: sessions made, buffers allocated
    load = _cpu() - c0
    data = np.load(crops_path)
    groups = json.loads(str(data["groups"]))
    results: list[list[object]] = []
    spent = 0.0
    for group in groups:
        images = [data[f"{key}{i}"] for i in group]
        c = _cpu()
        for found in eng.crops(images):  # a restricted amount reading travels along (bench_ocr replays it)
            amount = getattr(found, "amount", None)
            extra = [] if amount is None else [amount.chars, list(amount.confidences), amount.lost]
            results.append([found[0], found[1], *extra])
        spent += _cpu() - c
    Path(out_path).write_text(
        json.dumps(
            {"results": results, "cpu": spent, "load_cpu": load, "peak_mb": _peak_mb(), "rewrites": rewrites},
            ensure_ascii=False,
        ),
        "utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
