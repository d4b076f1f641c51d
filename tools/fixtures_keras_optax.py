"""Writes tests/fixtures/keras_optax.json: Keras 3's and optax's learning-rate schedules in float64.

Run: /usr/bin/python3 tools/fixtures_keras_optax.py OPTAX_SRC KERAS_SRC

OPTAX_SRC and KERAS_SRC are checkouts of github.com/google-deepmind/optax and
github.com/keras-team/keras (a work tree, or a bare git dir: the files are read with
`git show HEAD:path`). Neither library (nor jax, nor tensorflow) is installed here, so their
schedules are PORTED below, operation for operation, from

  optax  optax/schedules/_schedule.py, optax/schedules/_join.py
  keras  keras/src/optimizers/schedules/learning_rate_schedule.py

at the commits recorded in the JSON ("sources"), with numpy float64 scalars standing for jnp /
keras.ops float64 tensors (jax x64, a float64 initial_learning_rate in Keras): same operations,
same order, same Python-level branches. The script checks that every ported function still has
the signature it had when it was ported (the source's `def`/`__init__` lines are compared), so a
change upstream fails here instead of silently giving stale numbers.

Each case records the TypeScript options (the kwargs in camelCase), the steps (0..79 and a few
fractional ones) and the values.
"""

import json
import math
import os
import re
import subprocess
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "keras_optax.json")
OPTAX_FILES = ["optax/schedules/_schedule.py", "optax/schedules/_join.py"]
KERAS_FILES = ["keras/src/optimizers/schedules/learning_rate_schedule.py"]
F = np.float64
STEPS = [float(t) for t in range(80)] + [0.5, 2.25, 9.75, 33.5, 150.0, 1000.0]


def read_source(root, path):
    """The file at HEAD of a bare git dir, or in a work tree; and the commit."""
    if os.path.exists(os.path.join(root, path)):
        text = open(os.path.join(root, path)).read()
        git = ["git", "-C", root]
    else:
        text = subprocess.check_output(["git", "--git-dir", root, "show", "HEAD:" + path], text=True)
        git = ["git", "--git-dir", root]
    commit = subprocess.check_output(git + ["rev-parse", "HEAD"], text=True).strip()
    return text, commit


def expect_defs(text, names):
    for name in names:
        if not re.search(r"^\s*(def|class) " + re.escape(name) + r"\b", text, re.M):
            sys.exit(f"{name} not found in the source: the port below may be stale")


# ---------------- optax (optax/schedules/_schedule.py, _join.py), jnp -> numpy float64 --------


def o_constant_schedule(value):
    return lambda count: value


def o_polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0):
    if transition_steps <= 0:
        return lambda count: init_value
    if transition_begin < 0:
        transition_begin = 0

    def schedule(count):
        count = np.clip(F(count) - transition_begin, 0, transition_steps)
        frac = 1 - count / transition_steps
        return (init_value - end_value) * (frac**power) + end_value

    return schedule


def o_linear_schedule(init_value, end_value, transition_steps, transition_begin=0):
    return o_polynomial_schedule(init_value, end_value, 1, transition_steps, transition_begin)


def o_piecewise_constant_schedule(init_value, boundaries_and_scales=None):
    if boundaries_and_scales is not None:
        if not all(scale >= 0.0 for scale in boundaries_and_scales.values()):
            raise ValueError("`piecewise_constant_schedule` expects non-negative scale factors")

    def schedule(count):
        count = F(count)
        v = F(init_value)
        if boundaries_and_scales is not None:
            for threshold, scale in sorted(boundaries_and_scales.items()):
                indicator = np.maximum(0.0, np.sign(threshold - count))
                v = v * indicator + (1 - indicator) * scale * v
        return v

    return schedule


def o_exponential_decay(init_value, transition_steps, decay_rate, transition_begin=0,
                        staircase=False, end_value=None):
    if transition_steps <= 0:
        return lambda count: init_value
    if decay_rate == 0:
        return lambda count: init_value
    if transition_begin < 0:
        transition_begin = 0
    if end_value is not None:
        clip_fn = np.maximum if decay_rate < 1.0 else np.minimum

    def schedule(count):
        decreased_count = F(count) - transition_begin
        p = decreased_count / transition_steps
        if staircase:
            p = np.floor(p)
        decayed_value = np.where(decreased_count <= 0, F(init_value),
                                 init_value * np.power(F(decay_rate), p))
        if end_value is not None:
            decayed_value = clip_fn(decayed_value, end_value)
        return decayed_value

    return schedule


