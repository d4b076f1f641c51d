import assert from "node:assert/strict";
import {
  scheduleFromSpec,
  schedulerFromSpec,
  specJsonSchema,
  specTypes,
  toSpec,
} from "../../lib/mod.ts";
import { schemaText } from "../../tools/spec_schema.ts";
import { FULL_SCHEDULERS, FULL_SCHEDULES } from "./_specs.ts";
import { PYTHON } from "./_torch.ts";
import { FAMILY_SCHEDULERS, FAMILY_SCHEDULES, SCHED_SCHEDULERS } from "./_family_specs.ts";

const SCHEMA_PATH = new URL("../../lib/spec/spec.schema.json", import.meta.url);

Deno.test("the committed lib/spec/spec.schema.json equals a fresh generation (deno task schema)", async () => {
  const committed = await Deno.readTextFile(SCHEMA_PATH);
  assert.deepEqual(JSON.parse(committed), specJsonSchema());
  assert.equal(committed, schemaText());
});

Deno.test("the schema has one definition per registered type, with the option tables' facts", () => {
  const schema = specJsonSchema();
  const defs = schema.$defs as Record<string, {
    required: string[];
    properties: Record<string, Record<string, unknown>>;
    additionalProperties: boolean;
  }>;
  const { schedulers, schedules } = specTypes();
  for (const t of [...schedulers, ...schedules]) {
    const def = defs[t.type]!;
    assert.ok(def, t.type);
    assert.equal(def.additionalProperties, false);
    assert.deepEqual(def.properties.type, { const: t.type });
    for (const [key, info] of Object.entries(t.options)) {
      assert.equal(def.properties[key]!.description?.toString().startsWith(info.description), true);
      assert.equal(
        def.required.includes(key),
        info.default === undefined && info.defaultText === undefined && !info.optional,
        `${t.type}.${key}`,
      );
    }
  }
  assert.deepEqual(defs.StepLR!.properties.stepSize, {
    description: "Epochs between two decays.",
    type: "integer",
    minimum: 1,
  });
  assert.deepEqual(defs.CyclicLR!.properties.mode!.enum, [
    "triangular",
    "triangular2",
    "exp_range",
  ]);
  assert.deepEqual(defs.StepLR!.required, ["type", "stepSize"]);
});

/** Validates each document with Python's jsonschema (Debian's, a dependency of Jupyter). */
async function validate(documents: unknown[]): Promise<string[] | undefined> {
  const script = `
import json, sys
try:
    import jsonschema
except ImportError:
    print(json.dumps(None)); sys.exit(0)
schema, documents = json.load(sys.stdin)
validator = jsonschema.Draft202012Validator(schema)
print(json.dumps([next((e.message for e in validator.iter_errors(d)), "") for d in documents]))
`;
  try {
    const child = new Deno.Command(PYTHON, {
      args: ["-c", script],
      stdin: "piped",
      stdout: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify([specJsonSchema(), documents])));
    await writer.close();
    const { stdout } = await child.output();
    return JSON.parse(new TextDecoder().decode(stdout)) ?? undefined;
  } catch {
    return undefined;
  }
}

Deno.test("the schema accepts every spec toSpec writes and refuses malformed ones (Python jsonschema)", async () => {
  const optimizer = () => ({
    paramGroups: [
      { lr: 0.1, momentum: 0.9, weightDecay: 0.01 },
      { lr: 0.05, momentum: 0.9, weightDecay: 0.01 },
    ],
  });
  const good = [
    ...[...FULL_SCHEDULERS, ...FAMILY_SCHEDULERS, ...SCHED_SCHEDULERS].map((s) =>
      toSpec(schedulerFromSpec(optimizer(), s))
    ),
    ...[...FULL_SCHEDULES, ...FAMILY_SCHEDULES].map((s) => toSpec(scheduleFromSpec(s))),
    { type: "CosineLRScheduler", tInitial: 10, noiseRangeT: 5 },
    { type: "StepLR", stepSize: 3, $schema: "./lib/spec/spec.schema.json" },
  ];
  const bad = [
    { type: "StepLR" },
    { type: "StepLR", stepSize: 0 },
    { type: "StepLR", stepSize: 2, step_size: 2 },
    { type: "StepLR", stepSize: 1.5 },
    { type: "CyclicLR", baseLr: 0.1, maxLr: 1, mode: "triangle" },
    { type: "SequentialLR", schedulers: [{ type: "nope" }], milestones: [] },
    { type: "ScheduleLR", schedule: { type: "StepLR", stepSize: 2 } },
    { type: "Unknown" },
    { type: "optax.sgdrSchedule", cosineKwargs: [{ initValue: 0, peakValue: 1, decaySteps: 5 }] },
    { type: "ParamwiseScheduler", schedulers: [{ type: "StepLR" }] },
    { type: "WarmupLR", scheduler: { type: "StepLR", stepSize: 2 } },
    { type: "StepLR", stepSize: 2, field: "momentumm" },
  ];
  const messages = await validate([...good, ...bad]);
  if (messages === undefined) {
    if (Deno.env.get("CI")) throw new Error(`${PYTHON} has no jsonschema, and CI is set`);
    console.log(`skipping schema validation: ${PYTHON} cannot import jsonschema`);
    return;
  }
  good.forEach((spec, i) =>
    assert.equal(messages[i], "", `${JSON.stringify(spec)}: ${messages[i]}`)
  );
  bad.forEach((spec, i) => assert.notEqual(messages[good.length + i], "", JSON.stringify(spec)));
});
