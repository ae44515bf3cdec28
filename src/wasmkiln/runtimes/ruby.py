"""Ruby's own tests against a built ruby.wasm, in two parts; a unit is one test file.

`bootstraptest/test_*.rb`: upstream's runner (bootstraptest/runner.rb), driven by a native ruby,
with `--ruby` a small wrapper that runs ruby.wasm in wasmtime from its .cwasm with the host's
root preopened at / (the runner writes each test as a file in its working directory), the
recipe's stdlib at /usr, and `-C` the caller's directory (WASI has no inherited working
directory). The runner's last line gives the counts ("PASS all N tests" / "FAIL k/N ...").

`test/**/test_*.rb` (test-all): ruby.wasm itself runs upstream's test/runner.rb on the file, the
source tree at /src, a fresh /tmp, the stdlib at /usr. A prelude (tests.toml `test_all.prelude`)
adapts the harness, not Ruby: its after-test zombie check calls Process.waitall, which WASI
cannot back. Tests that crash the VM under WASI are excluded by name pattern with the reason
(tests.toml `test_all.exclude`); every error is classed by cause (`test_all.causes`).

Files that cannot run under WASI at all are left out in recipes/ruby/tests.toml with the reason."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .. import runtimes, sources, wasi_run
from ..errors import WasmkilnError
from . import SuiteInput, Unit

_PASS = re.compile(r"PASS all (\d+) tests?")
_SUMMARY = re.compile(r"(\d+) tests, \d+ assertions, (\d+) failures, (\d+) errors, (\d+) skips")
# "  3) Failure:\nTestX#test_y [file:line]:\nmessage…\n  backtrace…" up to a blank line
_PROBLEM = re.compile(r"^ *\d+\) (Error|Failure):\n(\S+?)(?: \[[^\]\n]*\])?:\n((?:.+\n?)*)",
                      re.MULTILINE)
_STARTED = re.compile(r"^\[ *\d+/\d+\] (\S+#\S+)( = [\d.]+ s)?", re.MULTILINE)
SOURCE_GUEST = "/src"
_FAIL = re.compile(r"FAIL (\d+)/(\d+) tests? failed")
TEST_TIMEOUT = 600  # seconds per file


def native_ruby() -> str:
    return runtimes.native_program(
        "ruby", "Ruby's bootstraptest (bootstraptest/runner.rb runs under it)",
        "install Debian's ruby (apt-get install ruby; ./kiln does on a fresh machine)")


def write_wrapper(module: Path, runtime: list[wasi_run.Preopen], dest: Path) -> Path:
    """The `--ruby` command runner.rb starts for every test."""
    return runtimes.write_wrapper(
        __name__, [str(module), *(f"{p.host}:{p.guest}" for p in runtime), "--"], dest)


def parse(unit: str, output: str, exit_code: int, seconds: float) -> Unit:
    passed = _PASS.search(output)
    if passed:
        return Unit(unit, True, int(passed.group(1)), 0, 0, seconds, "PASS")
    failed = _FAIL.search(output)
    if failed:
        bad, total = int(failed.group(1)), int(failed.group(2))
        return Unit(unit, False, total - bad, bad, 0, seconds, "FAIL",
                    {"tail": output[-1500:]})
    return Unit(unit, False, 0, 0, 0, seconds, "CRASH",
                {"exit_code": exit_code, "tail": output[-1500:]})


class Bootstraptest:
    name = "bootstraptest"

    def run_file(self, tree: Path, wrapper: Path, unit: str) -> Unit:
        t0 = time.monotonic()
        try:
            done = subprocess.run(
                [native_ruby(), "bootstraptest/runner.rb", f"--ruby={wrapper}", "-q", unit],
                cwd=tree, capture_output=True, text=True, timeout=TEST_TIMEOUT)
            output, code = done.stdout + done.stderr, done.returncode
        except subprocess.TimeoutExpired:
            output, code = f"[timed out after {TEST_TIMEOUT} s]", -1
        return parse(unit, output, code, round(time.monotonic() - t0, 1))


def classify(message: str, causes: Sequence[dict[str, str]]) -> str:
    """The cause of one test-all error or failure: the first `causes` entry whose `match`
    occurs in its message or backtrace, else "unclassified"."""
    return runtimes.first_cause(message, ((c["cause"], c["match"]) for c in causes),
                                "unclassified")


def parse_test_all(unit: str, output: str, exit_code: int, seconds: float,
                   causes: Sequence[dict[str, str]]) -> Unit:
    """One test-all file's row from its verbose output: the counts of the summary line and
    each error/failure with its cause; without a summary (the VM died), the test it was in."""
    summary = _SUMMARY.search(output)
    problems = [{"test": test, "kind": kind.lower(), "message": message.strip()[:300],
                 "cause": classify(message, causes)}  # the message and its backtrace
                for kind, test, message in _PROBLEM.findall(output)]
    if summary is None:
        started = _STARTED.findall(output)
        finished = sum(1 for _, done in started if done)
        where: dict[str, Any] = {}
        if started:  # the runner names a test when it starts and adds its time when it ends
            name, done = started[-1]
            where = {"after": name} if done else {"in": name}
        return Unit(unit, False, finished, 1, 0, seconds, "CRASH",
                    {"exit_code": exit_code, **where, "tail": output[-1500:]})
    tests, failures, errors, skips = (int(g) for g in summary.groups())
    bad = failures + errors
    by_cause = runtimes.count_causes(problem["cause"] for problem in problems)
    # as PHP's rows: a file is ok when every failure has a known WASI cause
    explained = len(problems) == bad and "unclassified" not in by_cause
    verdict = "PASS" if bad == 0 else "WASI" if explained else "FAIL"
    return Unit(unit, explained, tests - bad - skips, bad, skips, seconds, verdict,
                {"by_cause": by_cause, "problems": problems} if problems else {})


class TestAll:
    name = "test-all"

    def __init__(self, given: SuiteInput, tree: Path, scratch: Path) -> None:
        settings = given.data.raw.get("test_all", {})
        self.given = given
        self.tree = tree
        self.scratch = scratch
        self.causes = list(settings.get("causes", []))
        self.exclude = [e["pattern"] for e in settings.get("exclude", [])]
        prelude = tree / "wasmkiln_wasi_prelude.rb"
        prelude.write_text(settings.get("prelude", ""))
        self.prelude = f"{SOURCE_GUEST}/{prelude.name}"

    def run_file(self, unit: str) -> Unit:
        """ruby.wasm runs test/runner.rb on `unit` in a child process (so a hung test is
        stopped after TEST_TIMEOUT): the tree at /src and a fresh /tmp read-write."""
        args = ["-C", SOURCE_GUEST, f"-r{self.prelude}", "test/runner.rb", "-v"]
        if self.exclude:
            args.append("-n!/" + "|".join(self.exclude) + "/")
        tmp = Path(tempfile.mkdtemp(dir=self.scratch))
        dirs = [f"{self.tree}:{SOURCE_GUEST}:rw", f"{tmp}:/tmp:rw",
                *(f"{p.host}:{p.guest}" for p in self.given.runtime)]
        command = [sys.executable, "-m", __name__, "--isolated", str(self.given.program),
                   *dirs, "--", *args, unit]
        env = {**self.given.env, "TMPDIR": "/tmp", "PATH": os.environ.get("PATH", ""),
               "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        t0 = time.monotonic()
        try:
            done = subprocess.run(command, capture_output=True, text=True, errors="replace",
                                  env=env, timeout=TEST_TIMEOUT)
            output, code = done.stdout + done.stderr, done.returncode
        except subprocess.TimeoutExpired as exc:
            partial = exc.stdout.decode(errors="replace") if exc.stdout else ""
            output, code = partial + f"\n[timed out after {TEST_TIMEOUT} s]", -1
        shutil.rmtree(tmp, ignore_errors=True)
        return parse_test_all(unit, output, code, round(time.monotonic() - t0, 1), self.causes)


class RubyTests:
    """Both parts behind one suite: the unit's path says which runs it."""

    name = "ruby-tests"
    unit = "file"

    def run(self, given: SuiteInput, units: Sequence[str],
            progress: Callable[[Unit], None] | None = None) -> tuple[list[Unit], dict[str, Any]]:
        left = {e["file"]: e["why"] for e in given.data.raw.get("left_out", [])}
        for unit in units:
            if unit in left:
                raise WasmkilnError(f"{unit} is left out in {given.data.path} "
                                    f"({left[unit]}); run it by hand if you must.")
            if not unit.startswith(("bootstraptest/", "test/")):
                raise WasmkilnError(
                    f"Ruby test {unit!r} names no part of Ruby's suite: units are "
                    "bootstraptest/test_*.rb or test/<dir>/test_*.rb (see "
                    f"{given.data.path}).")
        rows = []
        with tempfile.TemporaryDirectory(prefix="wasmkiln-rubytests-") as tmp:
            tree = Path(tmp) / "src"
            sources.unpack(given.source, tree, given.strip)
            wrapper = write_wrapper(given.program, given.runtime, Path(tmp) / "ruby-wasm")
            boot = Bootstraptest()
            test_all = TestAll(given, tree, Path(tmp))
            for unit in units:
                if unit.startswith("bootstraptest/"):
                    row = boot.run_file(tree, wrapper, unit)
                else:
                    row = test_all.run_file(unit)
                rows.append(row)
                if progress is not None:
                    progress(row)
        settings = given.data.raw.get("test_all", {})
        causes = sum((Counter(row.notes.get("by_cause", {})) for row in rows), Counter[str]())
        return rows, {"failure_causes": dict(causes), "left_out": left,
                      "excluded_tests": settings.get("exclude", [])}


