"""CPython's own test suite (regrtest, `python -m test`) run against a built python.wasm in
wasmtime, one test module per instance, with the recipe's stdlib preopened read-only, the
source archive's Lib/ (the tests) beside it, and a writable /tmp.

The stdlib is imported from that Lib/ tree (PYTHONPATH), the plain-tree layout the recipe also
ships: against the sourceless zip two test_zipfile tests fail only because warnings'
skip_file_prefixes compares code paths with the zip's __file__, and tracebacks lack source lines.
The zip layout itself is covered by the smoke tests."""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import sources, wasi_run
from .errors import WasmkilnError

# The CI tier: quick modules that still cover the compression modules and sqlite3.
FAST = ("test_json", "test_zlib", "test_bz2", "test_lzma", "test_sqlite3")
# The slow tier: a fixed slice across the language, the stdlib and the linked C libraries.
SLICE = (
    "test_abc", "test_array", "test_base64", "test_binascii", "test_bisect", "test_bool",
    "test_bz2", "test_calendar", "test_collections", "test_complex", "test_contextlib",
    "test_copy", "test_csv", "test_dataclasses", "test_datetime", "test_decimal", "test_dict",
    "test_difflib", "test_enum", "test_float", "test_fractions", "test_functools",
    "test_generators", "test_hashlib", "test_heapq", "test_int", "test_itertools", "test_json",
    "test_list", "test_long", "test_lzma", "test_math", "test_operator", "test_pathlib",
    "test_pickle", "test_random", "test_re", "test_set", "test_sqlite3", "test_statistics",
    "test_string", "test_struct", "test_textwrap", "test_tomllib", "test_tuple",
    "test_types", "test_typing", "test_unicodedata", "test_unicode_identifiers",
    "test_urlparse", "test_uuid", "test_zipfile", "test_zlib",
)

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
    CPython versions ("3.11"), empty means every version."""
    module: str
    why: str
    tests: tuple[str, ...]
    series: tuple[str, ...] = ()


WASI_LIMITS = (
    LeftOut("test_sqlite3",
            "WASI has no advisory file locks, so SQLite locks with dot-files, which are "
            "exclusive: a second connection cannot read while the first holds a write "
            "transaction",
            tuple(f"test.test_sqlite3.test_transactions.TransactionTests.{name}" for name in (
                "test_delete_starts_transaction", "test_dml_does_not_auto_commit_before",
                "test_insert_starts_transaction", "test_multiple_cursors_and_iternext",
                "test_replace_starts_transaction", "test_toggle_auto_commit",
                "test_update_starts_transaction"))),
    LeftOut("test_pathlib",
            "WASI has no file modes (chmod fails with ENOSYS) and 3.11's fixture for every "
            "concrete-path test chmods a directory (later versions guard it); "
            "the pure-path tests still run",
            ("test.test_pathlib.PathTest.*", "test.test_pathlib.PosixPathTest.*"), ("3.11",)),
    LeftOut("test_pickle",
            "WASI has no statvfs (ENOSYS); 3.11's test_structseq pickles os.statvfs('.')",
            ("*.test_structseq",), ("3.11",)),
)

# Test-only C modules python.wasm is built without (--disable-test-modules), where a test
# imports nothing from them but constants: the runner puts a module with those constants on the
# path for that test module and version only.
TEST_SHIMS = {
    ("test_sqlite3", "3.11"): ("_testcapi", "INT_MAX = 2**31 - 1\nULLONG_MAX = 2**64 - 1\n",
                               "3.11's test_sqlite3 imports INT_MAX and ULLONG_MAX from "
                               "_testcapi (wasm32's limits.h values)"),
}


def _series(version: str) -> str:
    return ".".join(version.split(".")[:2])


def left_out(module: str, version: str) -> list[LeftOut]:
    return [limit for limit in WASI_LIMITS if limit.module == module
            and (not limit.series or _series(version) in limit.series)]


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


def extract_tests(archive: Path, strip: int, dest: Path) -> Path:
    """The source archive's Lib/ (the tests, and the sources tracebacks quote: the shipped zip
    holds only .pyc), plus the empty lib-dynload the preopen would otherwise hide."""
    sources.unpack(archive, dest / "src", strip)
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


def run_modules(program: Path, runtime: list[wasi_run.Preopen], tests: Path, stdlib_guest: str,
                modules: tuple[str, ...] | list[str], version: str,
                env: dict[str, str] | None = None) -> list[ModuleResult]:
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
            ignored = [arg for limit in left_out(module, version) for test in limit.tests
                       for arg in ("--ignore", test)]
            path = stdlib_guest
            shim = TEST_SHIMS.get((module, _series(version)))
            if shim:
                (Path(scratch) / "tmp" / "shims").mkdir()
                (Path(scratch) / "tmp" / "shims" / f"{shim[0]}.py").write_text(shim[1])
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
            results.append(parse(module, output, done.exit_code, time.monotonic() - t0))
    return results


def summary(results: list[ModuleResult], version: str) -> dict[str, Any]:
    run = sum(r.run for r in results)
    failed = sum(r.failures for r in results)
    skipped = sum(r.skipped for r in results)
    executed = run - skipped
    ran = {r.module for r in results}
    return {
        "modules": len(results), "modules_ok": sum(r.ok for r in results),
        "tests_run": run, "tests_failed": failed, "tests_skipped": skipped,
        "pass_rate_of_non_skipped": round((executed - failed) / executed, 4) if executed else None,
        "results": [asdict(r) for r in results],
        "left_out": {module: [{"why": limit.why, "tests": list(limit.tests)} for limit in limits]
                     for module in sorted(ran) if (limits := left_out(module, version))},
        "shims": {module: {"module": name, "why": why}
                  for (module, series), (name, _, why) in TEST_SHIMS.items()
                  if module in ran and series == _series(version)},
    }
