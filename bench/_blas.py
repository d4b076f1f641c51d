"""Which BLAS this Python process runs, for the peer benchmarks (bench/peers.ts, bench/scale.ts).

blas_info() lists the shared libraries mapped into the process (/proc/self/maps, Linux) after
numpy or torch has run a product, resolves their symlinks, and, for OpenBLAS, asks the library
itself for its version string, the kernel it chose (openblas_get_corename) and its thread count.
The Deno side classifies the paths (bench/_blas.ts) and refuses to time a peer on the reference
BLAS.
"""

import ctypes
import os
import re


def blas_info():
    with open("/proc/self/maps") as f:
        maps = f.read()
    paths = sorted(set(re.findall(r"(/\S+\.so[.\d]*)\s*$", maps, re.M)))
    blas = sorted({os.path.realpath(p) for p in paths
                   if re.search(r"blas|lapack|mkl|blis|atlas|accelerate", os.path.basename(p), re.I)})
    info = {"paths": blas, "config": None, "core": None, "threads": None}
    for path in blas:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
        except (OSError, AttributeError):
            continue
        info["config"] = lib.openblas_get_config().decode()
        info["core"] = lib.openblas_get_corename().decode()
        info["threads"] = lib.openblas_get_num_threads()
        break
    return info


if __name__ == "__main__":
    # python3 bench/_blas.py numpy|torch: run one product there, print blas_info() as JSON
    import json
    import sys

    if sys.argv[1] == "torch":
        import torch

        torch.set_num_threads(int(os.environ.get("OPENBLAS_NUM_THREADS", "1")))
        for dtype in (torch.float64, torch.float32):
            torch.ones(64, 64, dtype=dtype) @ torch.ones(64, 64, dtype=dtype)
        version = torch.__version__
    else:
        import numpy

        numpy.ones((64, 64)) @ numpy.ones((64, 64))
        version = numpy.__version__
    print(json.dumps({**blas_info(), "version": version}))
