"""Ruby's bootstraptest against a built ruby.wasm: upstream's own runner (bootstraptest/
runner.rb), driven by a native ruby, with `--ruby` a small wrapper that runs ruby.wasm in
wasmtime from its .cwasm with the host's root preopened at / (the runner writes each test as a
file in its working directory), the recipe's stdlib at /usr, and `-C` the caller's directory
(WASI has no inherited working directory).

A unit is one test file; the runner's last line gives the counts ("PASS all N tests" or
"FAIL k/N tests failed"). Files that cannot pass under WASI (fork, threads, Ractor, the JITs)
are left out in recipes/ruby/tests.toml with the reason."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .. import runtimes, sources, wasi_run
from ..errors import WasmkilnError
from . import SuiteInput, Unit

_PASS = re.compile(r"PASS all (\d+) tests?")
_FAIL = re.compile(r"FAIL (\d+)/(\d+) tests? failed")
TEST_TIMEOUT = 600  # seconds per file


def native_ruby() -> str:
    found = shutil.which("ruby")
    if found is None:
        raise WasmkilnError(
            "Ruby's bootstraptest needs a native ruby to drive bootstraptest/runner.rb and none "
            "is on PATH; install Debian's ruby (apt-get install ruby).")
    return found


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
    unit = "file"

    def run(self, given: SuiteInput, units: Sequence[str],
            progress: Callable[[Unit], None] | None = None) -> tuple[list[Unit], dict[str, Any]]:
        ruby = native_ruby()
        left = {e["file"]: e["why"] for e in given.data.raw.get("left_out", [])}
        rows = []
        with tempfile.TemporaryDirectory(prefix="wasmkiln-rubytests-") as tmp:
            tree = Path(tmp) / "src"
            sources.unpack(given.source, tree, given.strip)
            wrapper = write_wrapper(given.program, given.runtime, Path(tmp) / "ruby-wasm")
            for unit in units:
                if unit in left:
                    raise WasmkilnError(f"{unit} is left out in {given.data.path} "
                                        f"({left[unit]}); run it by hand if you must.")
                t0 = time.monotonic()
                try:
                    done = subprocess.run(
                        [ruby, "bootstraptest/runner.rb", f"--ruby={wrapper}", "-q",
                         f"bootstraptest/{unit}"], cwd=tree, capture_output=True, text=True,
                        timeout=TEST_TIMEOUT)
                    output, code = done.stdout + done.stderr, done.returncode
                except subprocess.TimeoutExpired:
                    output, code = f"[timed out after {TEST_TIMEOUT} s]", -1
                row = parse(unit, output, code, round(time.monotonic() - t0, 1))
                rows.append(row)
                if progress is not None:
                    progress(row)
        return rows, {"left_out": left}


SUITE = Bootstraptest()


def main(argv: list[str]) -> int:
    """The wrapper's entry: MODULE HOST:GUEST… -- ARGS: ruby.wasm with the host root at /, the
    given directories, and the caller's working directory (`-C`)."""
    split = argv.index("--")
    module, dirs, args = Path(argv[0]), argv[1:split], argv[split + 1:]
    read_only = [wasi_run.Preopen(Path(host), guest, False)
                 for host, guest in (d.rsplit(":", 1) for d in dirs)]
    env = {k: v for k, v in os.environ.items() if k.startswith(("RUBY", "LANG", "LC_"))}
    return runtimes.run_in_host_root(module, ["-C", os.getcwd(), *args], env, "ruby", read_only)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
