"""Run a recipe's declared smoke tests against a freshly built install tree."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from . import wasi_run
from .errors import SmokeTestFailed
from .plan import Job


def run_all(job: Job, prefix: Path) -> list[dict[str, Any]]:
    """Run every smoke test that applies to the job's variant; raise on the first failure."""
    results = []
    previous_stdout = b""
    with tempfile.TemporaryDirectory(prefix="wasmkiln-smoke-") as scratch:
        for test in job.recipe.smoke:
            if test.variants and job.variant.name not in test.variants:
                continue
            program = prefix / test.program
            if not program.is_file():
                raise SmokeTestFailed(
                    f"Smoke test '{test.name}' of {job.label} ({job.recipe.path}) runs "
                    f"{test.program}, which the build did not produce."
                )
            stdin = previous_stdout if test.stdin_from_previous else (test.stdin or "").encode()
            t0 = time.monotonic()
            result = wasi_run.run(
                program, test.args, env=dict(test.env),
                preopens=[wasi_run.Preopen(Path(scratch), guest) for guest in test.dirs],
                stdin=stdin,
            )
            seconds = time.monotonic() - t0
            stdout = result.stdout.decode(errors="replace")
            missing = [e for e in test.expect if e not in stdout]
            if result.exit_code != test.expect_exit or missing:
                problem = (f"exited {result.exit_code} (expected {test.expect_exit})"
                           if result.exit_code != test.expect_exit
                           else f"did not print {missing[0]!r}")
                if result.trap:
                    problem += f", trap: {result.trap}"
                raise SmokeTestFailed(
                    f"Smoke test '{test.name}' of {job.label} failed: {test.program} "
                    f"{' '.join(test.args)} {problem}. stdout: {_clip(stdout)!r}; stderr: "
                    f"{_clip(result.stderr.decode(errors='replace'))!r}. The build was not "
                    "stored; the previous output, if any, is untouched."
                )
            previous_stdout = result.stdout
            results.append({"name": test.name, "engine": "wasmtime", "passed": True,
                            "seconds": round(seconds, 3)})
    return results


def _clip(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
