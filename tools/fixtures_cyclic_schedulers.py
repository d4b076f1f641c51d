"""Regenerates tests/fixtures/schedulers_cyclic.json from real PyTorch.

Run with the interpreter that has torch:  /usr/bin/python3 tools/fixtures_cyclic_schedulers.py

Covers CyclicLR, OneCycleLR, CosineAnnealingWarmRestarts, ReduceLROnPlateau, SequentialLR and
ChainedScheduler. Every case builds an optimizer with 2 or 3 param groups at different lrs, then
records the lr and the momentum (SGD `momentum`, Adam `betas[0]`) of every group right after
construction and after each call, in the modern order (optimizer.step(); scheduler.step()).
Options are written with the TypeScript (camelCase) names so the tests can pass them as they are.

torch 1.13 differs from newest PyTorch in two places that matter here, both handled below:
- CyclicLR in 1.13 cannot cycle Adam's betas[0] (`use_beta1` came in 2.x). For Adam cases we run
  CyclicLR with cycle_momentum=False on the Adam optimizer (its lrs) and record betas[0] from an
  SGD twin with the same options, whose momentum goes through the very same formula.
- ReduceLROnPlateau in 1.13 has no get_last_lr(); lrs are read from param_groups.
"""

import json
import math
import os
import random

import torch
from torch.optim import SGD, Adam
from torch.optim.lr_scheduler import (
    ChainedScheduler,
    ConstantLR,
    CosineAnnealingLR,
    CosineAnnealingWarmRestarts,
    CyclicLR,
    ExponentialLR,
    LinearLR,
    OneCycleLR,
    ReduceLROnPlateau,
    SequentialLR,
    StepLR,
)

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "schedulers_cyclic.json")

# Custom CyclicLR scale functions; tests/schedulers/cyclic_lr_test.ts implements the same ones.
SCALE_FNS = {
    "invSqrt": lambda x: 1.0 / math.sqrt(x),
    "halfLife30": lambda x: 0.5 ** (x / 30.0),
}


def make_optimizer(kind, groups):
    params = [torch.nn.Parameter(torch.zeros(1)) for _ in groups]
    pg = [dict(g, params=[p]) for g, p in zip(groups, params)]
    if kind == "SGD":
        return SGD(pg, lr=groups[0]["lr"], momentum=0.9)
    return Adam(pg, lr=groups[0]["lr"])


def momenta(opt):
    out = []
    for g in opt.param_groups:
        out.append(g["betas"][0] if "betas" in g else g.get("momentum"))
    return out


def lrs(opt):
    return [g["lr"] for g in opt.param_groups]


def json_groups(kind, groups):
    out = []
    for g in groups:
        d = {"lr": g["lr"]}
        if kind == "SGD":
            d["momentum"] = g.get("momentum", 0.9)
        else:
            d["betas"] = list(g.get("betas", (0.9, 0.999)))
        out.append(d)
    return out


def run(kind, groups, build, calls, step_fn=None):
    """Builds the scheduler, then steps once per item of calls; records lrs and momenta."""
    opt = make_optimizer(kind, groups)
    sched = build(opt)
    rec_lr, rec_m = [lrs(opt)], [momenta(opt)]
    for c in calls:
        opt.step()
        if step_fn is None:
            sched.step()
        else:
            step_fn(sched, c)
        rec_lr.append(lrs(opt))
        rec_m.append(momenta(opt))
    return rec_lr, rec_m


def py_opts(opts):
    names = {
        "baseLr": "base_lr", "maxLr": "max_lr", "stepSizeUp": "step_size_up",
        "stepSizeDown": "step_size_down", "mode": "mode", "gamma": "gamma",
        "scaleMode": "scale_mode", "cycleMomentum": "cycle_momentum",
        "baseMomentum": "base_momentum", "maxMomentum": "max_momentum",
        "totalSteps": "total_steps", "epochs": "epochs", "stepsPerEpoch": "steps_per_epoch",
        "pctStart": "pct_start", "annealStrategy": "anneal_strategy",
        "divFactor": "div_factor", "finalDivFactor": "final_div_factor",
        "threePhase": "three_phase", "t0": "T_0", "tMult": "T_mult", "etaMin": "eta_min",
        "factor": "factor", "patience": "patience", "threshold": "threshold",
        "thresholdMode": "threshold_mode", "cooldown": "cooldown", "minLr": "min_lr",
        "eps": "eps", "tMax": "T_max", "startFactor": "start_factor",
        "endFactor": "end_factor", "totalIters": "total_iters", "stepSize": "step_size",
    }
    out = {}
    for k, v in opts.items():
        if k == "scaleFn":
            out["scale_fn"] = SCALE_FNS[v]
        else:
            out[names[k]] = v
    return out


