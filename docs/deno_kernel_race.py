"""Counts outputs of Deno's Jupyter kernel that leave their cell, the way Run All queues cells.

Sends N execute requests back to back (as Jupyter Notebook's Kernel > Restart & Run All does),
then reads IOPub and checks that each cell's output is stamped with that cell's request
(parent_header.msg_id) and is published before that cell's `idle` status. No anneal involved.

    /usr/bin/python3 docs/deno_kernel_race.py MODE [N] [REPEATS] [LIB]

MODE (what each cell does):
  result   the cell's last value has Symbol.for("Jupyter.display") (kernel sends execute_result)
  display  `await Deno.jupyter.display(bundle, { raw: true })` as the cell's last statement
  log      console.log (stream output)
  show     anneal's fix: `await show(bundle)` with `show = await kernelShow(Deno.jupyter)`, made
           by a first cell that imports lib/mod.ts (pass the repository as LIB: the one place
           this script uses anneal)
Needs jupyter_client and a Deno kernel (`deno jupyter --install`).
"""
import collections
import sys
import time

import jupyter_client

mode = sys.argv[1] if len(sys.argv) > 1 else "result"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 1


def cell(i):
    if mode == "result":
        return f'({{ [Symbol.for("Jupyter.display")]() {{ return {{ "text/plain": "out {i}" }}; }} }})'
    if mode == "display":
        return f'await Deno.jupyter.display({{ "text/plain": "out {i}" }}, {{ raw: true }});'
    if mode == "show":
        return f'await show({{ "text/plain": "out {i}" }}, {{ raw: true }});'
    if mode == "log":
        return f'console.log("out {i}");'
    raise SystemExit(f"unknown mode {mode}")


def run_once(kc):
    ids = [kc.execute(cell(i)) for i in range(n)]
    want = {mid: f"out {i}" for i, mid in enumerate(ids)}
    got = collections.defaultdict(list)
    idle = set()
    deadline = time.time() + 120
    while len(idle) < len(ids) and time.time() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=10)
        except Exception:
            break
        pid = m["parent_header"].get("msg_id")
        t = m["msg_type"]
        if t == "status" and m["content"]["execution_state"] == "idle":
            idle.add(pid)
        elif t in ("execute_result", "display_data"):
            got[pid].append((m["content"]["data"]["text/plain"], pid in idle))
        elif t == "stream":
            got[pid].append((m["content"]["text"].strip(), pid in idle))
        elif t == "error":
            got[pid].append(("ERROR " + m["content"]["evalue"], False))
    time.sleep(1)
    while True:  # anything published after the last idle
        try:
            m = kc.get_iopub_msg(timeout=1)
        except Exception:
            break
        if m["msg_type"] in ("execute_result", "display_data", "stream"):
            got[m["parent_header"].get("msg_id")].append(("late", True))
    wrong = [i for i, mid in enumerate(ids) if [g[0] for g in got[mid]] != [want[mid]]]
    after_idle = sum(1 for mid in ids for g in got[mid] if g[1])
    for i in wrong:
        print(f"  cell {i} got {[g[0] for g in got[ids[i]]]}")
    return len(wrong), after_idle


km, kc = jupyter_client.manager.start_new_kernel(kernel_name="deno")
if mode == "show":
    import pathlib
    lib = (pathlib.Path(sys.argv[4] if len(sys.argv) > 4 else ".") / "lib" / "mod.ts").resolve()
    kc.execute_interactive(
        f'const {{ kernelShow }} = await import("{lib.as_uri()}");'
        'const show = await kernelShow(Deno.jupyter);'
        'if (!show.synced) throw new Error("IOPub not found");', timeout=120)
try:
    for r in range(repeats):
        wrong, after_idle = run_once(kc)
        print(f"{mode}: cells without exactly their own output {wrong}/{n},"
              f" outputs after their cell's idle {after_idle}/{n}", flush=True)
finally:
    km.shutdown_kernel(now=True)
