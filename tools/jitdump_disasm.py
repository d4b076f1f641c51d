"""Disassembles the machine code V8 generated for one function, from a perf jitdump.

To see what Deno's V8 makes of a WebAssembly kernel (register spills, bounds checks):

    perf record -k 1 -o /tmp/perf.data \\
        deno run -A --v8-flags=--perf-prof,--no-liftoff some_script_calling_the_kernel.ts
    perf report -i /tmp/perf.data --stdio | grep JIT | head    # hot addresses
    python3 tools/jitdump_disasm.py jit-<pid>.dump 0x<hot address>

--perf-prof makes V8 write jit-<pid>.dump (in the working directory) with every compiled
function's code; this script finds the function containing the address (JIT_CODE_LOAD records of
the jitdump format, linux/tools/perf/Documentation/jitdump-specification.txt) and prints
`objdump -D` of its bytes. Needs perf and binutils; nothing else.
"""

import struct
import subprocess
import sys
import tempfile


def main(path: str, address: int) -> None:
    data = open(path, "rb").read()
    offset = struct.unpack_from("<I", data, 8)[0]  # header size
    while offset + 16 <= len(data):
        record_id, size, _timestamp = struct.unpack_from("<IIQ", data, offset)
        if size == 0:
            break
        if record_id == 0:  # JIT_CODE_LOAD
            _pid, _tid, _vma, code_addr, code_size, _index = struct.unpack_from(
                "<IIQQQQ", data, offset + 16
            )
            name_start = offset + 16 + 40
            name_end = data.index(b"\0", name_start)
            if code_addr <= address < code_addr + code_size:
                name = data[name_start:name_end].decode(errors="replace")
                code = data[name_end + 1 : name_end + 1 + code_size]
                print(f"{name} at {code_addr:#x}, {code_size} bytes")
                with tempfile.NamedTemporaryFile(suffix=".bin") as f:
                    f.write(code)
                    f.flush()
                    out = subprocess.run(
                        ["objdump", "-D", "-b", "binary", "-m", "i386:x86-64",
                         f"--adjust-vma={code_addr:#x}", f.name],
                        capture_output=True, text=True, check=True,
                    ).stdout
                print(out)
                return
        offset += size
    sys.exit(f"no function contains {address:#x}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: jitdump_disasm.py jit-<pid>.dump 0x<address>")
    main(sys.argv[1], int(sys.argv[2], 16))
