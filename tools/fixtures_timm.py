"""Writes tests/fixtures/timm.json from timm's own scheduler code, run under real PyTorch.

Run: /usr/bin/python3 tools/fixtures_timm.py <timm-source> [--commit SHA] [--out PATH]

<timm-source> is a checkout of https://github.com/huggingface/pytorch-image-models (the folder
that holds timm/scheduler/). The script copies timm/scheduler/*.py into a temporary directory
with an empty timm/__init__.py (so importing it pulls in nothing but torch), imports timm's
schedulers from there, and records:

- "cases": each of timm's six schedulers, several configurations, two param groups (one with an
  lr_scale in some cases), driven by a list of calls ("step", epoch, metric) and
  ("stepUpdate", num_updates, metric); "lrs" holds every group's lr right after construction and
  after each call (so len(lrs) == len(calls) + 1).
- "noise": timm's Scheduler._calculate_noise(t) for many t, normal and uniform, several
  noise_pct and seeds (the torch.Generator stream: torch.randn / torch.rand seeded noise_seed + t).
- "factory": timm's create_scheduler(args, optimizer, updates_per_epoch) on argparse-like
  configs, with the num_epochs it returns and the lrs of timm's train loop (step_update after
  every update, step(epoch + 1) after every epoch).

Options are written in the TypeScript library's camelCase next to timm's snake_case.

With --random N [--seed S] it writes N random scheduler configurations and N // 2 random
factory configs instead (the same format; a configuration on which timm raises is recorded with
"error" and no lrs), for a cross-check on cases that are not in the repository:

  /usr/bin/python3 tools/fixtures_timm.py <timm-source> --random 600 --seed 2 --out /tmp/t.json
  TIMM_FIXTURE=/tmp/t.json deno test -A tests/timm/fixture_test.ts
"""

import argparse
import importlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import types
from pathlib import Path

import torch

CAMEL = {}


def camel(key):
    parts = key.split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def load_timm(source):
    """Imports timm.scheduler from a temporary copy holding only timm/scheduler/."""
    tmp = Path(tempfile.mkdtemp(prefix="timm_sched_"))
    (tmp / "timm").mkdir()
    (tmp / "timm" / "__init__.py").write_text("")
    shutil.copytree(Path(source) / "timm" / "scheduler", tmp / "timm" / "scheduler")
    sys.path.insert(0, str(tmp))
    return importlib.import_module("timm.scheduler"), tmp


def make_optimizer(lrs, lr_scales):
    params = [torch.nn.Parameter(torch.zeros(2)) for _ in lrs]
    groups = []
    for p, lr, scale in zip(params, lrs, lr_scales):
        g = {"params": [p], "lr": lr}
        if scale is not None:
            g["lr_scale"] = scale
        groups.append(g)
    return torch.optim.SGD(groups, lr=lrs[0], momentum=0.9)


def epoch_calls(first, last, metrics=None):
    return [["step", e, None if metrics is None else metrics[i]]
            for i, e in enumerate(range(first, last + 1))]


def update_calls(epochs, updates_per_epoch):
    """timm's train loop: step_update after each update, step(epoch + 1) after each epoch."""
    calls = []
    n = 0
    for epoch in range(epochs):
        for _ in range(updates_per_epoch):
            n += 1
            calls.append(["stepUpdate", n, None])
        calls.append(["step", epoch + 1, None])
    return calls


def metric_sequence(kind, n):
    """Deterministic metric curves: an accuracy that climbs and stalls, a loss that falls and stalls."""
    out = []
    for i in range(n):
        if kind == "acc":
            out.append(round(min(0.9, 0.3 + 0.05 * i) + (0.001 if i % 7 == 0 else 0.0), 6))
        else:
            out.append(round(max(0.2, 2.0 - 0.1 * i) + (0.0005 * (i % 3)), 6))
    return out


LRS = [0.1, 0.03]

