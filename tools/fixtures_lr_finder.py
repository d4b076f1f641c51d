"""Writes tests/fixtures/lr_finder.json: the LR finder's suggestions as fastai and Lightning compute them.

Run: /usr/bin/python3 tools/fixtures_lr_finder.py FASTAI_SCHEDULE_PY LIGHTNING_SRC

FASTAI_SCHEDULE_PY is fastai's fastai/callback/schedule.py (github.com/fastai/fastai; the whole
file or an excerpt holding its suggestion functions). LIGHTNING_SRC is a checkout of
github.com/Lightning-AI/pytorch-lightning (a work tree or a bare git dir, read at HEAD) or its
src/lightning/pytorch/tuner/lr_finder.py.

Neither library is installed here. The script copies, unchanged, fastai's four suggestion
functions (`valley`, `slide`, `minimum`, `steep`) and Lightning's `_LRFinder.suggestion` method
out of those sources into a temporary directory (with fastai's `to_np` and numpy/torch as their
only dependencies), imports them, and runs them under this torch on loss curves shaped like range
tests (drawn here from a seeded numpy generator: the smoothed loss falls, bottoms out, then
explodes; some end in NaN or inf, some are noisy, flat or monotone).

Before calling fastai's functions the curve is cut as fastai's `Learner.lr_find` cuts it
(`[num_it//10:-5]`, then up to the first NaN); Lightning's method gets the whole curve with its
`skip_begin`/`skip_end`. The curves are float64 tensors (`torch.set_default_dtype(float64)` for
Lightning's `torch.tensor(list)`), since anneal computes in float64; the libraries' own runs hold
float32 tensors, and the same suggestions in float32 are recorded too, as "float32".
"""

import ast
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "lr_finder.json")
LIGHTNING_PATH = "src/lightning/pytorch/tuner/lr_finder.py"


def read(path_or_repo, inner):
    if os.path.isfile(path_or_repo):
        return open(path_or_repo).read(), None
    if os.path.exists(os.path.join(path_or_repo, inner)):
        root = path_or_repo
        commit = subprocess.check_output(["git", "-C", root, "rev-parse", "HEAD"], text=True).strip()
        return open(os.path.join(root, inner)).read(), commit
    text = subprocess.check_output(["git", "--git-dir", path_or_repo, "show", "HEAD:" + inner], text=True)
    commit = subprocess.check_output(["git", "--git-dir", path_or_repo, "rev-parse", "HEAD"], text=True).strip()
    return text, commit


def segment(text, tree_nodes, name):
    for node in tree_nodes:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_source_segment(text, node)
    sys.exit(f"{name} not found in the source")


