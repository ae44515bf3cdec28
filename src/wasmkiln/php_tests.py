"""PHP's own test suite (run-tests.php) against a built php.wasm.

A native PHP drives run-tests.php from the version's source tree; TEST_PHP_EXECUTABLE is a
small wrapper that runs php.wasm in wasmtime from its .cwasm, with the host's root preopened at
/ (tests read and write files next to themselves and in /tmp under their host paths) and the
environment run-tests.php gives each test. Results come from run-tests.php's JUnit report and
are summed per test directory.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import sources, wasi_run
from .errors import WasmkilnError

# The CI tier: small, quick directories that still touch the engine, the JSON and ctype code.
FAST = ("ext/ctype/tests", "ext/json/tests", "ext/tokenizer/tests", "ext/calendar/tests")
# The slow tier: the engine, three parts of ext/standard, and every extension the recipe enables.
EXTENSION_DIRS = tuple(f"ext/{e}/tests" for e in (
    "bcmath", "calendar", "ctype", "date", "dom", "exif", "fileinfo", "filter", "hash", "json",
    "libxml", "mbstring", "pcre", "pdo", "pdo_sqlite", "phar", "random", "reflection",
    "session", "simplexml", "spl", "sqlite3", "tokenizer", "xml", "xmlreader", "xmlwriter",
    "zlib"))
# (the engine's ~5,000 tests last, so the directories a long run finishes are the many small ones)
SUITE = ("ext/standard/tests/strings", "ext/standard/tests/array", "ext/standard/tests/math",
         *EXTENSION_DIRS, "Zend/tests")
TEST_TIMEOUT = 120  # seconds per test; wasm is slower than native and some tests are long

# Failures whose output shows a WASI limit, by what PHP prints; anything else is "other".
WASI_LIMITS = (
    ("no fibers (wasm cannot switch stacks)", "Fibers are not available on WebAssembly/WASI"),
    ("no processes (exec, proc_open, popen)", "Unable to fork"),
    ("no processes (exec, proc_open, popen)", "Call to undefined function proc_open()"),
    ("no processes (exec, proc_open, popen)", "Unable to execute"),
    ("no file modes (chmod)", "chmod(): Function not implemented"),
    ("no sockets or name resolution", "name resolution is not available under WASI"),
    ("no sockets or name resolution", "Function not implemented"),
)
OTHER = "other"


def classify(details: str) -> str:
    """The WASI limit a failure's output shows, or OTHER."""
    return next((why for why, sign in WASI_LIMITS if sign in details), OTHER)


def native_php() -> str:
    found = shutil.which("php")
    if found is None:
        raise WasmkilnError(
            "PHP's test suite needs a native PHP to drive run-tests.php and none is on PATH; "
            "install Debian's php-cli (./kiln does on a fresh machine).")
    return found


def write_wrapper(module: Path, dest: Path) -> Path:
    """The TEST_PHP_EXECUTABLE run-tests.php starts for every test."""
    package_root = Path(__file__).resolve().parents[1]
    dest.write_text(
        "#!/bin/sh\n"
        f"PYTHONPATH={shlex.quote(str(package_root))} exec {shlex.quote(sys.executable)} "
        f"-m wasmkiln.php_tests {shlex.quote(str(module))} \"$@\"\n")
    dest.chmod(0o755)
    return dest