def o_cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0):
    if not decay_steps > 0:
        raise ValueError(f"The cosine_decay_schedule requires positive decay_steps, got {decay_steps=}.")

    def schedule(count):
        ds = float(decay_steps)
        count = np.minimum(F(count), ds)
        cosine_decay = 0.5 * (1 + np.cos(np.pi * count / ds))
        decayed = (1 - alpha) * cosine_decay**exponent + alpha
        return init_value * decayed

    return schedule


def o_linear_interpolate(start, end, pct):
    return (end - start) * pct + start


def o_cosine_interpolate(start, end, pct):
    return end + (start - end) / 2.0 * (np.cos(np.pi * pct) + 1)


def o_piecewise_interpolate_schedule(interpolate_type, init_value, boundaries_and_scales=None):
    if interpolate_type == "linear":
        interpolate_fn = o_linear_interpolate
    elif interpolate_type == "cosine":
        interpolate_fn = o_cosine_interpolate
    else:
        raise ValueError("`interpolate_type` must be either 'cosine' or 'linear'")
    if boundaries_and_scales:
        boundaries, scales = zip(*sorted(boundaries_and_scales.items()))
        if not all(scale >= 0.0 for scale in scales):
            raise ValueError("`piecewise_interpolate_schedule` expects non-negative scale factors")
    else:
        boundaries, scales = (), ()

    def schedule(count):
        count = F(count)
        bounds = np.array((0,) + tuple(boundaries), dtype=F)
        values = np.cumprod(np.array((init_value,) + tuple(scales), dtype=F))
        interval_sizes = np.maximum(bounds[1:] - bounds[:-1], 1)
        indicator = np.logical_and(bounds[:-1] <= count, count < bounds[1:])
        pct = (count - bounds[:-1]) / interval_sizes
        interp_vals = interpolate_fn(values[:-1], values[1:], pct)
        # indicator.dot(interp_vals): one term is the value, the others are exact zeros
        dot = F(0.0)
        for ind, val in zip(indicator, interp_vals):
            dot = dot + F(ind) * val
        return dot + F(bounds[-1] <= count) * values[-1]

    return schedule


def o_linear_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, pct_final=0.85,
                               div_factor=25.0, final_div_factor=1e4):
    if transition_steps <= 0:
        raise ValueError("A linear onecycle schedule was set with a non-positive `transition_steps`")
    return o_piecewise_interpolate_schedule("linear", peak_value / div_factor, {
        int(pct_start * transition_steps): div_factor,
        int(pct_final * transition_steps): 1.0 / div_factor,
        transition_steps: 1.0 / final_div_factor,
    })


def o_cosine_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, div_factor=25.0,
                               final_div_factor=1e4):
    if transition_steps <= 0:
        raise ValueError("A cosine onecycle schedule was set with a non-positive `transition_steps`")
    return o_piecewise_interpolate_schedule("cosine", peak_value / div_factor, {
        int(pct_start * transition_steps): div_factor,
        int(transition_steps): 1.0 / (div_factor * final_div_factor),
    })


def o_join_schedules(schedules, boundaries):
    def schedule(step):
        output = schedules[0](step)
        for boundary, s in zip(boundaries, schedules[1:]):
            output = np.where(step < boundary, output, s(step - boundary))
        return output

    return schedule


def o_warmup_constant_schedule(init_value, peak_value, warmup_steps):
    return o_linear_schedule(init_value, peak_value, warmup_steps)


def o_warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps,
                                   end_value=0.0, exponent=1.0):
    alpha = 0.0 if peak_value == 0.0 else end_value / peak_value
    schedules = [
        o_linear_schedule(init_value, peak_value, warmup_steps),
        o_cosine_decay_schedule(peak_value, decay_steps - warmup_steps, alpha, exponent),
    ]
    return o_join_schedules(schedules, [warmup_steps])


def o_warmup_exponential_decay_schedule(init_value, peak_value, warmup_steps, transition_steps,
                                        decay_rate, transition_begin=0, staircase=False,
                                        end_value=None):
    schedules = [
        o_linear_schedule(init_value, peak_value, warmup_steps),
        o_exponential_decay(peak_value, transition_steps, decay_rate, transition_begin,
                            staircase, end_value),
    ]
    return o_join_schedules(schedules, [warmup_steps])


