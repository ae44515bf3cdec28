"""PHP's own test suite (run-tests.php) against a built php.wasm.

A native PHP drives run-tests.php from the version's source tree; TEST_PHP_EXECUTABLE is a
small wrapper that runs php.wasm in wasmtime from its .cwasm, with the host's root preopened at
/ (tests read and write files next to themselves and in /tmp under their host paths) and the
environment run-tests.php gives each test. Results come from run-tests.php's JUnit report and
are summed per test directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .. import runtimes, sources
from ..errors import WasmkilnError
from . import SuiteInput, TestData, Unit

TEST_TIMEOUT = 120  # seconds per test unless tests.toml says `timeout`
OTHER = "other"


def wasi_limits(data: TestData) -> list[tuple[str, str]]:
    """(why, sign): a failure whose output shows `sign` is that WASI limit (tests.toml's
    [[wasi_limits]])."""
    return [(e["why"], e["sign"]) for e in data.raw.get("wasi_limits", [])]


def classify(details: str, limits: list[tuple[str, str]]) -> str:
    """The WASI limit a failure's output shows, or OTHER."""
    return runtimes.first_cause(details, limits, OTHER)


def native_php() -> str:
    return runtimes.native_program(
        "php", "PHP's test suite (run-tests.php is a PHP script)",
        "install Debian's php-cli (./kiln does on a fresh machine)")


def write_wrapper(module: Path, dest: Path) -> Path:
    """The TEST_PHP_EXECUTABLE run-tests.php starts for every test."""
    return runtimes.write_wrapper(__name__, [str(module)], dest)


class RunTests:
    """run-tests.php from the version's source tree, once per test directory."""

    name = "run-tests"
    unit = "directory"

    def run(self, given: SuiteInput, units: Sequence[str],
            progress: Callable[[Unit], None] | None = None) -> tuple[list[Unit], dict[str, Any]]:
        limits = wasi_limits(given.data)
        timeout = int(given.data.raw.get("timeout", TEST_TIMEOUT))
        cases = run_suite(given.program, given.source, given.strip, units, limits, timeout,
                          progress=progress)
        return summary(cases, units)


SUITE = RunTests()


def run_suite(module: Path, archive: Path, strip: int, dirs: Sequence[str],
              limits: list[tuple[str, str]], timeout: int = TEST_TIMEOUT, jobs: int = 2,
              progress: Callable[[Unit], None] | None = None) -> list[dict[str, Any]]:
    """Unpack the tree and run run-tests.php once per directory of `dirs` (so a long run
    reports each directory as it finishes, through `progress`); every test case's result."""
    php = native_php()
    cases: list[dict[str, Any]] = []
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
        # php.wasm's OpenSSL reads /usr/local/ssl/openssl.cnf (its OPENSSLDIR), which the host
        # root the tests run in lacks; PHP's own test configuration stands in, as a system
        # openssl.cnf does natively (openssl_pkey_new() and CSRs need one)
        test_conf = tree / "ext/openssl/tests/openssl.cnf"
        if test_conf.is_file():
            env["OPENSSL_CONF"] = str(test_conf)
        argv = [php, "run-tests.php", "-q", "--no-color", "--no-progress", f"-j{jobs}",
                "--set-timeout", str(timeout), "-p", str(wrapper)]
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
            found = parse_junit(junit.read_text(errors="replace"), limits)
            for case in found:
                case["seconds"] = 0.0
            if found:
                found[0]["seconds"] = round(time.monotonic() - t0, 1)  # the directory's time
            cases += found
            if progress is not None:
                progress(summary(found, [directory])[0][0])
    return cases


def parse_junit(text: str, limits: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Every <testcase> as {file, name, result (pass/fail/skip), message, cause}."""
    cases = []
    for case in ET.fromstring(text).iter("testcase"):
        name = case.get("name") or ""
        file = name.split(" (", 1)[0]  # run-tests.php names a case "<path> (<title>)"
        result, message, cause = "pass", "", ""
        for child in case:
            if child.tag in ("failure", "error"):
                result, message = "fail", (child.get("type") or child.get("message") or "")
                report = (child.text or "") + (child.get("message") or "")
                cause = classify(f"{file}\n{report}", limits)  # signs may name the test
            elif child.tag == "skipped":
                result, message = "skip", (child.text or "")
        cases.append({"file": file, "name": name, "result": result, "message": message,
                      "cause": cause})
    return cases


def summary(cases: list[dict[str, Any]], dirs: Sequence[str]
            ) -> tuple[list[Unit], dict[str, Any]]:
    """One row per directory (its failures with their causes in notes) and the failure causes
    over all, with the pass rate outside WASI limits (what the port itself could fix)."""
    per_dir: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"passed": 0, "failed": 0, "skipped": 0, "seconds": 0.0, "failures": []})
    ordered = sorted(dirs, key=len, reverse=True)  # the most specific directory wins
    for case in cases:
        where = next((d for d in ordered if case["file"].startswith(d.rstrip("/") + "/")),
                     "other")
        row = per_dir[where]
        key = {"pass": "passed", "fail": "failed", "skip": "skipped"}[case["result"]]
        row[key] += 1
        row["seconds"] += case.get("seconds", 0.0)
        if case["result"] == "fail":
            row["failures"].append({"test": case["file"] or case["name"],
                                    "cause": case["cause"]})
    # a directory is ok when every failure in it is a known WASI limit
    units = [Unit(d, all(f["cause"] != OTHER for f in per_dir[d]["failures"]),
                  per_dir[d]["passed"], per_dir[d]["failed"],
                  per_dir[d]["skipped"], round(per_dir[d]["seconds"], 1),
                  notes={"failures": per_dir[d]["failures"]} if per_dir[d]["failures"] else {})
             for d in dirs if d in per_dir]
    passed = sum(u.passed for u in units)
    failed = sum(u.failed for u in units)
    causes = runtimes.count_causes(failure["cause"] for d in dirs if d in per_dir
                                   for failure in per_dir[d]["failures"])
    wasi = failed - causes.get(OTHER, 0)
    return units, {"failure_causes": causes,
                   "pass_rate_outside_wasi_limits": _rate(passed, failed - wasi)}


def _rate(passed: int, failed: int) -> float:
    return round(passed / (passed + failed), 4) if passed + failed else 0.0


def main(argv: list[str]) -> int:
    """The wrapper's entry: php.wasm with the host root at / and this environment."""
    module, args = Path(argv[0]), argv[1:]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    return runtimes.run_in_host_root(module, args, env, "php")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
