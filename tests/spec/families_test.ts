import assert from "node:assert/strict";
import {
  hf,
  keras,
  optax,
  scheduleFromSpec,
  schedulerFromSpec,
  type Spec,
  SWALR,
  timm,
  TimmLR,
  toKeras,
  toOptax,
  toPyTorch,
  toSpec,
} from "../../lib/mod.ts";
import {
  FAMILY_CASES,
  FAMILY_SCHEDULERS,
  FAMILY_SCHEDULES,
  SCHED_SCHEDULERS,
} from "./_family_specs.ts";
import { annealLrs, PYTHON, runTorch, torchOrSkip, torchRowsToCompare } from "./_torch.ts";

/** Relative tolerance where Python's math and JavaScript's Math may round differently. */
const TOLERANCE = 1e-12;

const optimizer = () => ({
  paramGroups: [
    { lr: 0.1, momentum: 0.9, weightDecay: 0.01 },
    { lr: 0.05, momentum: 0.9, weightDecay: 0.01 },
  ],
});
const json = <T>(x: T): T => JSON.parse(JSON.stringify(x));

Deno.test("every family spec round-trips: toSpec(fromSpec(s)) is s, through JSON", async (t) => {
  for (const spec of [...FAMILY_SCHEDULERS, ...SCHED_SCHEDULERS]) {
    await t.step(`${spec.type}${spec.field ? ` (field ${spec.field})` : ""}`, () => {
      assert.deepEqual(json(toSpec(schedulerFromSpec(optimizer(), json(spec)))), {
        anneal: 1,
        ...spec,
      });
    });
  }
  for (const spec of FAMILY_SCHEDULES) {
    await t.step(spec.type, () => {
      assert.deepEqual(json(toSpec(scheduleFromSpec(json(spec)))), { anneal: 1, ...spec });
    });
  }
});

Deno.test("a family spec builds the family's own numbers", async (t) => {
  await t.step("hf: the spec steps as the function", () => {
    const a = optimizer();
    const b = optimizer();
    const s = schedulerFromSpec(a, FAMILY_SCHEDULERS[10]!);
    const { type: _type, ...options } = FAMILY_SCHEDULERS[10]!;
    const direct = hf.getWsdSchedule(b, options as hf.WsdScheduleOptions);
    for (let i = 0; i < 80; i++) {
      assert.deepEqual(a.paramGroups, b.paramGroups);
      s.step();
      direct.step();
    }
  });
  await t.step("timm: the k-th step() is timm's step(k)", () => {
    const a = optimizer();
    const b = optimizer();
    const s = schedulerFromSpec(a, { type: "CosineLRScheduler", tInitial: 10, warmupT: 3 });
    const direct = new timm.CosineLRScheduler(b, { tInitial: 10, warmupT: 3 });
    for (let k = 1; k < 30; k++) {
      s.step();
      direct.step(k);
      assert.deepEqual(a.paramGroups.map((g) => g.lr), b.paramGroups.map((g) => g.lr));
    }
  });
  await t.step("timm with tInEpochs false: the k-th step() is timm's stepUpdate(k)", () => {
    const a = optimizer();
    const b = optimizer();
    const options = { decayT: 3, decayRate: 0.5, tInEpochs: false };
    const s = schedulerFromSpec(a, { type: "StepLRScheduler", ...options });
    const direct = new timm.StepLRScheduler(b, options);
    for (let k = 1; k < 20; k++) {
      s.step();
      direct.stepUpdate(k);
      assert.deepEqual(a.paramGroups.map((g) => g.lr), b.paramGroups.map((g) => g.lr));
    }
  });
  await t.step("keras and optax: the spec is the function", () => {
    const lr = scheduleFromSpec(FAMILY_SCHEDULES[5]!);
    const { type: _k, ...k } = FAMILY_SCHEDULES[5]!;
    const direct = keras.CosineDecayRestarts(k as keras.CosineDecayRestartsOptions);
    const { type: _o, ...o } = FAMILY_SCHEDULES[14]!;
    const one = optax.cosineOnecycleSchedule(o as optax.CosineOnecycleScheduleOptions);
    const fromSpec = scheduleFromSpec(FAMILY_SCHEDULES[14]!);
    for (let t = 0; t < 100; t++) {
      assert.equal(lr(t), direct(t));
      assert.equal(fromSpec(t), one(t));
    }
  });
});

