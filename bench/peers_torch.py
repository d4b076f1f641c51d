#!/usr/bin/env python3
"""Peer benchmark, PyTorch eager: the seed's Iris training on the setup bench/peers.ts exports.

Usage: /usr/bin/python3 bench/peers_torch.py SETUP.json float64|float32
nn.Sequential(Linear, ReLU, Linear, ReLU, Linear), nn.CrossEntropyLoss(reduction=...),
optim.SGD, lr_scheduler.StepLR stepped every iteration, accuracy of both sets every evalEvery
iterations under no_grad; one thread (as ours). Prints one JSON line like peers_numpy.py,
with the BLAS torch runs (bench/_blas.py).
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
    model = torch.nn.Sequential(layers[0], torch.nn.ReLU(), layers[1], torch.nn.ReLU(), layers[2])
    model.to(dtype)
    criterion = torch.nn.CrossEntropyLoss(reduction=setup["reduction"])
    optimizer = torch.optim.SGD(model.parameters(), lr=setup["lr"])
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=setup["stepSize"],
                                                gamma=setup["gamma"])
    eval_every = setup["evalEvery"]
    t0, c0 = time.perf_counter(), time.process_time()
    loss = None
    loss100 = float("nan")
    tr = te = float("nan")
    for it in range(1, setup["iterations"] + 1):
        optimizer.zero_grad()
        loss = criterion(model(xtr), ytr)
        loss.backward()
        optimizer.step()
        scheduler.step()
        if it == 100:
            loss100 = loss.item()
        if it % eval_every == 0 or it == setup["iterations"]:
            with torch.no_grad():
                tr = (model(xtr).argmax(1) == ytr).double().mean().item()
                te = (model(xte).argmax(1) == yte).double().mean().item()
    seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"name": f"PyTorch {torch.__version__} eager ({dtype_name})",
                      "seconds": seconds, "cpuSeconds": cpu_seconds, "iterations": setup["iterations"],
                      "loss": loss.item(), "loss100": loss100, "trainAccuracy": tr, "testAccuracy": te, "blas": blas_info()}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
