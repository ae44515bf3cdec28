"""What the core does not know about runtimes: their own upstream test suites.

A runtime with an upstream suite is a module here named after its recipe (runtimes/php.py,
runtimes/python.py, …) holding `SUITE`, an object of the `UpstreamSuite` protocol. What is data
(which tests CI runs, the slow tier's selection, the known WASI limits) lives beside the recipe
in recipes/<name>/tests.toml, read into `TestData`; the suite module is only the code that runs
the suite and reads its output. Every suite reports in one schema (`report`), so one printer
shows them all. Adding a runtime adds a recipe and, if it has a suite, a module here: no core
module names a runtime.
"""

from __future__ import annotations

import importlib
import pkgutil
import shlex
import shutil
import sys
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .. import wasi_run
from ..errors import RecipeError, WasmkilnError
from ..patches import Patch
from ..recipe import Recipe

TESTS_FILE = "tests.toml"


@dataclass(frozen=True)
class TestData:
    """recipes/<name>/tests.toml: `fast` (the CI tier), `default` (the slow tier's selection)
    and whatever else the suite module reads from `raw` (e.g. its known WASI limits)."""

    path: Path
    fast: tuple[str, ...] = ()
    default: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SuiteInput:
    """Everything a suite needs about the build it tests."""

    program: Path  # the built module the suite runs
    runtime: list[wasi_run.Preopen]  # the recipe's [runtime] dirs, read-only
    env: dict[str, str]  # the recipe's [runtime] env
    source: Path  # the verified source archive (where upstream tests live)
    strip: int  # its strip_components
    version: str
    data: TestData
    # the version's patch series, for suites that test the patched tree as it was built
    patches: tuple[Patch, ...] = ()


@dataclass(frozen=True)
class Unit:
    """One row of a report: a test module, directory or file and how it went."""

    name: str
    ok: bool
    passed: int
    failed: int
    skipped: int
    seconds: float
    result: str = ""  # the suite's own verdict word, if it has one
    notes: dict[str, Any] = field(default_factory=dict)  # e.g. failures with their causes


class UpstreamSuite(Protocol):
    name: str  # the suite's own name: "regrtest", "run-tests", …
    unit: str  # what one row is: "module", "directory", "file"

    def run(self, given: SuiteInput, units: Sequence[str],
            progress: Callable[[Unit], None] | None = None) -> tuple[list[Unit], dict[str, Any]]:
        """Run `units`; the rows and the suite's extra report sections (left-out tests, …)."""
        ...


def available() -> list[str]:
    """Runtimes that have an upstream suite module."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def suite_for(recipe: Recipe) -> UpstreamSuite:
    """The recipe's suite module's SUITE; an error naming the runtimes that have one."""
    if recipe.name not in available():
        raise WasmkilnError(
            f"Recipe '{recipe.name}' has no upstream test runner (a module "
            f"wasmkiln/runtimes/{recipe.name}.py); runtimes with one: {', '.join(available())}.")
    suite: UpstreamSuite = importlib.import_module(f"{__name__}.{recipe.name}").SUITE
    return suite


def test_data(recipe: Recipe) -> TestData:
    """recipes/<name>/tests.toml, or empty selections when the recipe has none."""
    path = recipe.path.parent / TESTS_FILE
    if not path.is_file():
        return TestData(path)
    try:
        raw = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RecipeError(f"Cannot read {path}: {exc}.") from None
    lists = {}
    for key in ("fast", "default"):
        value = raw.pop(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RecipeError(f"{path}: '{key}' must be a list of test names.")
        lists[key] = tuple(value)
    return TestData(path, lists["fast"], lists["default"], raw)


def report(suite: UpstreamSuite, units: list[Unit], extra: dict[str, Any],
           seconds: float) -> dict[str, Any]:
    """The one report schema: rows, totals, the pass rate of what ran (skips left out), and the
    suite's extra sections under `details`."""
    passed = sum(u.passed for u in units)
    failed = sum(u.failed for u in units)
    ran = passed + failed
    return {
        "suite": suite.name, "unit": suite.unit,
        "units": [vars(u) for u in units],
        "units_total": len(units), "units_ok": sum(u.ok for u in units),
        "passed": passed, "failed": failed, "skipped": sum(u.skipped for u in units),
        "pass_rate": round(passed / ran, 4) if ran else None,
        "seconds": round(seconds, 1),
        "details": extra,
    }


def first_cause(text: str, signs: Iterable[tuple[str, str]], default: str) -> str:
    """The cause of the first (cause, sign) pair whose sign occurs in `text` (a failure's
    output, message or backtrace), else `default`: how every suite classes its failures."""
    return next((cause for cause, sign in signs if sign in text), default)


def count_causes(causes: Iterable[str]) -> dict[str, int]:
    """How many failures each cause has, in first-seen order."""
    return dict(Counter(causes))


def native_program(program: str, drives: str, install: str) -> str:
    """The path of a native program a test driver needs (the wasm module is what it tests),
    or an error saying what it drives and how to install it."""
    found = shutil.which(program)
    if found is None:
        raise WasmkilnError(f"{drives} needs a native {program} and none is on PATH; {install}.")
    return found


def write_wrapper(entry: str, leading: Sequence[str], dest: Path) -> Path:
    """An executable shell script running `python -m <entry> LEADING… "$@"` with this package
    importable: the program a native test driver (run-tests.php, bootstraptest's runner)
    starts for every test, which then calls `run_in_host_root`."""
    package_root = Path(__file__).resolve().parents[2]
    words = " ".join(shlex.quote(word) for word in leading)
    dest.write_text(
        "#!/bin/sh\n"
        f"PYTHONPATH={shlex.quote(str(package_root))} exec {shlex.quote(sys.executable)} "
        f"-m {entry} {words} \"$@\"\n")
    dest.chmod(0o755)
    return dest


def run_in_host_root(module: Path, args: Sequence[str], env: dict[str, str], argv0: str,
                     read_only: Sequence[wasi_run.Preopen] = ()) -> int:
    """Run `module` like a native process of the test driver: the host's root at /, the given
    read-only directories, this process's stdio; a trap is said on stderr. Its exit status."""
    preopens = [wasi_run.Preopen(Path("/"), "/", True), *read_only]
    result = wasi_run.run(module, list(args), env=env, preopens=preopens, argv0=argv0,
                          use_aot=True, inherit_stdio=True)
    if result.trap:
        print(f"wasmkiln: trap: {result.trap}", file=sys.stderr)
    return result.exit_code
