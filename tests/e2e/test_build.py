"""zlib and sqlite from scratch through the whole pipeline, then run in wasmtime."""

from __future__ import annotations

import gzip
import os
import sqlite3
import time

import pytest

from tests.e2e.conftest import fresh_settings
from wasmkiln import docker_daemon, store, wasi_run
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e


def test_first_build_compiles_and_records_a_manifest(first_build):
    settings, outcomes = first_build
    for name, wasm in (("zlib", "bin/minigzip.wasm"), ("sqlite", "bin/sqlite3.wasm")):
        outcome = outcomes[name]
        assert not outcome.cached
        m = outcome.manifest
        assert m.cache_key == outcome.job.cache_key and m.toolchain.image_id
        assert {o.path for o in m.outputs} >= {wasm}
        assert all(s["passed"] for s in m.smoke) and m.smoke
        assert m.timings_s["build"] > 0
        assert store.read_manifest(outcome.directory) == m  # what is stored reads back equal
        assert (outcome.directory / "build.log").stat().st_size > 0
        assert (outcome.directory / wasm).read_bytes()[:4] == b"\0asm"


def test_minigzip_round_trips_binary_data_compatibly_with_gzip(first_build):
    _, outcomes = first_build
    minigzip = outcomes["zlib"].directory / "bin/minigzip.wasm"
    payload = os.urandom(50_000) + b"wasmkiln " * 20_000
    packed = wasi_run.run(minigzip, stdin=payload)
    assert packed.exit_code == 0 and packed.stdout[:2] == b"\x1f\x8b"
    assert gzip.decompress(packed.stdout) == payload  # the host's zlib reads what wasm wrote
    unpacked = wasi_run.run(minigzip, ["-d"], stdin=gzip.compress(payload))
    assert unpacked.exit_code == 0 and unpacked.stdout == payload


def test_sqlite_shell_reads_and_writes_databases_in_a_preopened_dir(first_build, tmp_path):
    _, outcomes = first_build
    shell = outcomes["sqlite"].directory / "bin/sqlite3.wasm"
    version = wasi_run.run(shell, ["-batch", ":memory:", "select sqlite_version();"])
    assert version.stdout.decode().strip() == "3.46.1"

    data = tmp_path / "data"
    data.mkdir()
    with sqlite3.connect(data / "host.db") as db:  # written by the host's sqlite
        db.execute("create table t(n integer)")
        db.executemany("insert into t values (?)", [(i,) for i in range(1, 101)])
    dirs = [wasi_run.Preopen(data, "/data")]
    total = wasi_run.run(shell, ["-batch", "/data/host.db", "select sum(n) from t;"],
                         preopens=dirs)
    assert total.exit_code == 0 and total.stdout.decode().strip() == "5050"
    made = wasi_run.run(shell, ["-batch", "/data/wasm.db",
                                "create table w(s text); insert into w values ('from wasm');"],
                        preopens=dirs)
    assert made.exit_code == 0
    with sqlite3.connect(data / "wasm.db") as db:
        assert db.execute("select s from w").fetchall() == [("from wasm",)]


def test_runtime_sees_only_what_it_is_given(first_build, tmp_path):
    _, outcomes = first_build
    shell = outcomes["sqlite"].directory / "bin/sqlite3.wasm"
    (tmp_path / "note.txt").write_text("visible")
    query = ["-batch", ":memory:", "select coalesce(readfile('/d/note.txt'), 'NULL');"]
    given = wasi_run.run(shell, query, preopens=[wasi_run.Preopen(tmp_path, "/d")])
    assert given.stdout.decode().strip() == "visible"
    assert wasi_run.run(shell, query).stdout.decode().strip() == "NULL"
    host_file = ["-batch", ":memory:", "select coalesce(readfile('/etc/hostname'), 'NULL');"]
    assert wasi_run.run(shell, host_file,
                        preopens=[wasi_run.Preopen(tmp_path, "/d")]).stdout.strip() == b"NULL"


def test_noop_rebuild_starts_no_container(first_build, monkeypatch, capsys):
    settings, outcomes = first_build

    def no_docker(*_a, **_kw):
        raise AssertionError("a cached rebuild must not contact Docker")

    monkeypatch.setattr(docker_daemon, "connect", no_docker)
    t0 = time.monotonic()
    again = Farm(settings).build("sqlite") + Farm(settings).build("zlib")
    elapsed = time.monotonic() - t0
    assert all(o.cached for o in again)
    assert {o.manifest.cache_key for o in again} == {
        outcomes["sqlite"].job.cache_key, outcomes["zlib"].job.cache_key}
    with capsys.disabled():
        print(f"\n  no-op rebuild of zlib + sqlite: {elapsed:.3f} s")


def test_two_clean_builds_give_identical_bytes(first_build, docker_client, source_cache,
                                               tmp_path):
    _, outcomes = first_build
    second = Farm(fresh_settings(tmp_path, source_cache))
    for name in ("zlib", "sqlite"):
        rebuilt = second.build(name)[-1]
        assert not rebuilt.cached
        assert rebuilt.manifest.outputs == outcomes[name].manifest.outputs
        assert rebuilt.manifest.cache_key == outcomes[name].manifest.cache_key