def run_suite(module: Path, archive: Path, strip: int, dirs: tuple[str, ...] | list[str],
              jobs: int = 2, progress: Callable[[dict[str, Any]], None] | None = None
              ) -> dict[str, Any]:
    """Unpack the tree and run run-tests.php once per directory of `dirs` (so a long run
    reports each directory as it finishes, through `progress`); return the summary."""
    php = native_php()
    cases: list[dict[str, str]] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="wasmkiln-phptests-") as tmp:
        work = Path(tmp)
        tree = work / "src"
        sources.unpack(archive, tree, strip)
        missing = [d for d in dirs if not (tree / d).is_dir()]
        if missing:
            raise WasmkilnError(f"PHP's test suite: {', '.join(missing)} not in {archive.name}.")
        wrapper = write_wrapper(module, work / "php-wasm")
        junit = work / "junit.xml"
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work),
               "TMPDIR": "/tmp", "NO_INTERACTION": "1", "SKIP_IO_CAPTURE_TESTS": "1",
               "SKIP_ONLINE_TESTS": "1", "SKIP_SLOW_TESTS": "1",
               "TEST_PHP_JUNIT": str(junit), "TEST_PHP_EXECUTABLE": str(wrapper),
               "REPORT_EXIT_STATUS": "0", "LC_ALL": "C", "TZ": "UTC"}
        argv = [php, "run-tests.php", "-q", "--no-color", "--no-progress", f"-j{jobs}",
                "--set-timeout", str(TEST_TIMEOUT), "-p", str(wrapper)]
        for directory in dirs:
            junit.unlink(missing_ok=True)
            t0 = time.monotonic()
            done = subprocess.run([*argv, directory], cwd=tree, env=env, capture_output=True,
                                  text=True)
            if not junit.exists():
                tail = "\n".join((done.stdout + done.stderr).splitlines()[-20:])
                raise WasmkilnError(
                    f"run-tests.php wrote no report for {directory} (exit {done.returncode}); "
                    f"its last output:\n{tail}")
            found = parse_junit(junit.read_text(errors="replace"))
            cases += found
            if progress is not None:
                progress(summary(found, [directory], time.monotonic() - t0))
    return summary(cases, dirs, time.monotonic() - started)


def parse_junit(text: str) -> list[dict[str, str]]:
    """Every <testcase> as {file, name, result (pass/fail/skip), message}."""
    cases = []
    for case in ET.fromstring(text).iter("testcase"):
        name = case.get("name") or ""
        file = name.split(" (", 1)[0]  # run-tests.php names a case "<path> (<title>)"
        result, message, cause = "pass", "", ""
        for child in case:
            if child.tag in ("failure", "error"):
                result, message = "fail", (child.get("type") or child.get("message") or "")
                cause = classify((child.text or "") + (child.get("message") or ""))
            elif child.tag == "skipped":
                result, message = "skip", (child.text or "")
        cases.append({"file": file, "name": name, "result": result, "message": message,
                      "cause": cause})
    return cases


def summary(cases: list[dict[str, str]], dirs: tuple[str, ...] | list[str],
            seconds: float) -> dict[str, Any]:
    per_dir: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"passed": 0, "failed": 0, "skipped": 0, "failures": []})
    ordered = sorted(dirs, key=len, reverse=True)  # the most specific directory wins
    for case in cases:
        where = next((d for d in ordered if case["file"].startswith(d.rstrip("/") + "/")),
                     "other")
        row = per_dir[where]
        key = {"pass": "passed", "fail": "failed", "skip": "skipped"}[case["result"]]
        row[key] += 1
        if case["result"] == "fail":
            row["failures"].append({"test": case["file"] or case["name"],
                                    "cause": case["cause"]})
    rows = [{"directory": d, **per_dir[d]} for d in dirs if d in per_dir]
    passed = sum(r["passed"] for r in rows)
    failed = sum(r["failed"] for r in rows)
    causes: dict[str, int] = defaultdict(int)
    for row in rows:
        for failure in row["failures"]:
            causes[failure["cause"]] += 1
    wasi = failed - causes.get(OTHER, 0)
    return {"directories": rows, "passed": passed, "failed": failed,
            "skipped": sum(r["skipped"] for r in rows), "failure_causes": dict(causes),
            "pass_rate": _rate(passed, failed),
            # what the port can fix: failures that are not a WASI limit
            "pass_rate_outside_wasi_limits": _rate(passed, failed - wasi),
            "seconds": round(seconds, 1)}


def _rate(passed: int, failed: int) -> float:
    return round(passed / (passed + failed), 4) if passed + failed else 0.0


def main(argv: list[str]) -> int:
    """The wrapper's entry: php.wasm with the host root at / and this environment."""
    module, args = Path(argv[0]), argv[1:]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    result = wasi_run.run(module, args, env=env, preopens=[wasi_run.Preopen(Path("/"), "/", True)],
                          argv0="php", use_aot=True, inherit_stdio=True)
    if result.trap:
        print(f"wasmkiln: trap: {result.trap}", file=sys.stderr)
    return result.exit_code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
