import assert from "node:assert/strict";
import {
  ExponentialLR,
  type OptimizerLike,
  registerSchedule,
  registerScheduler,
  scheduleFromSpec,
  schedulerFromSpec,
  specJsonSchema,
  specTypes,
  toPyTorch,
  toSpec,
} from "../../lib/mod.ts";

Deno.test("the built-in registry: PyTorch's 16 schedulers, ScheduleLR, the hf, timm, Keras and optax families", () => {
  const { schedulers, schedules } = specTypes();
  assert.deepEqual(schedulers.map((t) => t.type).sort(), [
    "ChainedScheduler",
    "ConstantLR",
    "CosineAnnealingLR",
    "CosineAnnealingWarmRestarts",
    "CosineLRScheduler",
    "CyclicLR",
    "ExponentialLR",
    "LambdaLR",
    "LinearLR",
    "MultiStepLR",
    "MultiStepLRScheduler",
    "MultiplicativeLR",
    "OneCycleLR",
    "ParamwiseScheduler",
    "PlateauLRScheduler",
    "PolyLRScheduler",
    "PolynomialLR",
    "ReduceLROnPlateau",
    "SWALR",
    "ScheduleLR",
    "SequentialLR",
    "StepLR",
    "StepLRScheduler",
    "TanhLRScheduler",
    "WarmupLR",
    "getConstantSchedule",
    "getConstantScheduleWithWarmup",
    "getCosineScheduleWithWarmup",
    "getCosineWithHardRestartsScheduleWithWarmup",
    "getCosineWithMinLrScheduleWithWarmup",
    "getCosineWithMinLrScheduleWithWarmupLrRate",
    "getInverseSqrtSchedule",
    "getLinearScheduleWithWarmup",
    "getPolynomialDecayScheduleWithWarmup",
    "getReduceOnPlateauSchedule",
    "getWsdSchedule",
  ]);
  const pure = schedules.map((t) => t.type);
  assert.equal(pure.filter((t) => !t.includes(".")).length, 14);
  assert.equal(pure.filter((t) => t.startsWith("keras.")).length, 6);
  assert.equal(pure.filter((t) => t.startsWith("optax.")).length, 14);
});

Deno.test("every option row is complete: a description, choices for enums, defaults within bounds", () => {
  const { schedulers, schedules } = specTypes();
  for (const t of [...schedulers, ...schedules]) {
    for (const [key, info] of Object.entries(t.options)) {
      const where = `${t.type}.${key}`;
      assert.ok(info.description.length > 0, where);
      if (info.kind === "enum") {
        assert.ok((info.choices?.length ?? 0) > 0, where);
        if (info.default !== undefined) {
          assert.ok(info.choices!.includes(info.default as string), where);
        }
      }
      if (typeof info.default === "number") {
        if (info.min !== undefined) {
          assert.ok(info.exclusiveMin ? info.default > info.min : info.default >= info.min, where);
        }
        if (info.max !== undefined) assert.ok(info.default <= info.max, where);
      }
    }
  }
});

Deno.test("every default in an option table is the constructor's own default", () => {
  const optimizer = () => ({ paramGroups: [{ lr: 0.1, momentum: 0.9 }] });
  const required: Record<string, unknown> = {
    stepSize: 2,
    milestones: [3],
    gamma: 0.5,
    tMax: 10,
    t0: 10,
    baseLr: 0.01,
    maxLr: 0.1,
    totalSteps: 100,
    lrLambda: { type: "constantSchedule", value: 1 },
    schedule: { type: "constantSchedule", value: 1 },
    schedulers: [{ type: "StepLR", stepSize: 2 }],
    swaLr: 0.05,
    tInitial: 10,
    decayT: 4,
    numWarmupSteps: 2,
    numTrainingSteps: 20,
    numDecaySteps: 5,
    minLrRate: 0.1,
  };
  for (const t of specTypes().schedulers) {
    const spec: Record<string, unknown> = { type: t.type };
    for (const [key, info] of Object.entries(t.options)) {
      if (info.default === undefined && info.defaultText === undefined) spec[key] = required[key];
    }
    if (t.type === "SequentialLR") spec.milestones = [];
    if (t.type === "MultiStepLRScheduler") spec.decayT = [4, 8];
    if (t.type === "WarmupLR") {
      Object.assign(spec, { scheduler: { type: "StepLR", stepSize: 2 }, warmupSteps: 3 });
    }
    if (t.type === "ParamwiseScheduler") spec.schedulers = [{ type: "StepLR", stepSize: 2 }];
    const full = toSpec(schedulerFromSpec(optimizer(), spec as never));
    for (const [key, info] of Object.entries(t.options)) {
      if (info.default !== undefined) assert.deepEqual(full[key], info.default, `${t.type}.${key}`);
    }
  }
});

Deno.test("registerScheduler adds a type that builds, reads back, exports and appears in the schema", () => {
  class HalvingLR extends ExponentialLR {
    constructor(optimizer: OptimizerLike) {
      super(optimizer, { gamma: 0.5 });
    }
  }
  registerScheduler({
    type: "HalvingLR",
    description: "Halves the lr every epoch.",
    options: {},
    create: (optimizer) => new HalvingLR(optimizer),
    matches: (s) => s instanceof HalvingLR,
    read: () => ({}),
    pytorch: () => "lr_scheduler.ExponentialLR(optimizer, gamma=0.5)",
  });
  const s = schedulerFromSpec({ paramGroups: [{ lr: 1 }] }, { type: "HalvingLR" });
  s.step();
  assert.equal(s.getLastLr()[0], 0.5);
  assert.deepEqual(toSpec(s), { anneal: 1, type: "HalvingLR" });
  assert.ok(toPyTorch({ type: "HalvingLR" }).includes("scheduler = lr_scheduler.ExponentialLR"));
  assert.ok("HalvingLR" in (specJsonSchema().$defs as object));
  assert.throws(
    () => registerScheduler({ ...specTypes().schedulers.at(-1)! }),
    /spec type HalvingLR is already registered/,
  );
});

Deno.test("registerSchedule adds a pure-schedule type; names must be identifiers and new", () => {
  registerSchedule({
    type: "halvingSchedule",
    description: "Halves a value every step.",
    options: { value: { kind: "number", description: "The value at step 0." } },
    create: (o) => (t: number) => (o.value as number) * 0.5 ** t,
  });
  const halving = scheduleFromSpec({ type: "halvingSchedule", value: 4 });
  assert.equal(halving(2), 1);
  assert.deepEqual(toSpec(halving), { anneal: 1, type: "halvingSchedule", value: 4 });
  assert.throws(
    () => registerSchedule({ ...specTypes().schedules[0]! }),
    /spec type stepDecay is already registered/,
  );
  assert.throws(
    () => registerSchedule({ ...specTypes().schedules[0]!, type: "not a name" }),
    TypeError,
  );
  assert.throws(
    () =>
      registerSchedule(
        {
          type: "x",
          description: "",
          options: {},
          create: () => () => 1,
          pyhton: () => "",
        } as never,
      ),
    /registerSchedule got an unknown option pyhton \(did you mean python\?\)/,
  );
  assert.throws(
    () =>
      registerScheduler({
        type: "y",
        description: "",
        options: { a: { kind: "float", description: "" } },
        create: () => null,
        matches: () => false,
        read: () => ({}),
      } as never),
    /entry.options.a.kind must be one of/,
  );
});
