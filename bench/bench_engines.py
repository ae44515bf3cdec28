"""Benchmark: how the built sqlite3.wasm starts and runs, against a native sqlite3 of the same
source and flags, all measured in this one run.

- startup (`select 1;`): JIT-compiled vs from the .cwasm vs native, as library calls
  (wasi_run.run in this process) and as whole processes (`python -m wasmkiln.wasi_run` vs the
  native binary);
- a CPU-bound query: wasm from .cwasm vs native, and wasm-opt -O2 vs an unoptimised build;
- the AOT compile time and the sizes before/after wasm-opt.

Prints a table, saves build-output/bench/engines.json and engines.png.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from wasmkiln import aot, atomic, builder, docker_daemon, sources, wasi_run
from wasmkiln.farm import Farm
from wasmkiln.settings import Settings
from wasmkiln.toolchain import SRC_DIR

STARTUP = ["-batch", ":memory:", "select 1;"]
CPU_SQL = ("with recursive c(x) as (select 1 union all select x + 1 from c where x < 1500000) "
           "select sum(x * x % 7) from c;")
CPU = ["-batch", ":memory:", CPU_SQL]

NATIVE = r"""
set -e
./configure --disable-tcl >/dev/null
make -j2 sqlite3.c shell.c >/dev/null
gcc -O2 -static -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_MATH_FUNCTIONS -DSQLITE_ENABLE_DBSTAT_VTAB \
  -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_THREADSAFE=0 \
  -I. shell.c sqlite3.c -lm -o /src/sqlite3-native
"""


def native_sqlite(farm: Farm, workdir: Path) -> Path:
    """The same sqlite source built natively (static, so it runs outside the builder)."""
    job = farm.plan("sqlite")
    fetched = sources.fetch(farm.settings, job.recipe, job.version)
    src = workdir / "native-src"
    sources.unpack(fetched.path, src, job.version.source.strip_components)
    subprocess.run(["docker", "run", "--rm", "--network=none", "-v", f"{src}:{SRC_DIR}",
                    "-w", SRC_DIR, farm.toolchain.image_tag, "bash", "-c", NATIVE], check=True)
    return src / "sqlite3-native"


def timings(n: int, fn: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def best_of(n: int, fn: Callable[[], object]) -> float:
    return min(timings(n, fn))


def median_of(n: int, fn: Callable[[], object]) -> float:
    """Median of n runs after one untimed warm-up (the first run pages the code in and is
    twice as slow here, which is start-up, not CPU work)."""
    fn()
    return statistics.median(timings(n, fn))


def main() -> None:
    base = Settings.from_env()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-engines-") as tmp:
        work = Path(tmp)
        settings = base._replace(output_dir=work / "out")
        farm = Farm(settings)
        client = docker_daemon.connect(settings.logs_dir)
        builder.ensure_builder(client, farm.toolchain, settings.logs_dir)

        optimised = farm.build("sqlite")[-1]
        plain = farm.build("sqlite", opt_level="none", force=True)[-1]
        native = native_sqlite(farm, work)
        wasm = optimised.directory / "bin/sqlite3.wasm"
        wasm_plain = plain.directory / "bin/sqlite3.wasm"

        expected = subprocess.run([native, *CPU], capture_output=True, check=True).stdout
        assert wasi_run.run(wasm, CPU, use_aot=True).stdout == expected

        def jit_start() -> None:
            wasi_run._JIT.clear()
            wasi_run.run(wasm, STARTUP)

        results["aot_compile_s"] = best_of(3, lambda: aot.compile_cwasm(wasm,
                                                                        aot.status(wasm)[1]))
        results["start_jit_lib_s"] = best_of(3, jit_start)
        results["start_cwasm_lib_s"] = best_of(20, lambda: wasi_run.run(wasm, STARTUP,
                                                                         use_aot=True))
        results["start_native_proc_s"] = best_of(20, lambda: subprocess.run(
            [native, *STARTUP], capture_output=True, check=True))
        results["start_cwasm_proc_s"] = best_of(10, lambda: subprocess.run(
            [sys.executable, "-m", "wasmkiln.wasi_run", str(wasm), *STARTUP],
            capture_output=True, check=True))
        results["cpu_native_s"] = median_of(7, lambda: subprocess.run(
            [native, *CPU], capture_output=True, check=True))
        results["cpu_cwasm_s"] = median_of(7, lambda: wasi_run.run(wasm, CPU, use_aot=True))
        aot.ensure(wasm_plain)
        results["cpu_cwasm_unoptimised_s"] = median_of(7, lambda: wasi_run.run(
            wasm_plain, CPU, use_aot=True))
        sizes = optimised.manifest.optimise["sizes"]["bin/sqlite3.wasm"]
        cwasm_size = aot.cwasm_path(wasm).stat().st_size

    ratios = {
        "start_cwasm_lib_vs_native_proc": results["start_cwasm_lib_s"]
        / results["start_native_proc_s"],
        "start_cwasm_proc_vs_native_proc": results["start_cwasm_proc_s"]
        / results["start_native_proc_s"],
        "start_jit_vs_cwasm_lib": results["start_jit_lib_s"] / results["start_cwasm_lib_s"],
        "cpu_cwasm_vs_native": results["cpu_cwasm_s"] / results["cpu_native_s"],
        "cpu_unoptimised_vs_optimised": results["cpu_cwasm_unoptimised_s"]
        / results["cpu_cwasm_s"],
        "size_after_vs_before_wasm_opt": sizes["after"] / sizes["before"],
    }
    print("sqlite 3.46.1 on wasmtime", results and "")
    for key, value in results.items():
        print(f"  {key:<28} {value * 1000:10.1f} ms")
    for key, value in ratios.items():
        print(f"  {key:<36} {value:8.3f}x")
    print(f"  sizes: wasm {sizes['before']:,} -> {sizes['after']:,} bytes after wasm-opt -O2, "
          f"cwasm {cwasm_size:,} bytes")
    out = base.output_dir / "bench"
    atomic.write_text(out / "engines.json", json.dumps(
        {"seconds": results, "ratios": ratios, "sizes": {**sizes, "cwasm": cwasm_size}},
        indent=2) + "\n")
    plot(results, out / "engines.png")
    print(f"saved {out / 'engines.json'} and {out / 'engines.png'}")


def plot(results: dict[str, float], dest: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    start = ["start_native_proc_s", "start_cwasm_lib_s", "start_cwasm_proc_s", "start_jit_lib_s"]
    left.bar(["native\nprocess", ".cwasm\nlibrary", ".cwasm\nprocess", "JIT\nlibrary"],
             [results[k] * 1000 for k in start], color=["grey", "tab:blue", "tab:cyan", "tab:red"])
    left.set_ylabel("ms (best of N)")
    left.set_yscale("log")
    left.set_title("sqlite3 startup: select 1")
    cpu = ["cpu_native_s", "cpu_cwasm_s", "cpu_cwasm_unoptimised_s"]
    right.bar(["native", "wasm -O2\n(.cwasm)", "wasm, no\nwasm-opt"],
              [results[k] for k in cpu], color=["grey", "tab:blue", "tab:orange"])
    right.set_ylabel("s (median of 7, after a warm-up)")
    right.set_title("CPU-bound query (recursive CTE)")
    fig.tight_layout()
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(".tmp.png")
    fig.savefig(tmp, dpi=100)
    tmp.replace(dest)


if __name__ == "__main__":
    main()
