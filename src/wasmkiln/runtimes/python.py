"""CPython's own test suite (regrtest, `python -m test`) run against a built python.wasm in
wasmtime, one test module per instance, with the recipe's stdlib preopened read-only, the
source archive's Lib/ (the tests; the version's patches applied) beside it, and a writable /tmp.

The stdlib is imported from that Lib/ tree (PYTHONPATH), the plain-tree layout the recipe also
ships: against the sourceless zip two test_zipfile tests fail only because warnings'
skip_file_prefixes compares code paths with the zip's __file__, and tracebacks lack source lines.
The zip layout itself is covered by the smoke tests."""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import patches, sources, wasi_run
from ..errors import WasmkilnError
from . import SuiteInput, TestData, Unit

_TOTAL = re.compile(r"Total tests: run=([\d,]+)(?: \(filtered\))?"
                    r"(?: failures=([\d,]+))?(?: skipped=([\d,]+))?")
_RESULT = re.compile(r"^(?:== )?(?:Tests )?[Rr]esult: (.+?)(?: ==)?$", re.MULTILINE)
# 3.11's regrtest prints no test counts (3.13's does); in verbose mode (VERBOSE_BEFORE)
# unittest's own summary gives them: "Ran 42 tests in 0.1s", then "OK (skipped=3)" or
# "FAILED (errors=1, …)".
_RAN = re.compile(r"^Ran (\d+) tests? in ", re.MULTILINE)
_UNITTEST_END = re.compile(r"^(?:OK|FAILED)(?: \((.*)\))?$", re.MULTILINE)
VERBOSE_BEFORE = (3, 13)  # -v is harmless where counts are printed too
_FAILED = re.compile(r"\] \S+ failed \((?:(\d+) errors?)?(?:, )?(?:(\d+) failures?)?\)")


@dataclass(frozen=True)
class LeftOut:
    """Tests of one module that cannot pass under WASI, left out with regrtest's --ignore (names
    or fnmatch patterns) and listed with the reason in the report; `series` limits it to some
    CPython versions ("3.11"), empty means every version. From tests.toml's [[left_out]]."""
    module: str
    why: str
    tests: tuple[str, ...]
    series: tuple[str, ...] = ()


@dataclass(frozen=True)
class Shim:
    """A constants-only stand-in for a test-only C module python.wasm is built without, put on
    the path for one test module and CPython series. From tests.toml's [[shims]]."""
    module: str
    series: str
    provides: str
    code: str
    why: str


def _series(version: str) -> str:
    return ".".join(version.split(".")[:2])


def limits(data: TestData) -> list[LeftOut]:
    return [LeftOut(e["module"], e["why"], tuple(e["tests"]), tuple(e.get("series", ())))
            for e in data.raw.get("left_out", [])]


def shims(data: TestData) -> list[Shim]:
    return [Shim(e["module"], e["series"], e["provides"], e["code"], e["why"])
            for e in data.raw.get("shims", [])]


def left_out(module: str, version: str, data: TestData) -> list[LeftOut]:
    return [limit for limit in limits(data) if limit.module == module
            and (not limit.series or _series(version) in limit.series)]


def shim_for(module: str, version: str, data: TestData) -> Shim | None:
    return next((s for s in shims(data)
                 if s.module == module and s.series == _series(version)), None)


@dataclass(frozen=True)
class ModuleResult:
    module: str
    result: str  # regrtest's verdict: SUCCESS, FAILURE, NO TESTS RAN, … or CRASH
    run: int
    failures: int
    skipped: int
    seconds: float
    exit_code: int
    tail: str  # the end of the output, for failures

    @property
    def ok(self) -> bool:
        return self.result in ("SUCCESS", "NO TESTS RAN")


def extract_tests(archive: Path, strip: int, dest: Path,
                  series: tuple[patches.Patch, ...] = ()) -> Path:
    """The source archive's Lib/ with the version's patches applied, as it was built (the
    tests, and the sources tracebacks quote: the shipped zip holds only .pyc), plus the empty
    lib-dynload the preopen would otherwise hide."""
    sources.unpack(archive, dest / "src", strip)
    patches.apply_series(series, dest / "src")
    lib = dest / "src" / "Lib"
    if not (lib / "test").is_dir():
        raise WasmkilnError(f"{archive} holds no Lib/test/: not a CPython source archive?")
    (lib / "lib-dynload").mkdir(exist_ok=True)
    return lib


