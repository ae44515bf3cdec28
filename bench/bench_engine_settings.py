"""Benchmark: wasmtime settings and wasm-opt levels, one lever at a time, against wasmkiln's
defaults measured in the same run.

Each lever is a row: an engine built with one setting changed (wasmtime_engine.make_engine),
or a module put through one more wasm-opt level (binaryen in the builder image, on the stored
optimised module; no interpreter is rebuilt). Columns, each the median of --runs after a
warm-up, rounds interleaved so the machine's load hits every row alike:
- start: a fresh instance running `php -r ''` (instantiate + PHP start-up + exit), CPU ms;
- bench.php: Zend/bench.php on php.wasm, CPU seconds (user + system of this process, every
  thread: steadier than wall time on a shared machine);
- cpu_mix: bench/workloads/cpu_mix.py on python.wasm, CPU seconds;
- compile: Cranelift's time for php.wasm with that setting, s (the first run's).
Ratios are row / default. Compiled modules are kept in the cache (WASMKILN_CACHE/bench-settings/)
by the sha256 of module + settings, so a second run compiles nothing. Saves
build-output/bench/engine-settings.json.

    python bench/bench_engine_settings.py [--runs 5] [--only default,pooling,...] [--no-build]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import wasmtime  # noqa: E402
from _shared import save  # noqa: E402
from bench_peers import CPU_MIX, bench_php_file, built  # noqa: E402

from wasmkiln import atomic, smoke, wasi_run, wasmtime_engine  # noqa: E402
from wasmkiln.digests import file_sha256  # noqa: E402
from wasmkiln.farm import Farm  # noqa: E402
from wasmkiln.settings import Settings  # noqa: E402

# the features wasmkiln's modules use, for wasm-opt reading an already optimised module
WASM_OPT_FEATURES = ["--enable-exception-handling", "--enable-reference-types",
                     "--enable-bulk-memory", "--enable-sign-ext", "--enable-mutable-globals",
                     "--enable-nontrapping-float-to-int", "--enable-multivalue"]


@dataclass(frozen=True)
class Lever:
    """One change from the defaults: engine settings over SETTINGS, the pooling allocator,
    InstancePre reuse, or one more wasm-opt level on the stored module."""

    name: str
    what: str
    settings: dict[str, object] = field(default_factory=dict)
    pooling: bool = False
    instance_pre: bool = False
    wasm_opt: str | None = None


LEVERS = [
    Lever("default", "wasmkiln's engine (Cranelift speed, 4 GiB reservation, 32 MiB guard)"),
    Lever("speed_and_size", "Cranelift opt level speed_and_size",
          {"cranelift_opt_level": "speed_and_size"}),
    Lever("nan_canonical", "NaN canonicalisation on", {"cranelift_nan_canonicalization": True}),
    Lever("bounds_checks", "64 MiB reservation, no guard: explicit bounds checks",
          {"memory_reservation": 64 << 20, "memory_guard_size": 0}),
    Lever("guard_2g", "2 GiB guard (default 32 MiB)", {"memory_guard_size": 2 << 30}),
    Lever("no_cow", "memory_init_cow off (data segments copied at instantiation)",
          {"memory_init_cow": False}),
    Lever("pooling", "pooling instance allocator", pooling=True),
    Lever("instance_pre", "InstancePre made once, instantiated per run", instance_pre=True),
    Lever("wasm_opt_O3", "wasm-opt -O3 over the stored -O2 module", wasm_opt="O3"),
    Lever("wasm_opt_O4", "wasm-opt -O4 over the stored -O2 module", wasm_opt="O4"),
]


class LeverFailed(Exception):
    """A lever that cannot be applied to a module (the reason is reported as its row)."""


@dataclass
class Prepared:
    """A lever made concrete for one program: its engine and compiled module."""

    engine: wasmtime.Engine
    module: wasmtime.Module
    compile_s: float
    instance_pre: wasmtime.InstancePre | None = None


def optimised(farm: Farm, wasm: Path, level: str, cache: Path) -> Path:
    """`wasm` through one more wasm-opt level in the builder image, kept in the cache."""
    dest = cache / f"{file_sha256(wasm)[:16]}-{level}.wasm"
    if dest.is_file():
        return dest
    with tempfile.TemporaryDirectory(prefix="bench-wasm-opt-") as tmp:
        shutil.copyfile(wasm, Path(tmp) / "in.wasm")
        t0 = time.monotonic()
        done = subprocess.run(["docker", "run", "--rm", "--network=none", "-v", f"{tmp}:/w",
                               farm.toolchain.image_tag, "wasm-opt", f"-{level}",
                               *WASM_OPT_FEATURES, "--strip-debug", "--strip-producers",
                               "/w/in.wasm", "-o", "/w/out.wasm"], capture_output=True, text=True)
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or ["no message"])[0]
            raise LeverFailed(f"wasm-opt -{level} failed on {wasm.name} (exit "
                              f"{done.returncode}): {reason}")
        print(f"wasm-opt -{level} {wasm.name}: {time.monotonic() - t0:.0f} s, "
              f"{wasm.stat().st_size} -> {(Path(tmp) / 'out.wasm').stat().st_size} bytes",
              flush=True)
        atomic.copy_file(Path(tmp) / "out.wasm", dest)
    return dest


def prepare(lever: Lever, farm: Farm, wasm: Path, cache: Path) -> Prepared:
    settings = {**wasmtime_engine.SETTINGS, **lever.settings}
    engine = wasmtime_engine.make_engine(settings, pooling=lever.pooling)
    if lever.wasm_opt:
        wasm = optimised(farm, wasm, lever.wasm_opt, cache)
    key = hashlib.sha256(json.dumps([file_sha256(wasm), wasmtime_engine.fingerprint(settings)],
                                    sort_keys=True).encode()).hexdigest()[:24]
    cwasm = cache / f"{key}.cwasm"
    compile_s = 0.0
    if not cwasm.is_file():
        t0 = time.monotonic()
        module = wasmtime.Module.from_file(engine, str(wasm))
        compile_s = time.monotonic() - t0
        atomic.write_bytes(cwasm, bytes(module.serialize()))
        atomic.write_text(cwasm.with_suffix(".json"), json.dumps({"compile_s": compile_s}))
    else:
        compile_s = json.loads(cwasm.with_suffix(".json").read_text())["compile_s"]
    module = wasmtime.Module.deserialize_file(engine, str(cwasm))
    prepared = Prepared(engine, module, compile_s)
    if lever.instance_pre:
        linker = wasmtime.Linker(engine)
        linker.define_wasi()
        prepared.instance_pre = linker.instantiate_pre(module)
    return prepared


def run_once(prep: Prepared, args: list[str], preopens: list[wasi_run.Preopen],
             env: dict[str, str]) -> bytes:
    """One fresh instance of the prepared module; its stdout."""
    with tempfile.TemporaryDirectory(prefix="bench-settings-") as tmp:
        wasi = wasmtime.WasiConfig()
        wasi.argv = ["prog", *args]
        wasi.env = sorted(env.items())
        wasi.stdout_file = str(Path(tmp) / "out")
        for p in preopens:
            wasi.preopen_dir(str(p.host), p.guest, p.writable)
        store = wasmtime.Store(prep.engine)
        store.set_wasi(wasi)
        if prep.instance_pre is not None:
            instance = prep.instance_pre.instantiate(store)
        else:
            linker = wasmtime.Linker(prep.engine)
            linker.define_wasi()
            instance = linker.instantiate(store, prep.module)
        start = instance.exports(store)["_start"]
        assert isinstance(start, wasmtime.Func)
        try:
            wasi_run._on_big_stack(lambda: start(store))
        except wasmtime.ExitTrap as exc:
            if exc.code:
                raise SystemExit(f"error: {args} exited {exc.code}") from exc
        return (Path(tmp) / "out").read_bytes()


def cpu_seconds(call: Callable[[], object]) -> float:
    """User + system seconds this process (every thread) spent in `call`."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    call()
    after = resource.getrusage(resource.RUSAGE_SELF)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default=",".join(lever.name for lever in LEVERS))
    parser.add_argument("--no-build", action="store_true", help="measure only what is stored")
    opts = parser.parse_args()
    settings = Settings.from_env()
    farm = Farm(settings)
    wanted = {n.strip() for n in opts.only.split(",")} | {"default"}
    levers = [lever for lever in LEVERS if lever.name in wanted]
    cache = settings.cache_dir / "bench-settings"
    cache.mkdir(parents=True, exist_ok=True)
    php = built(farm, "php", opts.no_build)
    python = built(farm, "python", opts.no_build)
    php_wasm, py_wasm = farm.program(php), farm.program(python)
    py_env = dict(python.job.recipe.runtime_env)
    py_pre = smoke.runtime_preopens(python.job, python.directory)
    with tempfile.TemporaryDirectory(prefix="bench-settings-work-") as tmp:
        work = Path(tmp)
        work.chmod(0o755)
        bench_php_file(settings, php, work / "bench.php")
        shutil.copyfile(CPU_MIX, work / "cpu_mix.py")
        bench_dir = [wasi_run.Preopen(work, "/bench", False)]
        prepared: dict[str, tuple[Prepared, Prepared]] = {}
        failed: dict[str, str] = {}
        for lever in levers:
            print(f"preparing {lever.name}", flush=True)
            try:
                prepared[lever.name] = (prepare(lever, farm, php_wasm, cache),
                                        prepare(lever, farm, py_wasm, cache))
            except LeverFailed as exc:
                failed[lever.name] = str(exc)
                print(f"  {exc}", flush=True)

        def start(p: tuple[Prepared, Prepared]) -> float:
            return cpu_seconds(lambda: run_once(p[0], ["-r", ""], [], {})) * 1000

        measures: dict[str, Callable[[tuple[Prepared, Prepared]], float]] = {
            "start_ms": start,
            "bench_php_s": lambda p: cpu_seconds(
                lambda: run_once(p[0], ["/bench/bench.php"], bench_dir, {})),
            "cpu_mix_s": lambda p: cpu_seconds(
                lambda: run_once(p[1], ["/bench/cpu_mix.py"], [*py_pre, *bench_dir], py_env)),
        }
        samples: dict[str, dict[str, list[float]]] = {
            name: {m: [] for m in measures} for name in prepared}
        for name in prepared:  # warm-up: page every module in
            for measure in measures.values():
                measure(prepared[name])
        for round_no in range(opts.runs):
            print(f"round {round_no + 1}/{opts.runs}", flush=True)
            for metric, measure in measures.items():
                repeat = 5 if metric == "start_ms" else 1
                for name in prepared:
                    samples[name][metric] += [measure(prepared[name]) for _ in range(repeat)]
    medians = {name: {m: statistics.median(v) for m, v in s.items()}
               for name, s in samples.items()}
    base = medians["default"]
    rows: list[dict[str, object]] = []
    for lever in levers:
        if lever.name in failed:
            rows.append({"lever": lever.name, "what": lever.what, "failed": failed[lever.name]})
            continue
        med = medians[lever.name]
        rows.append({"lever": lever.name, "what": lever.what,
                     **{m: round(v, 4) for m, v in med.items()},
                     **{f"{m}_ratio": round(v / base[m], 3) for m, v in med.items()},
                     "compile_php_s": round(prepared[lever.name][0].compile_s, 1)})
    print(f"\n{'lever':<16} {'start cpu ms':>9} {'x':>6} {'bench.php cpu s':>12} {'x':>6} "
          f"{'cpu_mix cpu s':>10} {'x':>6} {'compile s':>10}   (median of {opts.runs})")
    for r in rows:
        if "failed" in r:
            print(f"{r['lever']!s:<16} {r['failed']}")
            continue
        print(f"{r['lever']!s:<16} {r['start_ms']:>9.2f} {r['start_ms_ratio']:>6} "
              f"{r['bench_php_s']:>12.3f} {r['bench_php_s_ratio']:>6} {r['cpu_mix_s']:>10.3f} "
              f"{r['cpu_mix_s_ratio']:>6} {r['compile_php_s']:>10}")
    load = os.getloadavg()[0]
    print(f"load average (1 min) at the end: {load:.1f}")
    save(settings, "engine-settings", {"runs": opts.runs, "load_average": load, "rows": rows})


if __name__ == "__main__":
    main()
