"""Optimise, AOT and run: engine matrix verdicts, .cwasm reuse, `invoke run` as a process."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys

import pytest

from tests.e2e.conftest import fresh_settings
from tests.helpers import REPO
from wasmkiln import aot, wasi_run
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e


def test_every_output_passed_on_wasmtime_wasmedge_and_node(first_build):
    _, outcomes = first_build
    for outcome in outcomes.values():
        engines = outcome.manifest.engines
        assert set(engines) == {"wasmtime", "wasmedge", "node"}
        for name, verdict in engines.items():
            assert verdict["passed"], (outcome.job.label, name, verdict)
            assert verdict["tests"] == len(outcome.job.recipe.smoke)


def test_wasm_opt_shrank_the_modules_and_the_manifest_says_by_how_much(first_build):
    _, outcomes = first_build
    sizes = outcomes["sqlite"].manifest.optimise["sizes"]["bin/sqlite3.wasm"]
    assert sizes["after"] < sizes["before"]
    on_disk = (outcomes["sqlite"].directory / "bin/sqlite3.wasm").stat().st_size
    assert on_disk == sizes["after"]


def test_cwasm_is_stored_beside_the_wasm_and_reused(first_build):
    _, outcomes = first_build
    wasm = outcomes["sqlite"].directory / "bin/sqlite3.wasm"
    record = outcomes["sqlite"].manifest.aot["bin/sqlite3.wasm"]
    assert record["cwasm"] == "sqlite3.cwasm" and not record["reused"]
    cwasm = aot.cwasm_path(wasm)
    stamp = cwasm.stat().st_mtime_ns
    assert aot.status(wasm)[0]
    result = wasi_run.run(wasm, ["-batch", ":memory:", "select 6*7;"], use_aot=True)
    assert result.stdout.strip() == b"42"
    assert cwasm.stat().st_mtime_ns == stamp  # loaded, not recompiled


def _invoke_run(settings, args, stdin=b"", env_extra=None):
    env = dict(os.environ, WASMKILN_OUTPUT=str(settings.output_dir),
               WASMKILN_CACHE=str(settings.cache_dir), **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "invoke", "run", *args], cwd=REPO, env=env,
                          input=stdin, capture_output=True, timeout=300)


def test_invoke_run_pipes_stdio_and_propagates_exit_status(first_build):
    settings, _ = first_build
    payload = b"piped through invoke run\n" * 100
    packed = _invoke_run(settings, ["zlib"], stdin=payload)
    assert packed.returncode == 0, packed.stderr
    assert gzip.decompress(packed.stdout) == payload
    status = _invoke_run(settings, ["sqlite", "--", "-batch"], stdin=b"select 1;\n.exit 7\n")
    assert status.stdout.strip() == b"1" and status.returncode == 7
    assert status.stderr == b""  # a clean run prints nothing extra (no ~/.sqliterc warning)


def test_invoke_run_gives_only_the_dirs_and_env_asked_for(first_build, tmp_path):
    settings, _ = first_build
    (tmp_path / "seen.txt").write_text("seen")
    query = ("select coalesce(readfile('/in/seen.txt'), 'none') || ' ' || "
             f"coalesce(readfile('{tmp_path}/seen.txt'), 'none');")
    given = _invoke_run(settings, ["sqlite", "--dir", f"{tmp_path}:/in:ro", "--",
                                   "-batch", ":memory:", query])
    assert given.stdout.decode().strip() == "seen none", given.stderr
    # a read-only preopen refuses writes
    write = _invoke_run(settings, ["sqlite", "--dir", f"{tmp_path}:/in:ro", "--",
                                   "-batch", "/in/new.db", "create table t(x);"])
    assert write.returncode != 0 and not (tmp_path / "new.db").exists()


def test_debug_variant_keeps_names_and_dwarf(docker_client, source_cache, tmp_path, first_build):
    _, outcomes = first_build
    debug = Farm(fresh_settings(tmp_path, source_cache)).build("sqlite", variant="debug")[-1]
    debug_wasm = (debug.directory / "bin/sqlite3.wasm").read_bytes()
    release_wasm = (outcomes["sqlite"].directory / "bin/sqlite3.wasm").read_bytes()
    assert b".debug_info" in debug_wasm and b"sqlite3_prepare_v2" in debug_wasm
    assert b".debug_info" not in release_wasm
    assert debug.manifest.optimise["level"] == "none"
    assert debug.manifest.engines["wasmtime"]["passed"]
