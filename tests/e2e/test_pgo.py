"""Profile-guided builds (wasmkiln.pgo): a variant with a [pgo] table is built instrumented,
trained in wasmtime, and built again with the profile; the result is verified like any build,
and the same inputs give the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import fresh_settings
from tests.helpers import make_project
from wasmkiln import wasi_run
from wasmkiln.errors import BuildFailed, RecipeError
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e

RECIPE = (Path(__file__).parent / "data/pgo.toml").read_text()
WORDS = "the quick brown fox jumps over the lazy dog 1234567890\n" * 200


def _project(root: Path, recipe: str = RECIPE) -> Path:
    project = make_project(root, recipes={"trainee": recipe}, copy_recipes=("clang-rt-profile",))
    (project / "recipes/trainee/words").mkdir()
    (project / "recipes/trainee/words/words.txt").write_text(WORDS)
    return project


def _count(outcome, tmp_path: Path, *args: str) -> str:
    (tmp_path / "in.txt").write_text("abc 12 !\n")
    result = wasi_run.run(outcome.directory / "bin/count.wasm", list(args),
                          preopens=[wasi_run.Preopen(tmp_path, "/data", False)])
    assert result.exit_code == 0, result.stderr
    return result.stdout.decode()


def test_a_profile_is_trained_kept_and_compiled_in(docker_client, source_cache, tmp_path):
    root = _project(tmp_path / "project")
    settings = fresh_settings(tmp_path, source_cache, root=root)
    farm = Farm(settings)
    # no profile yet: the variant is refused before anything builds, saying how to make one
    with pytest.raises(RecipeError) as missing:
        farm.build("trainee", variant="trained")
    assert "invoke train-profile trainee --version 1.3.1 --variant trained" in str(missing.value)
    done = farm.train_profile("trainee", variant="trained")
    profile = root / "recipes/trainee/pgo/1.3.1.profdata.xz"
    assert done["profile"] == str(profile) and profile.is_file()
    assert [r["args"] for r in done["runs"]] == [
        ["/train/doc/algorithm.txt"], ["/srv/words/words.txt", "/train/doc/txtvsbin.txt"]]
    # the profile runtime came from its recipe, built like any other
    runtime = settings.output_dir / "clang-rt-profile/19.1.7/default/lib/libclang_rt.profile.a"
    assert runtime.is_file()
    # this program's runs count the same every time: training again gives the same profile
    assert farm.train_profile("trainee", variant="trained")["sha256"] == done["sha256"]

    plain = farm.build("trainee", variant="plain")[-1]
    trained = farm.build("trainee", variant="trained")[-1]
    # both behave alike: the profile changes how the code is laid out, not what it does
    for outcome in (plain, trained):
        assert _count(outcome, tmp_path, "/data/in.txt") == "letters 3 digits 2 other 4\n"
        assert _count(outcome, tmp_path, "checksum", "/data/in.txt") == "0c6001f5\n"
        assert all(v["passed"] for v in outcome.manifest.engines.values())
    assert trained.manifest.stages["pgo"] == {"profile": "pgo/1.3.1.profdata.xz",
                                              "sha256": done["sha256"]}
    assert trained.job.key_inputs["pgo"]["sha256"] == done["sha256"]
    assert "pgo" not in plain.manifest.stages and "pgo" not in plain.job.key_inputs
    # what ships is not instrumented (no profile runtime inside), and the profile changed the
    # code (the checksum loop, never trained, is compiled as cold code)
    shipped = (trained.directory / "bin/count.wasm").read_bytes()
    assert b"LLVM_PROFILE_FILE" not in shipped
    assert shipped != (plain.directory / "bin/count.wasm").read_bytes()
    # the same profile, the same bytes
    again = farm.build("trainee", variant="trained", force=True)[-1]
    assert ({o.path: o.sha256 for o in again.manifest.outputs}
            == {o.path: o.sha256 for o in trained.manifest.outputs})
    # another profile is another build; the plain variant's key does not move
    profile.write_bytes(profile.read_bytes()[:-1] + b"\0")
    assert farm.plan("trainee", variant="trained").cache_key != trained.job.cache_key
    assert farm.plan("trainee", variant="plain").cache_key == plain.job.cache_key


def test_a_failing_training_run_keeps_the_old_profile(docker_client, source_cache, tmp_path):
    broken = RECIPE.replace('["/train/doc/algorithm.txt"], ', '["/train/doc/no-such-file"], ')
    root = _project(tmp_path / "project", broken)
    kept = root / "recipes/trainee/pgo/1.3.1.profdata.xz"
    kept.parent.mkdir()
    kept.write_bytes(b"an older profile")
    settings = fresh_settings(tmp_path, source_cache, root=root)
    with pytest.raises(BuildFailed) as failed:
        Farm(settings).train_profile("trainee", variant="trained")
    said = str(failed.value)
    assert "Training run 0 of trainee" in said and "/train/doc/no-such-file" in said
    assert "exit 1" in said and "profile was left as it was" in said
    assert kept.read_bytes() == b"an older profile"
