#!/usr/bin/env python3
"""The seed's Iris experiment in plain numpy: what to expect before our library runs it.

A 4-20-ReLU-20-ReLU-3 network (PyNet's ThreeLayerNet), softmax cross-entropy, full batch of the
120 training rows of a shuffled 80/20 split (features not normalised), weights 0.01*N(0,1) and
zero biases, plain SGD, lr halved every 10,000 iterations (or constant), evaluation every 500
iterations, stop once train and test accuracy are both >= 0.9999, at most 50,000 iterations.

PyNet's cross-entropy backward returns `probs - onehot` without dividing by N: the gradient of
the SUMMED loss. `--reduction sum` reproduces that; `--reduction mean` divides by N (PyTorch's
default), so lr 0.12 on the mean is lr 1e-3 on the sum (N = 120).

Randomness is numpy's own (default_rng(seed)): the seeds are not our library's seeds, so this
gives the distribution to expect, not run-by-run equality (bench/peers_numpy.py does that).
The data is read from lib/data/iris.ts, the one copy in the repository.

Run: /usr/bin/python3 tools/iris_numpy_reference.py [--seeds 10] [--json out.json]
"""

import argparse
import json
import pathlib
import re
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load_iris():
    """Parses the embedded rows of lib/data/iris.ts (features and label per row)."""
    text = (ROOT / "lib" / "data" / "iris.ts").read_text()
    rows = re.findall(r"^\s*\[([0-9., ]+)\],", text, flags=re.M)
    data = np.array([[float(v) for v in r.split(",")] for r in rows])
    assert data.shape == (150, 5), data.shape
    return data[:, :4], data[:, 4].astype(int)


def run(x, y, seed, reduction, lr0, decay, max_iter=50_000, eval_every=500, decay_every=10_000):
    rng = np.random.default_rng(seed)
    perm = rng.permutation(len(y))
    test, train = perm[:30], perm[30:]
    xtr, ytr, xte, yte = x[train], y[train], x[test], y[test]
    n = len(ytr)
    w1 = 0.01 * rng.standard_normal((4, 20))
    w2 = 0.01 * rng.standard_normal((20, 20))
    w3 = 0.01 * rng.standard_normal((20, 3))
    b1, b2, b3 = np.zeros(20), np.zeros(20), np.zeros(3)
    onehot = np.eye(3)[ytr]

    def scores(xs):
        h1 = np.maximum(xs @ w1 + b1, 0)
        h2 = np.maximum(h1 @ w2 + b2, 0)
        return h2 @ w3 + b3

    lr = lr0
    history = []
    loss_sum = 0.0
    reached = None
    for it in range(1, max_iter + 1):
        a1 = xtr @ w1 + b1
        h1 = np.maximum(a1, 0)
        a2 = h1 @ w2 + b2
        h2 = np.maximum(a2, 0)
        s = h2 @ w3 + b3
        s = s - s.max(axis=1, keepdims=True)
        e = np.exp(s)
        p = e / e.sum(axis=1, keepdims=True)
        loss = -np.log(p[np.arange(n), ytr]).mean()
        loss_sum += loss
        if not np.isfinite(loss):
            history.append((it, float("nan"), 0, 0, lr))
            break
        ds = p - onehot
        if reduction == "mean":
            ds = ds / n
        dw3, db3 = h2.T @ ds, ds.sum(0)
        dh2 = (ds @ w3.T) * (a2 > 0)
        dw2, db2 = h1.T @ dh2, dh2.sum(0)
        dh1 = (dh2 @ w2.T) * (a1 > 0)
        dw1, db1 = xtr.T @ dh1, dh1.sum(0)
        w1 -= lr * dw1
        b1 -= lr * db1
        w2 -= lr * dw2
        b2 -= lr * db2
        w3 -= lr * dw3
        b3 -= lr * db3
        if decay and it % decay_every == 0:
            lr *= 0.5
        if it % eval_every == 0:
            tr = float((scores(xtr).argmax(1) == ytr).mean())
            te = float((scores(xte).argmax(1) == yte).mean())
            history.append((it, loss_sum / eval_every, tr, te, lr))
            loss_sum = 0.0
            if tr >= 0.9999 and te >= 0.9999:
                reached = it
                break
    last = history[-1] if history else (0, float("nan"), 0, 0, lr)
    return {
        "seed": seed,
        "reached": reached,
        "iterations": last[0],
        "loss": last[1],
        "train": last[2],
        "test": last[3],
        "history": history,
    }


CONFIGS = [
    ("sum", 1e-3, True),
    ("sum", 1e-3, False),
    ("sum", 5e-2, True),
    ("sum", 5e-2, False),
    ("mean", 0.12, True),
    ("mean", 0.12, False),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--json", help="write every run's summary to this file")
    args = parser.parse_args()
    x, y = load_iris()
    print(f"numpy {np.__version__}; means {np.round(x.mean(0), 4)}")
    print(f"{'reduction':>9} {'lr':>6} {'decay':>5} | {'100%/100%':>9} | {'iteration (median, range)':>26} | final train/test (mean)")
    results = []
    for reduction, lr, decay in CONFIGS:
        t0 = time.perf_counter()
        runs = [run(x, y, s, reduction, lr, decay) for s in range(args.seeds)]
        hits = [r["reached"] for r in runs if r["reached"] is not None]
        span = f"{int(np.median(hits))} ({min(hits)}-{max(hits)})" if hits else "-"
        tr = np.mean([r["train"] for r in runs])
        te = np.mean([r["test"] for r in runs])
        print(
            f"{reduction:>9} {lr:>6g} {str(decay):>5} | {len(hits):>4}/{len(runs):<4} | {span:>26} | "
            f"{tr:.4f}/{te:.4f}  ({time.perf_counter() - t0:.1f} s)"
        )
        for r in runs:
            results.append({"reduction": reduction, "lr": lr, "decay": decay,
                            **{k: v for k, v in r.items() if k != "history"}})
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