CASES = [
    # CosineLRScheduler
    ("CosineLRScheduler", "plain", dict(t_initial=60), epoch_calls(0, 65), [None, None]),
    ("CosineLRScheduler", "warmup-cycles-decay", dict(
        t_initial=20, lr_min=1e-5, warmup_t=5, warmup_lr_init=1e-4, cycle_limit=3,
        cycle_decay=0.5), epoch_calls(0, 70), [None, None]),
    ("CosineLRScheduler", "cycle-mul-prefix-k-decay", dict(
        t_initial=10, cycle_mul=2.0, cycle_limit=3, cycle_decay=0.7, warmup_t=3,
        warmup_lr_init=1e-3, warmup_prefix=True, k_decay=1.5), epoch_calls(0, 75), [None, None]),
    ("CosineLRScheduler", "updates", dict(
        t_initial=300, warmup_t=20, warmup_lr_init=1e-5, lr_min=1e-6, t_in_epochs=False),
        update_calls(4, 80), [None, None]),
    ("CosineLRScheduler", "cycle-mul-1.5-noise-lr-scale", dict(
        t_initial=8, cycle_mul=1.5, cycle_limit=4, noise_range_t=20, noise_pct=0.3,
        noise_seed=7), epoch_calls(0, 64), [None, 0.5]),
    ("CosineLRScheduler", "noise-range-k-decay", dict(
        t_initial=60, k_decay=0.5, noise_range_t=[10, 50], noise_pct=0.2),
        epoch_calls(0, 62), [None, None]),
    # TanhLRScheduler
    ("TanhLRScheduler", "plain", dict(t_initial=60), epoch_calls(0, 65), [None, None]),
    ("TanhLRScheduler", "warmup-no-prefix-cycles", dict(
        t_initial=20, lb=-6.0, ub=4.0, lr_min=1e-5, warmup_t=6, warmup_lr_init=1e-4,
        cycle_limit=3, cycle_decay=0.5), epoch_calls(0, 70), [None, None]),
    ("TanhLRScheduler", "cycle-mul-prefix", dict(
        t_initial=10, cycle_mul=2.0, cycle_limit=3, warmup_t=4, warmup_lr_init=1e-3,
        warmup_prefix=True), epoch_calls(0, 75), [None, 2.0]),
    ("TanhLRScheduler", "updates", dict(
        t_initial=250, warmup_t=15, lr_min=1e-6, t_in_epochs=False), update_calls(4, 70),
        [None, None]),
    ("TanhLRScheduler", "noise", dict(
        t_initial=60, noise_range_t=[5, 55], noise_pct=0.5, noise_seed=123),
        epoch_calls(0, 62), [None, None]),
    # StepLRScheduler
    ("StepLRScheduler", "plain", dict(decay_t=10, decay_rate=0.5), epoch_calls(0, 65),
     [None, None]),
    ("StepLRScheduler", "warmup-prefix", dict(
        decay_t=15, decay_rate=0.3, warmup_t=5, warmup_lr_init=1e-4), epoch_calls(0, 70),
     [None, None]),
    ("StepLRScheduler", "warmup-no-prefix-float-decay-t", dict(
        decay_t=2.5, decay_rate=0.9, warmup_t=3, warmup_lr_init=1e-3, warmup_prefix=False),
     epoch_calls(0, 64), [None, 0.25]),
    ("StepLRScheduler", "updates", dict(
        decay_t=100, decay_rate=0.7, warmup_t=10, t_in_epochs=False), update_calls(4, 75),
     [None, None]),
    ("StepLRScheduler", "noise", dict(
        decay_t=20, decay_rate=0.5, noise_range_t=10, noise_pct=0.1, noise_seed=0),
     epoch_calls(0, 62), [None, None]),
    # MultiStepLRScheduler
    ("MultiStepLRScheduler", "plain", dict(decay_t=[10, 25, 40], decay_rate=0.5),
     epoch_calls(0, 65), [None, None]),
    ("MultiStepLRScheduler", "warmup-prefix", dict(
        decay_t=[20, 30, 30, 50], decay_rate=0.3, warmup_t=5, warmup_lr_init=1e-4),
     epoch_calls(0, 70), [None, None]),
    ("MultiStepLRScheduler", "warmup-no-prefix", dict(
        decay_t=[8, 16, 32], decay_rate=0.8, warmup_t=4, warmup_prefix=False),
     epoch_calls(0, 64), [None, 3.0]),
    ("MultiStepLRScheduler", "updates", dict(
        decay_t=[60, 150, 220], decay_rate=0.1, warmup_t=12, warmup_lr_init=1e-5,
        t_in_epochs=False), update_calls(4, 70), [None, None]),
    ("MultiStepLRScheduler", "noise", dict(
        decay_t=[15, 45], decay_rate=0.2, noise_range_t=[0, 40], noise_pct=0.6, noise_seed=99),
     epoch_calls(0, 62), [None, None]),
    # PolyLRScheduler
    ("PolyLRScheduler", "plain", dict(t_initial=60), epoch_calls(0, 65), [None, None]),
    ("PolyLRScheduler", "power2-warmup-cycles", dict(
        t_initial=20, power=2.0, lr_min=1e-5, warmup_t=5, warmup_lr_init=1e-4, cycle_limit=3,
        cycle_decay=0.5), epoch_calls(0, 70), [None, None]),
    ("PolyLRScheduler", "cycle-mul-prefix-k-decay", dict(
        t_initial=10, power=1.0, cycle_mul=2.0, cycle_limit=3, warmup_t=3, warmup_lr_init=1e-3,
        warmup_prefix=True, k_decay=2.0), epoch_calls(0, 75), [None, 0.1]),
    ("PolyLRScheduler", "updates", dict(
        t_initial=280, power=0.9, warmup_t=20, lr_min=1e-6, t_in_epochs=False),
     update_calls(4, 70), [None, None]),
    ("PolyLRScheduler", "noise", dict(
        t_initial=60, noise_range_t=30, noise_pct=0.4, noise_seed=5), epoch_calls(0, 62),
     [None, None]),
    # PlateauLRScheduler (timm's train loop steps it with epoch + 1 and the eval metric)
    ("PlateauLRScheduler", "max-accuracy", dict(decay_rate=0.5, patience_t=3),
     epoch_calls(1, 64, metric_sequence("acc", 64)), [None, None]),
    ("PlateauLRScheduler", "min-loss-warmup-cooldown", dict(
        decay_rate=0.3, patience_t=2, cooldown_t=3, warmup_t=5, warmup_lr_init=1e-4,
        lr_min=1e-4, mode="min", threshold=1e-3), epoch_calls(1, 66, metric_sequence("loss", 66)),
     [None, 0.5]),
    ("PlateauLRScheduler", "from-epoch-0", dict(decay_rate=0.1, patience_t=5, mode="min"),
     epoch_calls(0, 62, metric_sequence("loss", 63)), [None, None]),
    ("PlateauLRScheduler", "normal-noise", dict(
        decay_rate=0.5, patience_t=2, mode="min", warmup_t=3, noise_range_t=[5, 50],
        noise_pct=0.4, noise_seed=11), epoch_calls(1, 64, metric_sequence("loss", 64)),
     [None, None]),
    ("PlateauLRScheduler", "uniform-noise-missing-metrics", dict(
        decay_rate=0.5, patience_t=1, noise_range_t=10, noise_type="uniform", noise_pct=0.25),
     [[c[0], c[1], None if c[1] % 5 == 0 else c[2]]
      for c in epoch_calls(1, 64, metric_sequence("acc", 64))], [None, None]),
]


