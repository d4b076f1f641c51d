"""Generates tests/fixtures/f32_mlp.json: float32 MLPs trained by real PyTorch in float32.

Run with the interpreter that has torch (1.13 here):  /usr/bin/python3 tools/fixtures_f32.py

Two networks, the Iris-sized 4-20-20-3 (batch 120) and 64-128-128-10 (batch 256), ReLU between
Linear layers, mean cross-entropy. Inputs, labels and initial weights come from a 32-bit integer
hash (uniform() below) rounded to float32, which the TypeScript test recomputes bit for bit (the
fixture keeps sums to check that), so the fixture stays small. Each case trains STEPS full-batch
steps with torch's single-tensor (foreach=False) optimizers on one thread, and records every
step's loss (before that step's update) and every parameter after the last update; each network
also records the loss (and, for Iris, the gradients) at the initial weights. A second part steps
one float32 parameter with given gradients (no network) for every optimizer variant. Numbers are
written as the shortest decimal that reads back as the same float32.
"""

import json
import os

import numpy as np
import torch

torch.set_num_threads(1)
STEPS = 50
NETWORKS = {
    "iris": {"sizes": [(4, 20), (20, 20), (20, 3)], "batch": 120,
             "cases": ["sgd_momentum", "adam", "adamw"], "grads": True},
    "mlp64": {"sizes": [(64, 128), (128, 128), (128, 10)], "batch": 256,
              "cases": ["sgd_momentum", "adam"], "grads": False},
}
CASES = [
    {"name": "sgd_momentum", "optimizer": "SGD", "options": {"lr": 0.05, "momentum": 0.9}},
    {"name": "adam", "optimizer": "Adam", "options": {"lr": 0.01}},
    {"name": "adamw", "optimizer": "AdamW", "options": {"lr": 0.01, "weightDecay": 0.1}},
]
SNAKE = {"weightDecay": "weight_decay"}
# Optimizer updates alone: a float32 parameter of UPDATE_SIZE values stepped UPDATE_STEPS times
# with given float32 gradients (hash seeds 7000 + 100 * step), so the update arithmetic is
# compared without the network's gradients in between.
UPDATE_SIZE, UPDATE_STEPS = 1000, 20
UPDATE_CASES = [
    {"name": "sgd", "optimizer": "SGD", "options": {"lr": 0.1}},
    {"name": "sgd_momentum", "optimizer": "SGD", "options": {"lr": 0.05, "momentum": 0.9}},
    {"name": "sgd_dampening_weight_decay", "optimizer": "SGD",
     "options": {"lr": 0.05, "momentum": 0.9, "dampening": 0.3, "weightDecay": 1e-2}},
    {"name": "sgd_nesterov_maximize", "optimizer": "SGD",
     "options": {"lr": 0.05, "momentum": 0.9, "nesterov": True, "maximize": True}},
    {"name": "adam", "optimizer": "Adam", "options": {"lr": 0.01}},
    {"name": "adam_weight_decay_amsgrad", "optimizer": "Adam",
     "options": {"lr": 0.01, "betas": [0.8, 0.99], "weightDecay": 1e-2, "amsgrad": True}},
    {"name": "adam_beta1_0.7", "optimizer": "Adam", "options": {"lr": 0.003, "betas": [0.3, 0.9]}},
    {"name": "adamw", "optimizer": "AdamW", "options": {"lr": 0.01, "weightDecay": 0.1}},
]


def f32(values):
    """Shortest decimals that read back as the same float32 (np.float32's repr)."""
    return [float(repr(np.float32(v))) for v in np.asarray(values, dtype=np.float32).ravel()]


def uniform(seed, i):
    """A uniform number in [0, 1) from a 32-bit integer hash of (seed, i), the same in any
    language with 32-bit integer arithmetic (the test regenerates it)."""
    h = (i * 0x9E3779B1 + seed * 0x7FEB352D) & 0xFFFFFFFF
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    return h / 2**32