Deno.test("toSpec reads family objects built directly", () => {
  assert.deepEqual(
    toSpec(hf.getCosineScheduleWithWarmup(optimizer(), {
      numWarmupSteps: 2,
      numTrainingSteps: 9,
    })),
    {
      anneal: 1,
      type: "getCosineScheduleWithWarmup",
      numWarmupSteps: 2,
      numTrainingSteps: 9,
      numCycles: 0.5,
    },
  );
  assert.deepEqual(toSpec(hf.getInverseSqrtSchedule(optimizer(), { numWarmupSteps: 0 })), {
    anneal: 1,
    type: "getInverseSqrtSchedule",
    numWarmupSteps: 0,
    timescale: 10000,
  });
  const poly = new timm.PolyLRScheduler(optimizer(), { tInitial: 12, power: 1 });
  const spec = toSpec(poly);
  assert.equal(spec.type, "PolyLRScheduler");
  assert.equal(spec.power, 1);
  assert.equal(spec.warmupPrefix, false);
  const again = schedulerFromSpec(optimizer(), spec);
  assert.ok(again instanceof TimmLR && again.timm instanceof timm.PolyLRScheduler);
  assert.deepEqual(toSpec(new SWALR(optimizer(), { swaLr: 0.01, annealEpochs: 3 })), {
    anneal: 1,
    type: "SWALR",
    swaLr: 0.01,
    annealEpochs: 3,
    annealStrategy: "cos",
  });
  // A ReduceLROnPlateau built by its constructor stays a ReduceLROnPlateau spec.
  assert.equal(toSpec(hf.getReduceOnPlateauSchedule(optimizer())).type, "ReduceLROnPlateau");
});

Deno.test("a field other than lr is kept in the spec, left out for lr, and exported through a field view", () => {
  const groups = () => ({
    paramGroups: [{ lr: 0.1, momentum: 0.9, weightDecay: 0.01 }],
  });
  const o = groups();
  const s = schedulerFromSpec(o, { type: "ExponentialLR", gamma: 0.5, field: "momentum" });
  s.step();
  assert.equal(o.paramGroups[0]!.momentum, 0.45);
  assert.equal(o.paramGroups[0]!.lr, 0.1);
  assert.equal(toSpec(s).field, "momentum");
  assert.equal(
    "field" in toSpec(schedulerFromSpec(groups(), { type: "StepLR", stepSize: 2 })),
    false,
  );
  assert.ok(
    toPyTorch({ type: "StepLR", stepSize: 2, field: "weightDecay" })
      .includes('scheduler = _factory0(field_view(optimizer, "weight_decay"))'),
  );
});

Deno.test("a TimmLR saves and restores its timm scheduler's state", () => {
  const a = optimizer();
  const spec = FAMILY_SCHEDULERS[12]!;
  const s = schedulerFromSpec(a, spec);
  for (let i = 0; i < 12; i++) s.step();
  const b = optimizer();
  const t = schedulerFromSpec(b, spec);
  t.loadStateDict(json(s.stateDict()));
  for (let i = 0; i < 20; i++) {
    s.step();
    t.step();
    assert.deepEqual(a.paramGroups.map((g) => g.lr), b.paramGroups.map((g) => g.lr));
  }
});

Deno.test("Keras specs export to Keras' own class; optax specs to optax", () => {
  assert.equal(
    toKeras(FAMILY_SCHEDULES[4]!).split("\n").at(-2),
    "schedule = keras.optimizers.schedules.CosineDecay(initial_learning_rate=0.01, " +
      "decay_steps=80, alpha=0.05, warmup_target=0.1, warmup_steps=10)",
  );
  assert.equal(
    toKeras(FAMILY_SCHEDULES[1]!).split("\n").at(-2),
    "schedule = keras.optimizers.schedules.PiecewiseConstantDecay(boundaries=[20, 50], " +
      "values=[0.1, 0.05, 0.01])",
  );
  assert.equal(
    toOptax(FAMILY_SCHEDULES[14]!).split("\n").at(-2),
    "schedule = optax.cosine_onecycle_schedule(transition_steps=70, peak_value=0.1, " +
      "pct_start=0.3, div_factor=25.0, final_div_factor=10000.0)",
  );
  assert.equal(
    toOptax(FAMILY_SCHEDULES[18]!).split("\n").at(-2),
    "schedule = optax.sgdr_schedule(cosine_kwargs=[dict(init_value=0.0, peak_value=0.1, " +
      "warmup_steps=5, decay_steps=30, end_value=0.0, exponent=1.0), dict(init_value=0.01, " +
      "peak_value=0.05, warmup_steps=3, decay_steps=25, end_value=0.001, exponent=2.0)])",
  );
  assert.throws(() => toOptax(FAMILY_SCHEDULES[0]!), TypeError);
  assert.throws(() => toKeras(FAMILY_SCHEDULES[6]!), TypeError);
  assert.throws(() => toOptax({ type: "CosineLRScheduler", tInitial: 5 }), TypeError);
});

