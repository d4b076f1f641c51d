/**
 * The mini-batch rows of bench:peers do the same work in every implementation: anneal's run
 * (bench/peers.ts `runDigits`) and the numpy and PyTorch float64 peers, fed the setup
 * `exportDigits` writes, agree on the loss of step 100, the final loss and the accuracies.
 * Skipped where /usr/bin/python3 lacks numpy or torch.
 */

import assert from "node:assert/strict";
import { exportDigits, type PeerResult, runDigits } from "../../bench/peers.ts";

const PYTHON = "/usr/bin/python3";
const bench = new URL("../../bench/", import.meta.url).pathname;

function has(module: string): boolean {
  try {
    return new Deno.Command(PYTHON, { args: ["-c", `import ${module}`], stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

async function peer(script: string, path: string, ...extra: string[]): Promise<PeerResult> {
  const out = await new Deno.Command(PYTHON, {
    args: [`${bench}${script}`, path, ...extra],
    env: { OPENBLAS_NUM_THREADS: "1" },
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!);
}

/** |a − b| ≤ tol · |b|. */
function close(actual: number, expected: number, tol: number, what: string) {
  assert.ok(
    Math.abs(actual - expected) <= tol * Math.abs(expected),
    `${what}: ${actual} vs ${expected} (relative tolerance ${tol})`,
  );
}

for (
  const [label, script, module, extra] of [
    ["numpy", "peers_minibatch_numpy.py", "numpy", []],
    ["PyTorch float64", "peers_minibatch_torch.py", "torch", ["float64"]],
  ] as const
) {
  Deno.test({
    name: `bench:peers mini-batch rows: ${label} trains like anneal (relative tolerance 1e-10)`,
    ignore: !has(module),
    fn: async () => {
      // batch 32 over 1437 rows: 45 steps per epoch, the last of 29 rows; 3 epochs = 135 steps.
      const path = await Deno.makeTempFile({ suffix: ".json" });
      try {
        await Deno.writeTextFile(path, JSON.stringify(exportDigits(3, 32, 3)));
        const theirs = await peer(script, path, ...extra);
        const ours = runDigits(3, 32, 3);
        assert.equal(theirs.iterations, 135);
        assert.equal(ours.iterations, 135);
        close(theirs.loss100, ours.loss100, 1e-10, "loss of step 100");
        close(theirs.loss, ours.loss, 1e-10, "final loss");
        assert.equal(theirs.trainAccuracy, ours.trainAccuracy);
        assert.equal(theirs.testAccuracy, ours.testAccuracy);
      } finally {
        await Deno.remove(path);
      }
    },
  });
}
