"""Writes tests/fixtures/schedules.json from real PyTorch, for the pure schedules of lib/schedules/.

"seed" holds the seed post's own numpy comparison of its three decays (lr0 = 1e-3, k = 0.5, step
decay every 10 of 100 iterations), computed with the post's numpy expressions.

Run: /usr/bin/python3 tools/fixtures_schedules.py

Every case drives one PyTorch scheduler over a single param group (SGD with momentum 0.9) in the
modern order (optimizer.step(); scheduler.step()) and records get_last_lr()[0] right after
construction (step 0) and after every step, next to the name and options of the pure schedule
(camelCase, as the TypeScript functions take them) that should give the same values. Where the
class has a closed form (_get_closed_form_lr) it is recorded too, as "closedForm".

The Hugging Face schedules (transformers is not installed here) run through torch's LambdaLR with
the lr_lambda functions of transformers/optimization.py copied below as they are written there.
Hugging Face's cosine keeps following the cosine (rising again) past num_training_steps, where
optax and warmupCosineDecaySchedule hold the end value, so that case stops at num_training_steps.
"""

import json
import math
import os

import numpy as np
import torch
from torch.optim import SGD
from torch.optim.lr_scheduler import (
    CosineAnnealingLR,
    CosineAnnealingWarmRestarts,
    ExponentialLR,
    LambdaLR,
    LinearLR,
    MultiStepLR,
    OneCycleLR,
    PolynomialLR,
    StepLR,
)

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "schedules.json")


# --- Hugging Face transformers, src/transformers/optimization.py (lr_lambda functions) ---


def hf_cosine_with_warmup(current_step, *, num_warmup_steps, num_training_steps, num_cycles=0.5):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
    return max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress)))


def hf_inverse_sqrt(current_step, *, num_warmup_steps, timescale):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    shift = timescale - num_warmup_steps
    decay = 1.0 / math.sqrt((current_step + shift) / timescale)
    return decay


def hf_wsd(current_step, *, num_warmup_steps, num_stable_steps, num_decay_steps, warmup_type,
           decay_type, min_lr_ratio, num_cycles=0.5):
    if current_step < num_warmup_steps:
        progress = float(current_step) / float(max(1, num_warmup_steps))
        if warmup_type == "linear":
            factor = progress
        elif warmup_type == "cosine":
            factor = 0.5 * (1.0 - math.cos(math.pi * progress))
        elif warmup_type == "1-sqrt":
            factor = 1.0 - math.sqrt(1.0 - progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)
    if current_step < num_warmup_steps + num_stable_steps:
        return 1.0
    if current_step < num_warmup_steps + num_stable_steps + num_decay_steps:
        progress = float(current_step - num_warmup_steps - num_stable_steps) / float(max(1, num_decay_steps))
        if decay_type == "linear":
            factor = 1.0 - progress
        elif decay_type == "cosine":
            factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
        elif decay_type == "1-sqrt":
            factor = 1.0 - math.sqrt(progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)
    return min_lr_ratio


# --- cases ---


def run(lr, make, steps):
    optimizer = SGD([torch.zeros(1, requires_grad=True)], lr=lr, momentum=0.9)
    scheduler = make(optimizer)
    lrs = [scheduler.get_last_lr()[0]]
    closed = []
    has_closed = hasattr(scheduler, "_get_closed_form_lr")
    if has_closed:
        closed.append(scheduler._get_closed_form_lr()[0])
    for _ in range(steps):
        optimizer.step()
        scheduler.step()
        lrs.append(scheduler.get_last_lr()[0])
        if has_closed:
            closed.append(scheduler._get_closed_form_lr()[0])
    return lrs, (closed if has_closed else None)


def case(name, torch_call, lr, make, steps, schedule, options):
    lrs, closed = run(lr, make, steps)
    out = {"name": name, "torch": torch_call, "lr": lr, "schedule": schedule, "options": options,
           "values": lrs}
    if closed is not None:
        out["closedForm"] = closed
    return out


def seed_comparison():
    """The seed post's numpy comparison of its three decays, computed as the post computes it."""
    lr = 1e-3
    k = 0.5
    a = np.repeat(np.arange(10), 10)
    x = np.arange(0, 100)
    y1 = lr * np.power(k, a)
    y2 = lr * np.exp(x * k * -1)
    y3 = lr / (1 + k * x)
    return {"lr0": lr, "k": k, "period": 10, "stepDecay": y1.tolist(),
            "exponentialDecay": y2.tolist(), "inverseTimeDecay": y3.tolist()}


