"""Generates tests/fixtures/minibatch.json: mini-batch training runs by real PyTorch, float64.

Run with the interpreter that has torch (1.13 here):

    /usr/bin/python3 tools/fixtures_minibatch.py \
        /usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz

The data are the first 300 rows of the UCI optical digits (the copy scikit-learn ships, the same
rows as anneal's loadDigits()) divided by 16 for training and the next 100 for validation. The
network is 64 -> 16 -> ReLU -> 10 with initial weights drawn by numpy (seed 2024) and stored in
the fixture, so the TypeScript test starts from the same numbers. Each case trains with a
torch.utils.data.DataLoader-equivalent batch order (no shuffling: the rows in order, or in a
given permutation stored in the fixture), SGD with momentum and a scheduler stepped per batch or
per epoch, and records per epoch the lr used, the mean of its batch losses and the validation
loss, and at the end every parameter.
"""

import csv
import gzip
import json
import os
import sys

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

source = sys.argv[1] if len(sys.argv) > 1 else \
    "/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz"
with gzip.open(source, "rt") as f:
    rows = [list(map(float, r)) for r in csv.reader(f)]
data = np.array(rows)
X_ALL = data[:, :64] / 16.0
Y_ALL = data[:, 64].astype(np.int64)
TRAIN = slice(0, 300)
VAL = slice(300, 400)

rng = np.random.default_rng(2024)
SIZES = [(64, 16), (16, 10)]
INIT = []
for fan_in, fan_out in SIZES:
    bound = 1 / np.sqrt(fan_in)
    INIT.append(rng.uniform(-bound, bound, size=(fan_out, fan_in)))
    INIT.append(rng.uniform(-bound, bound, size=(fan_out,)))
PERMUTATION = rng.permutation(300)

CASES = [
    {"name": "in_order_step_lr_per_epoch", "order": "in order", "batchSize": 32,
     "dropLast": False, "epochs": 3, "reduction": "mean",
     "sgd": {"lr": 0.1, "momentum": 0.9},
     "scheduler": {"type": "StepLR", "stepSize": 1, "gamma": 0.5}, "interval": "epoch"},
    {"name": "permuted_one_cycle_per_batch_drop_last", "order": "permutation", "batchSize": 64,
     "dropLast": True, "epochs": 3, "reduction": "mean",
     "sgd": {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weightDecay": 1e-3},
     "scheduler": {"type": "OneCycleLR", "maxLr": 0.3, "totalSteps": 12}, "interval": "step"},
    {"name": "in_order_multi_step_per_batch_sum", "order": "in order", "batchSize": 16,
     "dropLast": False, "epochs": 3, "reduction": "sum",
     "sgd": {"lr": 0.005, "momentum": 0.5, "dampening": 0.1},
     "scheduler": {"type": "MultiStepLR", "milestones": [20, 45], "gamma": 0.3},
     "interval": "step"},
    {"name": "permuted_plateau_on_validation_loss", "order": "permutation", "batchSize": 40,
     "dropLast": False, "epochs": 5, "reduction": "mean",
     "sgd": {"lr": 0.8, "momentum": 0.9},
     "scheduler": {"type": "ReduceLROnPlateau", "factor": 0.5, "patience": 0},
     "interval": "epoch"},
]


def build():
    model = torch.nn.Sequential(torch.nn.Linear(64, 16), torch.nn.ReLU(), torch.nn.Linear(16, 10))
    with torch.no_grad():
        for p, init in zip(model.parameters(), INIT):
            p.copy_(torch.from_numpy(init))
    return model


def make_scheduler(optimizer, spec):
    kind = spec["type"]
    if kind == "StepLR":
        return torch.optim.lr_scheduler.StepLR(optimizer, step_size=spec["stepSize"],
                                               gamma=spec["gamma"])
    if kind == "OneCycleLR":
        return torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=spec["maxLr"],
                                                   total_steps=spec["totalSteps"])
    if kind == "MultiStepLR":
        return torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=spec["milestones"],
                                                    gamma=spec["gamma"])
    if kind == "ReduceLROnPlateau":
        return torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=spec["factor"],
                                                          patience=spec["patience"])
    raise ValueError(kind)


def run(case):
    order = np.arange(300) if case["order"] == "in order" else PERMUTATION
    x = torch.from_numpy(X_ALL[TRAIN][order].copy())
    y = torch.from_numpy(Y_ALL[TRAIN][order].copy())
    x_val = torch.from_numpy(X_ALL[VAL].copy())
    y_val = torch.from_numpy(Y_ALL[VAL].copy())
    model = build()
    sgd = case["sgd"]
    optimizer = torch.optim.SGD(model.parameters(), lr=sgd["lr"],
                                momentum=sgd.get("momentum", 0),
                                dampening=sgd.get("dampening", 0),
                                nesterov=sgd.get("nesterov", False),
                                weight_decay=sgd.get("weightDecay", 0))
    scheduler = make_scheduler(optimizer, case["scheduler"])
    plateau = case["scheduler"]["type"] == "ReduceLROnPlateau"
    loss_fn = torch.nn.CrossEntropyLoss(reduction=case["reduction"])
    # shuffle=False: the DataLoader yields the dataset's rows in order.
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y),
                                         batch_size=case["batchSize"], shuffle=False,
                                         drop_last=case["dropLast"])
    epochs = []
    steps = 0
    for _ in range(case["epochs"]):
        losses = []
        lr_used = optimizer.param_groups[0]["lr"]
        for xb, yb in loader:
            lr_used = optimizer.param_groups[0]["lr"]
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
            steps += 1
            if case["interval"] == "step" and not plateau:
                scheduler.step()
        if case["interval"] == "epoch" and not plateau:
            scheduler.step()
        with torch.no_grad():
            val_loss = loss_fn(model(x_val), y_val).item()
        if plateau:
            scheduler.step(val_loss)
        mean = 0.0
        for value in losses:
            mean += value
        epochs.append({"iteration": steps, "lr": lr_used, "loss": mean / len(losses),
                       "valLoss": val_loss, "lrAfter": optimizer.param_groups[0]["lr"]})
    params = [p.detach().numpy().ravel().tolist() for p in model.parameters()]
    return {**case, "stepsPerEpoch": len(loader), "epochLog": epochs, "final": params}


fixture = {
    "torch": torch.__version__,
    "generator": "tools/fixtures_minibatch.py",
    "data": "loadDigits() rows 0-299 / 16 to train, rows 300-399 / 16 to validate",
    "sizes": SIZES,
    "init": [a.ravel().tolist() for a in INIT],
    "permutation": PERMUTATION.tolist(),
    "cases": [run(case) for case in CASES],
}
out = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "minibatch.json")
with open(out, "w") as f:
    json.dump(fixture, f, separators=(",", ":"))
print(f"wrote {out}: {len(CASES)} cases, torch {torch.__version__}")
