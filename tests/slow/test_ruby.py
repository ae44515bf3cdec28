"""Ruby built from scratch (zlib first) in one farm: its smoke tests in wasmtime, `puts 6*7`
with the stdlib mounted, and a second clean build with --force into another output directory
that gives the same ruby.wasm and stdlib bytes. `invoke test --slow` runs this tier."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.e2e.conftest import fresh_settings
from wasmkiln import smoke, wasi_run
from wasmkiln.farm import Farm, Outcome

pytestmark = pytest.mark.e2e


def tree_sha256(root: Path) -> str:
    """One digest over every file's relative path and bytes, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def ruby(first_build) -> Outcome:
    settings, _ = first_build
    return Farm(settings).build("ruby")[-1]


def test_ruby_builds_and_passes_its_smoke_tests(ruby):
    results = ruby.manifest.smoke
    assert len(results) >= 14 and all(s["passed"] for s in results), results
    assert ruby.manifest.engines["wasmtime"]["passed"]
    done = wasi_run.run(ruby.directory / "bin/ruby.wasm", ["-e", "puts 6*7"],
                        env=dict(ruby.job.recipe.runtime_env),
                        preopens=smoke.runtime_preopens(ruby.job, ruby.directory), use_aot=True)
    assert (done.exit_code, done.stdout.decode().strip()) == (0, "42"), done.stderr


def test_ruby_rebuilt_with_force_elsewhere_is_byte_identical(ruby, source_cache, tmp_path):
    again = Farm(fresh_settings(tmp_path, source_cache)).build("ruby", force=True)[-1]
    assert not again.cached
    assert again.manifest.cache_key == ruby.manifest.cache_key
    assert again.manifest.outputs == ruby.manifest.outputs  # ruby.wasm's sha256 among them
    assert tree_sha256(again.directory / "lib") == tree_sha256(ruby.directory / "lib")


def test_rubys_own_tests_fast_subset(first_build, ruby):
    """The fast files of recipes/ruby/tests.toml: bootstraptest's (upstream's runner under a
    native ruby, each test run by ruby.wasm) all pass; test-all's (ruby.wasm runs
    test/runner.rb) fail only for causes classed as WASI limits."""
    settings, _ = first_build
    report = Farm(settings).upstream_tests("ruby", fast=True)
    assert report["suite"] == "ruby-tests" and report["unit"] == "file"
    assert report["units_ok"] == report["units_total"] >= 20, report["units"]
    boot = [u for u in report["units"] if u["name"].startswith("bootstraptest/")]
    assert boot and all(u["failed"] == 0 for u in boot)
    assert report["passed"] > 1000
    assert "unclassified" not in report["details"]["failure_causes"]