def run_case(timm, cls, name, kwargs, calls, scales):
    optimizer = make_optimizer(LRS, scales)
    scheduler = getattr(timm, cls)(optimizer, **kwargs)
    lrs = [[g["lr"] for g in optimizer.param_groups]]
    for kind, t, metric in calls:
        if kind == "step":
            scheduler.step(t, metric)
        else:
            scheduler.step_update(t, metric)
        lrs.append([g["lr"] for g in optimizer.param_groups])
    return {
        "scheduler": cls,
        "name": f"{cls} {name}",
        "timmKwargs": kwargs,
        "options": {camel(k): v for k, v in kwargs.items()},
        "lrs0": LRS,
        "lrScales": scales,
        "calls": calls,
        "lrs": lrs,
    }


def noise_rows(timm):
    rows = []
    optimizer = make_optimizer([0.1], [None])
    for noise_type in ["normal", "uniform"]:
        for pct, seed in [(0.67, 42), (0.3, 0), (1.5, 12345), (0.05, 7)]:
            s = timm.PlateauLRScheduler(optimizer, noise_range_t=0, noise_type=noise_type,
                                        noise_pct=pct, noise_seed=seed)
            ts = list(range(0, 150)) + [1000, 65535, 2**31 - 1 - seed, 2**32 + 5]
            rows.append({"noiseType": noise_type, "noisePct": pct, "noiseSeed": seed, "t": ts,
                         "noise": [s._calculate_noise(t) for t in ts]})
    return rows


