/**
 * Installing Jupyter for `deno task notebooks` on a fresh machine: when no Python can run
 * notebooks and this process may install system packages (root, with apt-get), it installs
 * Debian's packages, saying what it runs; otherwise the caller prints {@linkcode HOW_TO_INSTALL}
 * and exits non-zero. `ANNEAL_NO_INSTALL=1` turns the installation off.
 *
 * @module
 */

/** The Debian packages that give a Python with nbclient (and `jupyter nbconvert`). */
export const APT_PACKAGES = ["jupyter-nbconvert", "python3-nbclient"];

/** The exact commands for apt, pip and Homebrew, for people and CI logs. */
export const HOW_TO_INSTALL = [
  "Jupyter was not found: no Python on this machine can `import nbclient`. Install it with one of:",
  `  apt (Debian, Ubuntu):  sudo apt-get install -y ${APT_PACKAGES.join(" ")}`,
  "  pip (any Python 3):    python3 -m pip install nbclient nbformat",
  "  Homebrew (macOS):      brew install python && python3 -m venv ~/.anneal-jupyter && " +
  "~/.anneal-jupyter/bin/pip install nbclient nbformat",
  "                         then run with ANNEAL_PYTHON=~/.anneal-jupyter/bin/python",
  "then run this again.",
].join("\n");

/** What decides whether this process installs Jupyter itself. */
export interface InstallContext {
  /** The user id (`id -u`), null where there is none (Windows). */
  uid: number | null;
  /** The path of apt-get, or undefined when there is none. */
  aptGet: string | undefined;
  /** The environment's ANNEAL_NO_INSTALL. */
  noInstall: string | undefined;
}

/** True when this process may install system packages: root, apt-get present, not turned off. */
export function mayInstall(context: InstallContext): boolean {
  return context.uid === 0 && context.aptGet !== undefined &&
    (context.noInstall ?? "") === "";
}

/** `id -u` (no `--allow-sys` needed: the notebooks task may already run commands), or null. */
async function userId(): Promise<number | null> {
  try {
    const { success, stdout } = await new Deno.Command("id", { args: ["-u"], stderr: "null" })
      .output();
    return success ? Number(new TextDecoder().decode(stdout).trim()) : null;
  } catch {
    return null;
  }
}

function findAptGet(): string | undefined {
  return ["/usr/bin/apt-get", "/bin/apt-get"].find((path) => {
    try {
      return Deno.statSync(path).isFile;
    } catch {
      return false;
    }
  });
}

/**
 * Installs Jupyter with apt-get when {@linkcode mayInstall} allows it, printing each command
 * before it runs; returns false (having run nothing) when it may not, and throws when a command
 * fails.
 */
export async function installJupyter(): Promise<boolean> {
  const aptGet = findAptGet();
  const context = { uid: await userId(), aptGet, noInstall: Deno.env.get("ANNEAL_NO_INSTALL") };
  if (!mayInstall(context)) return false;
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", ...APT_PACKAGES]]) {
    console.error(`Jupyter is missing; running: ${aptGet} ${args.join(" ")}`);
    const { success } = await new Deno.Command(aptGet!, {
      args,
      env: { DEBIAN_FRONTEND: "noninteractive" },
      stdout: "inherit",
      stderr: "inherit",
    }).output();
    if (!success) throw new Error(`${aptGet} ${args.join(" ")} failed`);
  }
  return true;
}
