/**
 * The harness can fail: each way a bad-input case can go wrong is reported.
 */

import assert from "node:assert/strict";
import { capture, runCase } from "./_harness.ts";
import { tensor } from "../../lib/mod.ts";

const base = { export: "tensor", label: "probe" };

Deno.test("runCase passes a clear error that names the argument and changes nothing", async () => {
  const problem = await runCase({
    ...base,
    call: () => {
      throw new RangeError("lr must be finite, got lr=NaN");
    },
    error: RangeError,
    includes: ["lr", "NaN"],
  });
  assert.equal(problem, undefined);
});

Deno.test("runCase reports a call accepted silently", async () => {
  assert.equal(
    await runCase({ ...base, call: () => 1, error: RangeError, includes: ["x"] }),
    "accepted silently (no error)",
  );
});

Deno.test("runCase reports the wrong error class", async () => {
  const problem = await runCase({
    ...base,
    call: () => {
      throw new TypeError("x must be a number, got x=1");
    },
    error: RangeError,
    includes: ["x"],
  });
  assert.match(problem!, /^threw TypeError: .*expected RangeError$/);
});

Deno.test("runCase reports a message without the argument or value", async () => {
  const problem = await runCase({
    ...base,
    call: () => {
      throw new RangeError("bad value");
    },
    error: RangeError,
    includes: ["lr", "NaN"],
  });
  assert.match(problem!, /lacks "lr","NaN"/);
});

Deno.test("runCase reports JavaScript's own messages as unclear", async () => {
  const problem = await runCase({
    ...base,
    call: () => (null as unknown as { x: number }).x,
    error: TypeError,
    includes: ["null"],
  });
  assert.match(problem!, /^unclear message/);
});

Deno.test("runCase reports a rejected promise like a throw, and a resolved one as accepted", async () => {
  const rejected = await runCase({
    ...base,
    call: () => Promise.reject(new RangeError("n must be positive, got n=0")),
    error: RangeError,
    includes: ["n=0"],
  });
  assert.equal(rejected, undefined);
  const resolved = await runCase({
    ...base,
    call: () => Promise.resolve(1),
    error: RangeError,
    includes: ["n"],
  });
  assert.equal(resolved, "accepted silently (no error)");
});

Deno.test("runCase reports a failed call that changed the snapshot", async () => {
  const problem = await runCase({
    ...base,
    setup: () => tensor([1, 2]),
    call: (t) => {
      (t as ReturnType<typeof tensor>).data[0] = NaN;
      throw new RangeError("x must be finite, got x=NaN");
    },
    error: RangeError,
    includes: ["x", "NaN"],
    snapshot: (t) => capture(t),
  });
  assert.match(problem!, /^the failed call changed state/);
});

Deno.test("capture copies tensors, typed arrays and objects with stateDict, and NaN equals NaN", () => {
  const t = tensor([NaN, 1]);
  const owner = { stateDict: () => ({ a: [1] }), paramGroups: [{ lr: 0.1, params: [t] }] };
  const a = capture(t, owner, new Float64Array([2]));
  assert.deepStrictEqual(capture(t, owner, new Float64Array([2])), a);
  t.data[1] = 5;
  assert.notDeepStrictEqual(capture(t, owner, new Float64Array([2])), a);
});
