/**
 * The registry entries of timm's schedulers, under timm's class names (`"CosineLRScheduler"`;
 * none collides with PyTorch's). A timm spec builds a {@linkcode TimmLR}: the timm scheduler
 * stepped as PyTorch steps, one `step()` per unit of timm's time. `toSpec` reads a `TimmLR` or
 * a timm scheduler built directly. The PyTorch export is a small self-contained Python class,
 * `TimmLR`, with timm's arithmetic (and timm's noise, drawn from a `torch.Generator` as timm
 * draws it), stepped the same way.
 *
 * @module
 */

import type { JsonObject, LRScheduler } from "../schedulers/lr_scheduler.ts";
import type { Scheduler } from "../timm/scheduler.ts";
import { CosineLRScheduler } from "../timm/cosine_lr.ts";
import { TanhLRScheduler } from "../timm/tanh_lr.ts";
import { StepLRScheduler } from "../timm/step_lr.ts";
import { MultiStepLRScheduler } from "../timm/multistep_lr.ts";
import { PolyLRScheduler } from "../timm/poly_lr.ts";
import { PlateauLRScheduler } from "../timm/plateau_lr.ts";
import { registerScheduler } from "./registry.ts";
import type { OptionInfo, OptionTable } from "./registry.ts";
import { pyFloat as F, pyLiteral } from "./_python.ts";
import type { PyWriter } from "./_python.ts";
import type { AnyOptions } from "./_torch_class.ts";
import { TimmLR } from "./timm_lr.ts";

const num = (description: string, d?: number, extra: Partial<OptionInfo> = {}): OptionInfo => ({
  kind: "number",
  description,
  ...(d === undefined ? {} : { default: d }),
  ...extra,
});

const NOISE: OptionTable = {
  noiseRangeT: {
    kind: "numbers",
    description: "Noise from t on (a number) or for lo <= t < hi (a pair); null: none.",
    default: null,
    nullable: true,
    scalarToo: true,
  },
  noisePct: num("The noise bound.", 0.67, { min: 0, exclusiveMin: true }),
  noiseStd: num("Kept as timm keeps it (timm's noise does not use it).", 1),
  noiseSeed: { kind: "integer", description: "The seed at t = 0 (noiseSeed + t).", default: 42 },
};
const BASE: OptionTable = {
  tInEpochs: {
    kind: "boolean",
    description: "true: timm's time is epochs (step); false: updates (stepUpdate).",
    default: true,
  },
  ...NOISE,
};
const warmup = (prefix: boolean): OptionTable => ({
  warmupT: num("Warmup length (0: none).", 0, { min: 0 }),
  warmupLrInit: num("The lr the warmup starts from.", 0),
  warmupPrefix: {
    kind: "boolean",
    description: "Start the decay after the warmup (true) or under it (false).",
    default: prefix,
  },
});
const CYCLE: OptionTable = {
  tInitial: num("Length of the first cycle.", undefined, { min: 0, exclusiveMin: true }),
  lrMin: num("The lr at the end of each cycle.", 0, { min: 0 }),
  cycleMul: num("Each cycle is cycleMul times as long as the last.", 1, {
    min: 0,
    exclusiveMin: true,
  }),
  cycleDecay: num("Each cycle's peak is cycleDecay times the last.", 1),
  cycleLimit: { kind: "integer", description: "Number of cycles.", default: 1, min: 0 },
};
const kDecay = num("k-decay exponent: t^k / T^k.", 1, { min: 0, exclusiveMin: true });