def o_sgdr_schedule(cosine_kwargs):
    boundaries = []
    schedules = []
    step = 0
    for kwargs in cosine_kwargs:
        schedules += [o_warmup_cosine_decay_schedule(**kwargs)]
        boundaries += [step + kwargs["decay_steps"]]
        step += kwargs["decay_steps"]
    return o_join_schedules(schedules, boundaries[:-1])


# ------- Keras 3 (keras/src/optimizers/schedules/learning_rate_schedule.py), ops -> numpy float64 -----


def k_exponential_decay(initial_learning_rate, decay_steps, decay_rate, staircase=False):
    def call(step):
        lr = F(initial_learning_rate)
        p = F(step) / F(decay_steps)
        if staircase:
            p = np.floor(p)
        return np.multiply(lr, np.power(F(decay_rate), p))

    return call


def k_piecewise_constant_decay(boundaries, values):
    def call(step):
        step = F(step)
        b = [F(x) for x in boundaries]
        v = [F(x) for x in values]
        result = F(0)
        result += F(step <= b[0]) * v[0]
        result += F(step > b[-1]) * v[-1]
        for low, high, value in zip(b[:-1], b[1:], v[1:-1]):
            result += F((step > low) & (step <= high)) * value
        return result

    return call


def k_polynomial_decay(initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
                       cycle=False):
    def call(step):
        lr = F(initial_learning_rate)
        end = F(end_learning_rate)
        pw = F(power)
        g = F(step)
        ds = F(decay_steps)
        if cycle:
            multiplier = np.where(np.equal(g, 0), 1.0, np.ceil(g / decay_steps))
            ds = np.multiply(ds, multiplier)
        else:
            g = np.minimum(g, ds)
        p = np.divide(g, ds)
        return np.add(np.multiply(lr - end, np.power(1 - p, pw)), end)

    return call


def k_inverse_time_decay(initial_learning_rate, decay_steps, decay_rate, staircase=False):
    def call(step):
        lr = F(initial_learning_rate)
        p = F(step) / F(decay_steps)
        if staircase:
            p = np.floor(p)
        denom = np.add(F(1), np.multiply(F(decay_rate), p))
        return np.divide(lr, denom)

    return call


def k_cosine_decay(initial_learning_rate, decay_steps, alpha=0.0, warmup_target=None, warmup_steps=0):
    def decay_function(step, ds, decay_from_lr):
        completed_fraction = np.divide(step, ds)
        pi = F(math.pi)
        cosine_decayed = 0.5 * (1.0 + np.cos(np.multiply(pi, completed_fraction)))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return np.multiply(decay_from_lr, decayed)

    def warmup_function(step, ws, target, lr):
        completed_fraction = step / ws
        total_step_delta = target - lr
        return total_step_delta * completed_fraction + lr

    def call(step):
        lr = F(initial_learning_rate)
        ds = F(decay_steps)
        g = F(step)
        if warmup_target is None:
            g = np.minimum(g, ds)
            return decay_function(g, ds, lr)
        target = F(warmup_target)
        ws = F(warmup_steps)
        g = np.minimum(g, ds + ws)
        if g < ws:
            return warmup_function(g, ws, target, lr)
        return decay_function(g - ws, ds, target)

    return call


def k_cosine_decay_restarts(initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0):
    def call(step):
        lr = F(initial_learning_rate)
        fds = F(first_decay_steps)
        a = F(alpha)
        tm = F(t_mul)
        mm = F(m_mul)
        completed_fraction = F(step) / fds
        if tm == 1.0:
            i_restart = np.floor(completed_fraction)
            completed_fraction -= i_restart
        else:
            i_restart = np.floor(np.log(F(1.0 - completed_fraction * (1.0 - tm))) / np.log(tm))
            sum_r = np.divide(1.0 - np.power(tm, i_restart), (1.0 - tm))
            completed_fraction = np.divide(np.subtract(completed_fraction, sum_r),
                                           np.power(tm, i_restart))
        m_fac = np.power(mm, i_restart)
        cosine_decayed = 0.5 * m_fac * (1.0 + np.cos(np.multiply(F(math.pi), completed_fraction)))
        decayed = np.add(np.multiply((1 - a), cosine_decayed), a)
        return np.multiply(lr, decayed)

    return call