def load_copies(fastai_text, lightning_text):
    """Copies the functions verbatim into a temporary module and imports it."""
    fastai_tree = ast.parse(fastai_text)
    fastai_funcs = [segment(fastai_text, fastai_tree.body, n) for n in ("valley", "slide", "minimum", "steep")]
    lightning_tree = ast.parse(lightning_text)
    cls = next(n for n in lightning_tree.body if isinstance(n, ast.ClassDef) and n.name == "_LRFinder")
    method = segment(lightning_text, cls.body, "suggestion")
    indented = "\n".join("    " + line if line else line for line in method.splitlines())
    source = "\n\n".join([
        "import logging\nfrom typing import Optional\nimport numpy as np\nimport torch\n"
        "log = logging.getLogger('lightning')\n"
        "def to_np(x):\n    return x.detach().cpu().numpy() if isinstance(x, torch.Tensor) else np.asarray(x)\n",
        *fastai_funcs,
        "class LightningFinder:\n    def __init__(self, lrs, losses):\n"
        "        self.results = {'lr': lrs, 'loss': losses}\n        self._optimal_idx = None\n\n" + indented,
    ])
    directory = tempfile.mkdtemp()
    path = os.path.join(directory, "copied_suggestions.py")
    with open(path, "w") as f:
        f.write(source + "\n")
    spec = importlib.util.spec_from_file_location("copied_suggestions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fastai_cut(lrs, losses, num_it, dtype):
    """fastai's Learner.lr_find, the lines between the fit and the suggestion functions."""
    lrs, losses = torch.tensor(lrs[num_it // 10:-5], dtype=dtype), torch.tensor(losses[num_it // 10:-5], dtype=dtype)
    nan_idxs = torch.nonzero(torch.isnan(losses.view(-1)))
    if len(nan_idxs) > 0:
        drop_idx = min(nan_idxs)
        lrs = lrs[:drop_idx]
        losses = losses[:drop_idx]
    return lrs, losses


def curve(rng, n, mode, kind):
    """A range-test-like smoothed loss curve: falls, bottoms out, explodes."""
    lo, hi = 1e-7, 10.0
    if mode == "exponential":
        lrs = [lo * (hi / lo) ** (i / (n - 1)) for i in range(n)]
    else:
        lrs = [1e-4 + (i / (n - 1)) * (1.0 - 1e-4) for i in range(n)]
    x = np.log10(np.array(lrs))
    centre = rng.uniform(-4.5, -2.0) if mode == "exponential" else rng.uniform(-1.5, -0.5)
    raw = 2.3 - 1.6 / (1 + np.exp(-2.2 * (x - centre))) + np.exp(2.5 * (x - centre - 2.2))
    raw = raw + rng.normal(0, 0.08 if kind == "noisy" else 0.02, n)
    if kind == "flat":
        raw = 1.0 + rng.normal(0, 1e-3, n)
    if kind == "monotone":
        raw = np.linspace(3, 0.5, n) + rng.normal(0, 1e-3, n)
    beta, avg, smoothed = 0.98, 0.0, []
    for i, value in enumerate(raw):
        avg = beta * avg + (1 - beta) * value
        smoothed.append(avg / (1 - beta ** (i + 1)))
    if kind == "nan_end":
        smoothed[-3:] = [float("nan")] * 3
    if kind == "inf_middle":
        smoothed[n // 2] = float("inf")
    return lrs, [float(v) for v in smoothed]


def suggestions(m, lrs, losses, num_it, dtype):
    cut_lrs, cut_losses = fastai_cut(lrs, losses, num_it, dtype)
    out = {}
    for name in ("minimum", "steep", "valley", "slide"):
        lr, (point_lr, point_loss) = getattr(m, name)(cut_lrs, cut_losses, num_it)
        out[name] = {"lr": float(lr), "pointLr": float(point_lr), "pointLoss": float(point_loss)}
    out["slideWide"] = dict(zip(("lr", "point"), m.slide(cut_lrs, cut_losses, num_it, lr_diff=10, thresh=0.01,
                                                        adjust_value=0.5)))
    out["slideWide"] = {"lr": float(out["slideWide"]["lr"]), "pointLr": float(out["slideWide"]["point"][0]),
                        "pointLoss": float(out["slideWide"]["point"][1]), "lrDiff": 10, "thresh": 0.01,
                        "adjustValue": 0.5}
    lightning = []
    for skip_begin, skip_end in ((10, 1), (0, 1), (5, 10), (20, 3)):
        torch.set_default_dtype(dtype)
        finder = m.LightningFinder(lrs, losses)
        lr = finder.suggestion(skip_begin=skip_begin, skip_end=skip_end)
        torch.set_default_dtype(torch.float32)
        lightning.append({"skipBegin": skip_begin, "skipEnd": skip_end,
                          "lr": None if lr is None else float(lr), "index": finder._optimal_idx})
    out["lightning"] = lightning
    return out


def finite_json(value):
    """Non-finite floats as the strings "NaN", "Infinity", "-Infinity" (Number() reads them back)."""
    if isinstance(value, float) and not np.isfinite(value):
        return "NaN" if np.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: finite_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite_json(v) for v in value]
    return value


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    fastai_text, _ = read(sys.argv[1], "fastai/callback/schedule.py")
    lightning_text, lightning_commit = read(sys.argv[2], LIGHTNING_PATH)
    m = load_copies(fastai_text, lightning_text)
    rng = np.random.RandomState(20260101)
    cases = []
    for n, mode, kind in ((100, "exponential", "plain"), (100, "exponential", "noisy"), (60, "exponential", "plain"),
                          (150, "exponential", "noisy"), (100, "linear", "plain"), (80, "linear", "noisy"),
                          (100, "exponential", "nan_end"), (90, "exponential", "inf_middle"),
                          (70, "exponential", "flat"), (100, "exponential", "monotone"),
                          (45, "exponential", "noisy"), (120, "linear", "nan_end")):
        lrs, losses = curve(rng, n, mode, kind)
        cases.append({
            "name": f"{kind} {mode} curve, {n} steps", "numIt": n, "lrs": lrs,
            "losses": losses,
            "float64": suggestions(m, lrs, losses, n, torch.float64),
            "float32": suggestions(m, lrs, losses, n, torch.float32),
        })
    out = {
        "generator": "tools/fixtures_lr_finder.py",
        "torch": torch.__version__, "numpy": np.__version__,
        "sources": {
            "fastai": {"repository": "github.com/fastai/fastai", "file": "fastai/callback/schedule.py",
                       "commit": "0a049e8a90b86d70860f68072698245a1ee787ca",
                       "functions": ["valley", "slide", "minimum", "steep"]},
            "lightning": {"repository": "github.com/Lightning-AI/pytorch-lightning", "file": LIGHTNING_PATH,
                          "commit": lightning_commit, "functions": ["_LRFinder.suggestion"]},
        },
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(finite_json(out), f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {len(cases)} curves to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
