import assert from "node:assert/strict";
import {
  CyclicLR,
  LambdaLR,
  scheduleFromSpec,
  ScheduleLR,
  schedulerFromSpec,
  type Spec,
  stepDecay,
  toSpec,
} from "../../lib/mod.ts";

const optimizer = () => ({
  paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.05, momentum: 0.9 }],
});

function throwsWith(
  fn: () => unknown,
  ErrorClass: new (...args: never[]) => Error,
  ...fragments: string[]
): string {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ErrorClass, `expected a ${ErrorClass.name}, got ${caught}`);
  for (const f of fragments) assert.ok(caught.message.includes(f), `${caught.message} lacks ${f}`);
  return caught.message;
}

Deno.test("an unknown type is named, with the list of known types", () => {
  const message = throwsWith(
    () => schedulerFromSpec(optimizer(), { type: "StepLr", stepSize: 2 }),
    RangeError,
    "unknown spec type StepLr; known types: StepLR, MultiStepLR,",
    "ParamwiseScheduler, stepDecay,",
    "oneCycleSchedule",
  );
  assert.ok(!message.includes("undefined"));
  throwsWith(() => scheduleFromSpec({ type: "cosine" }), RangeError, "unknown spec type cosine");
});

Deno.test("validation is the constructors' own: same classes, same messages", () => {
  throwsWith(
    () => schedulerFromSpec(optimizer(), { type: "StepLR", stepSize: 0 }),
    RangeError,
    "stepSize must be a positive integer, got stepSize=0",
  );
  throwsWith(
    () => schedulerFromSpec(optimizer(), { type: "ConstantLR", factor: 2 }),
    RangeError,
    "Constant multiplicative factor expected to be between 0 and 1, got factor=2",
  );
  throwsWith(
    () => scheduleFromSpec({ type: "cosineDecaySchedule", initValue: 1, decaySteps: -1 }),
    RangeError,
    "decaySteps must be positive, got decaySteps=-1",
  );
  throwsWith(
    () => schedulerFromSpec(optimizer(), { type: "StepLR" }),
    TypeError,
    "stepSize must be a number, got stepSize=undefined",
  );
});

Deno.test("unknown keys are refused with a did-you-mean, nested ones too", () => {
  throwsWith(
    () => schedulerFromSpec(optimizer(), { type: "StepLR", step_size: 2 }),
    TypeError,
    "StepLR got an unknown option step_size (did you mean stepSize?); expected one of stepSize, gamma",
  );
  throwsWith(
    () =>
      schedulerFromSpec(optimizer(), {
        type: "ScheduleLR",
        schedule: {
          type: "joinSchedules",
          schedules: [{ type: "constantSchedule", valeu: 1 }],
          boundaries: [],
        },
      }),
    TypeError,
    "constantSchedule got an unknown option valeu (did you mean value?)",
  );
  throwsWith(
    () => schedulerFromSpec(optimizer(), { type: "ExponentialLR", gamma: null }),
    TypeError,
    "ExponentialLR option gamma must not be null, got gamma=null",
  );
});

Deno.test("function options name the option and the data form to use", () => {
  throwsWith(
    () => schedulerFromSpec(optimizer(), { type: "LambdaLR", lrLambda: (e: number) => 0.9 ** e }),
    TypeError,
    "LambdaLR option lrLambda is a function, which a spec cannot hold",
    "pure-schedule spec",
  );
  throwsWith(
    () =>
      schedulerFromSpec(optimizer(), { type: "CyclicLR", baseLr: 0.1, maxLr: 1, scaleFn: () => 1 }),
    TypeError,
    "CyclicLR option scaleFn is a function, which a spec cannot hold",
    '"type": "ScheduleLR"',
  );
  throwsWith(
    () => toSpec(new LambdaLR(optimizer(), { lrLambda: (e) => 0.9 ** e })),
    TypeError,
    "LambdaLR option lrLambda is a function",
    '"lrLambda": { "type": "exponentialDecay"',
  );
  throwsWith(
    () => toSpec(new CyclicLR(optimizer(), { baseLr: 0.1, maxLr: 1, scaleFn: (x) => 1 / x })),
    TypeError,
    "CyclicLR option scaleFn is a function",
  );
  throwsWith(
    () => toSpec(new ScheduleLR(optimizer(), { schedule: stepDecay({ lr0: 1, period: 2 }) })),
    TypeError,
    "ScheduleLR option schedule is not readable",
    "schedulerFromSpec",
  );
  throwsWith(
    () => toSpec((t: number) => 1 / (1 + t)),
    TypeError,
    "this schedule is a hand-written function, which a spec cannot hold",
    "cosineDecaySchedule",
  );
});

