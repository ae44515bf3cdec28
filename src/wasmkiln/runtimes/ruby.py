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
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .. import sources, wasi_run
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
    package_root = Path(__file__).resolve().parents[2]
    dirs = " ".join(shlex.quote(f"{p.host}:{p.guest}") for p in runtime)
    dest.write_text(
        "#!/bin/sh\n"
        f"PYTHONPATH={shlex.quote(str(package_root))} exec {shlex.quote(sys.executable)} "
        f"-m wasmkiln.runtimes.ruby {shlex.quote(str(module))} {dirs} -- \"$@\"\n")
    dest.chmod(0o755)
    return dest


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
    preopens = [wasi_run.Preopen(Path("/"), "/", True)] + [
        wasi_run.Preopen(Path(d.rsplit(":", 1)[0]), d.rsplit(":", 1)[1], False) for d in dirs]
    env = {k: v for k, v in os.environ.items() if k.startswith(("RUBY", "LANG", "LC_"))}
    result = wasi_run.run(module, ["-C", os.getcwd(), *args], env=env, preopens=preopens,
                          argv0="ruby", use_aot=True, inherit_stdio=True)
    if result.trap:
        print(f"wasmkiln: trap: {result.trap}", file=sys.stderr)
    return result.exit_code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