FACTORY = [
    (dict(sched="cosine", epochs=60, warmup_epochs=5, warmup_lr=1e-5, min_lr=1e-6), 0),
    (dict(sched="cosine", epochs=20, warmup_epochs=2, lr_cycle_mul=2.0, lr_cycle_limit=3,
          lr_cycle_decay=0.5, cooldown_epochs=3, warmup_prefix=True, lr_k_decay=1.2), 0),
    (dict(sched="cosine", epochs=12, warmup_epochs=1, sched_on_updates=True, lr_noise=[0.4, 0.8],
          seed=3), 6),
    (dict(sched="tanh", epochs=60, warmup_epochs=3, lr_cycle_limit=1), 0),
    (dict(sched="step", epochs=60, decay_epochs=12, decay_rate=0.5, warmup_epochs=3,
          warmup_prefix=True), 0),
    (dict(sched="multistep", epochs=60, decay_milestones=[20, 40, 50], decay_rate=0.3,
          warmup_epochs=0, lr_noise=0.5), 0),
    (dict(sched="plateau", epochs=60, patience_epochs=2, decay_rate=0.5, warmup_epochs=2,
          eval_metric="loss"), 0),
    (dict(sched="poly", epochs=30, decay_rate=2.0, warmup_epochs=2, sched_on_updates=True,
          min_lr=1e-5), 4),
]


def factory_case(timm, cfg, updates_per_epoch):
    args = types.SimpleNamespace(**cfg)
    optimizer = make_optimizer(LRS, [None, None])
    scheduler, num_epochs = timm.create_scheduler(args, optimizer, updates_per_epoch)
    metrics = metric_sequence("loss" if "loss" in cfg.get("eval_metric", "top1") else "acc",
                              num_epochs)
    calls = []
    n = 0
    for epoch in range(num_epochs):
        for _ in range(updates_per_epoch):
            n += 1
            calls.append(["stepUpdate", n, None])
        calls.append(["step", epoch + 1, metrics[epoch]])
    lrs = [[g["lr"] for g in optimizer.param_groups]]
    for kind, t, metric in calls:
        if kind == "step":
            scheduler.step(t, metric)
        else:
            scheduler.step_update(t, metric)
        lrs.append([g["lr"] for g in optimizer.param_groups])
    return {
        "timmConfig": cfg,
        "config": {camel(k): v for k, v in cfg.items()},
        "updatesPerEpoch": updates_per_epoch,
        "scheduler": type(scheduler).__name__,
        "numEpochs": num_epochs,
        "lrs0": LRS,
        "calls": calls,
        "lrs": lrs,
    }