// timm's base class and cycle arithmetic in Python, stepped as PyTorch steps.
const TIMM_PY = `
class TimmLR:
    """A timm scheduler stepped as PyTorch's: the k-th step() is timm's step(k) (or
    step_update(k)); timm's arithmetic and noise, self-contained (no timm import)."""

    def __init__(self, optimizer, decay_lr, warmup_t=0, warmup_lr_init=0.0, warmup_prefix=False,
                 warmup_targets=None, noise_range_t=None, noise_pct=0.67, noise_seed=42):
        self.optimizer = optimizer
        for group in optimizer.param_groups:
            group.setdefault("initial_lr", group["lr"])
        self.base_values = [group["initial_lr"] for group in optimizer.param_groups]
        self.decay_lr = decay_lr
        self.warmup_t, self.warmup_lr_init, self.warmup_prefix = warmup_t, warmup_lr_init, warmup_prefix
        self.noise_range_t, self.noise_pct, self.noise_seed = noise_range_t, noise_pct, noise_seed
        self.last_epoch = 0
        self.update_groups(self.base_values)
        self.warmup_steps = [1 for _ in self.base_values]
        if warmup_t:
            targets = self.base_values if warmup_targets is None else warmup_targets(self)
            self.warmup_steps = [(v - warmup_lr_init) / warmup_t for v in targets]
            self.update_groups(warmup_lr_init)

    def update_groups(self, values):
        if not isinstance(values, (list, tuple)):
            values = [values] * len(self.optimizer.param_groups)
        for group, value in zip(self.optimizer.param_groups, values):
            group["lr"] = value * group["lr_scale"] if "lr_scale" in group else value

    def get_lr_at(self, t):
        if t < self.warmup_t:
            return [self.warmup_lr_init + t * s for s in self.warmup_steps]
        return self.decay_lr(self.base_values, t - self.warmup_t if self.warmup_prefix else t)

    def is_apply_noise(self, t):
        r = self.noise_range_t
        if r is None:
            return False
        if isinstance(r, (list, tuple)):
            return r[0] <= t < r[1]
        return t >= r

    def noise(self, t, noise_type="normal"):
        g = torch.Generator()
        g.manual_seed(self.noise_seed + t)
        if noise_type == "normal":
            while True:
                noise = torch.randn(1, generator=g).item()
                if abs(noise) < self.noise_pct:
                    return noise
        return 2 * (torch.rand(1, generator=g).item() - 0.5) * self.noise_pct

    def step(self, metric=None):
        self.last_epoch += 1
        t = self.last_epoch
        values = self.get_lr_at(t)
        if self.is_apply_noise(t):
            noise = self.noise(t)
            values = [v + v * noise for v in values]
        self.update_groups(values)

    def get_last_lr(self):
        return [group["lr"] for group in self.optimizer.param_groups]


def timm_cycle(t, t_initial, cycle_mul):
    if cycle_mul != 1:
        i = math.floor(math.log(1 - t / t_initial * (1 - cycle_mul)) / math.log(cycle_mul))
        t_i = cycle_mul ** i * t_initial
        t_curr = t - (1 - cycle_mul ** i) / (1 - cycle_mul) * t_initial
    else:
        i = t // t_initial
        t_i = t_initial
        t_curr = t - t_initial * i
    return i, t_i, t_curr
`;

const PLATEAU_PY = `
class TimmPlateauLR(TimmLR):
    """timm's PlateauLRScheduler stepped as PyTorch's: step(metric) is timm's step(k, metric)."""

    def __init__(self, optimizer, decay_rate, patience_t, threshold, cooldown_t, warmup_t,
                 warmup_lr_init, lr_min, mode, noise_type, noise_range_t, noise_pct, noise_seed):
        super().__init__(optimizer, None, noise_range_t=noise_range_t, noise_pct=noise_pct,
                         noise_seed=noise_seed)
        self.noise_type = noise_type
        self.lr_scheduler = lr_scheduler.ReduceLROnPlateau(
            optimizer, patience=patience_t, factor=decay_rate, threshold=threshold,
            cooldown=cooldown_t, mode=mode, min_lr=lr_min)
        self.warmup_t, self.warmup_lr_init = warmup_t, warmup_lr_init
        self.restore_lr = None
        if warmup_t:
            self.warmup_steps = [(v - warmup_lr_init) / warmup_t for v in self.base_values]
            self.update_groups(warmup_lr_init)

    def step(self, metric=None):
        self.last_epoch += 1
        epoch = self.last_epoch
        if epoch <= self.warmup_t:
            self.update_groups([self.warmup_lr_init + epoch * s for s in self.warmup_steps])
            return
        if self.restore_lr is not None:
            for group, lr in zip(self.optimizer.param_groups, self.restore_lr):
                group["lr"] = lr
            self.restore_lr = None
        if metric is not None:
            self.lr_scheduler.step(metric)
        if self.is_apply_noise(epoch):
            noise = self.noise(epoch, self.noise_type)
            self.restore_lr = [group["lr"] for group in self.optimizer.param_groups]
            for group in self.optimizer.param_groups:
                group["lr"] = group["lr"] + group["lr"] * noise
`;

/** The options of a timm scheduler: its parsed config and base options, in the table's keys. */
function readTimm(s: Scheduler, table: OptionTable): Record<string, unknown> {
  const all = {
    ...(s as unknown as { config: Record<string, unknown> }).config,
    ...s.baseConfig,
  } as Record<string, unknown>;
  return Object.fromEntries(Object.keys(table).map((k) => [k, all[k]]));
}

