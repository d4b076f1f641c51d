/**
 * `deno task build`: the library for places other than this repository.
 *
 * - `dist/npm/`: an npm package (`@anneal/anneal`): one ESM file with its npm dependencies
 *   bundled in (`anneal.js`), its type declarations (`anneal.d.ts`), `package.json`, the README
 *   and the licences. Install it into a Node project with `npm install <path>/dist/npm`.
 * - `dist/browser/anneal.js`: a minified ESM bundle for `<script type="module">` pages.
 *
 * Both come from `deno bundle lib/mod.ts`; the sizes are printed.
 *
 * ```sh
 * deno task build                # both, into dist/
 * deno task build --out /tmp/x   # elsewhere
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";

const ROOT = new URL("../", import.meta.url).pathname;

/** Runs `deno bundle` with `args`; throws with its output when it fails. */
async function bundle(args: string[]): Promise<void> {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
  }).output();
  if (code !== 0) {
    throw new Error(`deno bundle ${args.join(" ")} failed:\n${new TextDecoder().decode(stderr)}`);
  }
}

/** The npm package's `package.json`, from deno.json's name and version. */
async function packageJson(): Promise<string> {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  return JSON.stringify(
    {
      name: config.name,
      version: config.version,
      description:
        "Learning-rate schedules with PyTorch's numbers: schedulers, pure schedules, a small tensor / nn / optim library, charts",
      license: "MIT",
      type: "module",
      main: "./anneal.js",
      types: "./anneal.d.ts",
      exports: { ".": { types: "./anneal.d.ts", import: "./anneal.js" } },
      files: ["anneal.js", "anneal.d.ts", "README.md", "LICENSE"],
      sideEffects: false,
      engines: { node: ">=18" },
    },
    null,
    2,
  ) + "\n";
}

/** Builds both outputs under `out` and returns their sizes in bytes. */
export async function build(out = `${ROOT}dist`): Promise<Record<string, number>> {
  const npm = `${out}/npm`;
  const browser = `${out}/browser`;
  await Deno.mkdir(npm, { recursive: true });
  await Deno.mkdir(browser, { recursive: true });
  await bundle(["--platform", "browser", "--declaration", "lib/mod.ts", "-o", `${npm}/anneal.js`]);
  await bundle(["--platform", "browser", "--minify", "lib/mod.ts", "-o", `${browser}/anneal.js`]);
  await Deno.writeTextFile(`${npm}/package.json`, await packageJson());
  await Deno.copyFile(`${ROOT}README.md`, `${npm}/README.md`);
  await Deno.copyFile(`${ROOT}LICENSE`, `${npm}/LICENSE`);
  const sizes: Record<string, number> = {};
  for (const file of [`${npm}/anneal.js`, `${npm}/anneal.d.ts`, `${browser}/anneal.js`]) {
    sizes[file.slice(out.length + 1)] = (await Deno.stat(file)).size;
  }
  return sizes;
}

if (import.meta.main) {
  const { values } = parseArgs({ args: Deno.args, options: { out: { type: "string" } } });
  const sizes = await build(values.out);
  for (const [file, size] of Object.entries(sizes)) {
    console.log(`${file.padEnd(20)} ${(size / 1024).toFixed(1).padStart(7)} KiB`);
  }
}
