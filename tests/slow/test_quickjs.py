"""QuickJS: built from scratch, its own tests/ files run by qjs.wasm in wasmtime through
`Farm.upstream_tests` (wasmkiln/runtimes/quickjs.py with recipes/quickjs/tests.toml: each file
passes, or is left out and must fail with its stated reason), and a second clean build that
must give the same bytes. `pytest -s` shows the per-file table."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import fresh_settings
from wasmkiln.farm import Farm, Outcome

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def farm(docker_client, source_cache, tmp_path_factory) -> Farm:
    return Farm(fresh_settings(tmp_path_factory.mktemp("quickjs"), source_cache))


@pytest.fixture(scope="module")
def built(farm) -> Outcome:
    outcome = farm.build("quickjs")[-1]
    assert not outcome.cached
    results = outcome.manifest.smoke
    assert len(results) >= 10 and all(s["passed"] for s in results), results
    assert outcome.manifest.engines["wasmtime"]["passed"]
    return outcome


def test_every_upstream_test_file_passes_or_is_left_out_with_its_reason(farm, built):
    report = farm.upstream_tests("quickjs")
    print(f"\nQuickJS {built.job.version.version} tests/ on wasmtime:")
    for u in report["units"]:
        print(f"  {u['name']:<26} {u['result']:<10} {u['notes'].get('why', '')}")
    assert report["suite"] == "tests" and report["unit"] == "file"
    assert report["units_total"] == 10 and report["passed"] == 7
    bad = [(u["name"], u["notes"]) for u in report["units"] if not u["ok"]]
    assert not bad, bad
    assert set(report["details"]["left_out"]) == {
        "test_std.js (as shipped)", "test_bjson.js", "test_worker.js"}


def test_a_second_clean_forced_build_gives_identical_bytes(built, docker_client, source_cache,
                                                           tmp_path):
    again = Farm(fresh_settings(tmp_path, source_cache)).build("quickjs", force=True)[-1]
    assert not again.cached
    assert again.manifest.cache_key == built.manifest.cache_key
    assert again.manifest.outputs == built.manifest.outputs
    cwasm = "bin/qjs.cwasm"
    assert (again.directory / cwasm).read_bytes() == (built.directory / cwasm).read_bytes()
    print(f"\nquickjs built twice from scratch: {len(again.manifest.outputs)} outputs "
          f"identical; build {built.manifest.timings_s['build']:.0f} s and "
          f"{again.manifest.timings_s['build']:.0f} s")
