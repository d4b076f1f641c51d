#!/usr/bin/env python3
"""Peer benchmark, numpy, mini-batch rows: the digits MLP bench/peers.ts exports.

Usage: /usr/bin/python3 bench/peers_minibatch_numpy.py SETUP.json
Reads the split (features already divided by 16, rows in the order they are trained), the
initial weights (PyTorch layout: weight [out, in]), the batch size and the epochs; trains
64 -> 32 -> ReLU -> 10 with mean softmax cross-entropy and plain SGD on the rows in order, batch
after batch (the last batch of an epoch has the rows left over), accuracy of both sets at the end
of every epoch; prints one JSON line like peers_numpy.py (loss100: the loss of step 100).
Threads: OPENBLAS_NUM_THREADS, set by the caller.
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
    w1, w2 = (np.array(l["weight"], dtype=np.float64) for l in setup["layers"])
    b1, b2 = (np.array(l["bias"], dtype=np.float64) for l in setup["layers"])
    eye = np.eye(w2.shape[0])
    lr, batch, epochs = setup["lr"], setup["batchSize"], setup["epochs"]
    n = len(ytr)
    batches = [(xtr[i:i + batch], ytr[i:i + batch], eye[ytr[i:i + batch]]) for i in range(0, n, batch)]

    def scores(x):
        return np.maximum(x @ w1.T + b1, 0) @ w2.T + b2

    t0, c0 = time.perf_counter(), time.process_time()
    loss = loss100 = float("nan")
    tr = te = float("nan")
    it = 0
    for _ in range(epochs):
        for x, y, onehot in batches:
            it += 1
            m = len(y)
            a1 = x @ w1.T + b1
            h1 = np.maximum(a1, 0)
            s = h1 @ w2.T + b2
            s = s - s.max(axis=1, keepdims=True)
            e = np.exp(s)
            z = e.sum(axis=1, keepdims=True)
            loss = (np.log(z[:, 0]) - s[np.arange(m), y]).sum() / m
            ds = (e / z - onehot) / m
            dw2, db2 = ds.T @ h1, ds.sum(0)
            dh1 = (ds @ w2) * (a1 > 0)
            dw1, db1 = dh1.T @ x, dh1.sum(0)
            w1 -= lr * dw1
            b1 -= lr * db1
            w2 -= lr * dw2
            b2 -= lr * db2
            if it == 100:
                loss100 = float(loss)
        tr = float((scores(xtr).argmax(1) == ytr).mean())
        te = float((scores(xte).argmax(1) == yte).mean())
    seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"name": f"numpy {np.__version__} (float64)", "seconds": seconds, "cpuSeconds": cpu_seconds,
                      "iterations": it, "loss": float(loss), "loss100": loss100 if loss100 == loss100 else None, "trainAccuracy": tr,
                      "testAccuracy": te, "blas": blas_info()}))


if __name__ == "__main__":
    main(sys.argv[1])