# ---------------- the cases: (TypeScript name, port, kwargs) --------------------------------------

SGDR_A = [
    dict(init_value=0.0, peak_value=0.1, warmup_steps=5, decay_steps=20),
    dict(init_value=0.01, peak_value=0.05, warmup_steps=3, decay_steps=30, end_value=0.001),
    dict(init_value=0.0, peak_value=0.02, warmup_steps=0, decay_steps=40, exponent=2.0),
]
SGDR_B = [dict(init_value=0.1, peak_value=0.1, warmup_steps=0, decay_steps=10)] * 4
SGDR_C = [
    dict(init_value=1e-4, peak_value=3e-3, warmup_steps=10, decay_steps=25, end_value=1e-5),
    dict(init_value=1e-4, peak_value=1.5e-3, warmup_steps=10, decay_steps=50, end_value=1e-5),
]
SGDR_D = [dict(init_value=0.0, peak_value=1.0, warmup_steps=7, decay_steps=13, exponent=0.5),
          dict(init_value=0.5, peak_value=0.3, warmup_steps=2, decay_steps=17, end_value=0.05)]

CASES = [
    # optax
    ("optax", "constantSchedule", o_constant_schedule, [dict(value=0.1), dict(value=3e-4),
                                                        dict(value=0.0), dict(value=-2.5)]),
    ("optax", "polynomialSchedule", o_polynomial_schedule, [
        dict(init_value=1.0, end_value=0.01, power=2, transition_steps=60),
        dict(init_value=1.0, end_value=0.01, power=2, transition_steps=50, transition_begin=5),
        dict(init_value=0.1, end_value=0.0, power=0.5, transition_steps=37, transition_begin=11),
        dict(init_value=0.003, end_value=0.3, power=3.5, transition_steps=70),
        dict(init_value=0.2, end_value=0.1, power=1.0, transition_steps=0),
        dict(init_value=0.2, end_value=0.1, power=1.5, transition_steps=40, transition_begin=-4),
    ]),
    ("optax", "linearSchedule", o_linear_schedule, [
        dict(init_value=1.0, end_value=0.01, transition_steps=100),
        dict(init_value=0.0, end_value=0.1, transition_steps=7),
        dict(init_value=0.3, end_value=0.7, transition_steps=45, transition_begin=13),
        dict(init_value=0.1, end_value=0.001, transition_steps=-1),
    ]),
    ("optax", "piecewiseConstantSchedule", o_piecewise_constant_schedule, [
        dict(init_value=1.0, boundaries_and_scales={10: 0.1, 20: 0.01}),
        dict(init_value=0.1, boundaries_and_scales={30: 0.5, 5: 0.3, 45: 2.0, 60: 0.0}),
        dict(init_value=0.05),
        dict(init_value=0.7, boundaries_and_scales={0: 0.5, 33: 1.3, 34: 0.9}),
    ]),
    ("optax", "exponentialDecay", o_exponential_decay, [
        dict(init_value=0.1, transition_steps=10, decay_rate=0.5),
        dict(init_value=0.1, transition_steps=7, decay_rate=0.9, transition_begin=12, staircase=True),
        dict(init_value=0.1, transition_steps=5, decay_rate=0.7, end_value=0.01),
        dict(init_value=0.01, transition_steps=9, decay_rate=1.3, end_value=0.05, transition_begin=3),
        dict(init_value=0.01, transition_steps=0, decay_rate=0.5),
        dict(init_value=0.01, transition_steps=5, decay_rate=0.0),
        dict(init_value=0.2, transition_steps=3, decay_rate=0.95, transition_begin=-10),
    ]),
    ("optax", "cosineDecaySchedule", o_cosine_decay_schedule, [
        dict(init_value=0.1, decay_steps=50),
        dict(init_value=1.0, decay_steps=63, alpha=0.1),
        dict(init_value=0.3, decay_steps=40, alpha=0.05, exponent=2.0),
        dict(init_value=2e-3, decay_steps=77, exponent=0.7),
    ]),
    ("optax", "piecewiseInterpolateSchedule", o_piecewise_interpolate_schedule, [
        dict(interpolate_type="linear", init_value=1.0, boundaries_and_scales={4: 0.1, 8: 0.01}),
        dict(interpolate_type="cosine", init_value=0.1, boundaries_and_scales={20: 10.0, 50: 0.01}),
        dict(interpolate_type="linear", init_value=0.2),
        dict(interpolate_type="cosine", init_value=0.5,
             boundaries_and_scales={0: 2.0, 15: 0.5, 15.5: 0.9, 40: 0.25, 70: 1.5}),
        dict(interpolate_type="linear", init_value=0.3, boundaries_and_scales={33: 0.2, 10: 3.0}),
    ]),
    ("optax", "linearOnecycleSchedule", o_linear_onecycle_schedule, [
        dict(transition_steps=60, peak_value=0.1),
        dict(transition_steps=75, peak_value=1.0, pct_start=0.2, pct_final=0.6, div_factor=10.0,
             final_div_factor=100.0),
        dict(transition_steps=33, peak_value=0.05, pct_start=0.5, pct_final=0.5),
        dict(transition_steps=50, peak_value=3e-3, pct_start=0.25, pct_final=0.9, final_div_factor=1e3),
    ]),
    ("optax", "cosineOnecycleSchedule", o_cosine_onecycle_schedule, [
        dict(transition_steps=60, peak_value=0.1),
        dict(transition_steps=75, peak_value=1.0, pct_start=0.2, div_factor=10.0, final_div_factor=100.0),
        dict(transition_steps=33, peak_value=0.05, pct_start=0.45),
        dict(transition_steps=50, peak_value=3e-3, pct_start=0.0),
    ]),
    ("optax", "warmupConstantSchedule", o_warmup_constant_schedule, [
        dict(init_value=0.0, peak_value=0.1, warmup_steps=10),
        dict(init_value=1e-4, peak_value=3e-3, warmup_steps=37),
        dict(init_value=0.5, peak_value=0.1, warmup_steps=3),
        dict(init_value=0.2, peak_value=0.4, warmup_steps=0),
    ]),
    ("optax", "warmupCosineDecaySchedule", o_warmup_cosine_decay_schedule, [
        dict(init_value=0.0, peak_value=0.1, warmup_steps=10, decay_steps=60),
        dict(init_value=1e-4, peak_value=3e-3, warmup_steps=7, decay_steps=70, end_value=1e-5),
        dict(init_value=0.0, peak_value=1.0, warmup_steps=0, decay_steps=50, exponent=2.0),
        dict(init_value=0.05, peak_value=0.0, warmup_steps=5, decay_steps=40, end_value=0.01),
        dict(init_value=0.01, peak_value=0.2, warmup_steps=13, decay_steps=55, end_value=0.02,
             exponent=0.5),
    ]),
    ("optax", "warmupExponentialDecaySchedule", o_warmup_exponential_decay_schedule, [
        dict(init_value=0.0, peak_value=0.1, warmup_steps=10, transition_steps=10, decay_rate=0.5),
        dict(init_value=1e-3, peak_value=0.05, warmup_steps=5, transition_steps=4, decay_rate=0.8,
             transition_begin=6, staircase=True),
        dict(init_value=0.0, peak_value=0.2, warmup_steps=12, transition_steps=3, decay_rate=0.9,
             end_value=0.02),
        dict(init_value=0.1, peak_value=0.01, warmup_steps=4, transition_steps=8, decay_rate=1.2,
             end_value=0.05),
        dict(init_value=0.1, peak_value=0.3, warmup_steps=0, transition_steps=0, decay_rate=0.5),
    ]),
    ("optax", "sgdrSchedule", o_sgdr_schedule, [
        dict(cosine_kwargs=SGDR_A), dict(cosine_kwargs=SGDR_B), dict(cosine_kwargs=SGDR_C),
        dict(cosine_kwargs=SGDR_D),
    ]),
    # Keras 3
    ("keras", "ExponentialDecay", k_exponential_decay, [
        dict(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.96),
        dict(initial_learning_rate=0.1, decay_steps=7, decay_rate=0.5, staircase=True),
        dict(initial_learning_rate=1e-3, decay_steps=100, decay_rate=0.1),
        dict(initial_learning_rate=0.02, decay_steps=3, decay_rate=1.1),
    ]),
    ("keras", "PiecewiseConstantDecay", k_piecewise_constant_decay, [
        dict(boundaries=[10, 20], values=[1.0, 0.5, 0.1]),
        dict(boundaries=[5], values=[0.3, 0.03]),
        dict(boundaries=[0, 12, 12.5, 40, 61], values=[0.9, 0.8, 0.7, 0.6, 0.5, 0.4]),
        dict(boundaries=[15, 30, 45], values=[1e-3, 5e-4, 2.5e-4, 1e-4]),
    ]),
    ("keras", "PolynomialDecay", k_polynomial_decay, [
        dict(initial_learning_rate=0.1, decay_steps=50),
        dict(initial_learning_rate=0.1, decay_steps=20, end_learning_rate=0.01, power=0.5, cycle=True),
        dict(initial_learning_rate=1.0, decay_steps=33, end_learning_rate=0.0, power=2.0),
        dict(initial_learning_rate=0.05, decay_steps=13, end_learning_rate=1e-3, power=1.7, cycle=True),
    ]),
    ("keras", "InverseTimeDecay", k_inverse_time_decay, [
        dict(initial_learning_rate=0.1, decay_steps=1, decay_rate=0.5),
        dict(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5, staircase=True),
        dict(initial_learning_rate=1e-3, decay_steps=7, decay_rate=2.0),
        dict(initial_learning_rate=0.3, decay_steps=25, decay_rate=0.1, staircase=True),
    ]),
    ("keras", "CosineDecay", k_cosine_decay, [
        dict(initial_learning_rate=0.1, decay_steps=50),
        dict(initial_learning_rate=1.0, decay_steps=63, alpha=0.1),
        dict(initial_learning_rate=0.0, decay_steps=50, warmup_target=0.1, warmup_steps=10),
        dict(initial_learning_rate=1e-4, decay_steps=40, alpha=0.05, warmup_target=3e-3,
             warmup_steps=17),
        dict(initial_learning_rate=0.05, decay_steps=30, warmup_target=0.01, warmup_steps=0),
    ]),
    ("keras", "CosineDecayRestarts", k_cosine_decay_restarts, [
        dict(initial_learning_rate=0.1, first_decay_steps=10),
        dict(initial_learning_rate=0.1, first_decay_steps=12, t_mul=1.0, m_mul=0.8),
        dict(initial_learning_rate=1.0, first_decay_steps=7, t_mul=1.5, m_mul=0.9, alpha=0.1),
        dict(initial_learning_rate=3e-3, first_decay_steps=20, t_mul=3.0, alpha=0.01),
        dict(initial_learning_rate=0.5, first_decay_steps=5, t_mul=2.0, m_mul=0.5),
    ]),
]


