"""Static int8 quantisation of the PP-OCRv4 recogniser, measured against the fp32 model (issue #17).

The model is derived from the one rapidocr-onnxruntime 1.4 ships (no download), in three steps,
each run by the python that has what it needs:

    # 1. the text-line batches the scan path itself hands the recogniser while it reads the
    #    generated scans in samples/scans (fixed seeds, samples/make_scans.py): one set to
    #    calibrate on, another to measure on
    .venv/bin/python bench/bench_int8_recogniser.py collect /tmp/cal.npz samples/scans/000-ruled-150dpi samples/scans/000-borderless-300dpi
    .venv/bin/python bench/bench_int8_recogniser.py collect /tmp/eval.npz samples/scans/000-ruled-300dpi samples/scans/000-borderless-150dpi
    # 2. quantise (onnxruntime.quantization needs ``onnx``: a build venv of its own, e.g.
    #    python3 -m venv /tmp/qv && /tmp/qv/bin/pip install onnx onnxruntime==1.32.0 numpy==2.4.6)
    /tmp/qv/bin/python bench/bench_int8_recogniser.py build /tmp/cal.npz SHIPPED_REC.onnx /tmp/q.onnx --format qop
    # 3. CPU per input column (one core, one thread) and lines read as the fp32 model reads them
    .venv/bin/python bench/bench_int8_recogniser.py compare /tmp/eval.npz /tmp/q.onnx ...

SHIPPED_REC.onnx: rapidocr_onnxruntime/models/ch_PP-OCRv4_rec_infer.onnx in .venv. The shipped
graph is simplified as extract/onnxgraph.py does at run time (exact rewrites), folded by
onnxruntime's basic offline optimisation (paddle2onnx keeps its weights in Constant nodes, which
the quantiser skips), moved to opset 13 (per-channel scales) and quantised: per-channel weights,
MinMax calibration over the recorded batches. Result on this machine (AVX2, no VNNI): no gain,
see README "Speed of the scan path"; the fp32 model stays the recogniser.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class _Recorder:
    """An onnxruntime session proxy that keeps every input batch it runs."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.batches: list[np.ndarray] = []

    def run(self, names: object, feed: dict) -> list:
        self.batches.extend(np.asarray(v) for v in feed.values())
        return self.inner.run(names, feed)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


def collect(out: Path, folders: list[Path]) -> int:
    """Read each folder of page images with the scan path, recording the recogniser's inputs."""
    from extract.ocr import engine
    from extract.scan import read_image_folder

    eng = engine("")  # the instance read_pages asks for (cached by its argument)
    holder = eng._ocr.text_rec.session  # type: ignore[attr-defined]
    rec = _Recorder(holder.session)
    holder.session = rec
    try:
        for folder in folders:
            read_image_folder(folder)
    finally:
        holder.session = rec.inner
    np.savez_compressed(out, **{f"b{i}": b for i, b in enumerate(rec.batches)})
    return len(rec.batches)