def parse(module: str, output: str, exit_code: int, seconds: float) -> ModuleResult:
    total = _TOTAL.search(output)
    verdict = _RESULT.findall(output)
    result = verdict[-1].strip() if verdict else "CRASH"

    def num(text: str | None) -> int:
        return int(text.replace(",", "")) if text else 0

    if total:
        run, failures, skipped = num(total.group(1)), num(total.group(2)), num(total.group(3))
    else:
        run = sum(num(n) for n in _RAN.findall(output))
        counts: dict[str, int] = {}
        for detail in _UNITTEST_END.findall(output):
            for item in filter(None, (part.strip() for part in detail.split(","))):
                key, _, value = item.partition("=")
                counts[key] = counts.get(key, 0) + num(value)
        failures = counts.get("failures", 0) + counts.get("errors", 0)
        skipped = counts.get("skipped", 0)
    for errors, failed in _FAILED.findall(output):  # "Total tests" counts no errors
        failures = max(failures, num(errors) + num(failed))
    return ModuleResult(module, result, run, failures, skipped, round(seconds, 2), exit_code,
                        output[-1500:])


def flags(version: str) -> list[str]:
    """regrtest's options for this CPython version: -v where only verbose output counts tests."""
    major, minor = (int(part) for part in _series(version).split("."))
    return ["-v"] if (major, minor) < VERBOSE_BEFORE else []


class Regrtest:
    """CPython's regrtest, one test module per wasm instance."""

    name = "regrtest"
    unit = "module"

    def run(self, given: SuiteInput, units: Sequence[str],
            progress: Callable[[Unit], None] | None = None) -> tuple[list[Unit], dict[str, Any]]:
        v = given.version.split(".")
        stdlib_guest = f"/usr/local/lib/python{v[0]}.{v[1]}"
        with tempfile.TemporaryDirectory(prefix="wasmkiln-pytests-") as tmp:
            tests = extract_tests(given.source, given.strip, Path(tmp), given.patches)
            results = run_modules(given.program, given.runtime, tests, stdlib_guest, units,
                                  given.version, given.data, given.env, progress)
        return [as_unit(r) for r in results], details(results, given.version, given.data)


SUITE = Regrtest()


def as_unit(r: ModuleResult) -> Unit:
    return Unit(r.module, r.ok, max(0, r.run - r.skipped - r.failures), r.failures, r.skipped,
                r.seconds, r.result, {"exit_code": r.exit_code, "tail": r.tail} if not r.ok
                else {})


def run_modules(program: Path, runtime: list[wasi_run.Preopen], tests: Path, stdlib_guest: str,
                modules: Sequence[str], version: str, data: TestData,
                env: dict[str, str] | None = None,
                progress: Callable[[Unit], None] | None = None) -> list[ModuleResult]:
    results = []
    for module in modules:
        with tempfile.TemporaryDirectory(prefix="wasmkiln-regrtest-") as scratch:
            (Path(scratch) / "root").mkdir()
            (Path(scratch) / "tmp").mkdir()
            # an empty read-only "/": the initial working directory, which regrtest returns to
            preopens = [wasi_run.Preopen(Path(scratch) / "root", "/", writable=False), *runtime,
                        wasi_run.Preopen(tests, stdlib_guest, writable=False),
                        wasi_run.Preopen(Path(scratch) / "tmp", "/tmp")]
            t0 = time.monotonic()
            ignored = [arg for limit in left_out(module, version, data) for test in limit.tests
                       for arg in ("--ignore", test)]
            path = stdlib_guest
            shim = shim_for(module, version, data)
            if shim:
                (Path(scratch) / "tmp" / "shims").mkdir()
                (Path(scratch) / "tmp" / "shims" / f"{shim.provides}.py").write_text(shim.code)
                path = f"{stdlib_guest}:/tmp/shims"
            # regrtest makes its work dir with os.makedirs, which cannot climb to "/" (not a
            # preopen under WASI): give it a directory below the /tmp preopen
            done = wasi_run.run(program, ["-m", "test", "--tempdir", "/tmp/regrtest",
                                          *flags(version), *ignored, module],
                                env={**(env or {}), "TMPDIR": "/tmp", "HOME": "/tmp",
                                     "PYTHONPATH": path},
                                preopens=preopens,
                                use_aot=True)
            output = (done.stdout + done.stderr).decode(errors="replace")
            if done.trap:
                output += f"\n[trap: {done.trap}]"
            result = parse(module, output, done.exit_code, time.monotonic() - t0)
            results.append(result)
            if progress is not None:
                progress(as_unit(result))
    return results


def details(results: list[ModuleResult], version: str, data: TestData) -> dict[str, Any]:
    """What the report says beyond the rows: the tests left out and the shims used, with why."""
    ran = {r.module for r in results}
    return {
        "left_out": {module: [{"why": limit.why, "tests": list(limit.tests)} for limit in found]
                     for module in sorted(ran) if (found := left_out(module, version, data))},
        "shims": {s.module: {"module": s.provides, "why": s.why} for s in shims(data)
                  if s.module in ran and s.series == _series(version)},
    }
