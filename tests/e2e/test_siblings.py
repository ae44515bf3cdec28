"""Sibling variants (plan.siblings): variants that share their configured tree build in one
container run, and make the same bytes as when each is built alone."""

from __future__ import annotations

import gzip
import os
import time
import zlib
from pathlib import Path

import pytest

from tests.e2e.conftest import fresh_settings
from tests.helpers import make_project
from wasmkiln import wasi_run
from wasmkiln.container_build import LABEL, OWNER_LABEL
from wasmkiln.errors import BuildFailed, SmokeTestFailed
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e

RECIPE = (Path(__file__).parent / "data/zexamples.toml").read_text()


def _outputs(outcome):
    return [(o.path, o.size, o.sha256) for o in outcome.manifest.outputs]


def test_siblings_build_in_one_run_and_match_separate_builds(docker_client, source_cache,
                                                             tmp_path):
    root = make_project(tmp_path / "project", copy_recipes=("zlib",),
                        recipes={"zexamples": RECIPE})
    settings = fresh_settings(tmp_path, source_cache, root=root)
    farm = Farm(settings)
    outcomes = farm.build_variants("zexamples", ["pipe", "gz"])
    assert [(o.job.name, o.job.variant.name, o.cached) for o in outcomes] == [
        ("zlib", "default", False), ("zexamples", "pipe", False), ("zexamples", "gz", False)]
    pipe, gz = outcomes[1:]
    # one container run: both manifests say so, the shared steps ran once in the joint log
    assert pipe.manifest.stages["built_with"] == ["gz"]
    assert gz.manifest.stages["built_with"] == ["pipe"]
    log = (settings.logs_dir / "zexamples-1.3.1-pipe+gz.log").read_text()
    assert log.count("==> [") and log.count("examples/zpipe.c") == 1
    assert log.count("==> variant") == 2
    # the shared steps' install reached both variants; each program works
    readmes = [(one.directory / "share/zexamples/README").read_bytes() for one in (pipe, gz)]
    assert readmes[0] == readmes[1] and b"zlib" in readmes[0]
    assert pipe.manifest.engines["wasmtime"]["passed"] and gz.manifest.engines["wasmtime"]["passed"]
    payload = b"sibling " * 500
    packed = wasi_run.run(pipe.directory / "bin/zpipe.wasm", stdin=payload)
    assert zlib.decompress(packed.stdout) == payload
    squeezed = wasi_run.run(gz.directory / "bin/minigzip.wasm", stdin=payload)
    assert gzip.decompress(squeezed.stdout) == payload

    # built alone (forced), each variant makes the same bytes as in the sibling run
    joint = {o.job.variant.name: _outputs(o) for o in (pipe, gz)}
    for variant in ("pipe", "gz"):
        alone = farm.build("zexamples", variant=variant, force=True)
        assert [o.cached for o in alone] == [True, False]
        assert "built_with" not in alone[-1].manifest.stages
        assert _outputs(alone[-1]) == joint[variant]
        assert alone[-1].job.cache_key == (pipe if variant == "pipe" else gz).job.cache_key

    # asked again: everything cached, nothing runs
    again = farm.build_variants("zexamples", ["gz", "pipe"])
    assert [o.cached for o in again] == [True, True, True]


def test_a_failing_sibling_stores_neither(docker_client, source_cache, tmp_path):
    broken = RECIPE.replace(
        '["install", "-D", "-m", "0755", "minigzip.wasm", "${PREFIX}/bin/minigzip.wasm"],',
        '["false"],')
    root = make_project(tmp_path / "project", copy_recipes=("zlib",),
                        recipes={"zexamples": broken})
    settings = fresh_settings(tmp_path, source_cache, root=root)
    with pytest.raises(BuildFailed) as failed:
        Farm(settings).build_variants("zexamples", ["pipe", "gz"])
    assert "zexamples 1.3.1 (pipe, gz)" in str(failed.value)
    assert "exit 1" in str(failed.value)
    stored = settings.output_dir / "zexamples/1.3.1"
    assert not (stored / "pipe").exists() and not (stored / "gz").exists()


def test_a_variant_failing_its_smoke_test_stops_the_container_still_building_the_next(
        docker_client, source_cache, tmp_path):
    # pipe's finish runs while gz's own commands still run (a long sleep): pipe's smoke test
    # fails, so the container is stopped, that failure reported, and neither variant stored
    slow = RECIPE.replace('[variants.gz]\ncommands = [\n', '[variants.gz]\ncommands = [\n'
                          '    ["sleep", "120"],\n').replace(
        'expect = ["siblings share a tree"]', 'expect = ["not what zpipe prints"]')
    root = make_project(tmp_path / "project", copy_recipes=("zlib",),
                        recipes={"zexamples": slow})
    settings = fresh_settings(tmp_path, source_cache, root=root)
    farm = Farm(settings)
    farm.build("zlib")
    t0 = time.monotonic()
    with pytest.raises(SmokeTestFailed) as failed:
        farm.build_variants("zexamples", ["pipe", "gz"])
    assert time.monotonic() - t0 < 90  # the 120 s sleep was cut short
    assert "not what zpipe prints" in str(failed.value) and "pipe" in str(failed.value)
    stored = settings.output_dir / "zexamples/1.3.1"
    assert not (stored / "pipe").exists() and not (stored / "gz").exists()
    mine = [c for c in docker_client.api.containers(all=True, filters={"label": LABEL})
            if c["Labels"].get(OWNER_LABEL) == str(os.getpid())]
    assert mine == []
