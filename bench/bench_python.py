"""Benchmark: CPython through wasmkiln.

- build time: `invoke build python --force` vs the same steps typed by hand (native python,
  then configure + make for wasm32-wasip1, install) in the same builder image on the same
  patched tree, in B-A order (goal <= 1.15);
- sizes: python.wasm and the stdlib zip vs the published peer's all-in-one 3.12 python.wasm
  (19 MB; goals: python.wasm <= 8 MB with zlib+sqlite3, zip <= 5 MB);
- startup (`-c pass`) and a CPU-bound script, python.wasm (wasmtime, from the .cwasm) vs a
  native python3 of the same minor version: the builder's (trixie: 3.13) or, for another
  version, this machine's `python3.X` (Debian 12: 3.11) (goal: CPU work <= 3x native).

    python bench/bench_python.py [--version 3.11] [--no-build]

`--no-build` measures sizes, startup and CPU on the cached build and leaves out the two forced
builds of the build-time ratio. Results also go to build-output/bench/python[-X.Y].json.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _shared import save, time_in_builder

from wasmkiln import depsprefix, patches, smoke, sources, wasi_run
from wasmkiln.farm import Farm
from wasmkiln.plan import version_values
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
CONFIG_SITE=../Tools/wasm/config.site-wasm32-wasi CFLAGS="$CFLAGS $CPYTHON_CFLAGS" \
  ../configure --host=$CPYTHON_HOST \
  --build=$(gcc -dumpmachine) --with-build-python=../build-native/python --prefix=/usr/local \
  --without-system-libmpdec --without-ensurepip --disable-test-modules >/dev/null
make -j2 all >/dev/null
make $CPYTHON_INSTALL DESTDIR=/tmp/pyroot >/dev/null
wasm-opt -O2 --strip-debug --strip-producers python.wasm -o /tmp/python.opt.wasm
"""


def bare_build(farm: Farm, version: str | None) -> float:
    """The same build by hand: same image, same tree, same dependency prefix, no wasmkiln."""
    outcomes = farm.build("python", version)
    job = outcomes[-1].job
    fetched = sources.fetch(farm.settings, job.recipe, job.version)
    with tempfile.TemporaryDirectory(prefix="bench-python-") as tmp:
        src, deps = Path(tmp) / "src", Path(tmp) / "deps"
        sources.unpack(fetched.path, src, job.version.source.strip_components)
        patches.apply_series(patches.series(farm.settings.patches_dir, job.recipe, job.version),
                             src)
        depsprefix.assemble([o.directory for o in outcomes[:-1]], deps)
        return time_in_builder(farm, job, src, deps, BARE)


def native_command(image: str, series: str) -> tuple[str, list[str]]:
    """A native python3 of the `series` minor version: the builder's if it is that version,
    else this machine's python`series`; (which one, the command to run it)."""
    in_builder = subprocess.run(["docker", "run", "--rm", "--network=none", image, "python3",
                                 "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                check=True, capture_output=True, text=True).stdout.strip()
    if in_builder == series:
        return (f"builder's python3 ({in_builder})",
                ["docker", "run", "--rm", "--network=none", image, "python3"])
    host = shutil.which(f"python{series}", path="/usr/bin:/usr/local/bin")
    if host is None:
        raise SystemExit(f"error: no native python{series} to compare with (the builder has "
                         f"{in_builder}; this machine has no /usr/bin/python{series})")
    return f"this machine's {host}", [host]


def native(command: list[str], code: str, runs: int) -> list[float]:
    """Times of `code` in fresh processes of the native python `command` runs."""
    script = (
        "import subprocess, sys, time\n"
        f"code = {code!r}\n"
        "for _ in range({runs}):\n"
        "    t0 = time.perf_counter()\n"
        "    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)\n"
        "    print(time.perf_counter() - t0, out.stdout.strip() or 0)\n").replace(
            "{runs}", str(runs))
    done = subprocess.run([*command, "-c", script], check=True, capture_output=True, text=True)
    return [float(line.split()[0 if code == "pass" else 1])
            for line in done.stdout.splitlines()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--version", help="python version or series (default: the recipe's)")
    parser.add_argument("--no-build", action="store_true",
                        help="no build-time ratio: measure the cached build")
    opts = parser.parse_args()
    settings = Settings.from_env()
    farm = Farm(settings)
    build_s = None
    if opts.no_build:
        outcome = farm.build("python", opts.version)[-1]
    else:
        t0 = time.monotonic()
        outcome = farm.build("python", opts.version, force=True)[-1]
        kiln = time.monotonic() - t0
        bare = bare_build(farm, opts.version)
        build_s = {"wasmkiln": round(kiln, 1), "bare": round(bare, 1),
                   "ratio": round(kiln / bare, 3), "goal": 1.15}
    v = version_values(outcome.job.version.version)
    series = f"{v['VERSION_MAJOR']}.{v['VERSION_MINOR']}"
    sizes = {o.path: o.size for o in outcome.manifest.outputs}
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
    which, command = native_command(image, series)
    start_native = native(command, "pass", 10)
    cpu_native = native(command, CPU, 5)
    zip_name = f"python{series.replace('.', '')}.zip"

    result = {
        "version": outcome.job.version.version,
        "native": which,
        "build_s": build_s,
        "sizes": {"python.wasm": sizes["bin/python.wasm"],
                  zip_name: sizes[f"lib/{zip_name}"],
                  "python.wasm_vs_peer": round(sizes["bin/python.wasm"] /
                                               (PEER_PYTHON_WASM_MB * MB), 3)},
        "startup_s": {"wasm_cwasm_in_process": round(statistics.median(start_wasm), 4),
                      "native_process": round(statistics.median(start_native), 4)},
        "cpu_s": {"wasm": round(statistics.median(cpu_wasm), 4),
                  "native": round(statistics.median(cpu_native), 4),
                  "ratio": round(statistics.median(cpu_wasm) / statistics.median(cpu_native),
                                 2), "goal": 3.0},
    }
    save(settings, "python" if opts.version is None else f"python-{series}", result)


if __name__ == "__main__":
    main()
