#!/usr/bin/env python3
"""Peer benchmark, PyTorch eager, mini-batch rows: the digits MLP bench/peers.ts exports.

Usage: /usr/bin/python3 bench/peers_minibatch_torch.py SETUP.json float64|float32
nn.Sequential(Linear(64, 32), ReLU, Linear(32, 10)), nn.CrossEntropyLoss() (mean), optim.SGD on
the rows in order, batch after batch (slices of the training tensor, as a DataLoader with
shuffle=False gives them), accuracy of both sets at the end of every epoch under no_grad; one
thread. Prints one JSON line like peers_torch.py (loss100: the loss of step 100).
"""

import json
import sys
import time

import torch

from _blas import blas_info


def main(path, dtype_name):
    torch.set_num_threads(1)
    dtype = {"float64": torch.float64, "float32": torch.float32}[dtype_name]
    setup = json.load(open(path))
    xtr = torch.tensor(setup["xTrain"], dtype=dtype)
    ytr = torch.tensor(setup["yTrain"], dtype=torch.long)
    xte = torch.tensor(setup["xTest"], dtype=dtype)
    yte = torch.tensor(setup["yTest"], dtype=torch.long)
    layers = [torch.nn.Linear(len(l["weight"][0]), len(l["weight"]), dtype=torch.float64)
              for l in setup["layers"]]
    with torch.no_grad():
        for layer, saved in zip(layers, setup["layers"]):
            layer.weight.copy_(torch.tensor(saved["weight"], dtype=torch.float64))
            layer.bias.copy_(torch.tensor(saved["bias"], dtype=torch.float64))
    model = torch.nn.Sequential(layers[0], torch.nn.ReLU(), layers[1])
    model.to(dtype)
    criterion = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=setup["lr"])
    batch, epochs = setup["batchSize"], setup["epochs"]
    batches = [(xtr[i:i + batch], ytr[i:i + batch]) for i in range(0, len(ytr), batch)]
    t0, c0 = time.perf_counter(), time.process_time()
    loss = None
    loss100 = float("nan")
    tr = te = float("nan")
    it = 0
    for _ in range(epochs):
        for x, y in batches:
            it += 1
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            if it == 100:
                loss100 = loss.item()
        with torch.no_grad():
            tr = (model(xtr).argmax(1) == ytr).double().mean().item()
            te = (model(xte).argmax(1) == yte).double().mean().item()
    seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"name": f"PyTorch {torch.__version__} eager ({dtype_name})",
                      "seconds": seconds, "cpuSeconds": cpu_seconds, "iterations": it,
                      "loss": loss.item(), "loss100": loss100 if loss100 == loss100 else None, "trainAccuracy": tr, "testAccuracy": te,
                      "blas": blas_info()}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
