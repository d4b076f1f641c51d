"""Writes tests/fixtures/schedulers_warmup.json from real PyTorch: warmups in front of schedulers.

Run: /usr/bin/python3 tools/fixtures_warmup.py [output path]

anneal's WarmupLR(optimizer, { scheduler: X, warmupSteps: W, warmupType, startFactor: f }) is
compared with what PyTorch can express:

- "linear":      SequentialLR([LinearLR(start_factor=f, end_factor=1, total_iters=W), X], [W])
- "constant":    SequentialLR([ConstantLR(factor=f, total_iters=W), X], [W])
- "exponential": SequentialLR([LambdaLR(lambda e: f ** (1 - e / W)), X], [W])
- a plateau, which SequentialLR refuses: a hand loop, LinearLR stepped W times, then
  ReduceLROnPlateau.step(metric) (the metric list is in the fixture).

SGD with momentum 0.9, STEPS steps in the modern order, get_last_lr() recorded after
construction and after every step. Options are in the TypeScript library's camelCase.
"""

import json
import sys
from pathlib import Path

import torch
from torch.optim import SGD
from torch.optim import lr_scheduler as S

STEPS = 40

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
    "t0": "T_0",
    "tMult": "T_mult",
    "patience": "patience",
    "cooldown": "cooldown",
    "minLr": "min_lr",
    "threshold": "threshold",
}

# (warmup type, warmupSteps, startFactor, wrapped class, its options, group lrs)
CASES = [
    ("linear", 5, 0.1, "StepLR", {"stepSize": 3, "gamma": 0.5}, [0.1, 0.03]),
    ("linear", 4, 1 / 3, "ExponentialLR", {"gamma": 0.9}, [0.1]),
    ("linear", 10, 0.01, "CosineAnnealingLR", {"tMax": 20, "etaMin": 0.001}, [0.2, 0.05]),
    ("linear", 3, 0.25, "MultiStepLR", {"milestones": [5, 12], "gamma": 0.3}, [0.1]),
    ("linear", 6, 0.5, "PolynomialLR", {"totalIters": 15, "power": 2.0}, [0.4, 0.1]),
    ("linear", 7, 0.2, "CosineAnnealingWarmRestarts", {"t0": 5, "tMult": 2}, [0.1]),
    ("linear", 2, 0.3, "LinearLR", {"startFactor": 1.0, "endFactor": 0.1, "totalIters": 20}, [0.1]),
    ("constant", 5, 0.1, "StepLR", {"stepSize": 4, "gamma": 0.5}, [0.1, 0.02]),
    ("constant", 3, 0.5, "CosineAnnealingLR", {"tMax": 25}, [0.3]),
    ("constant", 8, 0.05, "ExponentialLR", {"gamma": 0.95}, [0.1]),
    ("exponential", 5, 0.01, "StepLR", {"stepSize": 3, "gamma": 0.5}, [0.1, 0.03]),
    ("exponential", 10, 0.001, "CosineAnnealingLR", {"tMax": 20, "etaMin": 0.0}, [0.2]),
    ("exponential", 4, 0.1, "ExponentialLR", {"gamma": 0.9}, [0.1, 0.5]),
]

PLATEAU_METRICS = [1.0, 0.9, 0.85, 0.85, 0.86, 0.84, 0.9, 0.9, 0.9, 0.8] * 4
PLATEAU_CASES = [
    (5, 0.1, {"factor": 0.5, "patience": 1}, [0.1, 0.03]),
    (3, 0.25, {"factor": 0.1, "patience": 0, "cooldown": 2, "minLr": 1e-4}, [0.2]),
    (8, 0.05, {"factor": 0.3, "patience": 2, "threshold": 0.05}, [0.1]),
]


def torch_options(options):
    return {SNAKE[k]: v for k, v in options.items()}


def optimizer_of(lrs):
    params = [torch.nn.Parameter(torch.zeros(1)) for _ in lrs]
    return SGD([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], lr=lrs[0], momentum=0.9)


def warmup_of(kind, opt, w, f):
    if kind == "linear":
        return S.LinearLR(opt, start_factor=f, end_factor=1.0, total_iters=w)
    if kind == "constant":
        return S.ConstantLR(opt, factor=f, total_iters=w)
    return S.LambdaLR(opt, lambda e: f ** (1 - e / w))


def run(kind, w, f, cls, options, lrs):
    opt = optimizer_of(lrs)
    first = warmup_of(kind, opt, w, f)
    then = getattr(S, cls)(opt, **torch_options(options))
    sched = S.SequentialLR(opt, schedulers=[first, then], milestones=[w])
    rows = [sched.get_last_lr()]
    for _ in range(STEPS):
        opt.step()
        sched.step()
        rows.append(sched.get_last_lr())
    return rows


def run_plateau(w, f, options, lrs):
    opt = optimizer_of(lrs)
    warm = S.LinearLR(opt, start_factor=f, end_factor=1.0, total_iters=w)
    plateau = S.ReduceLROnPlateau(opt, **torch_options(options))
    rows = [[g["lr"] for g in opt.param_groups]]
    for k in range(1, STEPS + 1):
        opt.step()
        if k <= w:
            warm.step()
        else:
            plateau.step(PLATEAU_METRICS[k - 1])
        rows.append([g["lr"] for g in opt.param_groups])
    return rows


def main():
    cases = [
        {"warmupType": kind, "warmupSteps": w, "startFactor": f, "scheduler": cls,
         "options": options, "lrs": lrs, "lastLr": run(kind, w, f, cls, options, lrs)}
        for kind, w, f, cls, options, lrs in CASES
    ]
    plateau = [
        {"warmupType": "linear", "warmupSteps": w, "startFactor": f,
         "scheduler": "ReduceLROnPlateau", "options": options, "lrs": lrs,
         "lastLr": run_plateau(w, f, options, lrs)}
        for w, f, options, lrs in PLATEAU_CASES
    ]
    out = {
        "torch": torch.__version__,
        "generator": "tools/fixtures_warmup.py",
        "optimizer": "torch.optim.SGD(groups, momentum=0.9)",
        "steps": STEPS,
        "plateauMetrics": PLATEAU_METRICS,
        "cases": cases,
        "plateau": plateau,
    }
    default = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "schedulers_warmup.json"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    head = json.dumps({k: v for k, v in out.items() if k not in ("cases", "plateau")},
                      separators=(",", ":"))[:-1]
    parts = [head]
    for key in ("cases", "plateau"):
        rows = ",\n".join(json.dumps(row, separators=(",", ":")) for row in out[key])
        parts.append(f',"{key}":[\n{rows}\n]')
    path.write_text("".join(parts) + "}\n")
    json.loads(path.read_text())
    print(f"wrote {path} ({len(cases)} cases, {len(plateau)} plateau cases, torch {torch.__version__})")


if __name__ == "__main__":
    main()