def random_cases(timm, rng, n):
    """n random configurations of the six classes, on epochs or on updates, with noise."""
    cycle_classes = ["CosineLRScheduler", "TanhLRScheduler", "PolyLRScheduler"]
    classes = cycle_classes + ["StepLRScheduler", "MultiStepLRScheduler", "PlateauLRScheduler"]
    cases = []
    for i in range(n):
        cls = rng.choice(classes)
        kw = {}
        if cls in cycle_classes:
            kw["t_initial"] = rng.choice([5, 7, 10, 13, 30, 12.5])
            for key, choices in [("lr_min", [0.0, 1e-6, 1e-3]),
                                 ("cycle_mul", [1.0, 1.5, 2.0, 3.0, 1.1, 0.5, 0.9]),
                                 ("cycle_decay", [1.0, 0.5, 0.9, 0.1]),
                                 ("cycle_limit", [1, 2, 3, 5, 10])]:
                if rng.random() < 0.5:
                    kw[key] = rng.choice(choices)
            if cls != "TanhLRScheduler" and rng.random() < 0.4:
                kw["k_decay"] = rng.choice([0.5, 1.5, 2.0, 3.0])
            if cls == "PolyLRScheduler" and rng.random() < 0.6:
                kw["power"] = rng.choice([1.0, 2.0, 0.9, 3.0])
            if cls == "TanhLRScheduler" and rng.random() < 0.5:
                kw["lb"] = rng.choice([-7.0, -3.0, -1.0])
                kw["ub"] = rng.choice([3.0, 1.0, 5.0])
        elif cls == "StepLRScheduler":
            kw["decay_t"] = rng.choice([1, 3, 7, 10, 2.5, 0.7])
            kw["decay_rate"] = rng.choice([0.5, 0.1, 0.97, 1.0])
        elif cls == "MultiStepLRScheduler":
            kw["decay_t"] = sorted(rng.sample(range(1, 70), rng.randint(1, 5)))
            kw["decay_rate"] = rng.choice([0.5, 0.1, 0.3])
        else:
            kw.update(decay_rate=rng.choice([0.1, 0.5, 0.9]), patience_t=rng.randint(0, 5),
                      cooldown_t=rng.randint(0, 3), mode=rng.choice(["min", "max"]),
                      threshold=rng.choice([1e-4, 1e-2, 0.0]), lr_min=rng.choice([0.0, 1e-3]))
            if rng.random() < 0.5:
                kw["noise_type"] = rng.choice(["normal", "uniform"])
        if rng.random() < 0.6:
            kw["warmup_t"] = rng.choice([1, 2, 3, 5, 8] + ([] if cls == "PlateauLRScheduler" else [2.5]))
            kw["warmup_lr_init"] = rng.choice([0.0, 1e-5, 1e-3, 0.05])
            if cls != "PlateauLRScheduler" and rng.random() < 0.5:
                kw["warmup_prefix"] = rng.random() < 0.5
        if rng.random() < 0.3:
            kw["noise_range_t"] = rng.choice([rng.randint(0, 30),
                                              [rng.randint(0, 20), rng.randint(20, 80)]])
            kw["noise_pct"] = rng.choice([0.05, 0.3, 0.67, 1.2])
            kw["noise_seed"] = rng.randint(0, 10**6)
        if cls != "PlateauLRScheduler" and rng.random() < 0.3:
            kw["t_in_epochs"] = False
            calls = update_calls(3, rng.randint(20, 40))
        else:
            first = rng.choice([0, 1])
            calls = [["step", e, round(rng.random(), 4) if rng.random() < 0.9 else None]
                     for e in range(first, first + 70)]
        scales = [None, rng.choice([None, 0.5, 2.0])]
        try:
            cases.append(run_case(timm, cls, f"random {i}", kw, calls, scales))
        except Exception as e:  # timm raised: the TypeScript side must throw too
            cases.append({"scheduler": cls, "name": f"{cls} random {i}", "timmKwargs": kw,
                          "options": {camel(k): v for k, v in kw.items()}, "lrs0": LRS,
                          "lrScales": scales, "calls": calls, "error": repr(e)})
    return cases


