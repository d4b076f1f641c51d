/**
 * anneal outside this repository: imported by path from a Deno script with no configuration,
 * installed into a fresh Node project from the built npm package (`deno task build`), and loaded
 * from the browser bundle in Chromium. Each checks the same numbers as the library run here.
 * The declarations are checked as a Node TypeScript project sees them: `tsc` (npm:typescript,
 * run by Deno) with `nodenext` resolution compiles a consumer using the namespaces, and rejects a
 * wrong option type. Node and Chromium are required under CI (`CI` set); elsewhere a missing one
 * skips its step.
 */

import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { build } from "../tools/build.ts";
import { arena, collectLrs, CosineAnnealingLR, OneCycleLR, tensor } from "../lib/mod.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const inCi = (Deno.env.get("CI") ?? "") !== "";

/** The numbers every environment must reproduce: two schedulers, 2 param groups. */
function expected(): (number | string)[][] {
  const cosine = collectLrs(
    new CosineAnnealingLR({ paramGroups: [{ lr: 0.1 }, { lr: 0.02 }] }, { tMax: 7, etaMin: 1e-3 }),
    12,
  );
  const oneCycle = collectLrs(
    new OneCycleLR({ paramGroups: [{ lr: 0.1, momentum: 0.9 }] }, { maxLr: 1, totalSteps: 20 }),
    20,
  );
  // a product in an arena: the WebAssembly kernels run there, in a shared memory
  const x = arena(() => tensor([[1, 2], [3, 4]]));
  return [...cosine, ...oneCycle, x.matmul(x).toArray(), [x.data.buffer.constructor.name]];
}

/** Prints whether this Node compiles `f64x2.relaxed_madd` (a module with that one instruction). */
const RELAXED_SIMD_PROBE = `
const bytes = Uint8Array.from(atob(
  "AGFzbQEAAAABBQFgAAF7AwIBAAo9ATsA/QwAAAAAAADwPwAAAAAAAPA//QwAAAAAAADwPwAAAAAAAPA//QwAAAAAAADwPwAAAAAAAPA//YcCCw=="
), (c) => c.charCodeAt(0));
try { new WebAssembly.Module(bytes); console.log(true); } catch { console.log(false); }`;

/** The same computation as source text, importing anneal from `specifier`. */
function script(specifier: string): string {
  return `import { arena, collectLrs, CosineAnnealingLR, OneCycleLR, tensor } from ${
    JSON.stringify(specifier)
  };
const cosine = collectLrs(
  new CosineAnnealingLR({ paramGroups: [{ lr: 0.1 }, { lr: 0.02 }] }, { tMax: 7, etaMin: 1e-3 }),
  12,
);
const oneCycle = collectLrs(
  new OneCycleLR({ paramGroups: [{ lr: 0.1, momentum: 0.9 }] }, { maxLr: 1, totalSteps: 20 }),
  20,
);
const x = arena(() => tensor([[1, 2], [3, 4]]));
console.log(JSON.stringify([
  ...cosine,
  ...oneCycle,
  x.matmul(x).toArray(),
  [x.data.buffer.constructor.name],
]));
`;
}

async function run(cmd: string, args: string[], cwd: string): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command(cmd, {
    args,
    cwd,
    env: { NO_COLOR: "1" },
  }).output();
  const out = new TextDecoder().decode(stdout);
  assert.equal(
    code,
    0,
    `${cmd} ${args.join(" ")} failed:\n${out}\n${new TextDecoder().decode(stderr)}`,
  );
  return out;
}

function which(name: string): boolean {
  return Deno.env.get("PATH")!.split(":").some((dir) => {
    try {
      return Deno.statSync(`${dir}/${name}`).isFile;
    } catch {
      return false;
    }
  });
}