Deno.test("every Keras and optax export is valid Python", async () => {
  if (!(await torchOrSkip("Python syntax of the exports"))) return;
  const sources = FAMILY_SCHEDULES.map((s) =>
    s.type.startsWith("keras.") ? toKeras(s) : toOptax(s)
  );
  const child = new Deno.Command(PYTHON, {
    args: ["-c", "import ast, json, sys\nfor s in json.load(sys.stdin): ast.parse(s)"],
    stdin: "piped",
    stderr: "piped",
    stdout: "null",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(sources)));
  await writer.close();
  const out = await child.output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
});

Deno.test("toPyTorch of every family spec, run under real torch, steps to anneal's lrs", async (t) => {
  if (!(await torchOrSkip("family specs under torch"))) return;
  const { torch, results } = await runTorch(
    FAMILY_CASES.map((c) => ({ ...c, code: toPyTorch(c.spec) })),
  );
  let exact = 0;
  let total = 0;
  let worst = 0;
  const inexact = new Set<string>();
  for (const [i, c] of FAMILY_CASES.entries()) {
    await t.step(c.name, () => {
      const result = results[i]!;
      assert.ok(!("error" in result), `torch raised ${"error" in result ? result.error : ""}`);
      const expected = annealLrs(c);
      assert.equal(expected.refusedAt, null, "anneal refused an epoch");
      const rows = torchRowsToCompare(result.lrs, expected);
      assert.equal(rows.length, expected.length);
      rows.forEach((row, epoch) => {
        row.forEach((lr, g) => {
          const ours = expected[epoch]![g]!;
          total += 1;
          if (Object.is(lr, ours)) exact += 1;
          else inexact.add(c.name);
          const relative = Math.abs(lr - ours) / Math.max(Math.abs(ours), Number.MIN_VALUE);
          worst = Math.max(worst, lr === ours ? 0 : relative);
          assert.ok(
            relative <= TOLERANCE,
            `epoch ${epoch}, group ${g}: torch ${lr}, anneal ${ours} (relative ${relative})`,
          );
        });
      });
    });
  }
  console.log(
    `torch ${torch}: ${FAMILY_CASES.length} family cases, ${exact} of ${total} lrs bit for bit, ` +
      `worst relative difference ${worst} (in: ${[...inexact].join("; ") || "none"})`,
  );
});

Deno.test("toSpec reads Keras and optax schedules built by their own functions", () => {
  for (const spec of FAMILY_SCHEDULES) {
    const { type, ...options } = spec;
    const [library, name] = type.split(".") as ["keras" | "optax", string];
    const build = (library === "keras" ? keras : optax) as unknown as Record<
      string,
      (o: unknown) => (t: number) => number
    >;
    // Nested specs (optax.joinSchedules) are built by scheduleFromSpec, the rest directly.
    const direct = type === "optax.joinSchedules"
      ? build[name]!({ ...options, schedules: options.schedules.map(scheduleFromSpec) })
      : build[name]!(json(options));
    assert.deepEqual(json(toSpec(direct)), { anneal: 1, ...spec }, type);
  }
  assert.deepEqual(toSpec(optax.cosineOnecycleSchedule({ transitionSteps: 10, peakValue: 1 })), {
    anneal: 1,
    type: "optax.cosineOnecycleSchedule",
    transitionSteps: 10,
    peakValue: 1,
    pctStart: 0.3,
    divFactor: 25,
    finalDivFactor: 1e4,
  });
});

