import assert from "node:assert/strict";
import { claim } from "../lib/claim.ts";

Deno.test("claim prints ✓ when the statement holds and throws ✗ when it does not", () => {
  const printed: unknown[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => printed.push(...args);
  try {
    claim("1 < 2", 1 < 2);
  } finally {
    console.log = log;
  }
  assert.deepEqual(printed, ["✓ 1 < 2"]);
  assert.throws(() => claim("2 < 1", 2 < 1), new Error("✗ 2 < 1"));
  assert.throws(
    () => claim("x", 1 as never),
    new TypeError("holds must be a boolean, got holds=1"),
  );
  assert.throws(() => claim("", true), TypeError);
});
