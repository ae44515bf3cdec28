"""Benchmark: wasmkiln's runtimes beside native and beside the peers that run the same language
in WebAssembly, all in one run, each workload interleaved so the machine's load hits all alike.

- Zend/bench.php (from the PHP source tarball in the source cache) on Debian trixie's native
  php8.4 (a container; the reference), this machine's php (Debian's 8.2, if present),
  wasmkiln's php.wasm (wasmtime, from the .cwasm, what `invoke run php` does) and WordPress
  Playground's php-wasm 8.4 on node (npm `@php-wasm/cli`, `@php-wasm/node-8-4`);
- bench/workloads/cpu_mix.py (n-body, dicts, regex, json) on the builder's native python3.13
  (the reference), wasmkiln's python.wasm and Pyodide on node (npm `pyodide`).

Each row: `work` is the time the workload reports for itself (bench.php's Total, cpu_mix's
work_s: start-up left out), `wall` the whole process (start-up, loading the interpreter, the
work), `cpu` that process's user + system time (all its threads; on a loaded machine the
steadiest of the three), each the median of --runs; ratios are against the native reference of
the same run. The machine's load average is recorded with the results. The
npm packages are pinned (PEERS) and installed once into the cache (WASMKILN_CACHE/npm-peers/).
Needs `node` and `npm` (Debian's `nodejs`, `npm`). Saves build-output/bench/peers.json and,
with matplotlib, peers.png.

    python bench/bench_peers.py [--runs 5] [--only php,python] [--no-build]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _shared import save  # noqa: E402

from wasmkiln import atomic, smoke, sources, store  # noqa: E402
from wasmkiln.farm import Farm, Outcome  # noqa: E402
from wasmkiln.settings import Settings  # noqa: E402

# The peers, pinned: same versions on every run, fetched once.
PEERS = {"@php-wasm/cli": "3.1.56", "@php-wasm/node-8-4": "3.1.56", "pyodide": "314.0.7"}
PLAYGROUND_PHP = "8.4"  # the PHP line php-wasm's CLI is asked for (its PHP env variable)
NATIVE_PHP_IMAGE = "wasmkiln/bench-php-native:trixie"
NATIVE_PHP_DOCKERFILE = """FROM {base}
RUN apt-get update && apt-get install -y --no-install-recommends php8.4-cli \\
 && rm -rf /var/lib/apt/lists/*
"""
CPU_MIX = Path(__file__).resolve().parent / "workloads" / "cpu_mix.py"
_WALL = re.compile(r"^wall_ns (\d+)", re.MULTILINE)
_WORK_OR_TOTAL = re.compile(r"^(?:Total\s+|work_s )([\d.]+)", re.MULTILINE)
_CPU = re.compile(r"^cpu ([\d.]+) ([\d.]+)", re.MULTILINE)

# Pyodide's own loader, then the workload (which times itself).
PYODIDE_DRIVER = """import { loadPyodide } from "pyodide";
import { readFileSync } from "node:fs";
const pyodide = await loadPyodide();
pyodide.runPython(readFileSync(process.argv[2], "utf8"));
"""
# A whole process running a module from its .cwasm with the given dirs and env, as `invoke run`
# does, without invoke's own start-up.
WASM_PROCESS = """import json, sys
from pathlib import Path
from wasmkiln import wasi_run
spec = json.loads(sys.argv[1])
pre = [wasi_run.Preopen(Path(h), g, w) for h, g, w in spec["preopens"]]
sys.exit(wasi_run.run(Path(spec["module"]), spec["args"], env=spec["env"], preopens=pre,
                      use_aot=True, inherit_stdio=True).exit_code)
"""


@dataclass(frozen=True)
class Sample:
    """One run: the workload's own time, the whole process's wall time and its CPU time (user +
    system, all threads: on a loaded machine the steadiest of the three)."""

    work: float
    wall: float
    cpu: float


@dataclass(frozen=True)
class Runner:
    """One way to run a workload: a name for the table, and a call measuring one run."""

    label: str
    measure: Callable[[], Sample]
    reference: bool = False


@dataclass
class Row:
    label: str
    samples: list[Sample]
    reference: bool


def npm_peers(settings: Settings) -> Path:
    """node_modules holding the pinned peers, installed once per pin set into the cache."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise SystemExit("error: bench_peers needs node and npm (apt-get install nodejs npm)")
    pins = json.dumps(PEERS, sort_keys=True)
    final = settings.cache_dir / "npm-peers" / hashlib.sha256(pins.encode()).hexdigest()[:16]
    if (final / "node_modules" / ".package-lock.json").is_file():
        return final
    print(f"installing {', '.join(f'{k}@{v}' for k, v in PEERS.items())} into {final}",
          flush=True)
    with atomic.staging_dir(final) as stage:
        (stage / "package.json").write_text(json.dumps(
            {"private": True, "type": "module", "dependencies": PEERS}, indent=2) + "\n")
        # --ignore-scripts: nothing the benchmark runs needs an install hook
        done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts",
                               "--save-exact"], cwd=stage, timeout=1200, capture_output=True,
                              text=True)
        if done.returncode != 0:
            raise SystemExit(f"error: npm could not install the peers {pins} "
                             f"(exit {done.returncode}):\n{done.stderr[-2000:]}")
        (stage / "pyodide_driver.mjs").write_text(PYODIDE_DRIVER)
    return final


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[str, float, float]:
    """Stdout, wall seconds and CPU seconds of a process (the growth of this process's reaped
    children's usage: the benchmark runs one child at a time); an error naming it if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"error: {' '.join(command[:4])}… exited {done.returncode}:\n"
                         f"{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done.stdout, wall, cpu


def last(pattern: re.Pattern[str], text: str, what: str) -> float:
    found = pattern.findall(text)
    if not found:
        raise SystemExit(f"error: {what} printed no {pattern.pattern!r} line:\n{text[-1000:]}")
    return float(found[-1])


def in_container(image: str, mounts: dict[Path, str], command: str) -> Callable[[], Sample]:
    """A native run in a fresh container, wall and CPU measured inside it (docker's own
    start-up is not the runtime's)."""
    args = ["docker", "run", "--rm", "--network=none"]
    for host, guest in mounts.items():
        args += ["-v", f"{host}:{guest}:ro"]
    script = ("TIMEFORMAT='cpu %U %S'; s=$(date +%s%N); { time " + command + " ; } 2>&1; "
              "e=$(date +%s%N); echo wall_ns $((e - s))")

    def measure() -> Sample:
        out, _, _ = timed([*args, image, "bash", "-c", script])
        user, system = _CPU.findall(out)[-1]
        return Sample(last(_WORK_OR_TOTAL, out, command), last(_WALL, out, command) / 1e9,
                      float(user) + float(system))
    return measure


def as_process(command: list[str], env: dict[str, str] | None = None) -> Callable[[], Sample]:
    def measure() -> Sample:
        out, wall, cpu = timed(command, env)
        return Sample(last(_WORK_OR_TOTAL, out, command[0]), wall, cpu)
    return measure


def wasm_process(module: Path, args: list[str], preopens: list[tuple[str, str, bool]],
                 env: dict[str, str]) -> Callable[[], Sample]:
    spec = json.dumps({"module": str(module), "args": args, "preopens": preopens, "env": env})
    return as_process([sys.executable, "-c", WASM_PROCESS, spec])


def bench_php_file(settings: Settings, outcome: Outcome, dest: Path) -> Path:
    """Zend/bench.php out of the version's source tarball (the source cache)."""
    fetched = sources.fetch(settings, outcome.job.recipe, outcome.job.version)
    with tarfile.open(fetched.path) as tar:
        member = next((m for m in tar.getmembers() if m.name.endswith("/Zend/bench.php")), None)
        if member is None:
            raise SystemExit(f"error: {fetched.path} holds no Zend/bench.php")
        extracted = tar.extractfile(member)
        assert extracted is not None
        dest.write_bytes(extracted.read())
    return dest


def php_runners(farm: Farm, peers: Path, work: Path, no_build: bool) -> list[Runner]:
    outcome = built(farm, "php", no_build)
    bench = bench_php_file(farm.settings, outcome, work / "bench.php")
    subprocess.run(["docker", "build", "-q", "-t", NATIVE_PHP_IMAGE, "-"], check=True,
                   input=NATIVE_PHP_DOCKERFILE.format(base=farm.toolchain.base_tag), text=True,
                   capture_output=True)
    runners = [Runner("native php8.4 (trixie)", in_container(
        NATIVE_PHP_IMAGE, {work: "/bench"}, "php /bench/bench.php"), reference=True)]
    host_php = shutil.which("php")
    if host_php:
        runners.append(Runner("native php (this machine)", as_process([host_php, str(bench)])))
    runners.append(Runner("wasmkiln php.wasm (wasmtime .cwasm)", wasm_process(
        farm.program(outcome), ["/bench/bench.php"], [(str(work), "/bench", False)], {})))
    cli = peers / "node_modules" / "@php-wasm" / "cli" / "php-wasm.js"
    node_env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "PHP": PLAYGROUND_PHP}
    runners.append(Runner(f"Playground php-wasm {PLAYGROUND_PHP} (node)",
                          as_process(["node", str(cli), str(bench)], node_env)))
    return runners


def python_runners(farm: Farm, peers: Path, work: Path, no_build: bool) -> list[Runner]:
    outcome = built(farm, "python", no_build)
    mix = work / "cpu_mix.py"
    shutil.copyfile(CPU_MIX, mix)
    preopens = [(str(p.host), p.guest, False)
                for p in smoke.runtime_preopens(outcome.job, outcome.directory)]
    preopens.append((str(work), "/bench", False))
    return [
        Runner("native python3.13 (builder)", in_container(
            farm.toolchain.image_tag, {work: "/bench"}, "python3 /bench/cpu_mix.py"),
            reference=True),
        Runner("wasmkiln python.wasm (wasmtime .cwasm)", wasm_process(
            farm.program(outcome), ["/bench/cpu_mix.py"], preopens,
            dict(outcome.job.recipe.runtime_env))),
        Runner("Pyodide (node)", as_process(["node", str(peers / "pyodide_driver.mjs"),
                                              str(mix)], {"PATH": "/usr/bin:/bin"})),
    ]


def built(farm: Farm, name: str, no_build: bool) -> Outcome:
    if no_build and store.lookup(farm.plan(name), farm.settings.output_dir) is None:
        raise SystemExit(f"error: {name} is not built (run `invoke build {name}` or drop "
                         "--no-build)")
    return farm.build(name)[-1]


def measure_all(runners: list[Runner], runs: int) -> list[Row]:
    """One warm-up each, then `runs` rounds, every runner once per round."""
    rows = [Row(r.label, [], r.reference) for r in runners]
    for runner in runners:
        runner.measure()
    for _ in range(runs):
        for runner, row in zip(runners, rows, strict=True):
            row.samples.append(runner.measure())
    return rows


METRICS = ("work", "wall", "cpu")


def summarise(rows: list[Row]) -> list[dict[str, object]]:
    """Medians per metric and their ratios to the reference row's medians."""
    def medians(row: Row) -> dict[str, float]:
        return {m: statistics.median(getattr(s, m) for s in row.samples) for m in METRICS}

    ref = medians(next(r for r in rows if r.reference))
    out: list[dict[str, object]] = []
    for row in rows:
        med = medians(row)
        out.append({"runner": row.label,
                    **{f"{m}_s": round(med[m], 4) for m in METRICS},
                    **{f"{m}_ratio": round(med[m] / ref[m], 2) for m in METRICS},
                    "runs": [[round(getattr(s, m), 4) for m in METRICS] for s in row.samples]})
    return out


def print_table(results: dict[str, list[dict[str, object]]], runs: int) -> None:
    print(f"\n{'workload':<8} {'runner':<38} {'work s':>7} {'x':>5} {'wall s':>7} {'x':>5} "
          f"{'cpu s':>7} {'x':>5}   (median of {runs}; x: vs native)")
    for workload, rows in results.items():
        for row in rows:
            print(f"{workload:<8} {row['runner']!s:<38} "
                  + " ".join(f"{row[f'{m}_s']:>7} {row[f'{m}_ratio']:>5}" for m in METRICS))


def plot(results: dict[str, list[dict[str, object]]], dest: Path) -> None:
    try:
        import matplotlib
    except ImportError:
        print("matplotlib is not installed: no plot")
        return
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(results), figsize=(6 * len(results), 4), squeeze=False)
    for ax, (workload, rows) in zip(axes[0], results.items(), strict=True):
        labels = [str(r["runner"]).replace(" (", "\n(") for r in rows]
        xs = range(len(rows))
        for offset, metric, label in ((-0.27, "work", "work (self-timed)"),
                                      (0, "wall", "whole process, wall"),
                                      (0.27, "cpu", "whole process, CPU")):
            ax.bar([x + offset for x in xs], [float(str(r[f"{metric}_s"])) for r in rows], 0.27,
                   label=label)
        ax.set_xticks(list(xs), labels, fontsize=7)
        ax.set_ylabel("seconds (median)")
        ax.set_title(workload)
        ax.legend(fontsize=8)
    fig.tight_layout()
    tmp = dest.with_suffix(".tmp.png")
    fig.savefig(tmp, dpi=100)
    tmp.replace(dest)
    print(f"saved {dest}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="php,python", help="php, python or both")
    parser.add_argument("--no-build", action="store_true", help="measure only what is stored")
    opts = parser.parse_args()
    settings = Settings.from_env()
    farm = Farm(settings)
    peers = npm_peers(settings)
    chosen = [w.strip() for w in opts.only.split(",") if w.strip()]
    makers = {"php": php_runners, "python": python_runners}
    unknown = [w for w in chosen if w not in makers]
    if unknown:
        raise SystemExit(f"error: --only takes php and/or python, not {', '.join(unknown)}")
    results: dict[str, list[dict[str, object]]] = {}
    load = {"start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="bench-peers-") as tmp:
        for workload in chosen:
            work = Path(tmp) / workload
            work.mkdir()
            work.chmod(0o755)
            rows = measure_all(makers[workload](farm, peers, work, opts.no_build), opts.runs)
            results[workload] = summarise(rows)
    load["end"] = os.getloadavg()[0]
    print_table(results, opts.runs)
    print(f"load average (1 min) {load['start']:.1f} at the start, {load['end']:.1f} at the end")
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    save(settings, "peers", {"runs": opts.runs, "peers": PEERS, "node": node,
                             "load_average": load, "results": results})
    plot(results, settings.output_dir / "bench" / "peers.png")


if __name__ == "__main__":
    main()
