/**
 * Helpers shared by the scheduler registrations: matching a class exactly, reading per-group
 * and derived options back, and writing PyTorch constructor calls (with torch 2.x's first-step
 * rule for children of composites on torch 1.13).
 *
 * @module
 */

import type { JsonObject, LRScheduler, OptimizerLike } from "../schedulers/lr_scheduler.ts";
import { FIELDS } from "../schedulers/_field.ts";
import type { OptionInfo, OptionTable, SchedulerType } from "./registry.ts";
import type { PyWriter } from "./_python.ts";

// deno-lint-ignore no-explicit-any
export type AnyOptions = any;

/** Exactly this class (a subclass is a type of its own). */
export function exactly(cls: abstract new (...args: never[]) => LRScheduler) {
  return (s: LRScheduler) => Object.getPrototypeOf(s) === cls.prototype;
}

/** One value per group collapses to a scalar when every group has the same value. */
export function collapse(values: readonly number[]): number | number[] {
  return values.every((v) => Object.is(v, values[0])) ? values[0] as number : [...values];
}

/**
 * The shortest decimal that `ok` accepts, else `raw`: recovers an option (`pctStart`,
 * `divFactor`) from the derived numbers a scheduler keeps, exactly when they determine it.
 */
export function shortest(raw: number, ok: (candidate: number) => boolean): number {
  for (let digits = 1; digits <= 17; digits++) {
    const candidate = Number(raw.toPrecision(digits));
    if (ok(candidate)) return candidate;
  }
  return raw;
}

export const lr = (description: string, extra: Partial<OptionInfo> = {}): OptionInfo => ({
  kind: "number",
  description,
  log: true,
  ...extra,
});

/**
 * torch 2.x leaves the lr alone only in a scheduler's own initial step (`_is_initial`); torch
 * 1.13 does so at any step to epoch 0, which a composite's child takes too (a SequentialLR's
 * first child when it is a ChainedScheduler, a restart at a milestone). anneal follows 2.x. For
 * children of composites, the export wraps the four classes whose numbers differ so that
 * torch 1.13 applies 2.x's update (each written from anneal's formula); on 2.x the wrapper
 * returns the class unchanged.
 */
const INITIAL_RULE_PY = `
def torch2_initial_rule(cls, update_at_epoch_0):
    """cls with torch 2.x's rule on any torch: only its own initial step keeps the lr."""
    probe = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        test = lr_scheduler.ExponentialLR(probe, gamma=0.5)
        test.last_epoch = -1
        test.step()
    if probe.param_groups[0]["lr"] == 0.5:
        return cls  # torch 2.x

    class Rule(cls):
        def _initial_step(self):
            self._anneal_initial = True
            try:
                super()._initial_step()
            finally:
                self._anneal_initial = False

        def get_lr(self):
            if self.last_epoch == 0 and not getattr(self, "_anneal_initial", False):
                return update_at_epoch_0(self)
            return super().get_lr()

    Rule.__name__ = cls.__name__
    return Rule
`;

/** The chainable update at epoch 0 outside the initial step, per class (anneal's formulas). */
const UPDATE_AT_EPOCH_0: Record<string, string> = {
  ExponentialLR: `lambda s: [g["lr"] * s.gamma for g in s.optimizer.param_groups]`,
  MultiplicativeLR: `lambda s: [g["lr"] * f(s.last_epoch) for f, g in ` +
    `zip(s.lr_lambdas, s.optimizer.param_groups)]`,
  PolynomialLR: `lambda s: [g["lr"] * ((1.0 - s.last_epoch / s.total_iters) / ` +
    `(1.0 - (s.last_epoch - 1) / s.total_iters)) ** s.power for g in s.optimizer.param_groups]`,
  CosineAnnealingLR:
    `lambda s: [g["lr"] + (b - s.eta_min) * (1 - math.cos(math.pi / s.T_max)) / 2 ` +
    `for b, g in zip(s.base_lrs, s.optimizer.param_groups)] ` +
    `if (s.last_epoch - 1 - s.T_max) % (2 * s.T_max) == 0 else ` +
    `[(1 + math.cos(math.pi * s.last_epoch / s.T_max)) / ` +
    `(1 + math.cos(math.pi * (s.last_epoch - 1) / s.T_max)) * (g["lr"] - s.eta_min) + s.eta_min ` +
    `for g in s.optimizer.param_groups]`,
};

/** `lr_scheduler.Name`, or inside a composite the 2.x-rule class where the rule matters. */
export function torchName(name: string, py: PyWriter): string {
  const update = UPDATE_AT_EPOCH_0[name];
  if (!py.nested || update === undefined) return `lr_scheduler.${name}`;
  py.import("import warnings");
  py.import("import torch");
  py.helper("torch2_initial_rule", INITIAL_RULE_PY);
  py.helper(name, `${name} = torch2_initial_rule(lr_scheduler.${name}, ${update})`);
  return name;
}

/**
 * The `field` option of every scheduler that can drive another param-group field than `lr`.
 * A spec holds it only when the field is not `lr`, so a PyTorch spec stays PyTorch's.
 */
export const fieldRow: OptionInfo = {
  kind: "enum",
  description: "The param-group field to drive (momentum, beta1, beta2, weightDecay, eps).",
  choices: FIELDS,
  defaultText: '"lr"; a spec holds field only when it is another',
};

/** `table` with the `field` row at its end. */
export function withField(table: OptionTable): OptionTable {
  return { ...table, field: fieldRow };
}

/** A scheduler's `field` for its spec: `undefined` for `"lr"` (the default, left out). */
export function fieldOf(s: LRScheduler): string | undefined {
  return s.field === "lr" ? undefined : s.field;
}

/** `lr_scheduler.Name(optimizer, keyword=value, ...)` (another `field`: see `_field_py.ts`). */
export function torchClass(name: string, table: OptionTable) {
  return (o: JsonObject, py: PyWriter) => {
    const kwargs = py.kwargs(o, table, ["field"]);
    return `${torchName(name, py)}(optimizer${kwargs ? `, ${kwargs}` : ""})`;
  };
}

export function simple(
  type: string,
  description: string,
  options: OptionTable,
  cls: new (optimizer: OptimizerLike, options: AnyOptions) => LRScheduler,
): SchedulerType {
  const table = withField(options);
  return {
    type,
    description,
    options: table,
    create: (optimizer, o) => new cls(optimizer, o),
    matches: exactly(cls),
    read: (s) => {
      const state = s.stateDict();
      return {
        ...Object.fromEntries(Object.keys(options).map((key) => [key, state[key]])),
        field: fieldOf(s),
      };
    },
    pytorch: torchClass(type, table),
  };
}
