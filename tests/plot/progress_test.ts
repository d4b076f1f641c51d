import assert from "node:assert/strict";
import { type DisplayCallOptions, type MimeBundle, progress } from "../../lib/mod.ts";

interface Call {
  text: string;
  html: string;
  options: DisplayCallOptions;
}

function recorder() {
  const calls: Call[] = [];
  const display = (bundle: MimeBundle, options: DisplayCallOptions) => {
    calls.push({
      text: String(bundle["text/plain"]),
      html: String(bundle["text/html"]),
      options,
    });
    return Promise.resolve();
  };
  return { calls, display };
}

/** A clock the test moves by hand (milliseconds). */
function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

Deno.test("progress()", async (t) => {
  await t.step("shows the first update, then at most one per intervalMs", async () => {
    const { calls, display } = recorder();
    const c = clock();
    const bar = progress({ total: 1000, display, intervalMs: 100, now: c.now, displayId: "p" });
    for (let i = 1; i <= 1000; i++) {
      await bar.update(i, { loss: 1 / i });
      c.advance(1); // 1 ms per iteration: shown at i = 1, 101, 201, ...
    }
    assert.deepEqual(
      calls.map((call) => call.text.split(" · ")[0]),
      [1, 101, 201, 301, 401, 501, 601, 701, 801, 901].map((i) => `iteration ${i}/1000`),
    );
  });

  await t.step("throttles by iteration count with every", async () => {
    const { calls, display } = recorder();
    const bar = progress({ total: 10, display, every: 4, intervalMs: Infinity });
    for (let i = 1; i <= 10; i++) await bar.update(i);
    assert.deepEqual(calls.map((c) => c.text), [
      "iteration 1/10",
      "iteration 5/10",
      "iteration 9/10",
    ]);
  });

  await t.step("creates the output once, then updates it in place by display id", async () => {
    const { calls, display } = recorder();
    const bar = progress({ total: 3, display, every: 1, displayId: "train-1" });
    for (let i = 1; i <= 3; i++) await bar.update(i);
    assert.deepEqual(calls.map((c) => c.options), [
      { raw: true, display_id: "train-1", update: false },
      { raw: true, display_id: "train-1", update: true },
      { raw: true, display_id: "train-1", update: true },
    ]);
    assert.equal(bar.displayId, "train-1");
  });

  await t.step("done() shows the final state once, whatever the timing", async () => {
    const finals: string[] = [];
    for (const msPerStep of [0, 3, 1000]) {
      const { calls, display } = recorder();
      const c = clock();
      const bar = progress({ total: 50000, display, now: c.now });
      for (let i = 1; i <= 50000; i += 7) {
        await bar.update(i, { loss: 1 / i, lr: 5e-4 });
        c.advance(msPerStep);
      }
      await bar.update(50000, { loss: 0.0213 });
      await bar.done();
      await bar.done();
      const last = calls[calls.length - 1] as Call;
      assert.equal(last.options.update, calls.length > 1);
      assert.equal(calls.filter((c) => c.text + c.html === last.text + last.html).length, 1);
      finals.push(last.text + last.html);
    }
    assert.equal(finals[0], finals[1]);
    assert.equal(finals[1], finals[2]);
    assert.ok(finals[0]?.startsWith("iteration 50000/50000 · loss 0.0213 · lr 5.0e-4"));
    assert.ok(finals[0]?.includes("width:100.0%"));
    assert.ok(finals[0]?.includes('data-state="done"'));
  });

  await t.step(
    "a run that stops early ends with a full green bar saying where it stopped",
    async () => {
      const { calls, display } = recorder();
      const bar = progress({ total: 50000, display, every: 10000, intervalMs: Infinity });
      for (let i = 1; i <= 21000; i++) await bar.update(i, { loss: 0.5 });
      await bar.done({}, { reason: "accuracy reached" });
      const last = calls[calls.length - 1] as Call;
      assert.equal(last.text, "stopped at iteration 21000/50000 (accuracy reached) · loss 0.500");
      assert.ok(last.html.includes('data-state="done"'));
      assert.ok(last.html.includes("width:100.0%;height:100%;background:#2ca02c"));
      // Before done() the same iteration is a 42% blue bar, still running.
      const running = calls[calls.length - 2] as Call;
      assert.ok(running.html.includes('data-state="running"'));
      assert.ok(running.html.includes("width:40.0%;height:100%;background:#1f77b4"));
      const silent = progress({ total: 10 });
      await silent.update(3);
      await silent.done();
      assert.equal(silent.text(), "stopped at iteration 3/10");
      assert.throws(() => silent.done({}, { reason: 1 as never }), {
        name: "TypeError",
        message: "reason must be a string, got reason=1",
      });
      assert.throws(() => silent.done({}, { why: "x" } as never), TypeError);
    },
  );

  await t.step("done(values) merges final values", async () => {
    const { calls, display } = recorder();
    const bar = progress({ total: 2, display, label: "epoch" });
    await bar.update(2, { loss: 0.5 });
    await bar.done({ testAccuracy: 0.9667 });
    assert.deepEqual(calls.map((c) => c.text), [
      "epoch 2/2 · loss 0.500",
      "epoch 2/2 · loss 0.500 · testAccuracy 0.967",
    ]);
  });

  await t.step("formats lr as 5.0e-4 and takes custom formats", async () => {
    const bar = progress({ total: 4, format: { acc: (v) => `${(100 * v).toFixed(1)}%` } });
    await bar.update(1, { lr: 5e-4, acc: 0.25, loss: 1.2e-5 });
    assert.equal(bar.text(), "iteration 1/4 · lr 5.0e-4 · acc 25.0% · loss 1.20e-5");
    assert.deepEqual(Object.keys(bar.bundle()), ["text/plain", "text/html"]);
    const method = (bar as unknown as Record<symbol, () => MimeBundle>)[
      Symbol.for("Jupyter.display")
    ];
    assert.deepEqual(method?.call(bar), bar.bundle());
  });

  await t.step("escapes HTML in the line", async () => {
    const bar = progress({ total: 1, label: "<b>step</b>" });
    await bar.update(1);
    assert.ok(bar.html().includes("&lt;b&gt;step&lt;/b&gt; 1/1"));
    assert.ok(bar.html().includes("width:100.0%"));
  });

  await t.step("gives each progress its own default display id", () => {
    const a = progress({ total: 1 });
    const b = progress({ total: 1 });
    assert.match(a.displayId, /^anneal-progress-\d+$/);
    assert.notEqual(a.displayId, b.displayId);
  });

  await t.step("rejects bad options", () => {
    assert.throws(() => progress({ total: 0 }), {
      name: "RangeError",
      message: "total must be a positive integer, got total=0",
    });
    assert.throws(() => progress({ total: 1, every: 0.5 }), {
      name: "RangeError",
      message: "every must be an integer, got every=0.5",
    });
    assert.throws(() => progress({ total: 1, intervalMs: -1 }), {
      name: "RangeError",
      message: "intervalMs must be non-negative, got intervalMs=-1",
    });
    assert.throws(() => progress({ total: 1, display: 3 as never }), {
      name: "TypeError",
      message: "display must be a function, got display=3",
    });
  });
});
