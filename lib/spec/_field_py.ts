/**
 * The PyTorch export of a scheduler driving another param-group field than the lr (`field`):
 * PyTorch's schedulers write `group["lr"]`, so the export hands them a view of the optimizer
 * whose groups map `"lr"` to the field (`momentum`, `betas[0]`, `betas[1]`, `weight_decay`,
 * `eps`) and `"initial_lr"` to the field's own initial value (`initial_momentum`, ...). The
 * arithmetic is the scheduler's own, on the field's values, as anneal's is.
 *
 * @module
 */

import type { JsonObject } from "../schedulers/lr_scheduler.ts";
import type { PyWriter } from "./_python.ts";

const FIELD_VIEW_PY = `
class FieldGroup(dict):
    """A param group as a scheduler driving \`field\` sees it: "lr" is the field, "initial_lr"
    the field's initial value; beta1 and beta2 are betas[0] and betas[1]."""

    def __init__(self, group, field):
        super().__init__()
        self.group, self.field = group, field

    def _key(self, key):
        if key == "lr":
            return self.field
        if key == "initial_lr":
            return "initial_" + self.field
        return key

    def __getitem__(self, key):
        k = self._key(key)
        if k in ("beta1", "beta2"):
            return self.group["betas"][0 if k == "beta1" else 1]
        return self.group[k]

    def __setitem__(self, key, value):
        k = self._key(key)
        if k in ("beta1", "beta2"):
            betas = list(self.group["betas"])
            betas[0 if k == "beta1" else 1] = value
            self.group["betas"] = tuple(betas)
        else:
            self.group[k] = value

    def __contains__(self, key):
        k = self._key(key)
        return "betas" in self.group if k in ("beta1", "beta2") else k in self.group

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def get(self, key, default=None):
        return self[key] if key in self else default


def field_view(optimizer, field):
    """The optimizer as a scheduler driving \`field\` sees it (a torch Optimizer, for the checks)."""
    view = torch.optim.Optimizer.__new__(torch.optim.Optimizer)
    view.param_groups = [FieldGroup(g, field) for g in optimizer.param_groups]
    view.defaults, view.state, view.step = optimizer.defaults, optimizer.state, optimizer.step
    return view
`;

/** The Python name of a field: anneal's camelCase key in snake_case. */
const PY_FIELD: Record<string, string> = {
  momentum: "momentum",
  beta1: "beta1",
  beta2: "beta2",
  weightDecay: "weight_decay",
  eps: "eps",
};

/**
 * A Python expression building the scheduler `spec` (whose `field` is not the lr) over a field
 * view of `optimizer`: the spec without `field`, written as a factory, called on the view.
 */
export function fieldScheduler(spec: JsonObject, py: PyWriter): string {
  const { field, ...rest } = spec;
  py.import("import torch");
  py.helper("field_view", FIELD_VIEW_PY);
  const factory = py.factory(rest);
  return `${factory}(field_view(optimizer, ${JSON.stringify(PY_FIELD[field as string])}))`;
}
