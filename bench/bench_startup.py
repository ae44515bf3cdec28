"""Start-up of `python -c pass` as a whole process, every way wasmkiln starts it, against a native
`python3 -c pass` measured in the same run (issue 16: at most 8x native).

Rows (each a separate process, from fork to exit; rounds interleave the rows so a busy machine
slows them alike; median of N wall times and of N CPU times, user + system of every thread):
- native: this machine's `python3 -c pass` (the reference);
- interpreter floor: this environment's Python with `-c pass` (what any Python-hosted runner
  pays before its first import);
- import wasmtime / import invoke: what those imports alone cost on top of the floor (runs
  no longer import wasmtime-py: they call wasmtime's C library through ctypes, wasmtime_capi);
- wasi_run: `python -m wasmkiln.wasi_run --dir lib:/usr/local/lib:ro … python.wasm -c pass`
  (the smallest runner: the engine, the .cwasm check and load, CPython's start-up in wasm);
- wasmkiln run: `wasmkiln run python -- -c pass` from a directory outside the checkout (the fast
  path: no invoke; plans the build, checks it is current, runs it);
- invoke run: `invoke run python -- -c pass` in the checkout (the issue's measurement);
- wasmkiln run, snapshot variant: the same with `--variant snapshot`, python.wasm
  pre-initialised at build time (CPython's start-up done; built first if not stored).
Then, in one process, where `wasmkiln run`'s time goes, phase by phase (median of N).

wasmkiln is installed editable, so its modules have only the bytecode the interpreter writes
when it first imports them; with PYTHONDONTWRITEBYTECODE set it writes none and every start
compiles them again (~50 ms). The bench compiles them first (compileall writes regardless), as
a regular install does, and records whether the variable was set.
Saved as build-output/bench/startup.json.

    python bench/bench_startup.py [--runs 21] [--version 3.13]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from _shared import save  # noqa: E402

from wasmkiln.farm import Farm  # noqa: E402
from wasmkiln.settings import Settings  # noqa: E402

GUEST = "guest: instantiate, CPython start-up and exit"
GOAL = 8.0  # issue 16: `invoke run python -- -c pass` at most 8x native, as a whole process

# Run in a child: `wasmkiln run`'s steps one by one as its fast path takes them (a remembered
# resolution), each timed (wall and this process's CPU).
PHASES = r"""
import json, sys, time
GUEST = "guest: instantiate, CPython start-up and exit"
marks = []
def mark(what):
    marks.append((what, time.perf_counter(), time.process_time()))
mark("start")
import ctypes, hashlib, json, pathlib, threading, typing
mark("the stdlib the run path needs (pathlib, typing, json, hashlib, threading, ctypes)")
from wasmkiln import wasmtime_capi, wasmtime_engine
wasmtime_engine.run_engine()
mark("wasmtime's C library: load, declare the calls, make the engine")
from wasmkiln import aot, run_command, run_memo, settings, store, wasi_run
mark("import wasmkiln's run path (run_memo, store, wasi_run, aot)")
s = settings.Settings.from_env()
key = run_memo.inputs_key(s.root, s.output_dir,
                          ("python", sys.argv[1] or None, sys.argv[2] or None))
