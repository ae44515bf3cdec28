"""Every CPython version the recipe offers, built from scratch in one farm (the CI tier builds
the default one): its version string, its smoke tests in wasmtime, and regrtest's CI subset.
`invoke test --slow` runs this tier; build times are in each build's manifest."""

from __future__ import annotations

import pytest

from tests.helpers import REPO
from wasmkiln import recipe, smoke, wasi_run
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e

VERSIONS = sorted(recipe.load_recipe(REPO / "recipes" / "python" / "recipe.toml").versions)


@pytest.fixture(scope="module")
def farm(first_build):
    settings, _ = first_build
    return Farm(settings)


@pytest.mark.parametrize("version", VERSIONS)
def test_every_python_version_builds_and_passes_its_smoke_tests(farm, version):
    outcome = farm.build("python", version)[-1]
    results = outcome.manifest.smoke
    assert len(results) >= 6 and all(s["passed"] for s in results), results
    assert outcome.manifest.engines["wasmtime"]["passed"]
    done = wasi_run.run(outcome.directory / "bin/python.wasm",
                        ["-c", "import sys, sqlite3, lzma; print(sys.version.split()[0])"],
                        env=dict(outcome.job.recipe.runtime_env),
                        preopens=smoke.runtime_preopens(outcome.job, outcome.directory),
                        use_aot=True)
    assert (done.exit_code, done.stdout.decode().strip()) == (0, version), done.stderr


@pytest.mark.parametrize("version", VERSIONS)
def test_every_python_version_passes_regrtests_ci_subset(farm, version):
    report = farm.upstream_tests("python", version, fast=True)
    assert report["units_ok"] == report["units_total"] == 5, report["units"]
    assert report["passed"] > 500 and report["failed"] == 0
