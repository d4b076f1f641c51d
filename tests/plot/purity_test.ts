import assert from "node:assert/strict";

Deno.test("lib/plot uses no Deno global outside comments (the notebook injects display)", async () => {
  const dir = new URL("../../lib/plot/", import.meta.url);
  let files = 0;
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.name.endsWith(".ts")) continue;
    files++;
    const source = await Deno.readTextFile(new URL(entry.name, dir));
    const code = source.split("\n").filter((line) => !/^\s*(\*|\/\/|\/\*\*)/.test(line));
    for (const line of code) assert.ok(!/\bDeno\./.test(line), `${entry.name}: ${line}`);
  }
  assert.ok(files >= 10);
});
