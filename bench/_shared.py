"""What the runtime benchmarks share: the hand-typed build in the builder image, and saving."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any

from wasmkiln import atomic
from wasmkiln.farm import Farm
from wasmkiln.plan import Job
from wasmkiln.settings import Settings
from wasmkiln.toolchain import DEPS_DIR, SRC_DIR


def time_in_builder(farm: Farm, job: Job, src: Path, deps: Path, script: str) -> float:
    """Seconds `script` takes in the builder image on `src` with `deps`, the job's build
    environment and no network: the bare side of a build-time ratio."""
    env = farm.toolchain.environment(jobs=2, epoch=job.version.source_date_epoch,
                                     cflags=job.steps.cflags, ldflags=job.steps.ldflags)
    env.update(dict(job.steps.env))
    env.update(dict(job.version.env))  # as the farm does: a version's env over the recipe's
    args = ["docker", "run", "--rm", "--network=none", "-v", f"{src}:{SRC_DIR}",
            "-v", f"{deps}:{DEPS_DIR}:ro", "-w", SRC_DIR]
    for key, value in env.items():
        args += ["-e", f"{key}={value}"]
    t0 = time.monotonic()
    subprocess.run([*args, farm.toolchain.image_tag, "bash", "-c", script], check=True,
                   stdout=subprocess.DEVNULL)
    return time.monotonic() - t0


def save(settings: Settings, name: str, result: dict[str, Any]) -> None:
    """Print the result and keep it as build-output/bench/<name>.json."""
    text = json.dumps(result, indent=2)
    print(text)
    dest = settings.output_dir / "bench" / f"{name}.json"
    atomic.write_text(dest, text + "\n")
    print(f"saved {dest}")
