"""Writes tests/fixtures/swa.json from real torch (Debian's torch 1.13):
torch.optim.swa_utils.SWALR's lrs and AveragedModel's running averages.

Usage: /usr/bin/python3 tools/fixtures_swa.py [OUT]   (default tests/fixtures/swa.json)

SWALR: torch.optim.SGD with two param groups (lrs 0.1 and 0.05), get_last_lr() after
construction and after each of STEPS steps, several swa_lr / anneal_epochs / anneal_strategy.

AveragedModel: float64 models with given weights (Linear(3, 2) and
Sequential(Linear(3, 4), ReLU(), Linear(4, 2))); before each update the source model's
parameters are set to the snapshot written in the fixture, then update_parameters(model); the
averaged parameters are recorded after every update, in named_parameters() order.
- "swa": AveragedModel(model), torch's default equal-weight average.
- "ema": avg_fn = decay * averaged + (1 - decay) * current, the body of get_ema_avg_fn (newest
  torch, torch/optim/swa_utils.py), which torch 1.13 does not have, so it is written out here.
- "emaMulti": newest torch's get_ema_multi_avg_fn calls torch._foreach_lerp_(averaged, current,
  1 - decay), which torch 1.13 lacks (nor does its AveragedModel take multi_avg_fn), so this
  case runs the same update with torch.Tensor.lerp_ (same weight) after the first copy.
"""

import json
import math
import sys

import torch
from torch.optim.swa_utils import AveragedModel, SWALR

STEPS = 70
GROUP_LRS = [0.1, 0.05]


def swalr_case(options):
    params = [torch.nn.Parameter(torch.zeros(2, dtype=torch.float64)) for _ in GROUP_LRS]
    optimizer = torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, GROUP_LRS)],
                                lr=0.1, momentum=0.9)
    kwargs = {{"swaLr": "swa_lr", "annealEpochs": "anneal_epochs",
               "annealStrategy": "anneal_strategy"}[k]: v for k, v in options.items()}
    scheduler = SWALR(optimizer, **kwargs)
    rows = [list(scheduler.get_last_lr())]
    for _ in range(STEPS):
        optimizer.step()
        scheduler.step()
        rows.append(list(scheduler.get_last_lr()))
    return {"name": f"SWALR {json.dumps(options)} lrs={GROUP_LRS}", "options": options,
            "lrs": GROUP_LRS, "lastLr": rows}


def make_model(kind):
    torch.manual_seed(0)
    if kind == "Linear":
        return torch.nn.Linear(3, 2).double()
    return torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(),
                               torch.nn.Linear(4, 2)).double()


def snapshot(k, shape_sizes):
    # deterministic, irregular values for update k
    out = []
    j = 0
    for size in shape_sizes:
        vals = []
        for _ in range(size):
            vals.append(math.sin(1.7 * k + 0.37 * j) * (1 + 0.1 * k) + 0.01 * j)
            j += 1
        out.append(vals)
    return out


def averaged_case(kind, method, decay, updates=7):
    model = make_model(kind)
    names = [n for n, _ in model.named_parameters()]
    sizes = [p.numel() for _, p in model.named_parameters()]
    shapes = [list(p.shape) for _, p in model.named_parameters()]
    if method == "swa":
        averaged = AveragedModel(model)
    elif method == "ema":
        averaged = AveragedModel(
            model, avg_fn=lambda ema_param, current_param, num_averaged:
            decay * ema_param + (1 - decay) * current_param)
    else:
        averaged = AveragedModel(model)
    snapshots = []
    history = []
    for k in range(updates):
        values = snapshot(k, sizes)
        snapshots.append(values)
        with torch.no_grad():
            for p, v in zip(model.parameters(), values):
                p.copy_(torch.tensor(v, dtype=torch.float64).reshape(p.shape))
        if method == "emaMulti":
            with torch.no_grad():
                if int(averaged.n_averaged) == 0:
                    for pa, pm in zip(averaged.module.parameters(), model.parameters()):
                        pa.copy_(pm)
                else:
                    for pa, pm in zip(averaged.module.parameters(), model.parameters()):
                        pa.lerp_(pm, 1 - decay)
                averaged.n_averaged += 1
        else:
            averaged.update_parameters(model)
        history.append([p.detach().reshape(-1).tolist() for p in averaged.module.parameters()])
    return {"name": f"AveragedModel {kind} {method}" + (f" decay={decay}" if decay else ""),
            "model": kind, "method": method, "decay": decay, "names": names, "shapes": shapes,
            "snapshots": snapshots, "averaged": history,
            "nAveraged": int(averaged.n_averaged)}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/swa.json"
    swalr = [swalr_case(o) for o in [
        {"swaLr": 0.01, "annealEpochs": 10, "annealStrategy": "cos"},
        {"swaLr": 0.02, "annealEpochs": 5, "annealStrategy": "linear"},
        {"swaLr": [0.03, 0.004], "annealEpochs": 0, "annealStrategy": "cos"},
        {"swaLr": [0.5, 0.2], "annealEpochs": 20, "annealStrategy": "linear"},
        {"swaLr": 0.07, "annealEpochs": 1, "annealStrategy": "linear"},
        {"swaLr": 0.05},
        {"swaLr": [0.001, 0.002], "annealEpochs": 33, "annealStrategy": "cos"},
    ]]
    averaged = [averaged_case(kind, method, decay)
                for kind in ["Linear", "Sequential"]
                for method, decay in [("swa", None), ("ema", 0.9), ("ema", 0.999),
                                      ("emaMulti", 0.9), ("emaMulti", 0.3)]]
    data = {"torch": torch.__version__, "generator": "tools/fixtures_swa.py",
            "optimizer": "torch.optim.SGD(groups, lr=0.1, momentum=0.9)", "steps": STEPS,
            "swalr": swalr, "averagedModel": averaged}
    with open(out, "w") as f:
        f.write("{" + ",".join(f"{json.dumps(k)}:{json.dumps(v)}" for k, v in data.items()
                               if k not in ("swalr", "averagedModel")))
        f.write(',"swalr":[\n' + ",\n".join(json.dumps(c, separators=(",", ":")) for c in swalr))
        f.write('],\n"averagedModel":[\n' +
                ",\n".join(json.dumps(c, separators=(",", ":")) for c in averaged))
        f.write("\n]}\n")
    print(f"wrote {len(swalr)} SWALR and {len(averaged)} AveragedModel cases to {out}")


if __name__ == "__main__":
    main()