Deno.test("options a spec does not take say why", () => {
  throwsWith(
    () => schedulerFromSpec(optimizer(), { type: "StepLR", stepSize: 2, lastEpoch: 4 }),
    TypeError,
    "StepLR option lastEpoch is state, not part of a spec",
    "stateDict()",
  );
  throwsWith(
    () =>
      schedulerFromSpec(optimizer(), { type: "OneCycleLR", maxLr: 1, epochs: 2, stepsPerEpoch: 5 }),
    TypeError,
    "totalSteps (epochs * stepsPerEpoch)",
  );
  throwsWith(
    () =>
      schedulerFromSpec(optimizer(), {
        type: "CyclicLR",
        baseLr: 0.1,
        maxLr: 1,
        scaleMode: "cycle",
      }),
    TypeError,
    "scaleMode only applies together with a scaleFn",
  );
});

Deno.test("a scheduler spec and a schedule spec are not interchangeable, and the error says what to do", () => {
  throwsWith(
    () => schedulerFromSpec(optimizer(), { type: "stepDecay", lr0: 1, period: 2 }),
    TypeError,
    'stepDecay is a pure schedule, not a scheduler: drive an optimizer with it through { "type": "ScheduleLR"',
  );
  throwsWith(
    () => scheduleFromSpec({ type: "StepLR", stepSize: 2 }),
    TypeError,
    "StepLR is a scheduler, not a pure schedule",
  );
});

Deno.test("the version field: absent or 1 loads; newer or malformed is refused", () => {
  const spec: Spec = { type: "StepLR", stepSize: 2 };
  schedulerFromSpec(optimizer(), spec);
  schedulerFromSpec(optimizer(), { anneal: 1, $schema: "./lib/spec/spec.schema.json", ...spec });
  throwsWith(
    () => schedulerFromSpec(optimizer(), { anneal: 2, ...spec }),
    RangeError,
    "spec.anneal is 2, a newer spec format than this anneal reads (1)",
  );
  throwsWith(
    () => scheduleFromSpec({ anneal: "1", type: "constantSchedule", value: 1 } as never),
    TypeError,
    "spec.anneal",
  );
  throwsWith(
    () =>
      schedulerFromSpec(optimizer(), {
        type: "ChainedScheduler",
        schedulers: [{ anneal: 1, type: "StepLR", stepSize: 2 }],
      }),
    TypeError,
    "spec.schedulers[0].anneal belongs at the top level of a spec only",
  );
});

Deno.test("a spec that fails leaves the optimizer untouched, even after its first children built", () => {
  const o = optimizer();
  const before = structuredClone(o);
  throwsWith(
    () =>
      schedulerFromSpec(o, {
        type: "SequentialLR",
        schedulers: [
          { type: "CyclicLR", baseLr: 0.001, maxLr: 0.1 },
          { type: "OneCycleLR", maxLr: 0.3, totalSteps: 10 },
          { type: "StepLR", stepSize: -1 },
        ],
        milestones: [3, 6],
      }),
    RangeError,
    "stepSize must be a positive integer, got stepSize=-1",
  );
  assert.deepEqual(o, before);
});

Deno.test("specs must be objects with a string type", () => {
  throwsWith(
    () => schedulerFromSpec(optimizer(), null as never),
    TypeError,
    "spec must be a spec object, got spec=null",
  );
  throwsWith(
    () => scheduleFromSpec({} as never),
    TypeError,
    "spec.type must be a string, got spec.type=undefined",
  );
  throwsWith(
    () =>
      schedulerFromSpec(optimizer(), { type: "ChainedScheduler", schedulers: { type: "StepLR" } }),
    TypeError,
    "spec.schedulers must be an array of specs",
  );
  throwsWith(
    () => toSpec(42 as never),
    TypeError,
    "toSpec expects a scheduler or a pure schedule, got 42",
  );
});
