"""QuickJS's own tests: the .js files of the source's tests/ directory, each run by qjs.wasm in
wasmtime in a fresh copy of tests/ preopened as / (its working directory: the tests write
scratch files beside themselves, and std.tmpfile() uses /tmp).

A unit is one file. recipes/quickjs/tests.toml gives each file's flags, the edits that cut a
file down to what WASI can run (each `old` must be found exactly once, so an upstream change is
noticed), and the files left out, which must still fail with the message it names. Running the
default selection also checks that every .js file of tests/ is accounted for."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .. import sources, wasi_run
from ..errors import WasmkilnError
from . import SuiteInput, TestData, Unit


def _left_out(data: TestData) -> dict[str, dict[str, str]]:
    return {e["unit"]: e for e in data.raw.get("left_out", [])}


def _file_of(unit: str, data: TestData) -> str:
    entry = _left_out(data).get(unit)
    return entry["file"] if entry else unit


class QuickJSTests:
    name = "tests"
    unit = "file"

    def run(self, given: SuiteInput, units: Sequence[str],
            progress: Callable[[Unit], None] | None = None) -> tuple[list[Unit], dict[str, Any]]:
        with tempfile.TemporaryDirectory(prefix="wasmkiln-qjstests-") as tmp:
            tree = Path(tmp) / "src"
            sources.unpack(given.source, tree, given.strip)
            tests = tree / "tests"
            if list(units) == list(given.data.default):
                check_inventory(tests, given.data)
            rows = []
            for i, unit in enumerate(units):
                row = run_one(given.program, tests, unit, given.data, Path(tmp) / f"run{i}")
                rows.append(row)
                if progress is not None:
                    progress(row)
        left = _left_out(given.data)
        return rows, {"left_out": {u: left[u]["why"] for u in units if u in left}}


SUITE = QuickJSTests()


def check_inventory(tests: Path, data: TestData) -> None:
    """Every .js file of tests/ is run, left out or named as not a test."""
    present = {p.name for p in tests.glob("*.js")}
    accounted = {_file_of(u, data) for u in data.default} | set(data.raw.get("not_tests", []))
    if present != accounted:
        raise WasmkilnError(
            f"QuickJS's tests/ does not match {data.path}: "
            f"{', '.join(sorted(present ^ accounted))} (new upstream files, or gone ones); "
            "list each under default or not_tests.")


def prepared(tests: Path, unit: str, data: TestData, scratch: Path) -> str:
    """A fresh copy of tests/ in `scratch` with the unit's edits applied; the file to run."""
    shutil.copytree(tests, scratch)
    (scratch / "tmp").mkdir()
    file = _file_of(unit, data)
    if unit in _left_out(data):
        return file  # as shipped
    script = scratch / file
    text = script.read_text()
    for edit in data.raw.get("edits", []):
        if edit["file"] != file:
            continue
        if text.count(edit["old"]) != 1:
            raise WasmkilnError(f"{file} changed upstream: {edit['old']!r} is not in it "
                                f"exactly once; refresh its [[edits]] in {data.path}.")
        text = text.replace(edit["old"], edit["new"])
    script.write_text(text)
    return file


def run_one(qjs: Path, tests: Path, unit: str, data: TestData, scratch: Path) -> Unit:
    file = prepared(tests, unit, data, scratch)
    flags = list(data.raw.get("flags", {}).get(file, []))
    t0 = time.monotonic()
    done = wasi_run.run(qjs, [*flags, file], preopens=[wasi_run.Preopen(scratch, "/", True)],
                        use_aot=True)
    seconds = round(time.monotonic() - t0, 2)
    err = done.stderr.decode(errors="replace")
    left = _left_out(data).get(unit)
    if left is None:
        ok = done.exit_code == 0 and done.trap is None
        notes = {} if ok else {"exit_code": done.exit_code, "trap": done.trap,
                               "stderr": err[-800:]}
        return Unit(unit, ok, int(ok), int(not ok), 0, seconds,
                    "pass" if ok else "FAIL", notes)
    ok = done.exit_code != 0 and left["fails_with"] in err
    return Unit(unit, ok, 0, 0 if ok else 1, 1 if ok else 0, seconds,
                "left out" if ok else "UNEXPECTED",
                {"why": left["why"]} if ok else {
                    "expected": left["fails_with"], "exit_code": done.exit_code,
                    "stderr": err[-800:]})
