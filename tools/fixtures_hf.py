"""Writes tests/fixtures/hf.json: Hugging Face transformers' learning-rate schedules, run by
transformers' own code under torch (Debian's torch 1.13 is enough: the schedules are
LambdaLR / ReduceLROnPlateau with plain-Python lambdas).

Usage: /usr/bin/python3 tools/fixtures_hf.py SRC [OUT]
  SRC  a directory holding the `transformers` package, or one holding its
       `transformers/optimization.py` with whatever it imports. Run it from a temporary
       directory outside this repository: the full package needs many dependencies, so a copy
       of `src/transformers/optimization.py` beside minimal stubs of what it imports
       (`trainer_pt_utils.LayerWiseDummyOptimizer/LayerWiseDummyScheduler`,
       `trainer_utils.SchedulerType`, `utils.logging.get_logger`) is what we run. The stubs
       touch no schedule arithmetic; set the commit with TRANSFORMERS_COMMIT or a `COMMIT`
       attribute in the package's `__init__.py`.
  OUT  default tests/fixtures/hf.json

Each case builds the schedule on torch.optim.SGD with two param groups of different lrs
(and `defaults["lr"]` from the SGD `lr` argument, which polynomial decay and min_lr read), then
records get_last_lr() after construction and after each of STEPS steps (ReduceLROnPlateau:
step(metric) with the recorded metrics). Options are written camelCased, as anneal takes them.
"""

import json
import math
import os
import re
import sys
import warnings

import torch

STEPS = 80
GROUP_LRS = [0.1, 0.05]


def snake(key):
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), key)


def snake_kwargs(options):
    return {snake(k): v for k, v in options.items()}


def optimizer_for(defaults_lr, group_lrs):
    params = [torch.nn.Parameter(torch.zeros(2, dtype=torch.float64)) for _ in group_lrs]
    groups = [{"params": [p], "lr": lr} for p, lr in zip(params, group_lrs)]
    return torch.optim.SGD(groups, lr=defaults_lr, momentum=0.9)


def plateau_metrics(n):
    # improves for 12 steps, then flat with small wiggles, then improves again briefly
    out = []
    for i in range(n):
        if i < 12:
            out.append(1.0 / (1 + i))
        elif i < 50:
            out.append(1.0 / 12 + 0.001 * ((i * 7) % 5))
        else:
            out.append(1.0 / (i - 30))
    return out


