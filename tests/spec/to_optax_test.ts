import assert from "node:assert/strict";
import { type Spec, toKeras, toOptax } from "../../lib/mod.ts";
import { PYTHON } from "./_torch.ts";

function throwsWith(fn: () => unknown, fragment: string): void {
  assert.throws(fn, (e: unknown) => e instanceof TypeError && e.message.includes(fragment));
}

const OPTAX: [Spec, string][] = [
  [
    { type: "cosineDecaySchedule", initValue: 0.1, decaySteps: 100 },
    "optax.cosine_decay_schedule(init_value=0.1, decay_steps=100, alpha=0.0, exponent=1.0)",
  ],
  [
    { type: "stepDecay", lr0: 0.1, period: 10 },
    "optax.exponential_decay(init_value=0.1, transition_steps=10, decay_rate=0.5, staircase=True)",
  ],
  [
    { type: "exponentialDecay", lr0: 1, decayRate: 0.9, transitionSteps: 5, endValue: 0.01 },
    "optax.exponential_decay(init_value=1.0, transition_steps=5, decay_rate=0.9, " +
    "transition_begin=0, staircase=False, end_value=0.01)",
  ],
  [{ type: "constantSchedule", value: 3 }, "optax.constant_schedule(3.0)"],
  [
    {
      type: "joinSchedules",
      schedules: [
        { type: "linearSchedule", initValue: 0, endValue: 0.1, transitionSteps: 10 },
        { type: "piecewiseConstantSchedule", initValue: 0.1, boundariesAndScales: { 50: 0.1 } },
      ],
      boundaries: [10],
    },
    "optax.join_schedules(schedules=[optax.linear_schedule(init_value=0.0, end_value=0.1, " +
    "transition_steps=10, transition_begin=0), optax.piecewise_constant_schedule(init_value=0.1, " +
    "boundaries_and_scales={50: 0.1})], boundaries=[10])",
  ],
  [
    {
      type: "ScheduleLR",
      schedule: {
        type: "warmupCosineDecaySchedule",
        initValue: 0,
        peakValue: 1,
        warmupSteps: 5,
        decaySteps: 50,
      },
    },
    "optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=1.0, warmup_steps=5, " +
    "decay_steps=50, end_value=0.0, exponent=1.0)",
  ],
];

const KERAS: [Spec, string][] = [
  [
    { type: "stepDecay", lr0: 0.1, beta: 0.1, period: 30 },
    "keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=0.1, decay_steps=30, " +
    "decay_rate=0.1, staircase=True)",
  ],
  [
    { type: "inverseTimeDecay", lr0: 0.1, k: 0.5, transitionSteps: 100 },
    "keras.optimizers.schedules.InverseTimeDecay(initial_learning_rate=0.1, decay_steps=100, " +
    "decay_rate=0.5, staircase=False)",
  ],
  [
    {
      type: "polynomialSchedule",
      initValue: 0.1,
      endValue: 0.001,
      power: 2,
      transitionSteps: 1000,
    },
    "keras.optimizers.schedules.PolynomialDecay(initial_learning_rate=0.1, decay_steps=1000, " +
    "end_learning_rate=0.001, power=2.0, cycle=False)",
  ],
  [
    { type: "linearSchedule", initValue: 0.1, endValue: 0, transitionSteps: 10 },
    "keras.optimizers.schedules.PolynomialDecay(initial_learning_rate=0.1, decay_steps=10, " +
    "end_learning_rate=0.0, power=1.0, cycle=False)",
  ],
  [
    { type: "cosineDecaySchedule", initValue: 0.1, decaySteps: 100, alpha: 0.1 },
    "keras.optimizers.schedules.CosineDecay(initial_learning_rate=0.1, decay_steps=100, alpha=0.1)",
  ],
];

Deno.test("toOptax(spec) writes the optax schedule with the same formula", () => {
  for (const [spec, call] of OPTAX) {
    const code = toOptax(spec);
    assert.ok(code.includes("import optax\n"), code);
    assert.ok(code.includes(`schedule = ${call}\n`), `${code}\nexpected ${call}`);
  }
});

Deno.test("toKeras(spec) writes the Keras schedule with the same formula", () => {
  for (const [spec, call] of KERAS) {
    const code = toKeras(spec);
    assert.ok(code.includes("import keras\n"), code);
    assert.ok(code.includes(`schedule = ${call}\n`), `${code}\nexpected ${call}`);
  }
});

Deno.test("specs with no exact optax or Keras equivalent throw a TypeError that says so", () => {
  throwsWith(
    () => toOptax({ type: "StepLR", stepSize: 3 }),
    "StepLR has no exact optax equivalent",
  );
  throwsWith(
    () =>
      toKeras({
        type: "SequentialLR",
        schedulers: [{ type: "StepLR", stepSize: 1 }],
        milestones: [],
      }),
    "toPyTorch",
  );
  throwsWith(
    () => toOptax({ type: "sgdrSchedule", peakValue: 1, cycleSteps: 10 }),
    "sgdrSchedule with these options has no exact optax equivalent",
  );
  throwsWith(
    () => toOptax({ type: "exponentialDecay", lr0: 1, k: 0.1 }),
    "exponentialDecay with these options has no exact optax",
  );
  throwsWith(
    () => toKeras({ type: "cosineDecaySchedule", initValue: 1, decaySteps: 10, exponent: 2 }),
    "no exact keras",
  );
  throwsWith(
    () =>
      toKeras({
        type: "polynomialSchedule",
        initValue: 1,
        endValue: 0,
        power: 1,
        transitionSteps: 10,
        transitionBegin: 5,
      }),
    "no exact keras",
  );
  throwsWith(
    () =>
      toOptax({
        type: "joinSchedules",
        schedules: [{ type: "constantSchedule", value: 1 }, {
          type: "oneCycleSchedule",
          peakValue: 1,
          totalSteps: 10,
        }],
        boundaries: [3],
      }),
    "oneCycleSchedule with these options has no exact optax",
  );
});

Deno.test("every optax and Keras export is valid Python (ast.parse)", async () => {
  const sources = [...OPTAX.map(([s]) => toOptax(s)), ...KERAS.map(([s]) => toKeras(s))];
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(PYTHON, {
      args: ["-c", "import ast, json, sys\nfor s in json.load(sys.stdin): ast.parse(s)"],
      stdin: "piped",
      stderr: "piped",
    }).spawn();
  } catch {
    if (Deno.env.get("CI")) throw new Error(`${PYTHON} is missing, and CI is set`);
    console.log(`skipping the Python syntax check: no ${PYTHON}`);
    return;
  }
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(sources)));
  await writer.close();
  const { success, stderr } = await child.output();
  assert.ok(success, new TextDecoder().decode(stderr));
});
