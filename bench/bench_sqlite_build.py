"""Benchmark: sqlite through wasmkiln vs a bare configure+make in the same builder image.

Prints the wall-time ratio (goal <= 1.15), the no-op rebuild time (goal < 2 s) as a library
call and as a whole `invoke build` process, and the output sizes. Both builds run twice in this
one process, in A-B-B-A order, on the same source tree and builder image. Results also go to
build-output/bench/sqlite-build.json.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wasmkiln import atomic, builder, docker_daemon, patches, sources
from wasmkiln.farm import Farm
from wasmkiln.settings import Settings
from wasmkiln.toolchain import PREFIX_DIR, SRC_DIR

# What a person would type to build the same thing by hand, with the same flags.
BARE = r"""
set -e
export CFLAGS="-O2 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_ENABLE_DBSTAT_VTAB \
 -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_THREADSAFE=0 \
 -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_GETPID -D_WASI_EMULATED_SIGNAL"
export LDFLAGS="-lwasi-emulated-process-clocks -lwasi-emulated-getpid -lwasi-emulated-signal"
export CC=/opt/wasi-sdk/bin/wasm32-wasip1-clang AR=/opt/wasi-sdk/bin/llvm-ar
./configure --host=wasm32-wasip1 --build=$(gcc -dumpmachine) --prefix=/opt/wasmkiln/prefix \
  --disable-tcl --disable-threadsafe --disable-load-extension --disable-readline \
  --disable-editline --disable-shared --enable-static BUILD_CC=gcc
make -j2 sqlite3.c shell.c sqlite3.pc
$CC $CFLAGS -c sqlite3.c -o sqlite3.o
$AR rcs libsqlite3.a sqlite3.o
$CC $CFLAGS -I. shell.c libsqlite3.a $LDFLAGS -o sqlite3.wasm
wasm-opt -O2 --strip-debug --strip-producers sqlite3.wasm -o sqlite3.opt.wasm
"""


def bare_build(farm: Farm, image: str) -> float:
    job = farm.plan("sqlite")
    fetched = sources.fetch(farm.settings, job.recipe, job.version)
    with tempfile.TemporaryDirectory(prefix="bench-bare-") as tmp:
        src = Path(tmp) / "src"
        sources.unpack(fetched.path, src, job.version.source.strip_components)
        patches.apply_series(job.patches, src)
        t0 = time.monotonic()
        subprocess.run(["docker", "run", "--rm", "--network=none", "-v", f"{src}:{SRC_DIR}",
                        "-v", f"{tmp}/prefix:{PREFIX_DIR}", "-w", SRC_DIR, image,
                        "bash", "-c", BARE], check=True, stdout=subprocess.DEVNULL)
        return time.monotonic() - t0


def main() -> None:
    base = Settings.from_env()
    with tempfile.TemporaryDirectory(prefix="bench-out-") as out:
        settings = base._replace(output_dir=Path(out))
        farm = Farm(settings)
        client = docker_daemon.connect(settings.logs_dir)
        builder.ensure_builder(client, farm.toolchain, settings.logs_dir)
        farm.fetch("sqlite")

        # A-B-B-A order, so drift in machine load over the run falls on both sides equally.
        bare_runs, kiln_runs = [], []
        bare_runs.append(bare_build(farm, farm.toolchain.image_tag))
        for force in (False, True):
            t0 = time.monotonic()
            built = farm.build("sqlite", force=force)[-1]
            kiln_runs.append(time.monotonic() - t0)
            assert not built.cached
        bare_runs.append(bare_build(farm, farm.toolchain.image_tag))
        bare, kiln = sum(bare_runs) / 2, sum(kiln_runs) / 2

        t0 = time.monotonic()
        again = Farm(settings).build("sqlite")[-1]
        noop_lib = time.monotonic() - t0
        assert again.cached
        env = {"WASMKILN_OUTPUT": out, "WASMKILN_CACHE": str(settings.cache_dir),
               "PATH": "/usr/bin:/bin"}
        t0 = time.monotonic()
        subprocess.run([sys.executable, "-m", "invoke", "build", "sqlite"], check=True,
                       cwd=settings.root, env=env, stdout=subprocess.DEVNULL)
        noop_proc = time.monotonic() - t0
        sizes = {o.path: o.size for o in built.manifest.outputs}

    result = {
        "bare_make_s": [round(t, 2) for t in bare_runs],
        "wasmkiln_s": [round(t, 2) for t in kiln_runs],
        "ratio": round(kiln / bare, 3), "goal_ratio": 1.15,
        "noop_library_s": round(noop_lib, 3), "noop_process_s": round(noop_proc, 3),
        "goal_noop_s": 2.0, "sizes": sizes, "stages_s": built.manifest.timings_s,
    }
    print(f"sqlite 3.46.1 (mean of 2, ABBA order): bare make {bare:.1f} s, wasmkiln {kiln:.1f} s,"
          f" ratio {kiln / bare:.3f} (goal <= 1.15)")
    print(f"no-op rebuild: {noop_lib * 1000:.0f} ms as a library call, {noop_proc:.2f} s as a "
          "whole `invoke build` process (goal < 2 s)")
    for path, size in sizes.items():
        print(f"  {path:<28} {size:>10,} bytes")
    dest = base.output_dir / "bench" / "sqlite-build.json"
    atomic.write_text(dest, json.dumps(result, indent=2) + "\n")
    print(f"saved {dest}")
    shutil.rmtree(settings.work_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
