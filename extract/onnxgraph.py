"""Exact rewrites of PP-OCRv4's ONNX graphs (as exported by paddle2onnx) that onnxruntime runs
faster on one core: ``simplify_model(bytes) -> (bytes, rewrites)``.

The model is read and written with a small subset of ONNX's protobuf messages built from
descriptors (the ``onnx`` package is not a dependency; protobuf, which onnxruntime depends on,
is); fields the subset does not declare survive untouched as unknown fields.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np


@functools.cache
def _onnx_messages() -> dict[str, type]:
    """Message classes for the parts of ONNX's ModelProto a graph rewrite touches (field numbers
    from onnx.proto), built from descriptors so the ``onnx`` package is not needed; fields not
    declared here survive a parse and a serialise untouched (protobuf keeps unknown fields)."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    f = descriptor_pb2.FieldDescriptorProto
    rep, opt = f.LABEL_REPEATED, f.LABEL_OPTIONAL
    messages = {
        "TensorProto": [
            ("dims", 1, f.TYPE_INT64, rep, ""),
            ("data_type", 2, f.TYPE_INT32, opt, ""),
            ("float_data", 4, f.TYPE_FLOAT, rep, ""),
            ("name", 8, f.TYPE_STRING, opt, ""),
            ("raw_data", 9, f.TYPE_BYTES, opt, ""),
        ],
        "AttributeProto": [
            ("name", 1, f.TYPE_STRING, opt, ""),
            ("f", 2, f.TYPE_FLOAT, opt, ""),
            ("t", 5, f.TYPE_MESSAGE, opt, "TensorProto"),
            ("type", 20, f.TYPE_INT32, opt, ""),
        ],
        "NodeProto": [
            ("input", 1, f.TYPE_STRING, rep, ""),
            ("output", 2, f.TYPE_STRING, rep, ""),
            ("name", 3, f.TYPE_STRING, opt, ""),
            ("op_type", 4, f.TYPE_STRING, opt, ""),
            ("attribute", 5, f.TYPE_MESSAGE, rep, "AttributeProto"),
            ("domain", 7, f.TYPE_STRING, opt, ""),
        ],
        "GraphProto": [
            ("node", 1, f.TYPE_MESSAGE, rep, "NodeProto"),
            ("initializer", 5, f.TYPE_MESSAGE, rep, "TensorProto"),
        ],
        "ModelProto": [("graph", 7, f.TYPE_MESSAGE, opt, "GraphProto")],
    }
    fdp = descriptor_pb2.FileDescriptorProto(name="digitize_onnx_subset.proto", package="digitize_onnx")
    for name, fields in messages.items():
        msg = fdp.message_type.add(name=name)
        for fname, number, ftype, label, type_name in fields:
            fd = msg.field.add(name=fname, number=number, type=ftype, label=label)
            if type_name:
                fd.type_name = f".digitize_onnx.{type_name}"
    pool = descriptor_pool.DescriptorPool()
    pool.Add(fdp)
    return {
        name: message_factory.GetMessageClass(pool.FindMessageTypeByName(f"digitize_onnx.{name}"))
        for name in messages
    }


_FLOAT = 1  # TensorProto.FLOAT and AttributeProto.FLOAT


