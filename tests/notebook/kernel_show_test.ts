/**
 * kernelShow() on the real Deno kernel: `docs/deno_kernel_race.py show` sends 40 cells back to
 * back (as Run All does), each ending with `await show(...)`, and checks through jupyter_client
 * (an independent ZMQ client) that every output is stamped with its own cell and arrives before
 * that cell's `idle`. Skipped when jupyter_client or the Deno kernelspec is missing, except
 * under CI.
 */

import assert from "node:assert/strict";
import { kernelShow } from "../../lib/mod.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const PYTHON = "/usr/bin/python3";
const inCi = (Deno.env.get("CI") ?? "") !== "";

async function haveKernel(): Promise<boolean> {
  try {
    const { code, stdout } = await new Deno.Command(PYTHON, {
      args: [
        "-c",
        "import jupyter_client.kernelspec as k; print(k.find_kernel_specs().get('deno', ''))",
      ],
      stdout: "piped",
      stderr: "null",
    }).output();
    return code === 0 && new TextDecoder().decode(stdout).trim() !== "";
  } catch {
    return false;
  }
}

const available = await haveKernel();
if (!available && !inCi) {
  console.log("kernel_show_test: SKIPPED, needs jupyter_client and `deno jupyter --install`");
}

Deno.test({
  name: "kernelShow() on the Deno kernel: 2 x 40 queued cells, every output under its own cell",
  ignore: !available && !inCi,
  async fn() {
    const { code, stdout, stderr } = await new Deno.Command(PYTHON, {
      args: [`${ROOT}docs/deno_kernel_race.py`, "show", "40", "2", ROOT],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const out = new TextDecoder().decode(stdout);
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    const lines = out.split("\n").filter((l) => l.startsWith("show:"));
    assert.deepEqual(lines, [
      "show: cells without exactly their own output 0/40, outputs after their cell's idle 0/40",
      "show: cells without exactly their own output 0/40, outputs after their cell's idle 0/40",
    ]);
  },
});

Deno.test("kernelShow() checks its arguments", async () => {
  const jupyter = { display: () => {}, broadcast: () => {} };
  await assert.rejects(kernelShow(jupyter, { timeout: 5 } as never), TypeError);
  await assert.rejects(kernelShow(jupyter, { timeoutMs: 0 }), {
    name: "RangeError",
    message: "timeoutMs must be positive, got timeoutMs=0",
  });
  await assert.rejects(kernelShow({ broadcast: () => {} } as never), TypeError);
});

Deno.test("kernelShow() without a kernel displays, then waits one macrotask", async () => {
  const order: string[] = [];
  const jupyter = { display: (v: unknown) => order.push(`display ${v}`), broadcast: () => {} };
  const show = await kernelShow(jupyter, { connectionFile: "/nonexistent.json" });
  setTimeout(() => order.push("macrotask"), 0);
  await show("x");
  assert.deepEqual(order, ["display x", "macrotask"]);
  assert.equal(show.synced, false);
});
