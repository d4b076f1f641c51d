#!/usr/bin/env python3
"""Scaling benchmark, numpy and PyTorch side: ms per training step of an MLP at several sizes.

Usage: /usr/bin/python3 bench/scale_peers.py numpy|torch float64|float32 THREADS SIZES_JSON SECONDS
SIZES_JSON: [[in, hidden, hidden, out, batch], ...]. For each size: the same deterministic data
and weights as bench/scale.ts (closed forms of sin and cos), then training steps of
Linear → ReLU → Linear → ReLU → Linear, mean softmax cross-entropy, plain SGD (lr 0.01): one
step untimed, then steps until SECONDS have passed (at least 3). Threads: OPENBLAS_NUM_THREADS
(set by the caller) and torch.set_num_threads. Prints one JSON line:
{"name", "blas", "results": [{"size", "msPerStep", "cpuMsPerStep", "steps", "loss1"}]}
(cpuMsPerStep: CPU time of the process, every thread; loss1: the first step's loss, equal
across float64 implementations: the same work).
"""

import json
import math
import sys
import time

import numpy as np

from _blas import blas_info


def data(sizes):
    n_in, h1, h2, n_out, batch = sizes
    x = np.array([[math.sin(0.5 + r * n_in + c) for c in range(n_in)] for r in range(batch)])
    y = np.array([r % n_out for r in range(batch)], dtype=np.int64)
    layers = []
    for li, (i, o) in enumerate(((n_in, h1), (h1, h2), (h2, n_out))):
        scale = 1 / math.sqrt(i)
        w = np.array([[scale * math.cos(1 + li + r * i + c) for c in range(i)] for r in range(o)])
        b = np.array([0.1 * math.sin(li + r) for r in range(o)])
        layers.append((w, b))
    return x, y, layers


def numpy_steps(sizes, dtype, seconds):
    x, y, layers = data(sizes)
    x = x.astype(dtype)
    (w1, b1), (w2, b2), (w3, b3) = [(w.astype(dtype), b.astype(dtype)) for w, b in layers]
    batch, n_out = len(y), w3.shape[0]
    onehot = np.eye(n_out, dtype=dtype)[y]
    rows = np.arange(batch)
    lr = dtype(0.01)

    def step():
        a1 = x @ w1.T + b1
        h1 = np.maximum(a1, 0)
        a2 = h1 @ w2.T + b2
        h2 = np.maximum(a2, 0)
        s = h2 @ w3.T + b3
        s = s - s.max(axis=1, keepdims=True)
        e = np.exp(s)
        z = e.sum(axis=1, keepdims=True)
        loss = (np.log(z[:, 0]) - s[rows, y]).mean()
        ds = (e / z - onehot) / dtype(batch)
        dw3, db3 = ds.T @ h2, ds.sum(0)
        dh2 = (ds @ w3) * (a2 > 0)
        dw2, db2 = dh2.T @ h1, dh2.sum(0)
        dh1 = (dh2 @ w2) * (a1 > 0)
        dw1, db1 = dh1.T @ x, dh1.sum(0)
        for p, g in ((w1, dw1), (b1, db1), (w2, dw2), (b2, db2), (w3, dw3), (b3, db3)):
            p -= lr * g
        return float(loss)

    return timed(step, seconds)


def torch_steps(sizes, dtype, seconds):
    import torch

    x, y, layers = data(sizes)
    dt = {"float64": torch.float64, "float32": torch.float32}[dtype]
    xt, yt = torch.tensor(x, dtype=dt), torch.tensor(y)
    linears = []
    for w, b in layers:
        lin = torch.nn.Linear(w.shape[1], w.shape[0]).to(dt)
        with torch.no_grad():
            lin.weight.copy_(torch.tensor(w))
            lin.bias.copy_(torch.tensor(b))
        linears.append(lin)
    model = torch.nn.Sequential(linears[0], torch.nn.ReLU(), linears[1], torch.nn.ReLU(), linears[2])
    criterion = torch.nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)

    def step():
        opt.zero_grad()
        loss = criterion(model(xt), yt)
        loss.backward()
        opt.step()
        return loss.item()

    return timed(step, seconds)


def timed(step, seconds):
    loss1 = step()
    steps, t0, c0 = 0, time.perf_counter(), time.process_time()
    while steps < 3 or time.perf_counter() - t0 < seconds:
        step()
        steps += 1
    return {"msPerStep": (time.perf_counter() - t0) * 1000 / steps,
            "cpuMsPerStep": (time.process_time() - c0) * 1000 / steps, "steps": steps, "loss1": loss1}


def main(framework, dtype, threads, sizes_json, seconds):
    if framework == "torch":
        import torch

        torch.set_num_threads(threads)
        name = f"PyTorch {torch.__version__} eager, {dtype}"
        run = lambda s: torch_steps(s, dtype, seconds)
    else:
        name = f"numpy {np.__version__}, {dtype}"
        run = lambda s: numpy_steps(s, {"float64": np.float64, "float32": np.float32}[dtype], seconds)
    results = [{"size": s, **run(s)} for s in json.loads(sizes_json)]
    print(json.dumps({"name": name, "blas": blas_info(), "results": results}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], float(sys.argv[5]))