def cyclic_cases():
    cases = []
    specs = [
        ("triangular, asymmetric lists, SGD", "SGD", [{"lr": 0.1}, {"lr": 0.05}],
         {"baseLr": [0.001, 0.002], "maxLr": [0.01, 0.02], "stepSizeUp": 5}, 60),
        ("triangular2, up 4 down 7, momentum lists, 3 groups", "SGD",
         [{"lr": 0.1}, {"lr": 0.05}, {"lr": 0.3}],
         {"baseLr": 0.01, "maxLr": [0.1, 0.2, 0.05], "stepSizeUp": 4, "stepSizeDown": 7,
          "mode": "triangular2", "baseMomentum": [0.8, 0.85, 0.7],
          "maxMomentum": [0.9, 0.95, 0.99]}, 70),
        ("exp_range gamma 0.97", "SGD", [{"lr": 0.1}, {"lr": 0.05}],
         {"baseLr": [0.01, 0.005], "maxLr": [0.1, 0.08], "stepSizeUp": 6, "mode": "exp_range",
          "gamma": 0.97}, 80),
        ("custom scaleFn invSqrt per cycle", "SGD", [{"lr": 0.1}, {"lr": 0.05}],
         {"baseLr": 0.001, "maxLr": 0.1, "stepSizeUp": 3, "stepSizeDown": 5,
          "scaleFn": "invSqrt"}, 64),
        ("custom scaleFn halfLife30 per iteration", "SGD",
         [{"lr": 0.1}, {"lr": 0.05}, {"lr": 0.02}],
         {"baseLr": [0.001, 0.002, 0.003], "maxLr": 0.05, "stepSizeUp": 7, "stepSizeDown": 3,
          "scaleFn": "halfLife30", "scaleMode": "iterations", "baseMomentum": 0.75,
          "maxMomentum": 0.95}, 66),
        ("triangular2 on Adam cycles betas[0]", "Adam",
         [{"lr": 0.001, "betas": (0.9, 0.999)}, {"lr": 0.002, "betas": (0.8, 0.99)}],
         {"baseLr": [0.0001, 0.0002], "maxLr": [0.001, 0.003], "stepSizeUp": 5,
          "stepSizeDown": 4, "mode": "triangular2", "baseMomentum": 0.85,
          "maxMomentum": 0.95}, 60),
        ("cycleMomentum false leaves momentum alone", "SGD", [{"lr": 0.1}, {"lr": 0.05}],
         {"baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 8, "cycleMomentum": False}, 60),
    ]
    for name, kind, groups, opts, n in specs:
        calls = [None] * n
        if kind == "Adam":
            o = dict(py_opts(opts))
            r_lr, _ = run(kind, groups, lambda opt: CyclicLR(opt, **dict(o, cycle_momentum=False)), calls)
            twin = [{"lr": g["lr"]} for g in groups]
            _, r_m = run("SGD", twin, lambda opt: CyclicLR(opt, **o), calls)
            source = "betas[0] from an SGD twin (torch 1.13 CyclicLR has no use_beta1)"
        else:
            r_lr, r_m = run(kind, groups, lambda opt: CyclicLR(opt, **py_opts(opts)), calls)
            source = "optimizer"
        cases.append({"name": name, "optimizer": kind, "groups": json_groups(kind, groups),
                      "options": opts, "lrs": r_lr, "momenta": r_m, "momentaSource": source})
    return cases


def one_cycle_cases():
    cases = []
    specs = [
        ("cos, two groups", "SGD", [{"lr": 0.1}, {"lr": 0.05}],
         {"maxLr": [0.1, 0.05], "totalSteps": 60}),
        ("linear, pctStart 0.25, divFactor 10, finalDivFactor 100, 3 groups", "SGD",
         [{"lr": 0.1}, {"lr": 0.05}, {"lr": 0.3}],
         {"maxLr": 0.2, "totalSteps": 70, "pctStart": 0.25, "annealStrategy": "linear",
          "divFactor": 10.0, "finalDivFactor": 100.0}),
        ("cos, threePhase", "SGD", [{"lr": 0.1}, {"lr": 0.05}],
         {"maxLr": [0.3, 0.1], "totalSteps": 64, "threePhase": True,
          "baseMomentum": [0.8, 0.85], "maxMomentum": [0.9, 0.97]}),
        ("linear, threePhase, epochs 6 x stepsPerEpoch 11", "SGD",
         [{"lr": 0.1}, {"lr": 0.05}, {"lr": 0.3}],
         {"maxLr": [0.1, 0.2, 0.4], "epochs": 6, "stepsPerEpoch": 11, "threePhase": True,
          "annealStrategy": "linear", "pctStart": 0.4}),
        ("cos on Adam cycles betas[0]", "Adam",
         [{"lr": 0.001, "betas": (0.9, 0.999)}, {"lr": 0.002, "betas": (0.8, 0.99)}],
         {"maxLr": [0.01, 0.02], "totalSteps": 61, "baseMomentum": [0.85, 0.8],
          "maxMomentum": [0.95, 0.9]}),
        ("cos, cycleMomentum false, pctStart 0.5", "SGD", [{"lr": 0.1}, {"lr": 0.05}],
         {"maxLr": 1.0, "totalSteps": 62, "pctStart": 0.5, "cycleMomentum": False}),
    ]
    for name, kind, groups, opts in specs:
        total = opts.get("totalSteps") or opts["epochs"] * opts["stepsPerEpoch"]
        calls = [None] * total  # last_epoch runs 0..total; one more step raises
        r_lr, r_m = run(kind, groups, lambda opt: OneCycleLR(opt, **py_opts(opts)), calls)
        # the step after the last one raises
        opt = make_optimizer(kind, groups)
        s = OneCycleLR(opt, **py_opts(opts))
        for _ in range(total):
            opt.step()
            s.step()
        try:
            s.step()
            raised = False
        except ValueError:
            raised = True
        cases.append({"name": name, "optimizer": kind, "groups": json_groups(kind, groups),
                      "options": opts, "lrs": r_lr, "momenta": r_m, "raisesAfterLast": raised})
    return cases


def warm_restart_cases():
    cases = []
    frac3 = [e + i / 5 for e in range(15) for i in range(5)]
    frac4 = [e + i / 4 for e in range(16) for i in range(4)]
    interleaved = [None] * 20 + [26] + [None] * 20 + [3.5] + [None] * 20
    specs = [
        ("t0 10, tMult 1", [{"lr": 0.1}, {"lr": 0.05}], {"t0": 10}, [None] * 60),
        ("t0 5, tMult 2, etaMin 0.001, 3 groups", [{"lr": 0.1}, {"lr": 0.05}, {"lr": 0.02}],
         {"t0": 5, "tMult": 2, "etaMin": 0.001}, [None] * 80),
        ("t0 7, tMult 3, etaMin 0.01", [{"lr": 0.1}, {"lr": 0.5}],
         {"t0": 7, "tMult": 3, "etaMin": 0.01}, [None] * 60),
        ("fractional epochs epoch + i/5, t0 3, tMult 2", [{"lr": 0.1}, {"lr": 0.05}],
         {"t0": 3, "tMult": 2}, frac3),
        ("fractional epochs epoch + i/4, t0 4, tMult 1, etaMin 0.002",
         [{"lr": 0.1}, {"lr": 0.05}, {"lr": 0.2}], {"t0": 4, "etaMin": 0.002}, frac4),
        ("interleaved step() and step(epoch), t0 6, tMult 2", [{"lr": 0.1}, {"lr": 0.05}],
         {"t0": 6, "tMult": 2}, interleaved),
    ]

    def step_fn(s, c):
        if c is None:
            s.step()
        else:
            s.step(c)

    for name, groups, opts, calls in specs:
        r_lr, r_m = run("SGD", groups, lambda opt: CosineAnnealingWarmRestarts(opt, **py_opts(opts)),
                        calls, step_fn)
        cases.append({"name": name, "optimizer": "SGD", "groups": json_groups("SGD", groups),
                      "options": opts, "epochs": calls, "lrs": r_lr, "momenta": r_m})
    return cases


def metric_sequence(seed, n, kind):
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        if kind == "loss":  # falls, then plateaus with noise
            v = 1.0 / (1.0 + 0.3 * min(i, 15)) + rnd.uniform(-0.01, 0.01)
        else:  # accuracy: rises, then plateaus
            v = 0.5 + 0.03 * min(i, 12) + rnd.uniform(-0.005, 0.005)
        out.append(round(v, 4))
    return out


def plateau_cases():
    cases = []
    nan_metrics = metric_sequence(5, 60, "loss")
    for i in (3, 20, 21, 22, 23, 40):
        nan_metrics[i] = float("nan")
    specs = [
        ("min, rel, patience 3, factor 0.5", [{"lr": 0.1}, {"lr": 0.05}],
         {"factor": 0.5, "patience": 3}, metric_sequence(1, 70, "loss")),
        ("max, rel threshold 0.01, patience 2, cooldown 3", [{"lr": 0.1}, {"lr": 0.05}],
         {"mode": "max", "factor": 0.5, "patience": 2, "threshold": 0.01, "cooldown": 3},
         metric_sequence(2, 70, "acc")),
        ("min, abs 0.01, cooldown 2, minLr per group, 3 groups",
         [{"lr": 0.1}, {"lr": 0.05}, {"lr": 0.02}],
         {"factor": 0.3, "patience": 1, "threshold": 0.01, "thresholdMode": "abs",
          "cooldown": 2, "minLr": [0.01, 0.001, 0.0]}, metric_sequence(3, 70, "loss")),
        ("min, eps 1e-3 skips small reductions, minLr 1e-4", [{"lr": 0.1}, {"lr": 0.005}],
         {"factor": 0.5, "patience": 1, "minLr": 1e-4, "eps": 1e-3},
         metric_sequence(4, 60, "loss")),
        ("max, abs threshold 0.002, patience 0", [{"lr": 0.1}, {"lr": 0.05}, {"lr": 1.0}],
         {"mode": "max", "thresholdMode": "abs", "threshold": 0.002, "patience": 0,
          "factor": 0.8}, metric_sequence(6, 60, "acc")),
        ("min with NaN metrics (NaN counts as no improvement)", [{"lr": 0.1}, {"lr": 0.05}],
         {"factor": 0.5, "patience": 2}, nan_metrics),
    ]
    for name, groups, opts, metrics in specs:
        r_lr, r_m = run("SGD", groups, lambda opt: ReduceLROnPlateau(opt, **py_opts(opts)),
                        metrics, lambda s, m: s.step(m))
        enc = [m if math.isfinite(m) else str(m) for m in metrics]
        cases.append({"name": name, "optimizer": "SGD", "groups": json_groups("SGD", groups),
                      "options": opts, "metrics": enc, "lrs": r_lr, "momenta": r_m})
    return cases


CHILDREN = {
    "LinearLR": LinearLR, "ExponentialLR": ExponentialLR, "ConstantLR": ConstantLR,
    "CosineAnnealingLR": CosineAnnealingLR, "StepLR": StepLR,
}


def build_children(opt, children):
    return [CHILDREN[c["type"]](opt, **py_opts(c["options"])) for c in children]


def sequential_cases():
    cases = []
    specs = [
        ("LinearLR warmup then ExponentialLR", [{"lr": 0.1}, {"lr": 0.05}],
         [{"type": "LinearLR", "options": {"startFactor": 0.1, "totalIters": 5}},
          {"type": "ExponentialLR", "options": {"gamma": 0.9}}], [5]),
        ("ConstantLR then CosineAnnealingLR", [{"lr": 0.1}, {"lr": 0.05}],
         [{"type": "ConstantLR", "options": {"factor": 0.5, "totalIters": 4}},
          {"type": "CosineAnnealingLR", "options": {"tMax": 30, "etaMin": 0.001}}], [6]),
        ("LinearLR, StepLR, ExponentialLR", [{"lr": 0.1}, {"lr": 0.05}, {"lr": 0.3}],
         [{"type": "LinearLR", "options": {"startFactor": 0.25, "totalIters": 4}},
          {"type": "StepLR", "options": {"stepSize": 5, "gamma": 0.5}},
          {"type": "ExponentialLR", "options": {"gamma": 0.95}}], [4, 30]),
        ("LinearLR warmup 10 then CosineAnnealingLR 50, 3 groups",
         [{"lr": 0.1}, {"lr": 0.05}, {"lr": 0.02}],
         [{"type": "LinearLR", "options": {"startFactor": 0.01, "endFactor": 1.0,
                                           "totalIters": 10}},
          {"type": "CosineAnnealingLR", "options": {"tMax": 50}}], [10]),
        ("ExponentialLR then StepLR at 20", [{"lr": 0.1}, {"lr": 0.05}],
         [{"type": "ExponentialLR", "options": {"gamma": 0.97}},
          {"type": "StepLR", "options": {"stepSize": 7, "gamma": 0.3}}], [20]),
    ]
    for name, groups, children, milestones in specs:
        r_lr, r_m = run("SGD", groups, lambda opt: SequentialLR(
            opt, schedulers=build_children(opt, children), milestones=milestones), [None] * 60)
        cases.append({"name": name, "optimizer": "SGD", "groups": json_groups("SGD", groups),
                      "children": children, "milestones": milestones, "lrs": r_lr,
                      "momenta": r_m})
    return cases


def chained_cases():
    cases = []
    specs = [
        ("ConstantLR and ExponentialLR", [{"lr": 0.1}, {"lr": 0.05}],
         [{"type": "ConstantLR", "options": {"factor": 0.1, "totalIters": 20}},
          {"type": "ExponentialLR", "options": {"gamma": 0.9}}]),
        ("LinearLR and ExponentialLR", [{"lr": 0.1}, {"lr": 0.05}, {"lr": 0.3}],
         [{"type": "LinearLR", "options": {"startFactor": 0.2, "totalIters": 8}},
          {"type": "ExponentialLR", "options": {"gamma": 0.95}}]),
        ("StepLR and ConstantLR", [{"lr": 0.1}, {"lr": 0.05}],
         [{"type": "StepLR", "options": {"stepSize": 6, "gamma": 0.7}},
          {"type": "ConstantLR", "options": {"factor": 0.5, "totalIters": 10}}]),
        ("CosineAnnealingLR and ExponentialLR", [{"lr": 0.1}, {"lr": 0.05}],
         [{"type": "CosineAnnealingLR", "options": {"tMax": 25, "etaMin": 0.0}},
          {"type": "ExponentialLR", "options": {"gamma": 0.99}}]),
        ("ConstantLR, LinearLR and ExponentialLR", [{"lr": 0.1}, {"lr": 0.05}, {"lr": 0.2}],
         [{"type": "ConstantLR", "options": {"factor": 0.5, "totalIters": 3}},
          {"type": "LinearLR", "options": {"startFactor": 0.5, "totalIters": 6}},
          {"type": "ExponentialLR", "options": {"gamma": 0.96}}]),
    ]
    for name, groups, children in specs:
        r_lr, r_m = run("SGD", groups,
                        lambda opt: ChainedScheduler(build_children(opt, children)), [None] * 60)
        cases.append({"name": name, "optimizer": "SGD", "groups": json_groups("SGD", groups),
                      "children": children, "lrs": r_lr, "momenta": r_m})
    return cases


def main():
    data = {
        "torch": torch.__version__,
        "generator": "tools/fixtures_cyclic_schedulers.py",
        "note": "lrs[k] and momenta[k] are per param group, k = 0 right after construction, "
                "then after each call; momenta are SGD momentum or Adam betas[0]",
        "CyclicLR": cyclic_cases(),
        "OneCycleLR": one_cycle_cases(),
        "CosineAnnealingWarmRestarts": warm_restart_cases(),
        "ReduceLROnPlateau": plateau_cases(),
        "SequentialLR": sequential_cases(),
        "ChainedScheduler": chained_cases(),
    }
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT), {k: len(v) for k, v in data.items() if isinstance(v, list)})


if __name__ == "__main__":
    main()