def random_factory(timm, rng, n):
    """n random training configs for create_scheduler."""
    out = []
    for _ in range(n):
        cfg = {"sched": rng.choice(["cosine", "tanh", "step", "multistep", "plateau", "poly"])}
        for key, choices in [("epochs", [10, 20, 33]), ("decay_epochs", [3, 7]),
                             ("decay_milestones", [[5, 10], [2, 8, 15]]),
                             ("warmup_epochs", [0, 1, 3]), ("cooldown_epochs", [0, 2]),
                             ("patience_epochs", [1, 3]), ("decay_rate", [0.1, 0.5, 2.0]),
                             ("min_lr", [0.0, 1e-5]), ("warmup_lr", [1e-5, 1e-3]),
                             ("warmup_prefix", [True, False]),
                             ("lr_noise", [None, 0.5, [0.2, 0.7], [0.3]]),
                             ("lr_noise_pct", [0.1, 0.67]), ("seed", [0, 42, 7]),
                             ("lr_cycle_mul", [1.0, 2.0, 1.5]), ("lr_cycle_decay", [0.5, 0.1]),
                             ("lr_cycle_limit", [1, 2, 3]), ("lr_k_decay", [1.0, 2.0]),
                             ("eval_metric", ["top1", "loss"]),
                             ("sched_on_updates", [False, True])]:
            if rng.random() < 0.5:
                cfg[key] = rng.choice(choices)
        if cfg["sched"] == "plateau":
            cfg["sched_on_updates"] = False
        updates_per_epoch = rng.choice([3, 5]) if cfg.get("sched_on_updates") else 0
        try:
            out.append(factory_case(timm, cfg, updates_per_epoch))
        except Exception as e:  # timm raised: the TypeScript side must throw too
            out.append({"timmConfig": cfg, "config": {camel(k): v for k, v in cfg.items()},
                        "updatesPerEpoch": updates_per_epoch, "error": repr(e)})
    return out


def dump(data):
    """Compact JSON with one case (or noise row, or factory config) per line."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            rows = ",\n".join(json.dumps(row, separators=(",", ":")) for row in value)
            parts.append(f"{json.dumps(key)}:[\n{rows}\n]")
        else:
            parts.append(f"{json.dumps(key)}:{json.dumps(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def git_commit(source):
    try:
        out = subprocess.run(["git", "-C", str(source), "rev-parse", "HEAD"],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="a pytorch-image-models checkout (holds timm/scheduler/)")
    parser.add_argument("--commit", help="the checkout's commit, when it is not a git work tree")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent /
                                             "tests" / "fixtures" / "timm.json"))
    parser.add_argument("--random", type=int, default=0,
                        help="write this many random configurations instead (not for the repo)")
    parser.add_argument("--seed", type=int, default=0, help="seed of --random")
    a = parser.parse_args()
    timm, tmp = load_timm(a.source)
    try:
        commit = a.commit or git_commit(a.source)
        data = {
            "generator": "tools/fixtures_timm.py",
            "timmRepository": "https://github.com/huggingface/pytorch-image-models",
            "timmCommit": commit,
            "torch": torch.__version__,
            "python": sys.version.split()[0],
            "cases": [run_case(timm, *c) for c in CASES],
            "noise": noise_rows(timm),
            "factory": [factory_case(timm, cfg, upe) for cfg, upe in FACTORY],
        } if not a.random else {
            "generator": f"tools/fixtures_timm.py --random {a.random} --seed {a.seed}",
            "timmCommit": commit,
            "torch": torch.__version__,
            "cases": random_cases(timm, random.Random(a.seed), a.random),
            "noise": [],
            "factory": random_factory(timm, random.Random(a.seed + 1), a.random // 2),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    Path(a.out).write_text(dump(data))
    print(f"wrote {a.out}: {len(data['cases'])} cases, {len(data['noise'])} noise rows, "
          f"{len(data['factory'])} factory configs (timm {commit}, torch {torch.__version__})")


if __name__ == "__main__":
    main()