def network(spec, seed):
    """Inputs U(-2, 2), labels, and weights and biases U(-1/sqrt(fanIn), 1/sqrt(fanIn)), each
    computed in float64 from uniform() and rounded to float32; seed, seed + 1, ... per array."""
    batch, sizes = spec["batch"], spec["sizes"]
    width, classes = sizes[0][0], sizes[-1][1]
    x = np.array([4 * uniform(seed, i) - 2 for i in range(batch * width)], dtype=np.float32)
    y = np.array([int(uniform(seed + 1, i) * classes) for i in range(batch)])
    init = []
    for layer, (fan_in, fan_out) in enumerate(sizes):
        bound = 1 / np.sqrt(fan_in)
        for k, shape in enumerate([(fan_out, fan_in), (fan_out,)]):
            s = seed + 2 + 2 * layer + k
            n = int(np.prod(shape))
            values = [(2 * uniform(s, i) - 1) * bound for i in range(n)]
            init.append(np.array(values, dtype=np.float32).reshape(shape))
    return x.reshape(batch, width), y, init


def build(sizes, init):
    layers = []
    for fan_in, fan_out in sizes:
        layers += [torch.nn.Linear(fan_in, fan_out, dtype=torch.float32), torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])
    with torch.no_grad():
        for p, values in zip(model.parameters(), init):
            p.copy_(torch.from_numpy(values))
    return model


def run(sizes, x, y, init, case):
    model = build(sizes, init)
    options = {SNAKE.get(k, k): v for k, v in case["options"].items()}
    optimizer = getattr(torch.optim, case["optimizer"])(
        model.parameters(), foreach=False, **options
    )
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    losses = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(xt), yt)
        assert loss.dtype == torch.float32
        loss.backward()
        losses.append(loss.item())
        optimizer.step()
    return {
        "name": case["name"],
        "optimizer": case["optimizer"],
        "options": case["options"],
        "losses": f32(losses),
        "final": [f32(p.detach().numpy()) for p in model.parameters()],
    }


def update_values(seed):
    return np.array([2 * uniform(seed, i) - 1 for i in range(UPDATE_SIZE)], dtype=np.float32)


def update_run(case):
    param = torch.nn.Parameter(torch.from_numpy(update_values(6000)))
    options = {SNAKE.get(k, k): v for k, v in case["options"].items()}
    optimizer = getattr(torch.optim, case["optimizer"])([param], foreach=False, **options)
    for step in range(UPDATE_STEPS):
        param.grad = torch.from_numpy(update_values(7000 + 100 * step))
        optimizer.step()
    return {**case, "final": f32(param.detach().numpy())}


def main():
    out = {
        "torch": torch.__version__,
        "generator": "tools/fixtures_f32.py",
        "dtype": "float32",
        "steps": STEPS,
        "networks": {},
        "updates": {
            "size": UPDATE_SIZE,
            "steps": UPDATE_STEPS,
            "cases": [update_run(case) for case in UPDATE_CASES],
        },
    }
    for i, (name, spec) in enumerate(NETWORKS.items()):
        seed = 1000 * (i + 1)
        x, y, init = network(spec, seed)
        model = build(spec["sizes"], init)
        loss = torch.nn.functional.cross_entropy(model(torch.from_numpy(x)), torch.from_numpy(y))
        loss.backward()
        out["networks"][name] = {
            "sizes": spec["sizes"],
            "batch": spec["batch"],
            "seed": seed,
            "sums": {
                "x": float(x.astype(np.float64).sum()),
                "y": int(y.sum()),
                "init": [float(v.astype(np.float64).sum()) for v in init],
            },
            "initialLoss": f32([loss.item()])[0],
            "initialGrads": [f32(p.grad.numpy()) for p in model.parameters()]
            if spec["grads"] else None,
            "cases": [run(spec["sizes"], x, y, init, case) for case in CASES
                      if case["name"] in spec["cases"]],
        }
    path = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "f32_mlp.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print(f"wrote {os.path.normpath(path)} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
