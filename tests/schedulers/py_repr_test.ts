/**
 * pyRepr() and pyFloatRepr() against Python's own repr: the fixture holds tricky floats by
 * their IEEE-754 bits together with what /usr/bin/python3 printed for them. Exact strings.
 */

import assert from "node:assert/strict";
import { pyFloatRepr, pyRepr } from "../../lib/schedulers/mod.ts";
import { fixture } from "./_decay_helpers.ts";

/** The float whose big-endian IEEE-754 bits are `hex` (16 hex digits). */
function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

Deno.test("pyFloatRepr() prints every fixture float as Python's repr does", () => {
  let count = 0;
  for (const entry of fixture.pyRepr) {
    if (!("bits" in entry)) continue;
    assert.equal(pyFloatRepr(fromBits(entry.bits)), entry.repr, `bits ${entry.bits}`);
    count += 1;
  }
  assert.ok(count >= 40, `only ${count} floats`);
});

Deno.test("pyRepr() prints lists as Python's repr does", () => {
  let count = 0;
  for (const entry of fixture.pyRepr) {
    if (!("list" in entry)) continue;
    assert.equal(pyRepr(entry.list.map(fromBits)), entry.repr);
    count += 1;
  }
  assert.ok(count >= 5);
});

Deno.test("pyFloatRepr() switches to an exponent below 1e-4 and from 1e16 on", () => {
  assert.equal(pyFloatRepr(1e-4), "0.0001");
  assert.equal(pyFloatRepr(9.999999999999999e-5), "9.999999999999999e-05");
  assert.equal(pyFloatRepr(9999999999999998), "9999999999999998.0");
  assert.equal(pyFloatRepr(1e16), "1e+16");
  assert.equal(pyFloatRepr(-2.5e-7), "-2.5e-07");
  assert.equal(pyFloatRepr(1e100), "1e+100");
  assert.equal(pyFloatRepr(5e-324), "5e-324");
});
