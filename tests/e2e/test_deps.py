"""A recipe that depends on another: the dependency builds first and its prefix is visible."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from tests.e2e.conftest import fresh_settings
from tests.helpers import make_project
from wasmkiln import wasi_run
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e


def test_dependency_is_built_first_and_linked(docker_client, source_cache, tmp_path):
    root = make_project(tmp_path / "project", copy_recipes=("zlib",),
                        recipes={"zpipe": (Path(__file__).parent / "data/zpipe.toml").read_text()})
    settings = fresh_settings(tmp_path, source_cache, root=root)
    outcomes = Farm(settings).build("zpipe")
    assert [o.job.name for o in outcomes] == ["zlib", "zpipe"]
    zlib_key = outcomes[0].job.cache_key
    assert outcomes[1].manifest.inputs["deps"] == {"zlib": zlib_key}
    zpipe = outcomes[1].directory / "bin/zpipe.wasm"
    payload = b"dependency " * 1000
    packed = wasi_run.run(zpipe, stdin=payload)
    assert packed.exit_code == 0 and zlib.decompress(packed.stdout) == payload

    # a change in what builds the dependency reaches the dependent's key; the dependency
    # rebuilds first (a comment or a [package] edit would change neither key)
    zlib_recipe = root / "recipes/zlib/recipe.toml"
    zlib_recipe.write_text("source_date_epoch = 1700000000\n" + zlib_recipe.read_text())
    again = Farm(settings).build("zpipe")
    assert [o.cached for o in again] == [False, False]
    assert again[1].job.cache_key != outcomes[1].job.cache_key
