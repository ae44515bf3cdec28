"""Run a recipe's declared smoke tests against a freshly built install tree."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from . import wasi_run
from .errors import SmokeTestFailed
from .plan import Job
from .recipe import SmokeTest
from .wasi_run import RunResult

REFERENCE_ENGINE = "wasmtime"


def applicable(job: Job) -> list[SmokeTest]:
    return [t for t in job.recipe.smoke if t.applies_to(job.variant.name, job.version.version)]


def problem(test: SmokeTest, exit_code: int, stdout: bytes) -> str | None:
    """Why a run does not meet the test's expectations, or None when it does."""
    if exit_code != test.expect_exit:
        return f"exited {exit_code} (expected {test.expect_exit})"
    text = stdout.decode(errors="replace")
    missing = [e for e in test.expect if e not in text]
    return f"did not print {missing[0]!r}" if missing else None


def runtime_preopens(job: Job, prefix: Path) -> list[wasi_run.Preopen]:
    """The recipe's [runtime] dirs from the build output, read-only, for every run."""
    return [wasi_run.Preopen(prefix / rel, guest, writable=False)
            for rel, guest in job.recipe.runtime_dirs]


def run_reference(job: Job, prefix: Path) -> list[dict[str, Any]]:
    """Every applicable smoke test in wasmtime from the .cwasm; raise on the first failure."""
    results = []
    previous_stdout = b""
    with tempfile.TemporaryDirectory(prefix="wasmkiln-smoke-") as scratch:
        for test in applicable(job):
            program = prefix / test.program
            if not program.is_file():
                raise SmokeTestFailed(
                    f"Smoke test '{test.name}' of {job.label} ({job.recipe.path}) runs "
                    f"{test.program}, which the build did not produce."
                )
            stdin = previous_stdout if test.stdin_from_previous else (test.stdin or "").encode()
            t0 = time.monotonic()
            result = wasi_run.run(
                program, test.args, env={**dict(job.recipe.runtime_env), **dict(test.env)},
                preopens=[wasi_run.Preopen(Path(scratch), guest) for guest in test.dirs]
                + runtime_preopens(job, prefix),
                stdin=stdin, use_aot=True,
            )
            seconds = time.monotonic() - t0
            wrong = problem(test, result.exit_code, result.stdout)
            if wrong:
                if result.trap:
                    wrong += f", trap: {result.trap}"
                raise SmokeTestFailed(
                    f"Smoke test '{test.name}' of {job.label} failed in {REFERENCE_ENGINE}: "
                    f"{test.program} {' '.join(test.args)} {wrong}. stdout: "
                    f"{_clip(result.stdout)!r}; stderr: {_clip(result.stderr)!r}. The build "
                    "was not stored; the previous output, if any, is untouched."
                )
            previous_stdout = result.stdout
            results.append({"name": test.name, "passed": True, "seconds": round(seconds, 3)})
    return results


def verdicts(tests: list[SmokeTest], outcomes: list[RunResult]) -> dict[str, Any]:
    """One engine's verdict over all tests, in order."""
    failures = []
    for test, outcome in zip(tests, outcomes, strict=True):
        wrong = problem(test, outcome.exit_code, outcome.stdout)
        if wrong:
            failures.append({"test": test.name, "problem": wrong,
                             "stderr": _clip(outcome.stderr)})
    return {"passed": not failures, "tests": len(tests), "failures": failures}


def _clip(data: bytes, limit: int = 400) -> str:
    text = data.decode(errors="replace")
    return text if len(text) <= limit else text[:limit] + "…"
