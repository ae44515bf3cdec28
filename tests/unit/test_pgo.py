import hashlib

import pytest

from tests.helpers import make_project, minimal
from wasmkiln import pgo
from wasmkiln.errors import RecipeError
from wasmkiln.recipe import load_recipe


def _recipe(tmp_path, data):
    root = make_project(tmp_path, recipes={"app": minimal("app")})
    (root / "recipes/app/p.profdata.xz").write_bytes(data)
    return load_recipe(root / "recipes/app/recipe.toml")


def test_a_kept_profile_is_unpacked_for_the_build(tmp_path):
    data = pgo.compress(b"merged profile bytes")
    recipe = _recipe(tmp_path, data)
    keyed = pgo.key_inputs(recipe, "p.profdata.xz")
    assert keyed["sha256"] == hashlib.sha256(data).hexdigest()
    out = pgo.unpack_profile(recipe, keyed, tmp_path / "out")
    assert out == tmp_path / "out" / pgo.MERGED_NAME
    assert out.read_bytes() == b"merged profile bytes"
    # what the build's flags name is where the unpacked profile is mounted
    assert f"-fprofile-use={pgo.PROFILE_DIR}/{pgo.MERGED_NAME}" in pgo.USE_CFLAGS


def test_a_profile_changed_after_planning_or_not_xz_is_refused(tmp_path):
    recipe = _recipe(tmp_path, pgo.compress(b"one"))
    keyed = pgo.key_inputs(recipe, "p.profdata.xz")
    (recipe.path.parent / "p.profdata.xz").write_bytes(pgo.compress(b"two"))
    with pytest.raises(RecipeError) as changed:
        pgo.unpack_profile(recipe, keyed, tmp_path / "out")
    assert "p.profdata.xz changed while 'app' was being planned" in str(changed.value)
    (recipe.path.parent / "p.profdata.xz").write_bytes(b"not xz")
    with pytest.raises(RecipeError) as garbled:
        pgo.unpack_profile(recipe, pgo.key_inputs(recipe, "p.profdata.xz"), tmp_path / "o2")
    assert "not an xz-compressed profile" in str(garbled.value)
    assert "invoke train-profile app" in str(garbled.value)


def test_the_merge_takes_every_run_in_order():
    script = pgo.merge_script("llvm-profdata-19", 3, "/out")
    assert script == ("set -e; llvm-profdata-19 merge --sparse --output=/out/merged.profdata "
                      "/opt/wasmkiln/pgo/run-000.profraw /opt/wasmkiln/pgo/run-001.profraw "
                      "/opt/wasmkiln/pgo/run-002.profraw")
