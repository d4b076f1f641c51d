/**
 * Parity with real PyTorch (float64): the 4-20-20-3 ReLU network of tools/fixtures_network.py,
 * trained from the same initial weights on the same data, must match PyTorch's losses and weights
 * after 1, 10 and 200 steps to 1e-10 relative (|ours − torch| ≤ 1e-10 · max(1, |torch|)), for
 * SGD (plain, momentum, dampening, Nesterov + weight decay, StepLR, summed loss), Adam (+ L2,
 * amsgrad) and AdamW, eagerly, through `capture`, and with the JavaScript fallback kernels.
 */

import assert from "node:assert/strict";
import { CrossEntropyLoss, Linear, ReLU, Sequential } from "../../lib/nn/mod.ts";
import { Adam, AdamW, SGD } from "../../lib/optim/mod.ts";
import { StepLR } from "../../lib/schedulers/step_lr.ts";
import { capture, tensor } from "../../lib/tensor/mod.ts";
import { useWasm } from "../../lib/tensor/_wasm.ts";

const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/network.json", import.meta.url)),
);
const RTOL = 1e-10;

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!, a = actual[i]!;
    if (!(Math.abs(a - e) <= RTOL * Math.max(1, Math.abs(e)))) {
      assert.fail(`${what}[${i}]: got ${a}, PyTorch ${e} (rtol ${RTOL})`);
    }
  }
}

function build() {
  const model = new Sequential(
    new Linear(4, 20),
    new ReLU(),
    new Linear(20, 20),
    new ReLU(),
    new Linear(20, 3),
  );
  for (const [name, p] of model.namedParameters()) p.data.set(fixture.init[name]);
  return model;
}

const x = tensor(fixture.x, [120, 4]);
const y = Int32Array.from(fixture.y);

Deno.test("CrossEntropyLoss and gradients at the initial weights match PyTorch", async (t) => {
  for (const reduction of ["mean", "sum"] as const) {
    await t.step(`reduction "${reduction}"`, () => {
      const model = build();
      const loss = new CrossEntropyLoss({ reduction }).forward(model.forward(x), y);
      loss.backward();
      close([loss.item()], [fixture.initial[reduction].loss], "loss");
      for (const [name, p] of model.namedParameters()) {
        close(p.grad!, fixture.initial[reduction].grads[name], `grad ${name}`);
      }
    });
  }
  await t.step('reduction "none" gives the per-sample losses', () => {
    const loss = new CrossEntropyLoss({ reduction: "none" }).forward(build().forward(x), y);
    close(loss.data, fixture.perSampleLoss, "per-sample loss");
  });
});

type Case = {
  name: string;
  optimizer: "SGD" | "Adam" | "AdamW";
  options: Record<string, unknown>;
  stepLR?: { stepSize: number; gamma: number };
  reduction?: "mean" | "sum";
  losses: Record<string, number>;
  params: Record<string, Record<string, number[]>>;
};

function train(c: Case, captured: boolean) {
  const model = build();
  const ctor = { SGD, Adam, AdamW }[c.optimizer];
  // deno-lint-ignore no-explicit-any
  const opt = new ctor(model.parameters(), c.options as any);
  const sched = c.stepLR ? new StepLR(opt, c.stepLR) : null;
  const lossFn = new CrossEntropyLoss({ reduction: c.reduction ?? "mean" });
  const body = () => {
    opt.zeroGrad();
    const loss = lossFn.forward(model.forward(x), y);
    loss.backward();
    opt.step();
    return loss;
  };
  const step = captured ? capture(body) : body;
  const seen: { losses: Record<string, number>; params: Record<string, Map<string, number[]>> } = {
    losses: {},
    params: {},
  };
  for (let i = 1; i <= 200; i++) {
    const loss = step();
    sched?.step();
    if (fixture.checkpoints.includes(i)) {
      seen.losses[i] = loss.item();
      seen.params[i] = new Map(model.namedParameters().map(([n, p]) => [n, p.toArray()]));
    }
  }
  return seen;
}

for (const c of fixture.cases as Case[]) {
  Deno.test(`${c.name}: losses and weights after 1, 10, 200 steps match PyTorch`, async (t) => {
    for (
      const [label, captured, kernels] of [
        ["eager", false, "wasm"],
        ["captured", true, "wasm"],
        ["captured, JavaScript kernels", true, "js"],
      ] as const
    ) {
      await t.step(label, () => {
        const was = useWasm();
        useWasm(kernels === "wasm");
        let seen;
        try {
          seen = train(c, captured);
        } finally {
          useWasm(was);
        }
        for (const step of fixture.checkpoints) {
          close([seen.losses[step]!], [c.losses[step]!], `loss at step ${step}`);
          for (const [name, expected] of Object.entries(c.params[step]!)) {
            close(seen.params[step]!.get(name)!, expected, `${name} after ${step} steps`);
          }
        }
      });
    }
  });
}