function decayFunction(py: PyWriter, lines: readonly string[]): string {
  const name = py.name("_timm_decay");
  py.helper(name, [`def ${name}(base_values, t):`, ...lines.map((l) => `    ${l}`)].join("\n"));
  return name;
}

/** The cycle schedulers' decay: cycle position, then `value(lr_max)` per group. */
function cycleDecay(py: PyWriter, o: JsonObject, value: string): string {
  return decayFunction(py, [
    `i, t_i, t_curr = timm_cycle(t, ${F(o.tInitial as number)}, ${F(o.cycleMul as number)})`,
    `if not i < ${F(o.cycleLimit as number)}:`,
    `    return [${F(o.lrMin as number)} for _ in base_values]`,
    `gamma = ${F(o.cycleDecay as number)} ** i`,
    `return [${value} for lr_max in (v * gamma for v in base_values)]`,
  ]);
}

type Decay = (o: JsonObject, py: PyWriter) => { decay: string; targets?: string };

function timmType(
  type: string,
  cls: new (optimizer: AnyOptions, options: AnyOptions) => Scheduler,
  description: string,
  options: OptionTable,
  decay: Decay,
): void {
  registerScheduler({
    type,
    description,
    options,
    notInSpec: {
      initialize: "initialize is how a scheduler joins a run under way; a spec builds one from " +
        "its start (initialize: true)",
    },
    create: (optimizer, o) => new TimmLR(optimizer, new cls(optimizer, o)),
    matches: (s) => Object.getPrototypeOf(timmOf(s)) === cls.prototype,
    read: (s) => readTimm(timmOf(s) as Scheduler, options),
    pytorch: (o, py) => {
      py.import("import torch");
      py.helper("TimmLR", TIMM_PY);
      const { decay: fn, targets } = decay(o, py);
      const noise = `noise_range_t=${
        o.noiseRangeT === null ? "None" : pyLiteral(o.noiseRangeT!)
      }, noise_pct=${F(o.noisePct as number)}, noise_seed=${o.noiseSeed}`;
      return `TimmLR(optimizer, ${fn}, warmup_t=${F(o.warmupT as number)}, warmup_lr_init=${
        F(o.warmupLrInit as number)
      }, warmup_prefix=${o.warmupPrefix ? "True" : "False"}, ${
        targets ? `warmup_targets=${targets}, ` : ""
      }${noise})`;
    },
  });
}

/** The timm scheduler a `TimmLR` steps, or the argument itself (a timm scheduler). */
function timmOf(s: LRScheduler | Scheduler): Scheduler | LRScheduler {
  return s instanceof TimmLR ? s.timm : s;
}

timmType(
  "CosineLRScheduler",
  CosineLRScheduler,
  "timm's CosineLRScheduler: warmup, then cosine cycles (restarts, cycleMul, cycleDecay, kDecay).",
  { ...CYCLE, ...warmup(false), kDecay, ...BASE },
  (o, py) => {
    const k = F(o.kDecay as number);
    const lrMin = F(o.lrMin as number);
    return {
      decay: cycleDecay(
        py,
        o,
        `${lrMin} + 0.5 * (lr_max - ${lrMin}) * (1 + math.cos(math.pi * t_curr ** ${k} / t_i ** ${k}))`,
      ),
    };
  },
);

timmType(
  "TanhLRScheduler",
  TanhLRScheduler,
  "timm's TanhLRScheduler: warmup, then tanh cycles from lb to ub.",
  {
    lb: num("The tanh's lower bound.", -7),
    ub: num("The tanh's upper bound.", 3),
    ...CYCLE,
    ...warmup(false),
    ...BASE,
  },
  (o, py) => {
    const lrMin = F(o.lrMin as number);
    const [lb, ub] = [F(o.lb as number), F(o.ub as number)];
    const decay = decayFunction(py, [
      `i, t_i, t_curr = timm_cycle(t, ${F(o.tInitial as number)}, ${F(o.cycleMul as number)})`,
      `if not i < ${F(o.cycleLimit as number)}:`,
      `    return [${lrMin} for _ in base_values]`,
      `gamma = ${F(o.cycleDecay as number)} ** i`,
      "tr = t_curr / t_i",
      `return [${lrMin} + 0.5 * (v * gamma - ${lrMin}) * ` +
      `(1 - math.tanh(${lb} * (1 - tr) + ${ub} * tr)) for v in base_values]`,
    ]);
    return {
      decay,
      targets: o.warmupPrefix
        ? undefined
        : `lambda s: ${decay}(s.base_values, ${F(o.warmupT as number)})`,
    };
  },
);

