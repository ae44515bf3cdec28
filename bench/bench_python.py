"""Benchmark: CPython through wasmkiln.

- build time: `invoke build python --force` vs the same steps typed by hand (native python,
  then configure + make for wasm32-wasip1, install) in the same builder image on the same
  patched tree, in B-A order (goal <= 1.15);
- sizes: python.wasm and the stdlib zip vs the published peer's all-in-one 3.12 python.wasm
  (19 MB; goals: python.wasm <= 8 MB with zlib+sqlite3, zip <= 5 MB);
- startup (`-c pass`) and a CPU-bound script, python.wasm (wasmtime, from the .cwasm) vs the
  builder's native python3 of the same minor version (goal: CPU work <= 3x native).

Results also go to build-output/bench/python.json.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _shared import save, time_in_builder

from wasmkiln import depsprefix, smoke, sources, wasi_run
from wasmkiln.farm import Farm
from wasmkiln.settings import Settings

PEER_PYTHON_WASM_MB = 19.0
MB = 1_000_000
CPU = """
import time
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
t0 = time.perf_counter()
fib(25)
d = {}
for i in range(200000):
    d[str(i)] = i * i
s = sum(len(k) for k in sorted(d))
print(f"{time.perf_counter() - t0:.4f}")
"""
BARE = r"""
set -e
mkdir -p build-native && cd build-native
env CC=gcc CFLAGS= LDFLAGS= CPPFLAGS= PKG_CONFIG_LIBDIR= ../configure --without-ensurepip \
  --disable-test-modules >/dev/null
env CFLAGS= LDFLAGS= CPPFLAGS= make -j2 all >/dev/null
cd .. && mkdir -p build-wasi && cd build-wasi
CONFIG_SITE=../Tools/wasm/config.site-wasm32-wasi ../configure --host=wasm32-wasip1 \
  --build=$(gcc -dumpmachine) --with-build-python=../build-native/python --prefix=/usr/local \
  --without-system-libmpdec --without-ensurepip --disable-test-modules >/dev/null
make -j2 all >/dev/null
make install DESTDIR=/tmp/pyroot >/dev/null
wasm-opt -O2 --strip-debug --strip-producers python.wasm -o /tmp/python.opt.wasm
"""


def bare_build(farm: Farm) -> float:
    """The same build by hand: same image, same tree, same dependency prefix, no wasmkiln."""
    outcomes = farm.build("python")
    job = outcomes[-1].job
    fetched = sources.fetch(farm.settings, job.recipe, job.version)
    with tempfile.TemporaryDirectory(prefix="bench-python-") as tmp:
        src, deps = Path(tmp) / "src", Path(tmp) / "deps"
        sources.unpack(fetched.path, src, job.version.source.strip_components)
        depsprefix.assemble([o.directory for o in outcomes[:-1]], deps)
        return time_in_builder(farm, job, src, deps, BARE)


def native(image: str, code: str, runs: int) -> list[float]:
    """Times measured inside the builder container with its python3 (same minor version)."""
    script = (
        "import subprocess, sys, time\n"
        f"code = {code!r}\n"
        "for _ in range({runs}):\n"
        "    t0 = time.perf_counter()\n"
        "    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)\n"
        "    print(time.perf_counter() - t0, out.stdout.strip() or 0)\n").replace(
            "{runs}", str(runs))
    done = subprocess.run(["docker", "run", "--rm", "--network=none", image, "python3", "-c",
                           script], check=True, capture_output=True, text=True)
    return [float(line.split()[0 if code == "pass" else 1])
            for line in done.stdout.splitlines()]


def main() -> None:
    settings = Settings.from_env()
    farm = Farm(settings)
    t0 = time.monotonic()
    outcome = farm.build("python", force=True)[-1]
    kiln = time.monotonic() - t0
    bare = bare_build(farm)
    sizes = {o["path"]: o["size"] for o in outcome.manifest["outputs"]}
    wasm = outcome.directory / "bin/python.wasm"
    preopens = smoke.runtime_preopens(outcome.job, outcome.directory)
    env = dict(outcome.job.recipe.runtime_env)

    def wasm_run(args: list[str]) -> wasi_run.RunResult:
        return wasi_run.run(wasm, args, env=env, preopens=preopens, use_aot=True)

    wasm_run(["-c", "pass"])  # warm-up: page the .cwasm in
    start_wasm = []
    for _ in range(10):
        t1 = time.monotonic()
        wasm_run(["-c", "pass"])
        start_wasm.append(time.monotonic() - t1)
    cpu_wasm = [float(wasm_run(["-c", CPU]).stdout) for _ in range(5)]
    image = farm.toolchain.image_tag
    start_native = native(image, "pass", 10)
    cpu_native = native(image, CPU, 5)

    result = {
        "build_s": {"wasmkiln": round(kiln, 1), "bare": round(bare, 1),
                    "ratio": round(kiln / bare, 3), "goal": 1.15},
        "sizes": {"python.wasm": sizes["bin/python.wasm"],
                  "python313.zip": sizes["lib/python313.zip"],
                  "python.wasm_vs_peer": round(sizes["bin/python.wasm"] /
                                               (PEER_PYTHON_WASM_MB * MB), 3)},
        "startup_s": {"wasm_cwasm_in_process": round(statistics.median(start_wasm), 4),
                      "native_process": round(statistics.median(start_native), 4)},
        "cpu_s": {"wasm": round(statistics.median(cpu_wasm), 4),
                  "native": round(statistics.median(cpu_native), 4),
                  "ratio": round(statistics.median(cpu_wasm) / statistics.median(cpu_native),
                                 2), "goal": 3.0},
    }
    save(settings, "python", result)


if __name__ == "__main__":
    main()