def build(
    cal: Path,
    shipped: Path,
    out: Path,
    fmt: str,
    exclude_last: int,
    act: str,
    wt: str,
    ops: str = "Conv,MatMul",
) -> int:
    """Static int8 quantisation of the simplified shipped model; the number of nodes left fp32."""
    import onnx
    import onnx.version_converter
    import onnxruntime as ort
    from onnxruntime.quantization import (
        CalibrationDataReader,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    from extract.onnxgraph import simplify_model

    data, _ = simplify_model(shipped.read_bytes())
    # onnxruntime's own offline basic optimisation: constants folded into initializers and batch
    # norms into their convolutions, which the quantiser needs (paddle2onnx's weights are Constant nodes)
    folded = out.with_suffix(".folded.onnx")
    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
    opts.optimized_model_filepath = str(folded)
    ort.InferenceSession(data, opts, providers=["CPUExecutionProvider"])
    model = onnx.load(str(folded))
    folded.unlink()
    del model.opset_import[:]  # only the default domain is used; per-channel QDQ needs opset >= 13
    model.opset_import.append(onnx.helper.make_opsetid("", 12))
    model = onnx.version_converter.convert_version(model, 13)
    name = model.graph.input[0].name
    store = np.load(cal)
    batches = [store[k] for k in sorted(store.files, key=lambda k: int(k[1:]))]

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.it = iter(batches)

        def get_next(self) -> dict | None:
            b = next(self.it, None)
            return None if b is None else {name: b}

    # the last nodes (the CTC head: the final MatMul/Softmax) may be kept fp32
    nodes = [n for n in model.graph.node if n.op_type in ("Conv", "MatMul", "Gemm")]
    excluded = [n.name for n in nodes[len(nodes) - exclude_last :]] if exclude_last else []
    tmp = out.with_suffix(".fp32.onnx")
    onnx.save(model, str(tmp))
    quantize_static(
        str(tmp),
        str(out),
        Reader(),
        quant_format=QuantFormat.QDQ if fmt == "qdq" else QuantFormat.QOperator,
        per_channel=True,
        activation_type=QuantType.QUInt8 if act == "u8" else QuantType.QInt8,
        weight_type=QuantType.QUInt8 if wt == "u8" else QuantType.QInt8,
        nodes_to_exclude=excluded,
        op_types_to_quantize=ops.split(","),
    )
    tmp.unlink()
    return len(excluded)


def _greedy(probs: np.ndarray) -> list[tuple[int, ...]]:
    """Greedy CTC class sequences of a batch (blank 0, repeats merged)."""
    out = []
    for row in probs.argmax(-1):
        seq, prev = [], -1
        for c in row.tolist():
            if c != prev and c != 0:
                seq.append(c)
            prev = c
        out.append(tuple(seq))
    return out


def compare(batches_path: Path, models: list[Path]) -> list[str]:
    """One line per model (the simplified fp32 model first): recognition CPU on one thread, CPU per
    input column, and the share of lines whose greedy decoding equals the fp32 model's."""
    import time

    import onnxruntime as ort
    import rapidocr_onnxruntime

    from extract.ocr import REC_MODEL
    from extract.onnxgraph import simplify_model

    shipped = Path(rapidocr_onnxruntime.__file__).parent / "models" / REC_MODEL
    store = np.load(batches_path)
    batches = [store[k] for k in sorted(store.files, key=lambda k: int(k[1:]))]
    columns = sum(b.shape[0] * b.shape[3] for b in batches)
    datas = {"fp32": simplify_model(shipped.read_bytes())[0]}
    datas.update({str(m): m.read_bytes() for m in models})
    lines, ref = [], None
    for name, data in datas.items():
        opts = ort.SessionOptions()
        opts.log_severity_level = 4
        opts.intra_op_num_threads = opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        sess = ort.InferenceSession(data, opts, providers=["CPUExecutionProvider"])
        key = sess.get_inputs()[0].name
        sess.run(None, {key: batches[0]})
        t = time.process_time()
        outs = [sess.run(None, {key: b})[0] for b in batches]
        spent = time.process_time() - t
        texts = [seq for o in outs for seq in _greedy(o)]
        ref = texts if ref is None else ref
        same = sum(a == b for a, b in zip(texts, ref, strict=True)) / len(ref)
        lines.append(
            f"{name}: {spent:.2f} s CPU, {spent / columns * 1e6:.1f} us per column, "
            f"lines as fp32 reads them {same:.3f} of {len(ref)}"
        )
    return lines


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("collect")
    c.add_argument("out", type=Path)
    c.add_argument("folders", type=Path, nargs="+")
    b = sub.add_parser("build")
    b.add_argument("cal", type=Path)
    b.add_argument("shipped", type=Path)
    b.add_argument("out", type=Path)
    b.add_argument("--format", choices=("qdq", "qop"), default="qdq")
    b.add_argument("--exclude-last", type=int, default=0)
    b.add_argument("--act", choices=("u8", "s8"), default="u8")
    b.add_argument("--wt", choices=("u8", "s8"), default="s8")
    b.add_argument("--ops", default="Conv,MatMul", help="operator types quantised")
    m = sub.add_parser("compare")
    m.add_argument("batches", type=Path)
    m.add_argument("models", type=Path, nargs="*")
    a = p.parse_args()
    if a.cmd == "collect":
        print(f"{collect(a.out, a.folders)} batches -> {a.out}")
    elif a.cmd == "compare":
        print("\n".join(compare(a.batches, a.models)))
    else:
        n = build(a.cal, a.shipped, a.out, a.format, a.exclude_last, a.act, a.wt, a.ops)
        print(f"{a.out}: {a.out.stat().st_size / 1e6:.1f} MB, {n} nodes kept fp32")


if __name__ == "__main__":
    main()
