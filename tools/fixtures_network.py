"""Generates tests/fixtures/network.json: a 4-20-20-3 ReLU network trained by real PyTorch.

Run with the interpreter that has torch (1.13 here):  /usr/bin/python3 tools/fixtures_network.py

Everything is float64. The initial weights, the 120x4 input and the labels come from numpy with a
fixed seed and are stored in the fixture, so the TypeScript test starts from the same numbers.
For each case the fixture records the loss of steps 1, 10 and 200 (computed before that step's
update) and every parameter after 1, 10 and 200 updates, plus the gradients at the initial weights.
"""

import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20191120)

SIZES = [(4, 20), (20, 20), (20, 3)]
X = rng.standard_normal((120, 4))
Y = rng.integers(0, 3, size=120)
INIT = []
for fan_in, fan_out in SIZES:
    bound = 1 / np.sqrt(fan_in)
    INIT.append(rng.uniform(-bound, bound, size=(fan_out, fan_in)))
    INIT.append(rng.uniform(-bound, bound, size=(fan_out,)))
NAMES = ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"]
CHECKPOINTS = [1, 10, 200]

CASES = [
    {"name": "sgd", "optimizer": "SGD", "options": {"lr": 0.1}},
    {"name": "sgd_momentum", "optimizer": "SGD", "options": {"lr": 0.05, "momentum": 0.9}},
    {"name": "sgd_dampening", "optimizer": "SGD",
     "options": {"lr": 0.05, "momentum": 0.9, "dampening": 0.3}},
    {"name": "sgd_nesterov_weight_decay", "optimizer": "SGD",
     "options": {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weightDecay": 1e-3}},
    {"name": "sgd_step_lr", "optimizer": "SGD", "options": {"lr": 0.2},
     "stepLR": {"stepSize": 50, "gamma": 0.5}},
    {"name": "sgd_sum", "optimizer": "SGD", "options": {"lr": 0.002}, "reduction": "sum"},
    {"name": "adam", "optimizer": "Adam", "options": {"lr": 0.01}},
    {"name": "adam_weight_decay_amsgrad", "optimizer": "Adam",
     "options": {"lr": 0.01, "betas": [0.8, 0.99], "weightDecay": 1e-2, "amsgrad": True}},
    {"name": "adamw", "optimizer": "AdamW", "options": {"lr": 0.01, "weightDecay": 0.1}},
]

SNAKE = {"weightDecay": "weight_decay"}


def build():
    layers = []
    for fan_in, fan_out in SIZES:
        layers += [torch.nn.Linear(fan_in, fan_out), torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])
    with torch.no_grad():
        for p, init in zip(model.parameters(), INIT):
            p.copy_(torch.from_numpy(init))
    return model


def params(model):
    return {name: p.detach().numpy().ravel().tolist() for name, p in zip(NAMES, model.parameters())}


def run(case):
    model = build()
    options = {SNAKE.get(k, k): (tuple(v) if k == "betas" else v) for k, v in case["options"].items()}
    opt = getattr(torch.optim, case["optimizer"])(model.parameters(), **options)
    sched = None
    if "stepLR" in case:
        s = case["stepLR"]
        sched = torch.optim.lr_scheduler.StepLR(opt, step_size=s["stepSize"], gamma=s["gamma"])
    loss_fn = torch.nn.CrossEntropyLoss(reduction=case.get("reduction", "mean"))
    x, y = torch.from_numpy(X), torch.from_numpy(Y)
    out = {"losses": {}, "params": {}}
    for step in range(1, CHECKPOINTS[-1] + 1):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        if sched is not None:
            sched.step()
        if step in CHECKPOINTS:
            out["losses"][str(step)] = loss.item()
            out["params"][str(step)] = params(model)
    return out


def initial_gradients(reduction):
    model = build()
    loss = torch.nn.CrossEntropyLoss(reduction=reduction)(model(torch.from_numpy(X)), torch.from_numpy(Y))
    loss.backward()
    grads = {name: p.grad.numpy().ravel().tolist() for name, p in zip(NAMES, model.parameters())}
    return {"loss": loss.item(), "grads": grads}


def main():
    fixture = {
        "torch": torch.__version__,
        "generator": "tools/fixtures_network.py",
        "sizes": SIZES,
        "checkpoints": CHECKPOINTS,
        "x": X.ravel().tolist(),
        "y": Y.tolist(),
        "init": {name: a.ravel().tolist() for name, a in zip(NAMES, INIT)},
        "initial": {r: initial_gradients(r) for r in ["mean", "sum"]},
        "perSampleLoss": torch.nn.CrossEntropyLoss(reduction="none")(
            build()(torch.from_numpy(X)), torch.from_numpy(Y)).detach().numpy().tolist(),
        "cases": [dict(case, **run(case)) for case in CASES],
    }
    path = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "network.json")
    with open(path, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
    print(f"wrote {os.path.normpath(path)} ({os.path.getsize(path)} bytes), torch {torch.__version__}")


if __name__ == "__main__":
    main()