SUITE = RubyTests()


def main(argv: list[str]) -> int:
    """The child process entry: [--isolated] MODULE HOST:GUEST[:rw]… -- ARGS.

    Default (bootstraptest's `--ruby` wrapper): ruby.wasm with the host root at /, the given
    directories read-only, and the caller's working directory (`-C`). `--isolated` (test-all):
    only the given directories, `:rw` ones writable, and the guest environment is this
    process's RUBY*/LANG/LC_*/TMPDIR."""
    isolated = argv[:1] == ["--isolated"]
    argv = argv[1:] if isolated else argv
    split = argv.index("--")
    module, dirs, args = Path(argv[0]), argv[1:split], argv[split + 1:]
    preopens = []
    for spec in dirs:
        host, guest, *mode = spec.split(":")
        preopens.append(wasi_run.Preopen(Path(host), guest, mode == ["rw"]))
    env = {k: v for k, v in os.environ.items()
           if k.startswith(("RUBY", "LANG", "LC_")) or (isolated and k == "TMPDIR")}
    if not isolated:
        return runtimes.run_in_host_root(module, ["-C", os.getcwd(), *args], env, "ruby",
                                         preopens)
    result = wasi_run.run(module, args, env=env, preopens=preopens, argv0="ruby",
                          use_aot=True, inherit_stdio=True)
    if result.trap:
        print(f"wasmkiln: trap: {result.trap}", file=sys.stderr)
    return result.exit_code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