resolved = run_memo.recall(s.memo_dir, key)
assert resolved is not None, "no remembered run: run `wasmkiln run python` once first"
mark("hash the planning inputs (recipes, patches, code) and recall the resolved run")
assert store.inspect_dir(resolved.directory, resolved.cache_key, s.ledger_dir)[0] is not None
mark("stored build check (manifest, digest ledger)")
aot.load(resolved.program, s.ledger_dir)
mark(".cwasm check and load")
result = resolved.start(["-c", "pass"], [], [], None, s.ledger_dir)
assert result.exit_code == 0, result
mark(GUEST)
print(json.dumps([[b[0], b[1] - a[1], b[2] - a[2]] for a, b in zip(marks, marks[1:])]))
"""


def _once(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one process, from fork to exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    took = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): "
                         f"{done.stderr.decode(errors='replace')[-400:]}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return took, cpu


def _phases(runs: int, version: str | None, cwd: Path,
            env: dict[str, str], variant: str | None = None) -> dict[str, dict[str, float]]:
    """Median wall and CPU milliseconds of each of `wasmkiln run`'s phases, in one process."""
    found: dict[str, list[tuple[float, float]]] = {}
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", PHASES, version or "", variant or ""],
                              cwd=cwd, env=env, capture_output=True, text=True, check=True)
        for name, wall, cpu in json.loads(done.stdout.strip().splitlines()[-1]):
            found.setdefault(name, []).append((wall, cpu))
    return {name: {"wall_ms": round(1000 * statistics.median(w for w, _ in got), 1),
                   "cpu_ms": round(1000 * statistics.median(c for _, c in got), 1)}
            for name, got in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--version", default=None)
    opts = parser.parse_args()

    settings = Settings.from_env()
    farm = Farm(settings)
    outcome = farm.build("python", opts.version)[-1]  # stored: a no-op; else built now
    snapshot = farm.build("python", opts.version, "snapshot")[-1]
    program = farm.program(outcome)
    stdlib = outcome.directory / "lib"
    bindir = Path(sys.executable).parent
    native = shutil.which("python3", path="/usr/local/bin:/usr/bin:/bin")
    if native is None:
        raise SystemExit("no native python3 on this machine to compare with")
    no_bytecode = bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))
    compileall.compile_dir(str(REPO / "src" / "wasmkiln"), quiet=1)
    env = dict(os.environ)
    version_args = ["--version", opts.version] if opts.version else []
    outside = Path(tempfile.mkdtemp(prefix="wasmkiln-bench-"))
    rows: dict[str, tuple[list[str], Path]] = {
        "native python3 -c pass": ([native, "-c", "pass"], outside),
        "interpreter floor (venv python -c pass)": ([sys.executable, "-c", "pass"], outside),
        "import wasmtime": ([sys.executable, "-c", "import wasmtime"], outside),
        "import invoke": ([sys.executable, "-c", "import invoke"], outside),
        "python -m wasmkiln.wasi_run": (
            [sys.executable, "-m", "wasmkiln.wasi_run", "--dir", f"{stdlib}:/usr/local/lib:ro",
             "--env", "PYTHONHOME=/usr/local", str(program), "-c", "pass"], outside),
        "wasmkiln run python": (
            [str(bindir / "wasmkiln"), "run", "python", *version_args, "--", "-c", "pass"],
            outside),
        "invoke run python": (
            [str(bindir / "invoke"), "run", "python", *version_args, "--", "-c", "pass"], REPO),
        "wasmkiln run python, snapshot variant": (
            [str(bindir / "wasmkiln"), "run", "python", *version_args, "--variant", "snapshot",
             "--", "-c", "pass"], outside),
    }
    for argv, cwd in rows.values():  # warm the page cache, the digest ledger and the memo
        _once(argv, cwd, env)
    walls: dict[str, list[float]] = {name: [] for name in rows}
    cpus: dict[str, list[float]] = {name: [] for name in rows}
    for _ in range(opts.runs):
        for name, (argv, cwd) in rows.items():
            wall, cpu = _once(argv, cwd, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    phases = _phases(max(5, opts.runs // 2), opts.version, outside,
                     {**env, "WASMKILN_ROOT": str(REPO)})
    guest_snapshot = _phases(max(5, opts.runs // 2), opts.version, outside,
                             {**env, "WASMKILN_ROOT": str(REPO)}, "snapshot")[GUEST]
    shutil.rmtree(outside, ignore_errors=True)

    wall = {name: statistics.median(found) for name, found in walls.items()}
    cpu = {name: statistics.median(found) for name, found in cpus.items()}
    reference = "native python3 -c pass"
    print(f"{'whole process':<42} {'wall s':>8} {'x native':>9} {'cpu s':>8} {'x native':>9}")
    for name in rows:
        print(f"{name:<42} {wall[name]:>8.4f} {wall[name] / wall[reference]:>9.2f} "
              f"{cpu[name]:>8.4f} {cpu[name] / cpu[reference]:>9.2f}")
    print(f"\n{'wasmkiln run, in one process':<72} {'wall ms':>8} {'cpu ms':>8}")
    for name, took in phases.items():
        print(f"{name:<72} {took['wall_ms']:>8.1f} {took['cpu_ms']:>8.1f}")
    print(f"{'the same guest phase, snapshot variant':<72} {guest_snapshot['wall_ms']:>8.1f} "
          f"{guest_snapshot['cpu_ms']:>8.1f}")
    against = guest_snapshot["wall_ms"] / (1000 * wall[reference])
    print(f"guest alone, snapshot variant: {against:.2f}x a whole native python3 -c pass")
    ratios = {name: round(wall[name] / wall[reference], 2) for name in rows}
    cpu_ratios = {name: round(cpu[name] / cpu[reference], 2) for name in rows}
    load = round(os.getloadavg()[0], 2)
    for name in ("wasmkiln run python", "invoke run python",
                 "wasmkiln run python, snapshot variant"):
        print(f"{name} -- -c pass: {ratios[name]:.1f}x native wall, {cpu_ratios[name]:.1f}x "
              f"CPU (goal <= {GOAL:g}x)")
    print(f"load average {load}; PYTHONDONTWRITEBYTECODE "
          f"{'set (wasmkiln compiled first)' if no_bytecode else 'unset'}")
    save(settings, "startup", {
        "runs": opts.runs, "python": outcome.job.label, "snapshot": snapshot.job.label,
        "native": subprocess.run([native, "--version"], capture_output=True,
                                 text=True).stdout.strip(),
        "median_s": {name: round(s, 4) for name, s in wall.items()},
        "median_cpu_s": {name: round(s, 4) for name, s in cpu.items()},
        "x_native": ratios, "cpu_x_native": cpu_ratios,
        "wasmkiln_run_phases_ms": phases,
        "snapshot_guest_phase_ms": guest_snapshot,
        "goal_x_native": GOAL,
        "wasmkiln_run_meets_goal": ratios["wasmkiln run python"] <= GOAL,
        "invoke_run_meets_goal": ratios["invoke run python"] <= GOAL,
        "pythondontwritebytecode": no_bytecode, "load_average": load,
    })


if __name__ == "__main__":
    main()
