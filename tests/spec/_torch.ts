/**
 * Runs exported PyTorch code under Debian's `/usr/bin/python3` with real torch, and steps the
 * same spec in anneal, so tests can compare every lr. Without torch the tests are skipped
 * with a printed message, unless `CI` is set: then they fail.
 *
 * @module
 */

import { schedulerFromSpec, type Spec, specTypes } from "../../lib/mod.ts";

export const PYTHON = "/usr/bin/python3";

/** One case: a spec, the groups' starting lrs, how many epochs, metrics for a plateau. */
export interface TorchCase {
  name: string;
  spec: Spec;
  lrs: number[];
  epochs: number;
  metrics?: number[];
}

const HARNESS = `
import json, sys, warnings
warnings.filterwarnings("ignore")
import torch
cases = json.load(sys.stdin)
out = []
for case in cases:
    params = [torch.nn.Parameter(torch.zeros(1)) for _ in case["lrs"]]
    groups = [{"params": [p], "lr": lr} for p, lr in zip(params, case["lrs"])]
    optimizer = torch.optim.SGD(groups, lr=case["lrs"][0], momentum=0.9)
    scope = {"optimizer": optimizer}
    try:
        exec(case["code"], scope)
        scheduler = scope["scheduler"]
        lrs = []
        for epoch in range(case["epochs"]):
            if epoch > 0:
                optimizer.step()
                if case.get("metrics") is not None:
                    scheduler.step(case["metrics"][epoch - 1])
                else:
                    scheduler.step()
            lrs.append([g["lr"] for g in optimizer.param_groups])
        out.append({"lrs": lrs})
    except Exception as e:
        out.append({"error": type(e).__name__ + ": " + str(e)})
print(json.dumps({"torch": torch.__version__, "results": out}))
`;

/** The torch version when `/usr/bin/python3` imports torch, else `undefined`. */
export async function torchVersion(): Promise<string | undefined> {
  try {
    const { success, stdout } = await new Deno.Command(PYTHON, {
      args: ["-c", "import torch; print(torch.__version__)"],
      stdout: "piped",
      stderr: "null",
    }).output();
    return success ? new TextDecoder().decode(stdout).trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Whether to run torch tests: yes with torch; no (with a message) without, unless CI is set. */
export async function torchOrSkip(what: string): Promise<boolean> {
  if (await torchVersion() !== undefined) return true;
  if (Deno.env.get("CI")) throw new Error(`${what}: ${PYTHON} cannot import torch, and CI is set`);
  console.log(`skipping ${what}: ${PYTHON} cannot import torch (apt install python3-torch)`);
  return false;
}

/** Runs each case's `code` under torch; returns the lrs per epoch per group, or the error. */
export async function runTorch(
  cases: readonly { code: string; lrs: number[]; epochs: number; metrics?: number[] }[],
): Promise<
  { torch: string; results: ({ lrs: number[][] } | { error: string })[] }
> {
  const child = new Deno.Command(PYTHON, {
    args: ["-c", HARNESS],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(cases)));
  await writer.close();
  const { success, stdout, stderr } = await child.output();
  if (!success) throw new Error(new TextDecoder().decode(stderr));
  return JSON.parse(new TextDecoder().decode(stdout));
}

/**
 * anneal's lrs for a case, read from the groups after each step, as the harness does. anneal
 * refuses to write a negative or non-finite lr (issue 7) where torch writes one; the rows then
 * stop at the refused epoch, whose number is `refusedAt` (else null).
 */
export function annealLrs(c: TorchCase): number[][] & { refusedAt: number | null } {
  const optimizer = { paramGroups: c.lrs.map((lr) => ({ lr, momentum: 0.9 })) };
  const pure = specTypes().schedules.some((t) => t.type === c.spec.type);
  const spec = pure ? { type: "ScheduleLR", schedule: c.spec } : c.spec;
  const scheduler = schedulerFromSpec(optimizer, spec);
  const lrs = Object.assign([] as number[][], { refusedAt: null as number | null });
  for (let epoch = 0; epoch < c.epochs; epoch++) {
    if (epoch > 0) {
      try {
        if (c.metrics) (scheduler.step as (m: number) => void)(c.metrics[epoch - 1]!);
        else scheduler.step();
      } catch (error) {
        if (!(error instanceof RangeError) || !/would set paramGroups/.test(error.message)) {
          throw error;
        }
        lrs.refusedAt = epoch;
        return lrs;
      }
    }
    lrs.push(optimizer.paramGroups.map((g) => g.lr));
  }
  return lrs;
}

/**
 * Torch's rows to compare with anneal's: all of them, or, when anneal refused an epoch, the rows
 * before it, after checking that torch did write a negative or non-finite lr at that epoch.
 */
export function torchRowsToCompare(
  torchLrs: number[][],
  ours: ReturnType<typeof annealLrs>,
): number[][] {
  if (ours.refusedAt === null) return torchLrs;
  const row = torchLrs[ours.refusedAt] ?? [];
  if (!row.some((lr) => !(Number.isFinite(lr) && lr >= 0))) {
    throw new Error(
      `anneal refused epoch ${ours.refusedAt}, where torch wrote ${JSON.stringify(row)}`,
    );
  }
  return torchLrs.slice(0, ours.refusedAt);
}
