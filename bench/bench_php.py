"""Benchmark: PHP through wasmkiln.

- build time: `invoke build php --force` (cli) vs the same steps typed by hand (compat library,
  buildconf, configure, make cli, wasm-opt) in the same builder image on the same patched tree,
  in B-A order (goal <= 1.15);
- size: php.wasm vs the seed's php-wasm image (5.35 MB; the minimal-CLI goal is <= 4 MB, and this
  build carries 29 extensions);
- `php -v` and Zend/bench.php: php.wasm (wasmtime, from the .cwasm, in-process) vs Debian's
  native php8.4 (same version line) in a trixie container (goal: CPU work <= 2x native).

Results also go to build-output/bench/php.json.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _shared import save, time_in_builder

from wasmkiln import depsprefix, patches, sources, wasi_run
from wasmkiln.farm import Farm
from wasmkiln.settings import Settings

SEED_PHP_IMAGE_MB = 5.35
MB = 1_000_000
NATIVE_IMAGE = "wasmkiln/bench-php-native:trixie"
NATIVE_DOCKERFILE = """FROM {base}
RUN apt-get update && apt-get install -y --no-install-recommends php8.4-cli \\
  php8.4-bcmath php8.4-mbstring php8.4-xml php8.4-sqlite3 \\
 && rm -rf /var/lib/apt/lists/*
"""
_TOTAL = re.compile(r"^Total\s+([\d.]+)", re.MULTILINE)


def bare_build(farm: Farm) -> float:
    """The recipe's steps by hand: same image, same patched tree, same dependency prefix."""
    outcomes = farm.build("php")
    job = outcomes[-1].job
    fetched = sources.fetch(farm.settings, job.recipe, job.version)
    # the recipe's commands as typed: sh -c scripts inline (without their exec), argv joined
    steps = "\n".join(cmd[2].removeprefix("exec ") if cmd[0] == "sh" else " ".join(cmd)
                      for cmd in job.steps.commands)
    script = ("set -e\nexport BUILD_TRIPLE=$(gcc -dumpmachine)\n"
              + steps.replace("${JOBS}", "2").replace("${HOST_TRIPLE}", "wasm32-wasip1")
              .replace("${BUILD_TRIPLE}", "$BUILD_TRIPLE").replace("${PREFIX}", "/tmp/prefix")
              + "\nwasm-opt -O2 --enable-exception-handling --translate-to-exnref "
                "--strip-debug --strip-producers sapi/cli/php -o /tmp/php.opt.wasm\n")
    with tempfile.TemporaryDirectory(prefix="bench-php-") as tmp:
        src, deps = Path(tmp) / "src", Path(tmp) / "deps"
        sources.unpack(fetched.path, src, job.version.source.strip_components)
        patches.apply_series(patches.series(farm.settings.patches_dir, job.recipe, job.version),
                             src)
        depsprefix.assemble([o.directory for o in outcomes[:-1]], deps)
        return time_in_builder(farm, job, src, deps, script)


def native_image(farm: Farm) -> str:
    base = farm.toolchain.base_tag
    subprocess.run(["docker", "build", "-q", "-t", NATIVE_IMAGE, "-"], check=True,
                   input=NATIVE_DOCKERFILE.format(base=base), text=True, capture_output=True)
    return NATIVE_IMAGE


def native_times(image: str, bench_dir: Path, runs: int) -> tuple[list[float], list[float]]:
    """`php -v` process times and bench.php totals, measured inside the container."""
    (bench_dir / "wasmkiln_startup.php").write_text(
        f"<?php for ($i = 0; $i < {runs}; $i++) {{ $t = hrtime(true); exec('php -v'); "
        "echo 'v ', (hrtime(true) - $t) / 1e9, PHP_EOL; }")
    done = subprocess.run(["docker", "run", "--rm", "--network=none", "-v",
                           f"{bench_dir}:/bench:ro", image, "sh", "-c",
                           "php /bench/wasmkiln_startup.php; "
                           "for i in 1 2 3; do php /bench/bench.php; done"],
                          check=True, capture_output=True, text=True)
    starts = [float(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("v ")]
    return starts, [float(t) for t in _TOTAL.findall(done.stdout)]


def main() -> None:
    settings = Settings.from_env()
    farm = Farm(settings)
    t0 = time.monotonic()
    outcome = farm.build("php", force=True)[-1]
    kiln = time.monotonic() - t0
    bare = bare_build(farm)
    size = {o.path: o.size for o in outcome.manifest.outputs}["bin/php.wasm"]
    wasm = outcome.directory / "bin/php.wasm"
    fetched = sources.fetch(settings, outcome.job.recipe, outcome.job.version)
    with tempfile.TemporaryDirectory(prefix="bench-php-src-") as tmp:
        tree = Path(tmp)
        sources.unpack(fetched.path, tree, outcome.job.version.source.strip_components)
        bench_dir = tree / "Zend"
        wasi_run.run(wasm, ["-v"], use_aot=True)  # warm-up: page the .cwasm in
        start_wasm = []
        for _ in range(10):
            t1 = time.monotonic()
            wasi_run.run(wasm, ["-v"], use_aot=True)
            start_wasm.append(time.monotonic() - t1)
        pre = [wasi_run.Preopen(bench_dir, "/bench", False)]
        cpu_wasm = [float(_TOTAL.findall(wasi_run.run(wasm, ["/bench/bench.php"], preopens=pre,
                                                      use_aot=True).stdout.decode())[-1])
                    for _ in range(3)]
        start_native, cpu_native = native_times(native_image(farm), bench_dir, 10)

    result = {
        "build_s": {"wasmkiln": round(kiln, 1), "bare": round(bare, 1),
                    "ratio": round(kiln / bare, 3), "goal": 1.15},
        "size": {"php.wasm": size, "vs_seed_image": round(size / (SEED_PHP_IMAGE_MB * MB), 3)},
        "php_v_s": {"wasm_cwasm_in_process": round(statistics.median(start_wasm), 4),
                    "native_process": round(statistics.median(start_native), 4)},
        "bench_php_s": {"wasm": round(statistics.median(cpu_wasm), 3),
                        "native": round(statistics.median(cpu_native), 3),
                        "ratio": round(statistics.median(cpu_wasm) / statistics.median(cpu_native),
                                       2), "goal": 2.0},
    }
    save(settings, "php", result)


if __name__ == "__main__":
    main()
