#!/usr/bin/env python3
"""Peer benchmark, numpy: the seed's Iris training, run on the setup bench/peers.ts exports.

Usage: /usr/bin/python3 bench/peers_numpy.py SETUP.json
Reads the split and the initial weights (PyTorch layout: weight [out, in]), runs the same
iterations (full batch, summed or mean cross-entropy, plain SGD, lr times gamma every stepSize
iterations, accuracy of both sets every evalEvery iterations) and prints one JSON line:
{"name", "seconds", "cpuSeconds", "iterations", "loss", "loss100", "trainAccuracy", "testAccuracy", "blas"}
(loss100: the loss of iteration 100, where all peers still agree to ~10 digits; blas: which BLAS
library numpy runs, its kernel and threads, from bench/_blas.py). Threads: OPENBLAS_NUM_THREADS,
set by the caller.
"""

import json
import sys
import time

import numpy as np

from _blas import blas_info


def main(path):
    setup = json.load(open(path))
    xtr = np.array(setup["xTrain"], dtype=np.float64)
    ytr = np.array(setup["yTrain"], dtype=np.int64)
    xte = np.array(setup["xTest"], dtype=np.float64)
    yte = np.array(setup["yTest"], dtype=np.int64)
    w1, w2, w3 = (np.array(l["weight"], dtype=np.float64) for l in setup["layers"])
    b1, b2, b3 = (np.array(l["bias"], dtype=np.float64) for l in setup["layers"])
    n = len(ytr)
    rows = np.arange(n)
    onehot = np.eye(w3.shape[0])[ytr]
    scale = 1.0 if setup["reduction"] == "sum" else 1.0 / n
    lr, gamma, step_size = setup["lr"], setup["gamma"], setup["stepSize"]
    iterations, eval_every = setup["iterations"], setup["evalEvery"]

    def scores(x):
        return np.maximum(np.maximum(x @ w1.T + b1, 0) @ w2.T + b2, 0) @ w3.T + b3

    t0, c0 = time.perf_counter(), time.process_time()
    loss = loss100 = float("nan")
    tr = te = float("nan")
    for it in range(1, iterations + 1):
        a1 = xtr @ w1.T + b1
        h1 = np.maximum(a1, 0)
        a2 = h1 @ w2.T + b2
        h2 = np.maximum(a2, 0)
        s = h2 @ w3.T + b3
        s = s - s.max(axis=1, keepdims=True)
        e = np.exp(s)
        z = e.sum(axis=1, keepdims=True)
        p = e / z
        losses = np.log(z[:, 0]) - s[rows, ytr]
        loss = losses.sum() * scale
        ds = (p - onehot) * scale
        dw3, db3 = ds.T @ h2, ds.sum(0)
        dh2 = (ds @ w3) * (a2 > 0)
        dw2, db2 = dh2.T @ h1, dh2.sum(0)
        dh1 = (dh2 @ w2) * (a1 > 0)
        dw1, db1 = dh1.T @ xtr, dh1.sum(0)
        w1 -= lr * dw1
        b1 -= lr * db1
        w2 -= lr * dw2
        b2 -= lr * db2
        w3 -= lr * dw3
        b3 -= lr * db3
        if it == 100:
            loss100 = float(loss)
        if it % step_size == 0:
            lr *= gamma
        if it % eval_every == 0 or it == iterations:
            tr = float((scores(xtr).argmax(1) == ytr).mean())
            te = float((scores(xte).argmax(1) == yte).mean())
    seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"name": f"numpy {np.__version__} (float64)", "seconds": seconds, "cpuSeconds": cpu_seconds,
                      "iterations": iterations, "loss": float(loss), "loss100": loss100, "trainAccuracy": tr,
                      "testAccuracy": te, "blas": blas_info()}))


if __name__ == "__main__":
    main(sys.argv[1])