def camel(key):
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), key)


def ts_options(value):
    """kwargs -> the TypeScript options: keys camelCased, except the step keys of dicts of scales."""
    if isinstance(value, dict):
        return {(camel(k) if isinstance(k, str) else str(k)): ts_options(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [ts_options(v) for v in value]
    return value


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    optax_root, keras_root = sys.argv[1], sys.argv[2]
    sources = {}
    for lib, root, files in (("optax", optax_root, OPTAX_FILES), ("keras", keras_root, KERAS_FILES)):
        text = ""
        for path in files:
            t, commit = read_source(root, path)
            text += t
        sources[lib] = {"repository": f"github.com/{'google-deepmind/optax' if lib == 'optax' else 'keras-team/keras'}",
                        "commit": commit, "files": files}
        names = [name for (l, name, _, _) in CASES if l == lib]
        snake = [re.sub(r"(?<!^)([A-Z])", r"_\1", n).lower() for n in names] if lib == "optax" else names
        expect_defs(text, snake + (["join_schedules"] if lib == "optax" else []))
    cases = []
    for lib, name, port, configs in CASES:
        for kwargs in configs:
            fn = port(**kwargs)
            values = [float(fn(F(t))) for t in STEPS]
            cases.append({"library": lib, "name": name, "options": ts_options(kwargs), "steps": STEPS,
                          "values": values})
    out = {
        "generator": "tools/fixtures_keras_optax.py",
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "note": "optax's and Keras' schedule arithmetic ported operation for operation to numpy "
                "float64 (jax x64 / float64 Keras); neither library runs here",
        "sources": sources,
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
