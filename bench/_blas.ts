/**
 * The BLAS behind the Python peers, found and named before anything is timed: a peer linked to
 * Debian's reference BLAS (`libblas3` alone) is not a comparison, so its rows fail with the
 * install command instead. Also the OpenBLAS kernel choice: OpenBLAS picks its kernels from the
 * CPU model, and a release older than the CPU falls back to its generic Prescott (SSE3)
 * kernels; the peers then run with the best kernel the CPU supports, named in the output.
 *
 * @module
 */

/** What bench/_blas.py reports from inside a Python process. */
export interface BlasReport {
  /** The BLAS-like shared libraries mapped into the process, symlinks resolved. */
  paths: string[];
  /** openblas_get_config(), or null when the library is not OpenBLAS. */
  config: string | null;
  /** openblas_get_corename(): the kernel family OpenBLAS runs. */
  core: string | null;
  /** openblas_get_num_threads(). */
  threads: number | null;
  /** numpy's or torch's version. */
  version: string;
}

/** The kind of BLAS, from the library paths. */
export type BlasKind = "OpenBLAS" | "MKL" | "BLIS" | "reference" | "unknown";

/** The command that installs an optimised BLAS on Debian and Ubuntu. */
export const INSTALL_OPENBLAS = "apt-get install libopenblas0-pthread";

/** Classifies the libraries a process maps: OpenBLAS, MKL, BLIS, the reference BLAS, unknown. */
export function blasKind(paths: readonly string[]): BlasKind {
  if (paths.some((p) => /openblas/i.test(p))) return "OpenBLAS";
  if (paths.some((p) => /mkl/i.test(p))) return "MKL";
  if (paths.some((p) => /blis/i.test(p))) return "BLIS";
  // Debian's netlib build lives in .../blas/libblas.so.3 (alternatives: libblas.so.3-<arch>)
  if (paths.some((p) => /\/blas\/libblas\.so|\/libblas\.so\.3(\.[\d.]+)?$/.test(p))) {
    return "reference";
  }
  return "unknown";
}

/** One line naming the BLAS: "OpenBLAS 0.3.21 (pthread), kernel SkylakeX, 1 thread". */
export function describeBlas(report: BlasReport): string {
  const kind = blasKind(report.paths);
  if (kind !== "OpenBLAS") return `${kind} BLAS (${report.paths.join(", ") || "no library"})`;
  const version = /OpenBLAS [\d.]+/.exec(report.config ?? "")?.[0] ?? "OpenBLAS";
  const variant = /openblas-(pthread|openmp|serial)/.exec(report.paths.join(" "))?.[1];
  return `${version}${
    variant ? ` (${variant})` : ""
  }, kernel ${report.core}, ${report.threads} thread${report.threads === 1 ? "" : "s"}`;
}

/**
 * Why a peer must not be timed with this BLAS, or null when it may: the reference BLAS (or none
 * found) fails with the install command.
 */
export function blasProblem(framework: string, report: BlasReport): string | null {
  const kind = blasKind(report.paths);
  if (kind === "reference" || kind === "unknown") {
    return `FAILED: ${framework} runs the ${kind} BLAS (${
      report.paths.join(", ") || "no BLAS library mapped"
    }), not a peer at its best: install OpenBLAS with \`${INSTALL_OPENBLAS}\` and run again`;
  }
  return null;
}

/** OpenBLAS's generic fallbacks, chosen when it does not recognise the CPU model. */
const GENERIC_CORES = new Set(["Prescott", "Core2", "Katmai", "Coppermine", "Northwood", "Banias"]);

/** The fastest OpenBLAS kernel family for this CPU's flags (Linux /proc/cpuinfo), or null. */
export function bestCoreForCpu(cpuinfo: string): string | null {
  const flags = new Set(/^flags\s*:(.*)$/m.exec(cpuinfo)?.[1]?.trim().split(/\s+/) ?? []);
  if (flags.has("avx512f") && flags.has("avx512vl") && flags.has("avx512bw")) return "SkylakeX";
  if (flags.has("avx2") && flags.has("fma")) return "Haswell";
  return null;
}

/** The kernel to force when OpenBLAS autodetected a generic one on a CPU that has better, else null. */
export function coreOverride(detected: string | null, cpuinfo: string): string | null {
  if (detected === null || !GENERIC_CORES.has(detected)) return null;
  return bestCoreForCpu(cpuinfo);
}

/**
 * The environment for a peer process: ours without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (so
 * OpenBLAS detects the CPU itself) unless `core` forces a kernel, and with the thread counts set.
 */
export function peerEnv(threads: number, core: string | null): Record<string, string> {
  const env = Deno.env.toObject();
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  if (core !== null) env.OPENBLAS_CORETYPE = core;
  env.OPENBLAS_NUM_THREADS = env.OMP_NUM_THREADS = env.MKL_NUM_THREADS = String(threads);
  return env;
}

/** Runs bench/_blas.py in `framework` ("numpy" or "torch") with `env`; a string on failure. */
export async function probeBlas(
  python: string,
  framework: "numpy" | "torch",
  env: Record<string, string>,
): Promise<BlasReport | string> {
  const script = new URL("./_blas.py", import.meta.url).pathname;
  try {
    const out = await new Deno.Command(python, {
      args: [script, framework],
      env,
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      return `${framework} unavailable: ${
        new TextDecoder().decode(out.stderr).trim().split("\n").at(-1)
      }`;
    }
    return JSON.parse(new TextDecoder().decode(out.stdout)) as BlasReport;
  } catch (error) {
    return `${framework} unavailable: ${(error as Error).message}`;
  }
}
