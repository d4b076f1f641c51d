/**
 * The shared checks of lib/_check.ts: how values appear in messages, which key a misspelling
 * most likely meant, and the one rule for options objects.
 */

import assert from "node:assert/strict";
import * as check from "../lib/_check.ts";
import { tensor } from "../lib/mod.ts";

Deno.test("show() prints numbers as JavaScript does and the rest as JSON", () => {
  assert.equal(check.show(NaN), "NaN");
  assert.equal(check.show(-Infinity), "-Infinity");
  assert.equal(check.show("3"), '"3"');
  assert.equal(check.show(undefined), "undefined");
  assert.equal(check.show(null), "null");
  assert.equal(check.show([1, NaN]), '[1,"NaN"]');
  assert.equal(check.show(() => 1), "a function");
});

Deno.test("show() names tensors and typed arrays, and cuts long values to 120 characters", () => {
  assert.equal(check.show(tensor([[1, 2, 3]])), "a Tensor of shape [1, 3]");
  assert.equal(check.show(new Float64Array([1, 2])), "Float64Array [1,2]");
  const long = check.show(Array.from({ length: 100 }, (_, i) => i));
  assert.equal(long.length, 120);
  assert.ok(long.endsWith("..."));
});

Deno.test("suggest() finds the camelCase form, a shared start, or a near spelling", () => {
  const keys = ["stepSize", "gamma", "reduction", "weightDecay", "lastEpoch"];
  assert.equal(check.suggest("step_size", keys), "stepSize"); // snake_case
  assert.equal(check.suggest("WEIGHTDECAY", keys), "weightDecay"); // case
  assert.equal(check.suggest("reduce", keys), "reduction"); // shared start
  assert.equal(check.suggest("gama", keys), "gamma"); // one edit
  assert.equal(check.suggest("lastEpochs", keys), "lastEpoch");
  assert.equal(check.suggest("momentum", keys), undefined); // nothing close
  assert.equal(check.suggest("k", keys), undefined);
});

Deno.test("options() rejects non-objects, unknown keys and explicit nulls, except nullable keys", () => {
  const allowed = ["stepSize", "gamma"];
  assert.deepEqual(check.options("StepLR", { stepSize: 2 }, allowed), { stepSize: 2 });
  assert.deepEqual(check.options("StepLR", { gamma: undefined }, allowed), { gamma: undefined });
  for (const value of [null, undefined, 3, "x", [1]]) {
    assert.throws(() => check.options("StepLR", value, allowed), {
      name: "TypeError",
      message: `StepLR options must be an object, got options=${check.show(value)}`,
    });
  }
  assert.throws(() => check.options("StepLR", { step_size: 2 }, allowed), {
    name: "TypeError",
    message:
      "StepLR got an unknown option step_size (did you mean stepSize?); expected one of stepSize, gamma",
  });
  assert.throws(() => check.options("StepLR", { gamma: null }, allowed), {
    name: "TypeError",
    message: "StepLR option gamma must not be null, got gamma=null",
  });
  assert.deepEqual(
    check.options("StepLR", { stepSize: null }, allowed, { nullable: ["stepSize"] }),
    { stepSize: null },
  );
});

Deno.test("the number checks give TypeError for a wrong type and RangeError for a wrong value", () => {
  assert.throws(() => check.finite("lr", "0.1"), {
    name: "TypeError",
    message: 'lr must be a number, got lr="0.1"',
  });
  assert.throws(() => check.finite("lr", Infinity), {
    name: "RangeError",
    message: "lr must be finite, got lr=Infinity",
  });
  assert.throws(() => check.positiveInteger("stepSize", 0), {
    name: "RangeError",
    message: "stepSize must be a positive integer, got stepSize=0",
  });
  assert.throws(() => check.boolean("nesterov", "false"), {
    name: "TypeError",
    message: 'nesterov must be a boolean, got nesterov="false"',
  });
});
