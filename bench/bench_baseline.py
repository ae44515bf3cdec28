"""Benchmark: a runtime's current build against a saved copy of an earlier build of it, beside
native, all in one run: for levers that need a rebuild (clang -O levels, LTO, PGO), which
bench_engine_settings.py (levers applied to a stored module) cannot measure.

Save the build before changing the recipe (`cp -a build-output/python/3.13.15/default DIR`),
rebuild, then compare. Workloads, rounds interleaved so the machine's load hits all alike:
- python: bench/workloads/cpu_mix.py (n-body, dicts, regex, json), bench/workloads/py_micro.py
  (pyperformance-like kernels), and start-up: `-c pass` run 20 times in one host process, each
  a fresh instance from the already-loaded .cwasm (the guest's start-up without the host's);
  native: the builder's python3 (same version), in a container;
- php: Zend/bench.php, and start-up `-r ''` the same way; native: trixie's php8.4.
`work` is the time a workload reports for itself (for start-up, the median of its 20 runs),
`cpu` the whole process's user + system time (the steadiest column on a loaded machine). Each
the median of --runs after a warm-up; ratios against native. Also the sizes of both builds'
.wasm and .cwasm. Saves build-output/bench/baseline-<name>.json.

    python bench/bench_baseline.py --name python --baseline DIR [--version 3.13] [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from _shared import save
from bench_peers import (
    NATIVE_PHP_DOCKERFILE,
    NATIVE_PHP_IMAGE,
    Row,
    Runner,
    Sample,
    as_process,
    bench_php_file,
    in_container,
    measure_all,
    summarise,
    wasm_process,
)

from wasmkiln import aot, smoke, store
from wasmkiln.farm import Farm, Outcome
from wasmkiln.settings import Settings

WORKLOADS = Path(__file__).resolve().parent / "workloads"
STARTS = 20
# One host process, the module loaded once, STARTS fresh instances: the guest's start-up alone.
WASM_STARTS = """import json, statistics, sys, time
from pathlib import Path
from wasmkiln import wasi_run
spec = json.loads(sys.argv[1])
pre = [wasi_run.Preopen(Path(h), g, w) for h, g, w in spec["preopens"]]
wasi_run.load_module(Path(spec["module"]), True)
times = []
for _ in range(spec["starts"]):
    t0 = time.perf_counter()
    result = wasi_run.run(Path(spec["module"]), spec["args"], env=spec["env"], preopens=pre,
                          use_aot=True)
    times.append(time.perf_counter() - t0)
    if result.exit_code != 0:
        sys.exit(result.stderr.decode(errors="replace"))
