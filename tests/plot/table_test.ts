import assert from "node:assert/strict";
import { jupyterDisplay, table } from "../../lib/mod.ts";
import { findAll, parseXml, textOf } from "./_xml.ts";

const decays = [0, 10, 99].map((t) => ({
  t,
  name: t === 0 ? "start" : "later",
  lr: 1e-3 * 0.5 ** Math.floor(t / 10),
}));

Deno.test("table()", async (t) => {
  await t.step("text(): header, dashes, rows; numbers right, text left, two spaces apart", () => {
    assert.equal(
      table(decays).text(),
      [
        " t  name               lr",
        "--  -----  --------------",
        " 0  start           0.001",
        "10  later          0.0005",
        "99  later  0.000001953125",
      ].join("\n"),
    );
  });

  await t.step("numbers default to JavaScript's shortest exact form (String(value))", () => {
    const text = table([{ x: 0.1 + 0.2 }, { x: 1e-25 }, { x: -3 }]).text();
    assert.equal(
      text,
      "                  x\n-------------------\n0.30000000000000004\n              1e-25\n                 -3",
    );
  });

  await t.step("digits: toPrecision in [1e-3, 1e6), exponent form outside, integers kept", () => {
    const rows = [{ v: 1e-3 }, { v: 5e-4 }, { v: 0 }, { v: 1234567.5 }, { v: -2 / 3 }, { v: 10 }];
    assert.deepEqual(table(rows, { digits: 3 }).rows, [
      ["0.00100"],
      ["5.00e-4"],
      ["0"],
      ["1.23e6"],
      ["-0.667"],
      ["10"],
    ]);
  });

  await t.step("digits per column leaves the other columns exact", () => {
    const text = table([{ a: 1 / 3, b: 1 / 3 }], { digits: { a: 2 } }).text();
    assert.equal(
      text,
      "   a                   b\n----  ------------------\n0.33  0.3333333333333333",
    );
  });

  await t.step("format functions win over digits and get the whole row", () => {
    const text = table(decays, {
      columns: ["t", "lr"],
      digits: 2,
      format: { lr: (v, row) => `${row.name}:${(v as number) * 1e3}` },
      headers: { lr: "lr × 1000" },
    }).text();
    assert.equal(
      text,
      [
        // Alignment follows the values (numbers: right), not the formatted text.
        " t          lr × 1000",
        "--  -----------------",
        " 0            start:1",
        "10          later:0.5",
        "99  later:0.001953125",
      ].join("\n"),
    );
  });

  await t.step("missing, null and undefined values are empty cells; NaN and booleans print", () => {
    const text = table([{ a: 1, b: true }, { a: null, c: NaN }, { a: undefined }]).text();
    assert.equal(text, "a  b       c\n-  ----  ---\n1  true\n         NaN\n");
  });

  await t.step("a caption comes first in text and as <caption> in HTML", () => {
    const t1 = table([{ x: 1 }], { caption: "Values" });
    assert.equal(t1.text(), "Values\nx\n-\n1");
    assert.ok(t1.html().includes(">Values</caption>"));
  });

  await t.step("html(): well-formed XML, one <th> per column and one <tr> per row", () => {
    const root = parseXml(table(decays, { digits: 3 }).html());
    assert.equal(root.name, "table");
    assert.deepEqual(findAll(root, (e) => e.name === "th").map(textOf), ["t", "name", "lr"]);
    const rows = findAll(root, (e) => e.name === "tbody")[0]?.children ?? [];
    assert.deepEqual(rows.map((r) => r.children.map(textOf)), [
      ["0", "start", "0.00100"],
      ["10", "later", "5.00e-4"],
      ["99", "later", "1.95e-6"],
    ]);
    const lr = rows[0]?.children[2];
    assert.match(lr?.attrs.style ?? "", /text-align:right/);
  });

  await t.step("html(): each cell aligns as its header (text left, numbers right)", () => {
    const root = parseXml(table(decays, { digits: 3 }).html());
    const alignOf = (e: { attrs: Record<string, string> }) =>
      /text-align:(left|right)/.exec(e.attrs.style ?? "")?.[1];
    const headers = findAll(root, (e) => e.name === "th").map(alignOf);
    assert.deepEqual(headers, ["right", "left", "right"]);
    for (const row of findAll(root, (e) => e.name === "tbody")[0]?.children ?? []) {
      assert.deepEqual(row.children.map(alignOf), headers);
    }
  });

  await t.step("html() escapes &, <, >, quotes in headers, cells and caption", () => {
    const html = table([{ "a<b": `x & "y" <z> 'w'` }], { caption: "<script>" }).html();
    assert.ok(html.includes("<th"));
    assert.ok(html.includes(">a&lt;b</th>"));
    assert.ok(html.includes(">x &amp; &quot;y&quot; &lt;z&gt; &#39;w&#39;</td>"));
    assert.ok(html.includes(">&lt;script&gt;</caption>"));
    assert.ok(!html.includes("<script>"));
    assert.ok(!html.includes("<z>"));
    // Parses back to the original text.
    assert.equal(textOf(findAll(parseXml(html), (e) => e.name === "td")[0]!), `x & "y" <z> 'w'`);
  });

  await t.step("displays as text/html and text/plain; same input, same bytes", () => {
    const bundle = table(decays)[jupyterDisplay]();
    assert.deepEqual(Object.keys(bundle), ["text/html", "text/plain"]);
    assert.equal(bundle["text/plain"], table(decays).text());
    assert.equal(bundle["text/html"], table(decays).html());
    assert.equal(String(table(decays)), table(decays).text());
  });

  await t.step("an empty table has only its header lines", () => {
    assert.equal(table([], { columns: ["a", "bb"] }).text(), "a  bb\n-  --");
    assert.equal(table([]).text(), "");
  });

  await t.step("rejects bad arguments with messages naming them", () => {
    assert.throws(
      () => table(3 as never),
      new TypeError("rows must be an array of objects, got rows=3"),
    );
    assert.throws(
      () => table(decays, { digits: 0 }),
      new RangeError("digits must be in [1, 21], got digits=0"),
    );
    assert.throws(
      () => table(decays, { digits: 2.5 }),
      new RangeError("digits must be an integer, got digits=2.5"),
    );
    assert.throws(
      () => table(decays, { digits: { lr: 30 } }),
      new RangeError("digits.lr must be in [1, 21], got digits.lr=30"),
    );
    assert.throws(
      () => table(decays, { format: { lr: 2 as never } }),
      new TypeError("format.lr must be a function, got format.lr=2"),
    );
    assert.throws(
      () => table(decays, { columns: ["t", "loss"] }),
      new RangeError('columns must name keys of the rows, got column "loss"'),
    );
  });
});
