import assert from "node:assert/strict";
import { APT_PACKAGES, HOW_TO_INSTALL, mayInstall } from "../tools/_jupyter_install.ts";

Deno.test("mayInstall: only root with apt-get, unless ANNEAL_NO_INSTALL is set", () => {
  const apt = "/usr/bin/apt-get";
  assert.equal(mayInstall({ uid: 0, aptGet: apt, noInstall: undefined }), true);
  assert.equal(mayInstall({ uid: 0, aptGet: apt, noInstall: "" }), true);
  assert.equal(mayInstall({ uid: 1000, aptGet: apt, noInstall: undefined }), false);
  assert.equal(mayInstall({ uid: null, aptGet: apt, noInstall: undefined }), false);
  assert.equal(mayInstall({ uid: 0, aptGet: undefined, noInstall: undefined }), false);
  assert.equal(mayInstall({ uid: 0, aptGet: apt, noInstall: "1" }), false);
});

Deno.test("the message gives the exact apt, pip and Homebrew commands", () => {
  assert.ok(HOW_TO_INSTALL.includes(`sudo apt-get install -y ${APT_PACKAGES.join(" ")}`));
  assert.ok(HOW_TO_INSTALL.includes("python3 -m pip install nbclient nbformat"));
  assert.match(HOW_TO_INSTALL, /brew install python && python3 -m venv ~\/\.anneal-jupyter/);
  assert.ok(HOW_TO_INSTALL.includes("ANNEAL_PYTHON=~/.anneal-jupyter/bin/python"));
});

Deno.test("deno task notebooks without Jupyter, not allowed to install: the message, exit 1", async () => {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["task", "notebooks", "01"],
    cwd: new URL("../", import.meta.url).pathname,
    env: { ANNEAL_PYTHON: "/nonexistent/python3", ANNEAL_NO_INSTALL: "1", NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(code, 1);
  const text = new TextDecoder().decode(stderr);
  assert.ok(text.includes(HOW_TO_INSTALL), text);
  assert.ok(!text.includes("running:"), "nothing was installed");
});