def run(function, build, options, defaults_lr=0.1, group_lrs=GROUP_LRS, metrics=None):
    optimizer = optimizer_for(defaults_lr, group_lrs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scheduler = build(optimizer)
        rows = [list(scheduler.get_last_lr()) if hasattr(scheduler, "get_last_lr") else
                [g["lr"] for g in optimizer.param_groups]]
        for i in range(STEPS):
            optimizer.step()
            if metrics is None:
                scheduler.step()
            else:
                scheduler.step(metrics[i])
            rows.append([g["lr"] for g in optimizer.param_groups])
    case = {
        "name": f"{function} {json.dumps(options)} defaultsLr={defaults_lr} lrs={group_lrs}",
        "function": function,
        "options": options,
        "defaultsLr": defaults_lr,
        "lrs": group_lrs,
        "lastLr": rows,
    }
    if metrics is not None:
        case["metrics"] = metrics
    return case


def main():
    src = os.path.abspath(sys.argv[1])
    out = sys.argv[2] if len(sys.argv) > 2 else "tests/fixtures/hf.json"
    sys.path.insert(0, src)
    import transformers
    from transformers import optimization as o

    commit = os.environ.get("TRANSFORMERS_COMMIT") or getattr(transformers, "COMMIT", None) \
        or getattr(transformers, "__version__", "unknown")

    cases = []

    def add(function, pyname, options_list, defaults=None):
        fn = getattr(o, pyname)
        for i, options in enumerate(options_list):
            d = (defaults or {}).get(i, 0.1)
            cases.append(run(function, lambda opt: fn(opt, **snake_kwargs(options)), options, d))

    add("getConstantSchedule", "get_constant_schedule", [{}, {}, {}, {}],
        defaults={1: 0.2, 2: 0.05, 3: 1.0})
    add("getConstantScheduleWithWarmup", "get_constant_schedule_with_warmup", [
        {"numWarmupSteps": 10}, {"numWarmupSteps": 0}, {"numWarmupSteps": 1},
        {"numWarmupSteps": 25}, {"numWarmupSteps": 7},
    ])
    add("getLinearScheduleWithWarmup", "get_linear_schedule_with_warmup", [
        {"numWarmupSteps": 10, "numTrainingSteps": 60},
        {"numWarmupSteps": 0, "numTrainingSteps": 50},
        {"numWarmupSteps": 5, "numTrainingSteps": 40},
        {"numWarmupSteps": 20, "numTrainingSteps": 20},
        {"numWarmupSteps": 3, "numTrainingSteps": 77},
    ])
    add("getCosineScheduleWithWarmup", "get_cosine_schedule_with_warmup", [
        {"numWarmupSteps": 10, "numTrainingSteps": 60},
        {"numWarmupSteps": 0, "numTrainingSteps": 60, "numCycles": 0.5},
        {"numWarmupSteps": 5, "numTrainingSteps": 50, "numCycles": 1.5},
        {"numWarmupSteps": 10, "numTrainingSteps": 40, "numCycles": 2.0},
        {"numWarmupSteps": 3, "numTrainingSteps": 70, "numCycles": 0.25},
    ])
    add("getCosineWithHardRestartsScheduleWithWarmup",
        "get_cosine_with_hard_restarts_schedule_with_warmup", [
            {"numWarmupSteps": 10, "numTrainingSteps": 60},
            {"numWarmupSteps": 0, "numTrainingSteps": 60, "numCycles": 3},
            {"numWarmupSteps": 5, "numTrainingSteps": 50, "numCycles": 2},
            {"numWarmupSteps": 8, "numTrainingSteps": 40, "numCycles": 4},
            {"numWarmupSteps": 2, "numTrainingSteps": 75, "numCycles": 5},
        ])
    add("getPolynomialDecayScheduleWithWarmup", "get_polynomial_decay_schedule_with_warmup", [
        {"numWarmupSteps": 10, "numTrainingSteps": 60},
        {"numWarmupSteps": 0, "numTrainingSteps": 50, "lrEnd": 0.01, "power": 2.0},
        {"numWarmupSteps": 5, "numTrainingSteps": 40, "lrEnd": 0.001, "power": 0.5},
        {"numWarmupSteps": 10, "numTrainingSteps": 70, "lrEnd": 0.0, "power": 3.0},
        {"numWarmupSteps": 4, "numTrainingSteps": 64, "lrEnd": 1e-4, "power": 1.7},
    ], defaults={3: 0.2, 4: 0.05})
    add("getInverseSqrtSchedule", "get_inverse_sqrt_schedule", [
        {"numWarmupSteps": 10},
        {"numWarmupSteps": 0},
        {"numWarmupSteps": 5, "timescale": 20},
        {"numWarmupSteps": 10, "timescale": 3},
        {"numWarmupSteps": 16, "timescale": 7},
    ])
    add("getCosineWithMinLrScheduleWithWarmup", "get_cosine_with_min_lr_schedule_with_warmup", [
        {"numWarmupSteps": 10, "numTrainingSteps": 60, "minLr": 0.001},
        {"numWarmupSteps": 0, "numTrainingSteps": 60, "numCycles": 1.0, "minLrRate": 0.1},
        {"numWarmupSteps": 5, "numTrainingSteps": 50, "minLrRate": 0.5},
        {"numWarmupSteps": 10, "numTrainingSteps": 40, "numCycles": 1.5, "minLr": 0.02},
        {"numWarmupSteps": 7, "numTrainingSteps": 66, "minLr": 0.003},
    ], defaults={3: 0.2, 4: 0.3})
    add("getCosineWithMinLrScheduleWithWarmupLrRate",
        "get_cosine_with_min_lr_schedule_with_warmup_lr_rate", [
            {"numWarmupSteps": 10, "numTrainingSteps": 60, "minLrRate": 0.1},
            {"numWarmupSteps": 10, "numTrainingSteps": 60, "minLrRate": 0.1, "warmupLrRate": 0.2},
            {"numWarmupSteps": 1, "numTrainingSteps": 50, "minLr": 0.001},
            {"numWarmupSteps": 0, "numTrainingSteps": 40, "numCycles": 1.0, "minLrRate": 0.05},
            {"numWarmupSteps": 6, "numTrainingSteps": 70, "minLr": 0.004, "warmupLrRate": 0.0},
        ], defaults={2: 0.2})
    wsd = []
    for w in ["linear", "cosine", "1-sqrt"]:
        for d in ["linear", "cosine", "1-sqrt"]:
            wsd.append({"numWarmupSteps": 10, "numDecaySteps": 20, "numTrainingSteps": 60,
                        "warmupType": w, "decayType": d, "minLrRatio": 0.1})
    wsd += [
        {"numWarmupSteps": 10, "numDecaySteps": 30, "numStableSteps": 15},
        {"numWarmupSteps": 0, "numDecaySteps": 25, "numStableSteps": 30, "numCycles": 1.0},
        {"numWarmupSteps": 5, "numDecaySteps": 20, "numTrainingSteps": 70,
         "numStableSteps": 10, "decayType": "1-sqrt"},
        {"numWarmupSteps": 12, "numDecaySteps": 40, "numTrainingSteps": 66,
         "warmupType": "cosine", "minLrRatio": 0.25, "numCycles": 0.75},
    ]
    add("getWsdSchedule", "get_wsd_schedule", wsd)

    plateau = plateau_metrics(STEPS)
    for options in [{}, {"factor": 0.5, "patience": 2}, {"mode": "max", "factor": 0.3},
                    {"thresholdMode": "abs", "threshold": 0.01, "cooldown": 2, "minLr": 0.001,
                     "patience": 3}]:
        cases.append(run("getReduceOnPlateauSchedule",
                         lambda opt: o.get_reduce_on_plateau_schedule(opt, **snake_kwargs(options)),
                         options, metrics=plateau))

    scheduler_cases = [
        ("linear", {"numWarmupSteps": 10, "numTrainingSteps": 60}),
        ("cosine", {"numWarmupSteps": 5, "numTrainingSteps": 60,
                    "schedulerSpecificKwargs": {"numCycles": 1.0}}),
        ("cosine_with_restarts", {"numWarmupSteps": 5, "numTrainingSteps": 60,
                                  "schedulerSpecificKwargs": {"numCycles": 3}}),
        ("polynomial", {"numWarmupSteps": 5, "numTrainingSteps": 60,
                        "schedulerSpecificKwargs": {"lrEnd": 0.001, "power": 2.0}}),
        ("constant", {"numWarmupSteps": 5, "numTrainingSteps": 60}),
        ("constant_with_warmup", {"numWarmupSteps": 5}),
        ("inverse_sqrt", {"numWarmupSteps": 8}),
        ("cosine_with_min_lr", {"numWarmupSteps": 5, "numTrainingSteps": 60,
                                "schedulerSpecificKwargs": {"minLrRate": 0.1}}),
        ("cosine_warmup_with_min_lr", {"numWarmupSteps": 5, "numTrainingSteps": 60,
                                       "schedulerSpecificKwargs": {"minLr": 0.001}}),
        ("warmup_stable_decay", {"numWarmupSteps": 5, "numTrainingSteps": 60,
                                 "schedulerSpecificKwargs": {"numDecaySteps": 20,
                                                             "decayType": "linear"}}),
    ]
    for name, options in scheduler_cases:
        kwargs = {snake(k): v for k, v in options.items() if k != "schedulerSpecificKwargs"}
        specific = snake_kwargs(options.get("schedulerSpecificKwargs", {}))
        case = run("getScheduler",
                   lambda opt: o.get_scheduler(name, opt, scheduler_specific_kwargs=specific,
                                               **kwargs), options)
        case["schedulerName"] = name
        case["name"] = f"getScheduler({name!r}) {json.dumps(options)}"
        cases.append(case)
    cases.append({**run("getScheduler", lambda opt: o.get_scheduler(
        "reduce_lr_on_plateau", opt, scheduler_specific_kwargs={"patience": 2}),
        {"schedulerSpecificKwargs": {"patience": 2}}, metrics=plateau),
        "schedulerName": "reduce_lr_on_plateau",
        "name": "getScheduler('reduce_lr_on_plateau') patience=2"})

    data = {
        "torch": torch.__version__,
        "transformers": commit,
        "source": "src/transformers/optimization.py",
        "generator": "tools/fixtures_hf.py",
        "optimizer": "torch.optim.SGD(groups, lr=defaultsLr, momentum=0.9)",
        "steps": STEPS,
        "cases": cases,
    }
    with open(out, "w") as f:
        f.write("{" + ",".join(
            f"{json.dumps(k)}:{json.dumps(v)}" for k, v in data.items() if k != "cases"))
        f.write(',"cases":[\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")
    print(f"wrote {len(cases)} cases to {out}")


if __name__ == "__main__":
    main()
