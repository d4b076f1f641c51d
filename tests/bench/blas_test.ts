/**
 * The peer benchmarks' BLAS checks (bench/_blas.ts) on library paths as Debian installs them:
 * OpenBLAS is named with its kernel and threads, the reference BLAS fails with the install
 * command, and a generic OpenBLAS kernel on an AVX-512 or AVX2 CPU is replaced by the best one.
 */

import assert from "node:assert/strict";
import {
  blasKind,
  blasProblem,
  type BlasReport,
  coreOverride,
  describeBlas,
  INSTALL_OPENBLAS,
  peerEnv,
} from "../../bench/_blas.ts";

const lib = "/usr/lib/x86_64-linux-gnu";
const openblas: BlasReport = {
  paths: [
    `${lib}/openblas-pthread/libblas.so.3`,
    `${lib}/openblas-pthread/libopenblasp-r0.3.21.so`,
  ],
  config: "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Prescott MAX_THREADS=64",
  core: "SkylakeX",
  threads: 1,
  version: "1.24.2",
};
const reference: BlasReport = {
  paths: [`${lib}/blas/libblas.so.3.11.0`, `${lib}/lapack/liblapack.so.3.11.0`],
  config: null,
  core: null,
  threads: null,
  version: "1.24.2",
};

Deno.test("blasKind tells OpenBLAS, MKL and the reference BLAS apart by path", () => {
  assert.equal(blasKind(openblas.paths), "OpenBLAS");
  assert.equal(blasKind(reference.paths), "reference");
  assert.equal(blasKind(["/opt/intel/lib/libmkl_rt.so.2"]), "MKL");
  assert.equal(blasKind([]), "unknown");
});

Deno.test("describeBlas names version, threading variant, kernel and threads", () => {
  assert.equal(describeBlas(openblas), "OpenBLAS 0.3.21 (pthread), kernel SkylakeX, 1 thread");
  assert.equal(describeBlas({ ...openblas, threads: 2 }).endsWith("2 threads"), true);
});

Deno.test("blasProblem fails the reference BLAS with the install command and passes OpenBLAS", () => {
  assert.equal(blasProblem("numpy", openblas), null);
  const problem = blasProblem("numpy", reference)!;
  assert.ok(problem.startsWith("FAILED: numpy runs the reference BLAS"), problem);
  assert.ok(problem.includes(INSTALL_OPENBLAS), problem);
  assert.equal(INSTALL_OPENBLAS, "apt-get install libopenblas0-pthread");
});

Deno.test("coreOverride replaces a generic kernel with the best one the CPU flags allow", () => {
  const avx512 = "flags\t\t: fpu sse3 avx avx2 fma avx512f avx512bw avx512vl\n";
  const avx2 = "flags\t\t: fpu sse3 avx avx2 fma\n";
  assert.equal(coreOverride("Prescott", avx512), "SkylakeX");
  assert.equal(coreOverride("Prescott", avx2), "Haswell");
  assert.equal(coreOverride("Prescott", "flags\t\t: fpu sse3\n"), null);
  assert.equal(coreOverride("Cooperlake", avx512), null); // recognised: keep it
  assert.equal(coreOverride(null, avx512), null); // not OpenBLAS
});

Deno.test("peerEnv drops OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unless a kernel is forced", () => {
  const saved = Deno.env.toObject();
  try {
    Deno.env.set("OPENBLAS_CORETYPE", "Haswell");
    Deno.env.set("OPENBLAS_L2_SIZE", "1048576");
    const plain = peerEnv(2, null);
    assert.equal(plain.OPENBLAS_CORETYPE, undefined);
    assert.equal(plain.OPENBLAS_L2_SIZE, undefined);
    assert.equal(plain.OPENBLAS_NUM_THREADS, "2");
    assert.equal(peerEnv(1, "SkylakeX").OPENBLAS_CORETYPE, "SkylakeX");
  } finally {
    for (const key of ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"]) {
      if (key in saved) Deno.env.set(key, saved[key]!);
      else Deno.env.delete(key);
    }
  }
});