timmType(
  "StepLRScheduler",
  StepLRScheduler,
  "timm's StepLRScheduler: warmup, then the lr times decayRate every decayT.",
  {
    decayT: num("Time between two decays.", undefined, { min: 0, exclusiveMin: true }),
    decayRate: num("The factor per decay.", 1),
    ...warmup(true),
    ...BASE,
  },
  (o, py) => ({
    decay: decayFunction(py, [
      `factor = ${F(o.decayRate as number)} ** (t // ${F(o.decayT as number)})`,
      "return [v * factor for v in base_values]",
    ]),
  }),
);

timmType(
  "MultiStepLRScheduler",
  MultiStepLRScheduler,
  "timm's MultiStepLRScheduler: warmup, then the lr times decayRate at each milestone.",
  {
    decayT: { kind: "numbers", description: "The milestones, ascending." },
    decayRate: num("The factor per milestone.", 1),
    ...warmup(true),
    ...BASE,
  },
  (o, py) => {
    py.import("import bisect");
    return {
      decay: decayFunction(py, [
        `factor = ${F(o.decayRate as number)} ** bisect.bisect_right([${
          (o.decayT as number[]).map(F).join(", ")
        }], t + 1)`,
        "return [v * factor for v in base_values]",
      ]),
    };
  },
);

timmType(
  "PolyLRScheduler",
  PolyLRScheduler,
  "timm's PolyLRScheduler: warmup, then polynomial cycles of the given power.",
  { power: num("The polynomial's power.", 0.5), ...CYCLE, ...warmup(false), kDecay, ...BASE },
  (o, py) => {
    const k = F(o.kDecay as number);
    const lrMin = F(o.lrMin as number);
    return {
      decay: cycleDecay(
        py,
        o,
        `${lrMin} + (lr_max - ${lrMin}) * (1 - t_curr ** ${k} / t_i ** ${k}) ** ${
          F(o.power as number)
        }`,
      ),
    };
  },
);

const plateauOptions: OptionTable = {
  decayRate: num("Factor of a cut (PyTorch's factor), below 1.", 0.1, { min: 0, max: 1 }),
  patienceT: { kind: "integer", description: "Bad epochs tolerated.", default: 10, min: 0 },
  threshold: num("Relative improvement that counts.", 1e-4, { log: true }),
  cooldownT: { kind: "integer", description: "Epochs of rest after a cut.", default: 0, min: 0 },
  warmupT: num("Warmup length in epochs (0: none).", 0, { min: 0 }),
  warmupLrInit: num("The lr the warmup starts from.", 0),
  lrMin: num("The lowest lr.", 0, { min: 0 }),
  mode: {
    kind: "enum",
    description: "max: higher is better (an accuracy); min: lower (a loss).",
    choices: ["min", "max"],
    default: "max",
  },
  noiseType: {
    kind: "enum",
    description: "The noise's distribution.",
    choices: ["normal", "uniform"],
    default: "normal",
  },
  ...NOISE,
};

registerScheduler({
  type: "PlateauLRScheduler",
  description: "timm's PlateauLRScheduler: warmup, then PyTorch's plateau cuts; step(metric).",
  options: plateauOptions,
  notInSpec: {
    initialize: "initialize is how a scheduler joins a run under way; a spec builds one from " +
      "its start (initialize: true)",
  },
  create: (optimizer, o) => new TimmLR(optimizer, new PlateauLRScheduler(optimizer, o)),
  matches: (s) => Object.getPrototypeOf(timmOf(s)) === PlateauLRScheduler.prototype,
  read: (s) => readTimm(timmOf(s) as Scheduler, plateauOptions),
  pytorch: (o, py) => {
    py.import("import torch");
    py.helper("TimmLR", TIMM_PY);
    py.helper("TimmPlateauLR", PLATEAU_PY);
    const args = [
      F(o.decayRate as number),
      String(o.patienceT),
      F(o.threshold as number),
      String(o.cooldownT),
      F(o.warmupT as number),
      F(o.warmupLrInit as number),
      F(o.lrMin as number),
      JSON.stringify(o.mode),
      JSON.stringify(o.noiseType),
      o.noiseRangeT === null ? "None" : pyLiteral(o.noiseRangeT!),
      F(o.noisePct as number),
      String(o.noiseSeed),
    ];
    return `TimmPlateauLR(optimizer, ${args.join(", ")})`;
  },
});