/** Specs driving another field than the lr, each with the torch optimizer that has the field. */
const FIELD_CASES: { spec: Spec; optimizer: "SGD" | "Adam"; metrics?: number[] }[] = [
  { spec: { type: "StepLR", stepSize: 5, gamma: 0.9, field: "momentum" }, optimizer: "SGD" },
  {
    spec: { type: "CosineAnnealingLR", tMax: 30, etaMin: 0.5, field: "momentum" },
    optimizer: "SGD",
  },
  {
    spec: { type: "LinearLR", startFactor: 0.5, totalIters: 10, field: "beta1" },
    optimizer: "Adam",
  },
  {
    spec: { type: "MultiStepLR", milestones: [10, 20], gamma: 0.9995, field: "beta2" },
    optimizer: "Adam",
  },
  {
    spec: {
      type: "ScheduleLR",
      schedule: { type: "cosineDecaySchedule", initValue: 0.01, decaySteps: 40 },
      field: "weightDecay",
    },
    optimizer: "Adam",
  },
  { spec: { type: "ExponentialLR", gamma: 0.95, field: "eps" }, optimizer: "Adam" },
  {
    spec: { type: "ReduceLROnPlateau", patience: 2, factor: 0.5, field: "momentum" },
    optimizer: "SGD",
    metrics: Array.from({ length: 60 }, (_, i) => (i < 10 ? 5 - i / 10 : 4)),
  },
];

const FIELD_HARNESS = `
import json, sys, warnings
warnings.filterwarnings("ignore")
import torch
out = []
for case in json.load(sys.stdin):
    params = [torch.nn.Parameter(torch.zeros(1)) for _ in range(2)]
    groups = [{"params": [p], "lr": lr} for p, lr in zip(params, [0.1, 0.05])]
    if case["optimizer"] == "SGD":
        optimizer = torch.optim.SGD(groups, lr=0.1, momentum=0.9)
    else:
        optimizer = torch.optim.Adam(groups, lr=0.1, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)
    scope = {"optimizer": optimizer}
    exec(case["code"], scope)
    read = {
        "momentum": lambda g: g["momentum"], "beta1": lambda g: g["betas"][0],
        "beta2": lambda g: g["betas"][1], "weightDecay": lambda g: g["weight_decay"],
        "eps": lambda g: g["eps"],
    }[case["field"]]
    values = []
    for epoch in range(60):
        if epoch > 0:
            optimizer.step()
            if case.get("metrics"):
                scope["scheduler"].step(case["metrics"][epoch - 1])
            else:
                scope["scheduler"].step()
        values.append([[read(g), g["lr"]] for g in optimizer.param_groups])
    out.append(values)
print(json.dumps(out))
`;

Deno.test("a scheduler driving momentum, betas, weightDecay or eps exports to PyTorch with the same values", async (t) => {
  if (!(await torchOrSkip("field exports under torch"))) return;
  const child = new Deno.Command(PYTHON, {
    args: ["-c", FIELD_HARNESS],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(
    new TextEncoder().encode(JSON.stringify(FIELD_CASES.map((c) => ({
      code: toPyTorch(c.spec),
      optimizer: c.optimizer,
      field: c.spec.field,
      metrics: c.metrics,
    })))),
  );
  await writer.close();
  const output = await child.output();
  assert.ok(output.success, new TextDecoder().decode(output.stderr));
  const results: number[][][][] = JSON.parse(new TextDecoder().decode(output.stdout));
  let exact = 0;
  let total = 0;
  for (const [i, c] of FIELD_CASES.entries()) {
    await t.step(`${c.spec.type}, field ${c.spec.field}`, () => {
      const groups = [0.1, 0.05].map((lr) =>
        c.optimizer === "SGD"
          ? { lr, momentum: 0.9 }
          : { lr, betas: [0.9, 0.999] as [number, number], weightDecay: 0.01, eps: 1e-8 }
      );
      const optimizer = { paramGroups: groups };
      const s = schedulerFromSpec(optimizer, c.spec);
      const field = c.spec.field as string;
      const read = (g: Record<string, unknown>) =>
        field === "beta1"
          ? (g.betas as number[])[0]!
          : field === "beta2"
          ? (g.betas as number[])[1]!
          : g[field] as number;
      for (let epoch = 0; epoch < 60; epoch++) {
        if (epoch > 0) {
          if (c.metrics) (s.step as (m: number) => void)(c.metrics[epoch - 1]!);
          else s.step();
        }
        optimizer.paramGroups.forEach((g, j) => {
          const [theirs, theirLr] = results[i]![epoch]![j]!;
          const ours = read(g as unknown as Record<string, unknown>);
          total += 1;
          if (Object.is(theirs, ours)) exact += 1;
          assert.ok(
            rel(ours, theirs!) <= TOLERANCE,
            `epoch ${epoch}: torch ${theirs}, anneal ${ours}`,
          );
          assert.equal(theirLr, g.lr, "the lr is left alone");
        });
      }
    });
  }
  console.log(`field exports under torch: ${exact} of ${total} values bit for bit`);
});

function rel(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.abs(b);
}
