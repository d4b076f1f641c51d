import assert from "node:assert/strict";
import { buildAndRead, compileWat, kernelsModuleText } from "../../tools/build_kernels_wasm.ts";
import { KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from "../../lib/tensor/_kernels_wasm.ts";

Deno.test("_kernels_wasm.ts is exactly a fresh build of _kernels.wat", async () => {
  const { fresh, committed } = await buildAndRead();
  // the same comparison as `tools/build_kernels_wasm.ts --check`: text equal to the character
  assert.equal(
    committed,
    fresh,
    "regenerate: deno run --allow-read --allow-write tools/build_kernels_wasm.ts",
  );
});

const decode = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

Deno.test("both embedded builds import one memory and export the kernels", () => {
  for (const base64 of [KERNELS_WASM_BASE64, KERNELS_SHARED_WASM_BASE64]) {
    const module = new WebAssembly.Module(decode(base64));
    assert.deepEqual(
      WebAssembly.Module.imports(module).map((e) => `${e.kind} ${e.module}.${e.name}`),
      ["memory env.memory"],
    );
    assert.deepEqual(
      WebAssembly.Module.exports(module).map((e) => `${e.kind} ${e.name}`).sort(),
      [
        "function adamStep",
        "function gemm",
        "function gemmDirect",
        "function gemmDirect32",
        "function gemmPacked",
        "function gemmPacked32",
        "function packA",
        "function packA32",
        "function packB",
        "function packB32",
        "function relu",
        "function reluBackward",
        "function sgdStep",
      ],
    );
  }
});

Deno.test("the shared build takes only a shared memory, the plain build only a private one", () => {
  const plain = new WebAssembly.Module(decode(KERNELS_WASM_BASE64));
  const shared = new WebAssembly.Module(decode(KERNELS_SHARED_WASM_BASE64));
  const privateMemory = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
  const sharedMemory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
  new WebAssembly.Instance(plain, { env: { memory: privateMemory } });
  new WebAssembly.Instance(shared, { env: { memory: sharedMemory } });
  assert.throws(() => new WebAssembly.Instance(plain, { env: { memory: sharedMemory } }));
  assert.throws(() => new WebAssembly.Instance(shared, { env: { memory: privateMemory } }));
});

Deno.test("the drift check notices a one-instruction change and ignores comments", async () => {
  const source = await Deno.readTextFile(new URL("../../lib/tensor/_kernels.wat", import.meta.url));
  const base = kernelsModuleText(await compileWat(source));
  const commented = source.replace("(module", ";; an extra comment\n(module");
  assert.equal(kernelsModuleText(await compileWat(commented)), base);
  // relu's tail: max(x, 0) → min(x, 0) must change the bytes
  assert.ok(source.includes("(f64.max (f64.load"));
  const changed = source.replace("(f64.max (f64.load", "(f64.min (f64.load");
  assert.notEqual(kernelsModuleText(await compileWat(changed)), base);
});
