"""Optimise stage: wasm-opt (binaryen, pinned in the builder image) over every .wasm output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docker

from . import container_build, driver
from .errors import BuildFailed
from .plan import Job
from .recipe import Optimise
from .toolchain import PREFIX_DIR


def wasm_opt_argv(opt: Optimise, path: str) -> tuple[str, ...] | None:
    """The wasm-opt command for one module, or None when there is nothing to do."""
    flags: list[str] = []
    if opt.level and opt.level != "none":
        flags.append(f"-{opt.level}")
    flags += list(opt.passes or ())
    if opt.strip:
        flags += ["--strip-debug", "--strip-producers"]
    if not flags:
        return None
    return ("wasm-opt", *flags, path, "-o", f"{path}.opt")


def wasm_outputs(job: Job) -> list[str]:
    return [out for out in job.steps.outputs if out.endswith(".wasm")]


def script(job: Job) -> str | None:
    lines = []
    for out in wasm_outputs(job):
        path = f"{PREFIX_DIR}/{out}"
        argv = wasm_opt_argv(job.optimise, path)
        if argv is not None:
            lines.append(driver.argv(argv))
            lines.append(driver.argv(("mv", f"{path}.opt", path)))
    return "set -euo pipefail\n" + "\n".join(lines) + "\n" if lines else None


def run(client: docker.DockerClient, image: str, job: Job, prefix: Path, log: Path,
        stop: container_build.Stop | None = None) -> dict[str, Any]:
    """Optimise in place under `prefix`; return sizes before/after and the flags used."""
    before = {out: (prefix / out).stat().st_size for out in wasm_outputs(job)}
    text = script(job)
    if text is not None:
        code, output = container_build.oneshot(
            client, image, text, {str(prefix): {"bind": PREFIX_DIR, "mode": "rw"}},
            job.cache_key, stop)
        with open(log, "a") as fh:
            fh.write(f"\n==> optimise\n{text}{output}")
        if code != 0:
            raise BuildFailed(
                f"wasm-opt failed on the outputs of {job.label} (exit {code}) with level "
                f"{job.optimise.level} and passes {list(job.optimise.passes or ())}; see {log}. "
                "Nothing was stored.\n" + "\n".join(output.splitlines()[-15:])
            )
    return {
        "level": job.optimise.level, "passes": list(job.optimise.passes or ()),
        "strip": job.optimise.strip,
        "sizes": {out: {"before": size, "after": (prefix / out).stat().st_size}
                  for out, size in before.items()},
    }
