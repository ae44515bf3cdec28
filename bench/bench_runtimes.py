"""Sizes and start-up of the smaller runtimes (Lua, QuickJS, Ruby) against their native builds.

For each runtime that is built (or builds here), in one run:
- sizes: the module before and after wasm-opt (from the manifest), its .cwasm, the packaged
  image's layer;
- start-up of a hello-world: in-process from the .cwasm (median of 20 instantiations + runs), and
  as a whole process (`python -m wasmkiln.wasi_run`, median of 5);
- the same hello-world natively: Debian trixie's own package of the runtime, timed inside one
  container made from the farm's base image (the loop runs inside, so container start-up is not
  counted), median of 20.
Reported as ratios against the native reference measured in the same run; saved as
build-output/bench/runtimes.json.

    python bench/bench_runtimes.py [--only lua,quickjs] [--no-build]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _shared import save  # noqa: E402

from wasmkiln import smoke, store, wasi_run  # noqa: E402
from wasmkiln.farm import Farm  # noqa: E402
from wasmkiln.settings import Settings  # noqa: E402

# recipe → (hello-world args, Debian package, native command)
RUNTIMES = {
    "lua": (["-e", "print('hello')"], "lua5.4", "lua5.4 -e \"print('hello')\""),
    "quickjs": (["-e", "console.log('hello')"], "quickjs", "qjs -e \"console.log('hello')\""),
    "ruby": (["-e", "puts 'hello'"], "ruby3.3", "ruby3.3 -e \"puts 'hello'\""),
}
RUNS = 20


def native_startup(farm: Farm, packages: list[str], commands: dict[str, str]) -> dict[str, float]:
    """Median seconds per native hello-world, timed inside one trixie container."""
    loops = "\n".join(
        f"for i in $(seq {RUNS}); do s=$(date +%s%N); {cmd} >/dev/null; e=$(date +%s%N); "
        f"echo {name} $((e - s)); done" for name, cmd in commands.items())
    script = (f"apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get "
              f"install -y -qq --no-install-recommends {' '.join(packages)} >/dev/null && {loops}")
    base = farm.toolchain.base_tag
    out = subprocess.run(["docker", "run", "--rm", base, "bash", "-c", script],
                         capture_output=True, text=True, check=True).stdout
    found: dict[str, list[float]] = {}
    for line in out.splitlines():
        name, _, ns = line.partition(" ")
        if ns.isdigit():
            found.setdefault(name, []).append(int(ns) / 1e9)
    return {name: statistics.median(times) for name, times in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default=",".join(RUNTIMES))
    parser.add_argument("--no-build", action="store_true", help="measure only what is stored")
    opts = parser.parse_args()
    farm = Farm(Settings.from_env())
    chosen = [n.strip() for n in opts.only.split(",") if n.strip() in RUNTIMES]
    results: dict[str, dict[str, object]] = {}
    for name in chosen:
        job = farm.plan(name)
        if opts.no_build and store.lookup(job, farm.settings.output_dir) is None:
            continue
        outcome = farm.build(name)[-1]
        program = farm.program(outcome)
        args = RUNTIMES[name][0]
        preopens = smoke.runtime_preopens(outcome.job, outcome.directory)
        env = dict(outcome.job.recipe.runtime_env)
        wasi_run.run(program, args, env=env, preopens=preopens, use_aot=True)  # warm
        in_process = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            done = wasi_run.run(program, args, env=env, preopens=preopens, use_aot=True)
            in_process.append(time.perf_counter() - t0)
            assert done.exit_code == 0 and b"hello" in done.stdout, done
        whole = []
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "wasmkiln.wasi_run", str(program), *args],
                           check=False, capture_output=True)
            whole.append(time.perf_counter() - t0)
        sizes = outcome.manifest.optimise["sizes"][str(program.relative_to(
            outcome.directory))]
        results[name] = {
            "version": outcome.job.version.version,
            "wasm_bytes_before_opt": sizes["before"], "wasm_bytes": sizes["after"],
            "cwasm_bytes": program.with_suffix(".cwasm").stat().st_size,
            "startup_in_process_s": round(statistics.median(in_process), 4),
            "startup_whole_process_s": round(statistics.median(whole), 4),
        }
    natives = native_startup(farm, [RUNTIMES[n][1] for n in results],
                             {n: RUNTIMES[n][2] for n in results}) if results else {}
    for name, row in results.items():
        native = natives.get(name)
        row["native_startup_s"] = round(native, 4) if native else None
        if native:
            row["startup_ratio_in_process"] = round(
                float(row["startup_in_process_s"]) / native, 2)  # type: ignore[arg-type]
    print(f"{'runtime':<9} {'wasm':>10} {'cwasm':>10} {'start (in-proc)':>16} "
          f"{'start (process)':>16} {'native':>9} {'ratio':>6}")
    for name, row in results.items():
        print(f"{name:<9} {row['wasm_bytes']:>10} {row['cwasm_bytes']:>10} "
              f"{row['startup_in_process_s']:>16} {row['startup_whole_process_s']:>16} "
              f"{row['native_startup_s']!s:>9} {row.get('startup_ratio_in_process', '-')!s:>6}")
    save(farm.settings, "runtimes", results)


if __name__ == "__main__":
    main()