def main():
    cases = []
    # The seed's comparison: lr0 = 1e-3, decay factor 0.5, step decay every 10 of 100 iterations.
    cases.append(case("seed step decay", "StepLR(step_size=10, gamma=0.5)", 1e-3,
                      lambda o: StepLR(o, step_size=10, gamma=0.5), 99,
                      "stepDecay", {"lr0": 1e-3, "beta": 0.5, "period": 10}))
    gamma = math.exp(-0.5)
    cases.append(case("seed exponential decay as ExponentialLR", "ExponentialLR(gamma=exp(-0.5))",
                      1e-3, lambda o: ExponentialLR(o, gamma=gamma), 99,
                      "exponentialDecay", {"lr0": 1e-3, "decayRate": gamma}))
    cases.append(case("seed exponential decay, k form", "ExponentialLR(gamma=exp(-0.5))",
                      1e-3, lambda o: ExponentialLR(o, gamma=gamma), 99,
                      "exponentialDecay", {"lr0": 1e-3, "k": 0.5}))
    cases.append(case("MultiStepLR of the seed's listing", "MultiStepLR(milestones=[3, 5, 10], gamma=0.5)",
                      0.1, lambda o: MultiStepLR(o, milestones=[3, 5, 10], gamma=0.5), 19,
                      "piecewiseConstantSchedule",
                      {"initValue": 0.1, "boundariesAndScales": {"3": 0.5, "5": 0.5, "10": 0.5}}))
    for power in (1.0, 2.0, 0.5):
        cases.append(case(f"polynomial power {power}", f"PolynomialLR(total_iters=40, power={power})",
                          0.1, lambda o, p=power: PolynomialLR(o, total_iters=40, power=p), 50,
                          "polynomialSchedule",
                          {"initValue": 0.1, "endValue": 0.0, "power": power, "transitionSteps": 40}))
    cases.append(case("linear warmup", "LinearLR(start_factor=0.1, end_factor=1.0, total_iters=10)",
                      0.1, lambda o: LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=10), 20,
                      "linearSchedule",
                      {"initValue": 0.1 * 0.1, "endValue": 0.1, "transitionSteps": 10}))
    cases.append(case("linear decay", "LinearLR(start_factor=1.0, end_factor=0.25, total_iters=16)",
                      0.2, lambda o: LinearLR(o, start_factor=1.0, end_factor=0.25, total_iters=16), 24,
                      "linearSchedule",
                      {"initValue": 0.2, "endValue": 0.2 * 0.25, "transitionSteps": 16}))
    for eta_min in (0.0, 1e-3):
        cases.append(case(f"cosine eta_min {eta_min}", f"CosineAnnealingLR(T_max=50, eta_min={eta_min})",
                          0.1, lambda o, e=eta_min: CosineAnnealingLR(o, T_max=50, eta_min=e), 50,
                          "cosineDecaySchedule",
                          {"initValue": 0.1, "decaySteps": 50, "alpha": eta_min / 0.1}))
    for t0, t_mult, eta_min in ((5, 2, 1e-3), (7, 1, 0.0), (3, 3, 0.01)):
        cases.append(case(f"warm restarts T_0={t0} T_mult={t_mult}",
                          f"CosineAnnealingWarmRestarts(T_0={t0}, T_mult={t_mult}, eta_min={eta_min})",
                          0.1, lambda o, a=t0, b=t_mult, c=eta_min: CosineAnnealingWarmRestarts(o, T_0=a, T_mult=b, eta_min=c),
                          80, "sgdrSchedule",
                          {"peakValue": 0.1, "cycleSteps": t0, "cycleMult": t_mult, "endValue": eta_min}))
    for strategy in ("cos", "linear"):
        for three in (False, True):
            for total, pct, div, final in ((100, 0.3, 25.0, 1e4), (37, 0.25, 10.0, 100.0)):
                cases.append(case(
                    f"one-cycle {strategy} three_phase={three} total={total}",
                    f"OneCycleLR(max_lr=0.1, total_steps={total}, pct_start={pct}, anneal_strategy='{strategy}', "
                    f"div_factor={div}, final_div_factor={final}, three_phase={three})",
                    0.1,
                    lambda o, s=strategy, t=three, n=total, p=pct, d=div, f=final: OneCycleLR(
                        o, max_lr=0.1, total_steps=n, pct_start=p, anneal_strategy=s, div_factor=d,
                        final_div_factor=f, three_phase=t),
                    total - 1, "oneCycleSchedule",
                    {"peakValue": 0.1, "totalSteps": total, "pctStart": pct, "annealStrategy": strategy,
                     "divFactor": div, "finalDivFactor": final, "threePhase": three}))
    cases.append(case("Hugging Face cosine with warmup",
                      "LambdaLR(hf_cosine_with_warmup, num_warmup_steps=10, num_training_steps=60)",
                      0.1, lambda o: LambdaLR(o, lambda t: hf_cosine_with_warmup(t, num_warmup_steps=10, num_training_steps=60)),
                      60, "warmupCosineDecaySchedule",
                      {"initValue": 0.0, "peakValue": 0.1, "warmupSteps": 10, "decaySteps": 60}))
    for warmup, timescale in ((10, 10), (0, 10000), (8, 50)):
        cases.append(case(f"Hugging Face inverse sqrt warmup={warmup} timescale={timescale}",
                          f"LambdaLR(hf_inverse_sqrt, num_warmup_steps={warmup}, timescale={timescale})",
                          0.1, lambda o, w=warmup, s=timescale: LambdaLR(o, lambda t: hf_inverse_sqrt(t, num_warmup_steps=w, timescale=s)),
                          60, "inverseSqrtSchedule",
                          {"peakValue": 0.1, "warmupSteps": warmup, "timescale": timescale}))
    for warmup_type in ("linear", "cosine", "1-sqrt"):
        for decay_type in ("linear", "cosine", "1-sqrt"):
            cases.append(case(
                f"Hugging Face WSD {warmup_type}/{decay_type}",
                f"LambdaLR(hf_wsd, num_warmup_steps=10, num_stable_steps=20, num_decay_steps=15, "
                f"warmup_type='{warmup_type}', decay_type='{decay_type}', min_lr_ratio=0)",
                0.1,
                lambda o, a=warmup_type, b=decay_type: LambdaLR(o, lambda t: hf_wsd(
                    t, num_warmup_steps=10, num_stable_steps=20, num_decay_steps=15, warmup_type=a,
                    decay_type=b, min_lr_ratio=0.0)),
                55, "warmupStableDecaySchedule",
                {"peakValue": 0.1, "warmupSteps": 10, "stableSteps": 20, "decaySteps": 15,
                 "warmupType": warmup_type, "decayType": decay_type}))
    data = {"torch": torch.__version__, "numpy": np.__version__,
            "generator": "tools/fixtures_schedules.py", "seed": seed_comparison(), "cases": cases}
    with open(OUT, "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
