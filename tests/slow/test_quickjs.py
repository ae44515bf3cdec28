"""QuickJS: built from scratch, its own tests/ files run by qjs.wasm in wasmtime (the way
upstream's `make test` runs them), and a second clean build that must give the same bytes.

Every .js file of the source's tests/ directory is accounted for: it passes, or it is in LEFT_OUT
with the reason, and then it must fail with that reason (so a file that starts passing, or
fails for another reason, is noticed). `pytest -s` shows the per-file table."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.conftest import fresh_settings
from wasmkiln import sources, wasi_run
from wasmkiln.farm import Farm, Outcome

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class Case:
    file: str
    flags: tuple[str, ...] = ()
    # the source's text rewritten before the run: (old, new) pairs, each found exactly once
    edits: tuple[tuple[str, str], ...] = ()
    # a left-out file must fail, printing this on stderr; why is the reason for the table
    fails_with: str | None = None
    why: str = ""

    @property
    def label(self) -> str:
        return self.file + (" (WASI subset)" if self.edits else "")


# upstream's `make test` order and flags (test_builtin.js wants the std global)
RUN = (
    Case("test_closure.js"),
    Case("test_language.js"),
    Case("test_builtin.js", flags=("--std",)),
    Case("test_loop.js"),
    Case("test_bigint.js"),
    Case("test_cyclic_import.js"),
    # test_std.js without what needs processes: the popen and exec tests are not called, and
    # the stdin-is-a-terminal probe (which runs `sh -c 'test -t 0'`) is the known answer here,
    # where stdin is a file. Files, stat, utimes, symlinks, realpath, tmpfile, timers: all run.
    Case("test_std.js", edits=(
        ("\ntest_popen();\n", "\n"),
        ("\ntest_os_exec();\n", "\n"),
        ('!os.exec(["/bin/sh", "-c", "test -t 0"], { usePath: false })', "false"),
    )),
)
LEFT_OUT = (
    Case("test_std.js", fails_with="std.popen is not supported on WASI",
         why="as shipped: its popen/exec tests need processes, which WASI preview 1 lacks"),
    Case("test_bjson.js", fails_with="shared library modules are not supported on WASI",
         why="imports tests/bjson.so, a C module loaded with dlopen(): no dynamic linking in "
             "WASI preview 1 (it would need a qjs with bjson.c linked in)"),
    Case("test_worker.js", fails_with="not a function",
         why="os.Worker runs a module on a POSIX thread: no threads in wasm32-wasip1, so "
             "os.Worker is not defined"),
)
# tests/ files that are not tests: the assertion library, the modules the tests import, and a
# benchmark (not part of upstream's `make test`)
NOT_TESTS = {"assert.js", "fixture_cyclic_import.js", "test_worker_module.js", "microbench.js"}


@pytest.fixture(scope="module")
def farm(docker_client, source_cache, tmp_path_factory) -> Farm:
    return Farm(fresh_settings(tmp_path_factory.mktemp("quickjs"), source_cache))


@pytest.fixture(scope="module")
def built(farm) -> Outcome:
    outcome = farm.build("quickjs")[-1]
    assert not outcome.cached
    results = outcome.manifest["smoke"]
    assert len(results) >= 10 and all(s["passed"] for s in results), results
    assert outcome.manifest["engines"]["wasmtime"]["passed"]
    return outcome


@pytest.fixture(scope="module")
def upstream_tests(farm, built, tmp_path_factory) -> Path:
    """The source's tests/ directory, unpacked from the pinned tarball."""
    job = built.job
    fetched = sources.fetch(farm.settings, job.recipe, job.version, quiet=True)
    tree = tmp_path_factory.mktemp("quickjs-source")
    sources.unpack(fetched.path, tree, job.version.source.strip_components)
    return tree / "tests"


def _run(qjs: Path, tests: Path, case: Case, scratch: Path) -> wasi_run.RunResult:
    """One test file in a fresh copy of tests/, preopened as / (its cwd): the tests write
    scratch files beside themselves and std.tmpfile() uses /tmp."""
    shutil.copytree(tests, scratch)
    (scratch / "tmp").mkdir()
    script = scratch / case.file
    text = script.read_text()
    for old, new in case.edits:
        assert text.count(old) == 1, f"{case.file} changed upstream: {old!r} is not there once"
        text = text.replace(old, new)
    script.write_text(text)
    return wasi_run.run(qjs, [*case.flags, case.file],
                        preopens=[wasi_run.Preopen(scratch, "/", True)], use_aot=True)


def test_every_upstream_test_file_passes_or_is_left_out_with_its_reason(built, upstream_tests,
                                                                         tmp_path):
    present = {p.name for p in upstream_tests.glob("*.js")}
    accounted = {c.file for c in RUN + LEFT_OUT} | NOT_TESTS
    assert present == accounted, f"tests/ has changed: {sorted(present ^ accounted)}"

    qjs = built.directory / "bin/qjs.wasm"
    rows, failures = [], []
    for i, case in enumerate(RUN + LEFT_OUT):
        done = _run(qjs, upstream_tests, case, tmp_path / f"run{i}")
        err = done.stderr.decode(errors="replace")
        if case.fails_with is None:
            ok = done.exit_code == 0 and done.trap is None
            verdict = "pass" if ok else f"FAIL (exit {done.exit_code})"
        else:
            ok = done.exit_code != 0 and case.fails_with in err
            verdict = f"left out: {case.why}" if ok else \
                f"UNEXPECTED (exit {done.exit_code}; expected a failure with {case.fails_with!r})"
        rows.append((case.label, verdict))
        if not ok:
            failures.append(f"{case.label}: exit {done.exit_code}, trap {done.trap}, "
                            f"stderr {err[-800:]!r}")
    width = max(len(label) for label, _ in rows)
    print(f"\nQuickJS {built.job.version.version} tests/ on wasmtime:")
    for label, verdict in rows:
        print(f"  {label:<{width}}  {verdict}")
    assert not failures, "\n".join(failures)


def test_a_second_clean_forced_build_gives_identical_bytes(built, docker_client, source_cache,
                                                           tmp_path):
    again = Farm(fresh_settings(tmp_path, source_cache)).build("quickjs", force=True)[-1]
    assert not again.cached
    assert again.manifest["cache_key"] == built.manifest["cache_key"]
    assert again.manifest["outputs"] == built.manifest["outputs"]
    cwasm = "bin/qjs.cwasm"
    assert (again.directory / cwasm).read_bytes() == (built.directory / cwasm).read_bytes()
    print(f"\nquickjs built twice from scratch: {len(again.manifest['outputs'])} outputs "
          f"identical; build {built.manifest['timings_s']['build']:.0f} s and "
          f"{again.manifest['timings_s']['build']:.0f} s")
