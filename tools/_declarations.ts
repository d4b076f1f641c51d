/**
 * The npm package's type declarations: one `.d.ts` per module of `lib/`, emitted by the
 * TypeScript compiler (`npm:typescript@5.9.3`, in deno.lock), with relative imports rewritten
 * from `./x.ts` to `./x.js` as Node's ESM resolution wants. `deno bundle --declaration` writes one
 * flat file instead, which loses the `hf`, `keras`, `optax` and `timm` namespaces and merges
 * their same-named option types with the top level's, so it does not type-check.
 *
 * @module
 */

import ts from "npm:typescript@5.9.3";

/**
 * Type errors that do not change the declarations: the npm packages lib imports by `npm:`
 * specifier (used inside function bodies only) and the callbacks typed by them.
 */
const EXPECTED = [2307, 7006];

/** Deno's own declarations (`deno types`), so that `Deno.*` types resolve inside lib. */
function denoTypes(): string {
  const { stdout } = new Deno.Command(Deno.execPath(), { args: ["types"] }).outputSync();
  const file = Deno.makeTempFileSync({ suffix: ".d.ts" });
  // keep TypeScript's ES and DOM libs (setTimeout, URL, ...); drop Deno's lib references
  const text = new TextDecoder().decode(stdout).replace(
    /^\/\/\/ <reference (no-default-)?lib=.*$/gm,
    "",
  );
  Deno.writeTextFileSync(file, text);
  return file;
}

/**
 * Writes `<out>/<path>.d.ts` for every module `lib/mod.ts` reaches; returns how many files were
 * written. Throws on any other compiler error (with its text) or when a declaration still
 * mentions an `npm:` specifier or `Deno`'s types.
 */
export function emitDeclarations(lib: string, out: string): number {
  const options: ts.CompilerOptions = {
    declaration: true,
    emitDeclarationOnly: true,
    allowImportingTsExtensions: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    outDir: out,
    rootDir: lib,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  let written = 0;
  host.writeFile = (file, text) => {
    const rewritten = text.replace(
      /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+)\.ts(["'])/g,
      "$1$2.js$3",
    );
    if (/["']npm:/.test(rewritten)) throw new Error(`${file} refers to an npm: specifier`);
    if (/\bDeno\.[A-Z]/.test(rewritten.replace(/\/\*[\s\S]*?\*\//g, ""))) {
      throw new Error(`${file} refers to Deno's types, which Node projects do not have`);
    }
    Deno.mkdirSync(file.slice(0, file.lastIndexOf("/")), { recursive: true });
    Deno.writeTextFileSync(file, rewritten);
    written++;
  };
  const deno = denoTypes();
  const program = ts.createProgram([`${lib}/mod.ts`, deno], options, host);
  const result = program.emit();
  Deno.removeSync(deno);
  const errors = ts.getPreEmitDiagnostics(program).concat(result.diagnostics)
    .filter((d) => !EXPECTED.includes(d.code));
  if (errors.length > 0 || result.emitSkipped) {
    throw new Error(
      "declarations: " + ts.formatDiagnostics(errors, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => lib,
        getNewLine: () => "\n",
      }),
    );
  }
  return written;
}
