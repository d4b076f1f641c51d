"""Writes tests/fixtures/schedulers_decay.json from real PyTorch.

Run: /usr/bin/python3 tools/fixtures_decay_schedulers.py

Covers the nine decay schedulers of lib/schedulers/ (LambdaLR, MultiplicativeLR, StepLR,
MultiStepLR, ConstantLR, LinearLR, ExponentialLR, PolynomialLR, CosineAnnealingLR):

- "cases": SGD with momentum over 2 or 3 param groups at different lrs, 60 steps in the modern
  order (optimizer.step(); scheduler.step()), recording get_last_lr() right after construction
  and after every step (61 rows).
- "closedForm": the same schedulers driven by the deprecated scheduler.step(epoch), which uses
  the closed form (_get_closed_form_lr) where the class has one (warnings suppressed).
- "pyRepr": Python's repr of tricky floats, each given by its IEEE-754 bits.

Options are written in the TypeScript library's camelCase; lambdas are named, and the test
implements the same lambda under the same name with the same float operations.
"""

import json
import math
import struct
import warnings
from pathlib import Path

import torch
from torch.optim import SGD
from torch.optim import lr_scheduler as S

STEPS = 60

# Lambdas by name: the TypeScript test defines the same names with the same float operations.
LAMBDAS = {
    "seedStepUp": lambda epoch: epoch // 5 + 1,  # the seed's lambda1
    "seedPow095": lambda epoch: 0.95**epoch,  # the seed's lambda2
    "inverse": lambda epoch: 1.0 / (epoch + 1),
    "warmup10": lambda epoch: min(1.0, (epoch + 1) / 10),
    "halveEvery10": lambda epoch: 0.5 ** (epoch // 10),
    "linearToZero": lambda epoch: 1.0 - epoch / 60,
    "const095": lambda epoch: 0.95,
    "const101": lambda epoch: 1.01,
    "every10x09": lambda epoch: 0.9 if epoch % 10 == 0 else 1.0,
    "harmonicDecay": lambda epoch: 1.0 - 1.0 / (epoch + 10),
}

SNAKE = {
    "stepSize": "step_size",
    "gamma": "gamma",
    "milestones": "milestones",
    "factor": "factor",
    "totalIters": "total_iters",
    "startFactor": "start_factor",
    "endFactor": "end_factor",
    "power": "power",
    "tMax": "T_max",
    "etaMin": "eta_min",
    "lrLambda": "lr_lambda",
}

# (class, options, group lrs); an lrLambda option is a lambda name or a list of names.
CASES = [
    ("LambdaLR", {"lrLambda": "seedStepUp"}, [0.1, 0.05]),
    ("LambdaLR", {"lrLambda": "seedPow095"}, [0.1, 0.01, 0.3]),
    ("LambdaLR", {"lrLambda": ["seedStepUp", "seedPow095"]}, [0.1, 0.2]),
    ("LambdaLR", {"lrLambda": ["inverse", "warmup10", "halveEvery10"]}, [0.5, 0.1, 0.03]),
    ("LambdaLR", {"lrLambda": "linearToZero"}, [0.07, 0.001]),
    ("LambdaLR", {"lrLambda": ["warmup10", "linearToZero"]}, [1.0, 0.3]),
    ("MultiplicativeLR", {"lrLambda": "const095"}, [0.1, 0.05]),
    ("MultiplicativeLR", {"lrLambda": "const101"}, [0.1, 0.01, 0.3]),
    ("MultiplicativeLR", {"lrLambda": ["const095", "every10x09"]}, [0.1, 0.2]),
    ("MultiplicativeLR", {"lrLambda": "harmonicDecay"}, [0.5, 0.03]),
    ("MultiplicativeLR", {"lrLambda": ["every10x09", "harmonicDecay", "const095"]},
     [0.3, 0.07, 1.0]),
    ("StepLR", {"stepSize": 5, "gamma": 0.5}, [0.1, 0.05]),
    ("StepLR", {"stepSize": 30}, [0.1, 0.01, 0.3]),
    ("StepLR", {"stepSize": 1, "gamma": 0.9}, [0.1, 0.2]),
    ("StepLR", {"stepSize": 7, "gamma": 0.3}, [0.5, 0.03]),
    ("StepLR", {"stepSize": 60, "gamma": 0.1}, [0.07, 0.001]),
    ("StepLR", {"stepSize": 10, "gamma": 2.0}, [0.001, 0.0003, 1e-05]),
    ("MultiStepLR", {"milestones": [3, 5, 10], "gamma": 0.5}, [0.1, 0.05]),
    ("MultiStepLR", {"milestones": [30, 80]}, [0.1, 0.01, 0.3]),
    ("MultiStepLR", {"milestones": [10, 10, 20], "gamma": 0.1}, [0.1, 0.2]),
    ("MultiStepLR", {"milestones": [0, 5], "gamma": 0.5}, [0.5, 0.03]),
    ("MultiStepLR", {"milestones": [], "gamma": 0.5}, [0.07, 0.001]),
    ("MultiStepLR", {"milestones": [5, 5, 5, 40], "gamma": 0.3}, [0.3, 0.07, 1.0]),
    ("ConstantLR", {}, [0.1, 0.05]),
    ("ConstantLR", {"factor": 0.5, "totalIters": 40}, [0.1, 0.01, 0.3]),
    ("ConstantLR", {"factor": 1.0, "totalIters": 3}, [0.1, 0.2]),
    ("ConstantLR", {"factor": 0.1, "totalIters": 1}, [0.5, 0.03]),
    ("ConstantLR", {"factor": 0.3, "totalIters": 60}, [0.07, 0.001]),
    ("ConstantLR", {"factor": 0.25, "totalIters": 100}, [0.3, 0.07, 1.0]),
    ("LinearLR", {}, [0.1, 0.05]),
    ("LinearLR", {"startFactor": 0.05, "totalIters": 40}, [0.1, 0.01, 0.3]),
    ("LinearLR", {"startFactor": 1.0, "endFactor": 0.1, "totalIters": 30}, [0.1, 0.2]),
    ("LinearLR", {"startFactor": 0.5, "endFactor": 0.5, "totalIters": 10}, [0.5, 0.03]),
    ("LinearLR", {"startFactor": 1.0, "endFactor": 0.0, "totalIters": 60}, [0.07, 0.001]),
    ("LinearLR", {"startFactor": 0.25, "endFactor": 0.75, "totalIters": 10}, [0.3, 0.07, 1.0]),
    ("ExponentialLR", {"gamma": 0.9}, [0.1, 0.05]),
    ("ExponentialLR", {"gamma": 0.95}, [0.1, 0.01, 0.3]),
    ("ExponentialLR", {"gamma": 0.5}, [0.1, 0.2]),
    ("ExponentialLR", {"gamma": 1.0}, [0.5, 0.03]),
    ("ExponentialLR", {"gamma": 1.05}, [1e-05, 0.001]),
    ("ExponentialLR", {"gamma": 0.999}, [0.3, 0.07, 1.0]),
    ("PolynomialLR", {}, [0.1, 0.05]),
    ("PolynomialLR", {"totalIters": 30, "power": 2.0}, [0.1, 0.01, 0.3]),
    ("PolynomialLR", {"totalIters": 50, "power": 0.9}, [0.1, 0.2]),
    ("PolynomialLR", {"totalIters": 60, "power": 0.5}, [0.5, 0.03]),
    ("PolynomialLR", {"totalIters": 10, "power": 3.0}, [0.07, 0.001]),
    ("PolynomialLR", {"totalIters": 40, "power": 1.0}, [0.3, 0.07, 1.0]),
    ("CosineAnnealingLR", {"tMax": 10}, [0.1, 0.05]),
    ("CosineAnnealingLR", {"tMax": 60, "etaMin": 0.001}, [0.1, 0.01, 0.3]),
    ("CosineAnnealingLR", {"tMax": 7, "etaMin": 0.01}, [0.1, 0.2]),
    ("CosineAnnealingLR", {"tMax": 1}, [0.5, 0.03]),
    ("CosineAnnealingLR", {"tMax": 25, "etaMin": 1e-05}, [0.07, 0.001]),
    ("CosineAnnealingLR", {"tMax": 100}, [0.3, 0.07, 1.0]),
]

# step(epoch) sequences: forward, repeats, jumps, backwards and past the end.
EPOCHS = [1, 2, 3, 5, 5, 4, 9, 10, 11, 20, 15, 29, 30, 31, 40, 39, 59, 60, 61, 100, 0, 7]
# Every case again; MultiplicativeLR has no closed form, so step(epoch) multiplies by
# lr_lambda(epoch). Epoch 0 is left out for it: PyTorch 1.13 skips the factor there, 2.x applies it.
CLOSED_FORM_CASES = CASES


def make_optimizer(lrs):
    groups = []
    for lr in lrs:
        p = torch.zeros(3, requires_grad=True)
        p.grad = torch.ones(3)
        groups.append({"params": [p], "lr": lr})
    return SGD(groups, lr=lrs[0], momentum=0.9)


def make_scheduler(name, options, optimizer):
    kwargs = {}
    for key, value in options.items():
        if key == "lrLambda":
            value = [LAMBDAS[v] for v in value] if isinstance(value, list) else LAMBDAS[value]
        kwargs[SNAKE[key]] = value
    return getattr(S, name)(optimizer, **kwargs)


def floats(values):
    for v in values:
        assert isinstance(v, float) and math.isfinite(v), v
    return [float(v) for v in values]


def run_steps(name, options, lrs):
    optimizer = make_optimizer(lrs)
    scheduler = make_scheduler(name, options, optimizer)
    rows = [floats(scheduler.get_last_lr())]
    for _ in range(STEPS):
        optimizer.step()
        scheduler.step()
        rows.append(floats(scheduler.get_last_lr()))
    return rows


def run_epochs(name, options, lrs, epochs):
    optimizer = make_optimizer(lrs)
    scheduler = make_scheduler(name, options, optimizer)
    rows = [floats(scheduler.get_last_lr())]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for epoch in epochs:
            optimizer.step()
            scheduler.step(epoch)
            rows.append(floats(scheduler.get_last_lr()))
    return rows


def case_name(name, options, lrs):
    return f"{name} {json.dumps(options, separators=(',', ':'))} lrs={lrs}"


TRICKY = [
    0.1, 0.2, 0.1 + 0.2, 0.30000000000000004, 1.0, 100.0, 1e-05, 1.5e-05, 0.0001, 0.00011,
    9.999999999999999e-05, 0.001, 0.0125, 123456789.0, 1e15, 9999999999999998.0, 1e16, 1.5e16,
    1e17, 1e22, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 0.0, -0.0, -1.0,
    -0.1, -1e-05, 0.5**30, 0.95**59, 0.1 * 0.5**10, 1 / 3, 2 / 3, math.pi, 1e-07, 12345.678,
    123456789012345.6, 1234567890123456.7, 0.1 * 3, 0.1 * 0.95**3, 4.35, 2.675, 1e100, 1e-100,
    0.7 ** 60, math.inf, -math.inf, math.nan,
]


def bits(x):
    return struct.pack(">d", x).hex()


def main():
    cases = [
        {"name": case_name(*c), "scheduler": c[0], "options": c[1], "lrs": c[2],
         "lastLr": run_steps(*c)}
        for c in CASES
    ]
    closed = []
    for c in CLOSED_FORM_CASES:
        epochs = [e for e in EPOCHS if not (c[0] == "MultiplicativeLR" and e == 0)]
        closed.append({"name": case_name(*c), "scheduler": c[0], "options": c[1], "lrs": c[2],
                       "epochs": epochs, "lastLr": run_epochs(*c, epochs)})
    out = {
        "torch": torch.__version__,
        "generator": "tools/fixtures_decay_schedulers.py",
        "optimizer": "torch.optim.SGD(groups, momentum=0.9)",
        "steps": STEPS,
        "lambdas": {
            "seedStepUp": "epoch // 5 + 1",
            "seedPow095": "0.95 ** epoch",
            "inverse": "1.0 / (epoch + 1)",
            "warmup10": "min(1.0, (epoch + 1) / 10)",
            "halveEvery10": "0.5 ** (epoch // 10)",
            "linearToZero": "1.0 - epoch / 60",
            "const095": "0.95",
            "const101": "1.01",
            "every10x09": "0.9 if epoch % 10 == 0 else 1.0",
            "harmonicDecay": "1.0 - 1.0 / (epoch + 10)",
        },
        "cases": cases,
        "closedForm": closed,
        "pyRepr": [{"bits": bits(x), "repr": repr(x)} for x in TRICKY] + [
            {"list": [bits(x) for x in xs], "repr": repr(xs)}
            for xs in ([0.1], [0.1, 0.2], [], [1e-05, 0.30000000000000004, -0.0], [math.nan])
        ],
    }
    assert sorted(LAMBDAS) == sorted(out["lambdas"])
    path = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "schedulers_decay.json"
    lines = json.dumps({k: v for k, v in out.items() if k not in ("cases", "closedForm", "pyRepr")},
                       separators=(",", ":"))[:-1]
    parts = [lines]
    for key in ("cases", "closedForm", "pyRepr"):
        rows = ",\n".join(json.dumps(row, separators=(",", ":")) for row in out[key])
        parts.append(f',"{key}":[\n{rows}\n]')
    path.write_text("".join(parts) + "}\n")
    json.loads(path.read_text())
    print(f"wrote {path} ({len(cases)} cases, {len(closed)} closed-form, torch {torch.__version__})")


if __name__ == "__main__":
    main()