class _Graph:
    """An ONNX graph (the message subset above) with its float constants, and who uses what."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph
        self.tensors: dict[str, Any] = {t.name: t for t in graph.initializer}
        for node in graph.node:
            if node.op_type == "Constant" and len(node.attribute) == 1 and node.attribute[0].name == "value":
                self.tensors[node.output[0]] = node.attribute[0].t
        self.index()

    def index(self) -> None:
        self.users: dict[str, list[Any]] = {}
        self.producer: dict[str, Any] = {}
        for node in self.graph.node:
            for name in node.input:
                self.users.setdefault(name, []).append(node)
            for name in node.output:
                self.producer[name] = node

    def array(self, name: str) -> np.ndarray | None:
        t = self.tensors.get(name)
        if t is None or t.data_type != _FLOAT:
            return None
        arr = np.frombuffer(t.raw_data, dtype="<f4") if t.raw_data else np.asarray(t.float_data, np.float32)
        return arr.reshape(tuple(t.dims)) if arr.size == int(np.prod(t.dims)) else None

    def scalar(self, name: str) -> float | None:
        arr = self.array(name)
        return float(arr.ravel()[0]) if arr is not None and arr.size == 1 else None

    def put(self, name: str, arr: np.ndarray) -> None:
        t = self.tensors[name]
        del t.float_data[:]
        t.raw_data = np.ascontiguousarray(arr, dtype="<f4").tobytes()

    def only_user(self, name: str, op: str) -> Any | None:
        users = self.users.get(name, [])
        return users[0] if len(users) == 1 and users[0].op_type == op else None

    def scalar_operand(self, node: Any, x: str) -> float | None:
        """The constant other operand of a binary ``node`` whose data operand is ``x``."""
        others = [i for i in node.input if i != x]
        return self.scalar(others[0]) if len(others) == 1 and len(node.input) == 2 else None

    def replace(self, drop: set[int], insert: dict[int, list[Any]]) -> None:
        """Nodes in ``drop`` removed, ``insert[id(node)]`` put before ``node``; indexes rebuilt."""
        nodes = []
        for node in self.graph.node:
            nodes.extend(insert.get(id(node), []))
            if id(node) not in drop:
                nodes.append(node)
        del self.graph.node[:]
        self.graph.node.extend(nodes)
        self.index()


def _fold_affine_into_conv(g: _Graph) -> int:
    """``s·Conv(x) + b`` with scalar ``s``, ``b`` → one Conv with scaled weights and bias."""
    drop: set[int] = set()
    for conv in list(g.graph.node):
        if conv.op_type != "Conv" or len(conv.input) != 3 or len(conv.output) != 1:
            continue
        mul = g.only_user(conv.output[0], "Mul")
        add = g.only_user(mul.output[0], "Add") if mul is not None else None
        if mul is None or add is None:
            continue
        s, b = g.scalar_operand(mul, conv.output[0]), g.scalar_operand(add, mul.output[0])
        w, bias = g.array(conv.input[1]), g.array(conv.input[2])
        private = len(g.users.get(conv.input[1], [])) == len(g.users.get(conv.input[2], [])) == 1
        if s is None or b is None or w is None or bias is None or not private:
            continue
        g.put(conv.input[1], w * np.float32(s))
        g.put(conv.input[2], bias * np.float32(s) + np.float32(b))
        conv.output[0] = add.output[0]
        drop.update((id(mul), id(add)))
    g.replace(drop, {})
    return len(drop) // 2


def _hard_swish(g: _Graph, node_type: type) -> int:
    """``x · clip(x + 3, 0, 6) / 6`` → ``x · HardSigmoid(x)`` (onnxruntime fuses the pair into the
    convolution before it as its activation)."""
    drop: set[int] = set()
    insert: dict[int, list[Any]] = {}
    for add in list(g.graph.node):
        if add.op_type != "Add" or len(add.input) != 2:
            continue
        x = next((i for i in add.input if g.scalar(i) is None), "")
        if not x or g.scalar_operand(add, x) != 3.0:
            continue
        clip = g.only_user(add.output[0], "Clip")
        if clip is None or [g.scalar(i) for i in clip.input[1:]] != [0.0, 6.0]:
            continue
        mul = g.only_user(clip.output[0], "Mul")
        if mul is None or sorted(mul.input) != sorted([x, clip.output[0]]):
            continue
        div = g.only_user(mul.output[0], "Div")
        if div is None or div.input[0] != mul.output[0] or g.scalar(div.input[1]) != 6.0:
            continue
        gate = div.output[0] + "/hard_sigmoid"
        hsig = node_type(input=[x], output=[gate], name=gate, op_type="HardSigmoid")
        hsig.attribute.add(name="alpha", f=1.0 / 6.0, type=_FLOAT)
        hsig.attribute.add(name="beta", f=0.5, type=_FLOAT)
        times = node_type(input=[x, gate], output=[div.output[0]], name=div.output[0] + "/mul", op_type="Mul")
        drop.update((id(add), id(clip), id(mul), id(div)))
        insert[id(div)] = [hsig, times]
    g.replace(drop, insert)
    return len(insert)


def _affine_as_batch_norm(g: _Graph, node_type: type) -> int:
    """``s·x + b`` (scalar ``s``, ``b``) on a convolution's activation → a BatchNormalization with
    constant statistics: onnxruntime keeps it in its blocked layout instead of converting the
    tensor out and back for two element-wise passes."""
    drop: set[int] = set()
    insert: dict[int, list[Any]] = {}
    for mul in list(g.graph.node):
        if mul.op_type != "Mul" or len(mul.input) != 2:
            continue
        x = next((i for i in mul.input if g.scalar(i) is None), "")
        s = g.scalar_operand(mul, x) if x else None
        add = g.only_user(mul.output[0], "Add")
        b = g.scalar_operand(add, mul.output[0]) if add is not None else None
        src, hops = g.producer.get(x), 0
        while src is not None and src.op_type in ("Mul", "HardSigmoid") and hops < 2:
            src, hops = g.producer.get(src.input[0]), hops + 1
        w = g.array(src.input[1]) if src is not None and src.op_type == "Conv" else None
        if s is None or b is None or w is None or w.ndim != 4:
            continue
        names = [f"{add.output[0]}/bn_{k}" for k in ("scale", "bias", "mean", "var")]
        for name, value in zip(names, (s, b, 0.0, 1.0), strict=True):
            t = g.graph.initializer.add(name=name, data_type=_FLOAT, dims=[w.shape[0]])
            t.raw_data = np.full(w.shape[0], value, dtype="<f4").tobytes()
        bn = node_type(
            input=[x, *names],
            output=[add.output[0]],
            name=add.output[0] + "/bn",
            op_type="BatchNormalization",
        )
        bn.attribute.add(name="epsilon", f=0.0, type=_FLOAT)
        drop.update((id(mul), id(add)))
        insert[id(add)] = [bn]
    g.replace(drop, insert)
    return len(insert)


def simplify_model(data: bytes) -> tuple[bytes, int]:
    """A PP-OCRv4 model (ONNX from paddle2onnx; recognition or detection) rewritten into an equivalent graph that
    onnxruntime runs faster on one core, and the number of rewrites made:

    * PP-LCNetV3's learnable affine ``s·conv(x) + b`` folded into the convolution;
    * hard-swish exported as ``x · clip(x + 3, 0, 6) / 6`` (four element-wise passes) written as
      ``x · HardSigmoid(x)``, which onnxruntime fuses into the convolution as its activation;
    * the learnable affine after the activation as a BatchNormalization (stays in onnxruntime's
      blocked layout).

    Exact up to float rounding; what does not match the patterns is left alone, so another model
    comes back unchanged (0 rewrites)."""
    cls = _onnx_messages()
    model = cls["ModelProto"]()
    model.ParseFromString(data)
    g = _Graph(model.graph)
    count = _fold_affine_into_conv(g)
    count += _hard_swish(g, cls["NodeProto"])
    count += _affine_as_batch_norm(g, cls["NodeProto"])
    return (model.SerializeToString(), count) if count else (data, 0)