print(f"work_s {statistics.median(times):.5f}")
"""
# The native side of the same: fresh processes, the median of their wall times (bash alone: the
# native php image has no python).
NATIVE_STARTS = ("for i in $(seq {starts}); do s=$EPOCHREALTIME; {command} >/dev/null; "
                 "e=$EPOCHREALTIME; echo \"$s $e\"; done | awk '{{print $2 - $1}}' | sort -g | "
                 "awk '{{t[NR] = $1}} END {{printf \"work_s %.5f\\n\", "
                 "(t[int((NR + 1) / 2)] + t[int(NR / 2) + 1]) / 2}}'")


def wasm_starts(module: Path, args: list[str], preopens: list[tuple[str, str, bool]],
                env: dict[str, str]) -> Callable[[], Sample]:
    spec = json.dumps({"module": str(module), "args": args, "preopens": preopens, "env": env,
                       "starts": STARTS})
    return as_process([sys.executable, "-c", WASM_STARTS, spec])


def sizes(label: str, program: Path) -> dict[str, object]:
    cwasm = aot.cwasm_path(program)
    return {"build": label, "wasm_bytes": program.stat().st_size,
            "cwasm_bytes": cwasm.stat().st_size if cwasm.is_file() else None}


def python_workloads(farm: Farm, outcome: Outcome, baseline: Path, work: Path
                     ) -> dict[str, list[Runner]]:
    builds = {"baseline": baseline, "current": outcome.directory}
    env = dict(outcome.job.recipe.runtime_env)
    program = farm.program_of(outcome.job)
    out: dict[str, list[Runner]] = {}
    for script in ("cpu_mix.py", "py_micro.py"):
        (work / script).write_bytes((WORKLOADS / script).read_bytes())
        runners = [Runner("native python3 (builder)", in_container(
            farm.toolchain.image_tag, {work: "/bench"}, f"python3 /bench/{script}"),
            reference=True)]
        for label, directory in builds.items():
            preopens = [(str(p.host), p.guest, False)
                        for p in smoke.runtime_preopens(outcome.job, directory)]
            preopens.append((str(work), "/bench", False))
            runners.append(Runner(f"{label} python.wasm", wasm_process(
                directory / program, [f"/bench/{script}"], preopens, env)))
        out[script.removesuffix(".py")] = runners
    native_starts = NATIVE_STARTS.format(starts=STARTS, command="python3 -c pass")
    starts = [Runner("native python3 (builder)", in_container(
        farm.toolchain.image_tag, {}, native_starts), reference=True)]
    for label, directory in builds.items():
        preopens = [(str(p.host), p.guest, False)
                    for p in smoke.runtime_preopens(outcome.job, directory)]
        starts.append(Runner(f"{label} python.wasm", wasm_starts(
            directory / program, ["-c", "pass"], preopens, env)))
    out["start"] = starts
    return out


def php_workloads(farm: Farm, outcome: Outcome, baseline: Path, work: Path
                  ) -> dict[str, list[Runner]]:
    builds = {"baseline": baseline, "current": outcome.directory}
    program = farm.program_of(outcome.job)
    bench_php_file(farm.settings, outcome, work / "bench.php")
    subprocess.run(["docker", "build", "-q", "-t", NATIVE_PHP_IMAGE, "-"], check=True,
                   input=NATIVE_PHP_DOCKERFILE.format(base=farm.toolchain.base_tag), text=True,
                   capture_output=True)
    bench = [Runner("native php8.4 (trixie)", in_container(
        NATIVE_PHP_IMAGE, {work: "/bench"}, "php /bench/bench.php"), reference=True)]
    starts = [Runner("native php8.4 (trixie)", in_container(
        NATIVE_PHP_IMAGE, {}, NATIVE_STARTS.format(starts=STARTS, command="php -r ''")),
        reference=True)]
    for label, directory in builds.items():
        bench.append(Runner(f"{label} php.wasm", wasm_process(
            directory / program, ["/bench/bench.php"], [(str(work), "/bench", False)], {})))
        starts.append(Runner(f"{label} php.wasm", wasm_starts(
            directory / program, ["-r", ""], [], {})))
    return {"bench.php": bench, "start": starts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", required=True, choices=("python", "php"))
    parser.add_argument("--baseline", required=True, type=Path,
                        help="a saved copy of an earlier build directory of the same runtime")
    parser.add_argument("--version", default=None)
    parser.add_argument("--variant", default=None)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()

    settings = Settings.from_env()
    farm = Farm(settings)
    job = farm.plan(args.name, args.version, args.variant)
    if args.no_build and store.lookup(job, settings.output_dir) is None:
        raise SystemExit(f"error: {job.label} is not built (run `invoke build {args.name}` or "
                         "drop --no-build)")
    outcome = farm.build(args.name, args.version, args.variant)[-1]
    baseline = args.baseline.resolve()
    program = farm.program_of(outcome.job)
    if not (baseline / program).is_file():
        raise SystemExit(f"error: --baseline {baseline} holds no {program}: give a copy of a "
                         f"build directory of {args.name} (build-output/{args.name}/VERSION/"
                         "VARIANT)")
    with tempfile.TemporaryDirectory(prefix="wasmkiln-bench-baseline-") as tmp:
        work = Path(tmp)
        make = python_workloads if args.name == "python" else php_workloads
        workloads = make(farm, outcome, baseline, work)
        measured: dict[str, list[Row]] = {}
        for name, runners in workloads.items():
            print(f"{name}: {len(runners)} runners, 1 warm-up + {args.runs} rounds", flush=True)
            measured[name] = measure_all(runners, args.runs)
    results = {name: summarise(rows) for name, rows in measured.items()}
    print(f"\n{'workload':<10} {'runner':<26} {'work s':>8} {'x':>6} {'cpu s':>7} {'x':>6}"
          f"   (median of {args.runs}; x: vs native)")
    for name, summary in results.items():
        for row in summary:
            print(f"{name:<10} {row['runner']!s:<26} {row['work_s']!s:>8} "
                  f"{row['work_ratio']!s:>6} {row['cpu_s']!s:>7} {row['cpu_ratio']!s:>6}")
    # rows: native, baseline, current (in that order, see the *_workloads functions)
    current_over_baseline = {
        name: {metric: round(statistics.median(getattr(s, metric) for s in rows[2].samples)
                             / statistics.median(getattr(s, metric) for s in rows[1].samples), 3)
               for metric in ("work", "cpu")}
        for name, rows in measured.items()}
    print("current / baseline:", current_over_baseline)
    built_sizes = [sizes("baseline", baseline / program),
                   sizes("current", outcome.directory / program)]
    print("sizes:", built_sizes)
    save(settings, f"baseline-{args.name}", {
        "label": outcome.job.label, "baseline": str(baseline), "runs": args.runs,
        "starts_per_start_run": STARTS, "load_average": os.getloadavg(), "results": results,
        "current_over_baseline": current_over_baseline, "sizes": built_sizes,
    })


if __name__ == "__main__":
    main()
