"""Start-up of `python -c pass` as a whole process, every way wasmkiln starts it, against a native
`python3 -c pass` measured in the same run.

Rows (each a separate process, from fork to exit; rounds interleave the rows so a busy machine
slows them alike; median of N):
- native: this machine's `python3 -c pass` (the reference);
- interpreter floor: this environment's Python with `-c pass` (what any Python-hosted runner
  pays before its first import);
- wasi_run: `python -m wasmkiln.wasi_run --dir lib:/usr/local/lib:ro … python.wasm -c pass`
  (the engine, the .cwasm check and load, CPython's own start-up in wasm);
- wasmkiln run: `wasmkiln run python -- -c pass` from a directory outside the checkout;
- invoke run: `invoke run python -- -c pass` in the checkout (the issue's measurement).
Also the import cost of invoke alone. Saved as build-output/bench/startup.json.

    python bench/bench_startup.py [--runs 21] [--version 3.13]
"""

from __future__ import annotations

import argparse
import os
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

GOAL = 8.0  # issue 16: `invoke run python -- -c pass` at most 8x native, as a whole process


def _once(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    took = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): "
                         f"{done.stderr.decode(errors='replace')[-400:]}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--version", default=None)
    opts = parser.parse_args()

    settings = Settings.from_env()
    farm = Farm(settings)
    outcome = farm.build("python", opts.version)[-1]  # stored: a no-op; else built now
    program = farm.program(outcome)
    stdlib = outcome.directory / "lib"
    bindir = Path(sys.executable).parent
    native = shutil.which("python3", path="/usr/local/bin:/usr/bin:/bin")
    if native is None:
        raise SystemExit("no native python3 on this machine to compare with")
    env = dict(os.environ)
    version_args = ["--version", opts.version] if opts.version else []
    outside = Path(tempfile.mkdtemp(prefix="wasmkiln-bench-"))
    rows: dict[str, tuple[list[str], Path]] = {
        "native python3 -c pass": ([native, "-c", "pass"], outside),
        "interpreter floor (venv python -c pass)": ([sys.executable, "-c", "pass"], outside),
        "import invoke": ([sys.executable, "-c", "import invoke"], outside),
        "python -m wasmkiln.wasi_run": (
            [sys.executable, "-m", "wasmkiln.wasi_run", "--dir", f"{stdlib}:/usr/local/lib:ro",
             "--env", "PYTHONHOME=/usr/local", str(program), "-c", "pass"], outside),
        "wasmkiln run python": (
            [str(bindir / "wasmkiln"), "run", "python", *version_args, "--", "-c", "pass"],
            outside),
        "invoke run python": (
            [str(bindir / "invoke"), "run", "python", *version_args, "--", "-c", "pass"], REPO),
    }
    for argv, cwd in rows.values():  # warm the page cache and the .cwasm check once
        _once(argv, cwd, env)
    times: dict[str, list[float]] = {name: [] for name in rows}
    for _ in range(opts.runs):
        for name, (argv, cwd) in rows.items():
            times[name].append(_once(argv, cwd, env))
    shutil.rmtree(outside, ignore_errors=True)

    medians = {name: statistics.median(found) for name, found in times.items()}
    reference = medians["native python3 -c pass"]
    print(f"{'whole process':<42} {'median s':>9} {'x native':>9}")
    for name, seconds in medians.items():
        print(f"{name:<42} {seconds:>9.4f} {seconds / reference:>9.2f}")
    ratio = medians["invoke run python"] / reference
    print(f"\ninvoke run python -- -c pass: {ratio:.1f}x native (goal <= {GOAL:g}x)"
          f"; load average {os.getloadavg()[0]:.1f}")
    save(settings, "startup", {
        "runs": opts.runs, "python": outcome.job.label,
        "native": subprocess.run([native, "--version"], capture_output=True,
                                 text=True).stdout.strip(),
        "median_s": {name: round(s, 4) for name, s in medians.items()},
        "x_native": {name: round(s / reference, 2) for name, s in medians.items()},
        "goal_x_native": GOAL, "invoke_run_meets_goal": ratio <= GOAL,
        "load_average": round(os.getloadavg()[0], 2),
    })


if __name__ == "__main__":
    main()