Deno.test({
  name: "anneal outside the repository: Deno with no config, a Node package, a browser bundle",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const want = JSON.stringify(expected());
    const dist = await Deno.makeTempDir({ prefix: "anneal_dist_" });
    const sizes = await build(dist);
    console.log(
      "built " +
        Object.entries(sizes).map(([f, s]) => `${f} ${(s / 1024).toFixed(1)} KiB`).join(", "),
    );

    await t.step(
      "a Deno script in another folder imports lib/mod.ts by path, no config",
      async () => {
        const dir = await Deno.makeTempDir({ prefix: "anneal_outside_" });
        await Deno.writeTextFile(`${dir}/use.ts`, script(`file://${ROOT}lib/mod.ts`));
        const out = await run(
          Deno.execPath(),
          ["run", "--no-config", "--allow-read", "use.ts"],
          dir,
        );
        assert.equal(out.trim(), want);
      },
    );

    await t.step({
      name:
        "a fresh Node project installs the npm package, gets the same numbers, and type-checks with tsc",
      ignore: !which("node") && !inCi,
      async fn() {
        assert.ok(which("node") && which("npm"), "node and npm are required under CI");
        const pack =
          (await run("npm", ["pack", "--silent", "--pack-destination", dist], `${dist}/npm`))
            .trim().split("\n").at(-1)!;
        const dir = await Deno.makeTempDir({ prefix: "anneal_node_" });
        await Deno.writeTextFile(
          `${dir}/package.json`,
          '{ "name": "consumer", "type": "module" }\n',
        );
        await run(
          "npm",
          ["install", "--offline", "--no-audit", "--no-fund", `${dist}/${pack}`],
          dir,
        );
        await Deno.writeTextFile(`${dir}/use.mjs`, script("@anneal/anneal"));
        const out = await run("node", ["use.mjs"], dir);
        // the declarations, as a TypeScript project in Node sees them (tsc, nodenext resolution)
        await Deno.writeTextFile(
          `${dir}/tsconfig.json`,
          JSON.stringify({
            compilerOptions: {
              module: "nodenext",
              moduleResolution: "nodenext",
              target: "es2022",
              strict: true,
              noEmit: true,
              skipLibCheck: false,
              types: [],
            },
            files: ["use.ts"],
          }),
        );
        await Deno.writeTextFile(
          `${dir}/use.ts`,
          `import { hf, keras, StepLR, type OptimizerLike, type Spec, toPyTorch } from "@anneal/anneal";\n` +
            `const optimizer: OptimizerLike = { paramGroups: [{ lr: 1 }] };\n` +
            `const lr: number = new StepLR(optimizer, { stepSize: 2 }).getLastLr()[0]!;\n` +
            `const spec: Spec = { type: "StepLR", stepSize: 2 };\n` +
            `const code: string = toPyTorch(spec);\n` +
            `const decay: (step: number) => number = keras.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });\n` +
            `hf.getConstantSchedule(optimizer);\n` +
            `console.log(lr, code.length, decay(1));\n`,
        );
        await run(Deno.execPath(), ["run", "-A", "npm:typescript@5.9.3/tsc", "-p", "."], dir);
        await Deno.writeTextFile(
          `${dir}/use.ts`,
          `import { StepLR } from "@anneal/anneal";\n` +
            `new StepLR({ paramGroups: [{ lr: 1 }] }, { stepSize: "2" });\n`,
        );
        const bad = await new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", "npm:typescript@5.9.3/tsc", "-p", "."],
          cwd: dir,
          stdout: "piped",
          stderr: "null",
        }).output();
        assert.notEqual(bad.code, 0, "a wrong option type is a type error");
        assert.match(new TextDecoder().decode(bad.stdout), /TS2322/);
        // Node's V8 may round Math.cos differently in the last bit from Deno's (Node 20 does, once
        // in these 48 values): equal within 1e-15 relative, and report how many are bit-exact.
        const got: unknown[][] = JSON.parse(out);
        const ref: unknown[][] = JSON.parse(want);
        // where the arena's storage lives: a shared WebAssembly memory, except on a Node whose V8
        // lacks relaxed SIMD (Node 20), where anneal runs its JavaScript loops on ordinary arrays
        const relaxed = (await run("node", ["-e", RELAXED_SIMD_PROBE], dir)).trim() === "true";
        assert.deepEqual(got.pop(), relaxed ? ref.pop() : (ref.pop(), ["ArrayBuffer"]));
        const values = got.flat() as number[], flat = ref.flat() as number[];
        assert.equal(values.length, flat.length);
        let exact = 0;
        values.forEach((v, i) => {
          if (v === flat[i]) exact++;
          assert.ok(
            Math.abs(v - flat[i]!) <= 1e-15 * Math.abs(flat[i]!),
            `value ${i}: ${v} vs ${flat[i]}`,
          );
        });
        console.log(
          `node ${
            (await run("node", ["--version"], dir)).trim()
          }: ${exact}/${flat.length} bit-exact`,
        );
      },
    });

    const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => {
      try {
        return Deno.statSync(p).isFile;
      } catch {
        return false;
      }
    });
    await t.step({
      name: "the browser bundle runs in Chromium from file://, offline",
      ignore: executablePath === undefined && !inCi,
      async fn() {
        assert.ok(executablePath, "Chromium is required under CI");
        await Deno.writeTextFile(
          `${dist}/browser/index.html`,
          `<!doctype html><meta charset="utf-8"><script type="module">\n` +
            script("./anneal.js").replace("console.log(", "document.body.dataset.result = (") +
            `</script>`,
        );
        const browser = await chromium.launch({
          executablePath,
          args: ["--no-sandbox", "--headless", "--allow-file-access-from-files"],
        });
        try {
          const page = await browser.newPage();
          const errors: string[] = [];
          page.on("pageerror", (e) => errors.push(String(e)));
          await page.goto(`file://${dist}/browser/index.html`);
          await page.waitForFunction("document.body?.dataset.result !== undefined", null, {
            timeout: 30_000,
          });
          const result = await page.evaluate<string>("document.body.dataset.result");
          assert.deepEqual(errors, []);
          assert.equal(result, want);
        } finally {
          await browser.close();
        }
      },
    });
  },
});
