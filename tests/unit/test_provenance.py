"""SLSA v1 provenance from a job tree, and naming what a checkout would build differently."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers import make_project, minimal
from wasmkiln import provenance, signing, store
from wasmkiln.plan import Planner, build_order
from wasmkiln.recipe import RecipeBook
from wasmkiln.toolchain import load_toolchain

PATCH = "Why: test patch.\n\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n-a\n+b\n"


def _project(root, app_extra=""):
    return make_project(root, recipes={
        "lib": minimal("lib"),
        "app": minimal("app", sha="1" * 64,
                       extra='[deps]\nlib = ">=1.0"\n' + app_extra).replace(
            '[versions."1.0"]', '[versions."1.0"]\npatches = "1.0"'),
    }, patches={"app/1.0/0001-fix.patch": PATCH, "app/1.0/0002-more.patch": PATCH + "\n"})


def _planned(root, **kwargs):
    toolchain = load_toolchain(root / "toolchain.toml")
    planner = Planner(RecipeBook(root / "recipes"), root / "patches", toolchain)
    return build_order(planner.job("app", **kwargs)), toolchain


def _manifest(job, toolchain):
    return store.BuildManifest(
        name=job.name, version=job.version.version, variant=job.variant.name,
        cache_key=job.cache_key, inputs=job.key_inputs, source={},
        outputs=(store.StoredOutput("bin/x.wasm", job.cache_key[::-1], 8),),
        toolchain=store.ToolchainRecord(toolchain.image_tag, "sha256:" + "9" * 64,
                                        dict(toolchain.pinned), toolchain.triple),
        timings_s={}, stages={})


SUMMARY = {"image": {"index": "sha256:" + "1" * 64, "manifest": "sha256:" + "2" * 64,
                     "config": "sha256:" + "3" * 64, "layer": "sha256:" + "4" * 64},
           "artifact": {"manifest": "sha256:" + "5" * 64, "layer": "sha256:" + "6" * 64},
           "sbom": {"blob": "sha256:" + "7" * 64},
           "tags": ["1.0", "1.0-default"], "artifact_tags": ["1.0-wasm", "1.0-default-wasm"]}


@pytest.fixture
def recorded(tmp_path):
    root = _project(tmp_path / "then")
    jobs, toolchain = _planned(root)
    built = [(j, _manifest(j, toolchain)) for j in jobs]
    document = provenance.predicate(built, SUMMARY, root, 315532800)
    return json.loads(json.dumps(document)), jobs, toolchain  # as it comes back from JSON


def test_provenance_names_every_input_and_output(recorded):
    document, jobs, toolchain = recorded
    lib, app = jobs
    definition = document["buildDefinition"]
    assert definition["buildType"] == provenance.BUILD_TYPE
    assert definition["externalParameters"] == {
        "recipe": "app", "version": "1.0", "variant": "default",
        "optimise": app.key_inputs["optimise"], "source_date_epoch": 315532800}
    deps = {d["name"]: d for d in definition["resolvedDependencies"]}
    assert deps["recipe:app"] == {"name": "recipe:app", "uri": "recipes/app/recipe.toml",
                                  "digest": {"sha256": app.recipe.text_sha256}}
    assert deps["source:app"]["digest"] == {"sha256": "1" * 64}
    assert deps["source:app"]["uri"] == "http://127.0.0.1:9/app-1.0.tar.gz"
    assert deps["source:lib"]["digest"] == {"sha256": "0" * 64}
    assert deps["patch:app:1.0/0001-fix.patch"]["digest"]["sha256"] == app.patches[0].sha256
    assert deps["patch:app:1.0/0002-more.patch"]["uri"] == "patches/app/1.0/0002-more.patch"
    assert deps["builder"]["digest"] == {"sha256": toolchain.digest}
    assert deps["builder"]["annotations"]["packages"]["clang-19"] == \
        dict(toolchain.pinned)["clang-19"]
    internal = definition["internalParameters"]
    assert internal["cache_key"] == app.cache_key
    assert internal["toolchain"]["dockerfile_sha256"] == toolchain.digest
    assert [j["recipe"] for j in internal["jobs"]] == ["lib", "app"]
    assert internal["jobs"][1]["key_inputs"]["deps"] == {"lib": lib.cache_key}
    assert internal["jobs"][1]["steps"]["outputs"] == ["bin/x.wasm"]
    run = document["runDetails"]
    assert run["metadata"] == {"invocationId": app.cache_key}
    assert run["builder"]["builderDependencies"][0]["digest"] == {"sha256": "9" * 64}
    products = {p["name"]: p for p in run["byproducts"]}
    assert products["image-index"]["digest"] == {"sha256": "1" * 64}
    assert products["image-index"]["annotations"]["tags"] == ["1.0", "1.0-default"]
    assert products["wasm-artifact"]["digest"] == {"sha256": "5" * 64}
    assert products["app:bin/x.wasm"]["digest"] == {"sha256": app.cache_key[::-1]}
    assert provenance.target(document) == ("app", "1.0", "default", 315532800)
    # every digest is a {algorithm: hex} map, as in-toto's ResourceDescriptor wants
    for entry in definition["resolvedDependencies"] + run["byproducts"]:
        [(algorithm, value)] = entry["digest"].items()
        assert algorithm == "sha256" and re.fullmatch("[0-9a-f]{64}", value), entry


def test_the_same_checkout_differs_in_nothing(recorded, tmp_path):
    document, _, toolchain = recorded
    again, _ = _planned(_project(tmp_path / "now"))  # another directory, the same content
    assert provenance.differences(document, again, dict(toolchain.pinned)) == []


def test_each_changed_input_is_named(recorded, tmp_path):
    document, _, toolchain = recorded
    root = _project(tmp_path / "now", app_extra="[build.env]\nEXTRA = \"1\"\n")
    (root / "patches/app/1.0/0002-more.patch").unlink()
    (root / "patches/app/1.0/0001-fix.patch").write_text(PATCH + "\n\n")
    (root / "patches/app/1.0/0003-new.patch").write_text(PATCH)
    lib = root / "recipes/lib/recipe.toml"
    lib.write_text(lib.read_text().replace("0" * 64, "f" * 64))
    now, tc = _planned(root)
    found = provenance.differences(document, now, dict(tc.pinned))
    text = "\n".join(found)
    assert ("app 1.0 (default): recipe file recipes/app/recipe.toml differs in what it builds"
            in text)
    assert "patch 1.0/0002-more.patch was applied then, it is not here" in text
    assert "patch 1.0/0001-fix.patch differs" in text
    assert "patch 1.0/0003-new.patch is new here" in text
    assert "lib 1.0 (default): source http://127.0.0.1:9/lib-1.0.tar.gz had sha256 000000000000" \
        in text
    assert "lib 1.0 (default): recipe file recipes/lib/recipe.toml differs" in text
    # app's key moved only through its own inputs and lib's: nothing else is named
    assert "builder" not in text and len(found) == 6, found


def test_a_changed_toolchain_pin_and_opt_level_are_named(recorded, tmp_path):
    document, _, toolchain = recorded
    root = _project(tmp_path / "now")
    text = (root / "toolchain.toml").read_text()
    old = dict(toolchain.pinned)["binaryen"]
    (root / "toolchain.toml").write_text(text.replace(f'"binaryen" = "{old}"',
                                                      '"binaryen" = "121-1"'))
    now, tc = _planned(root, opt_level="Oz")
    found = provenance.differences(document, now, dict(tc.pinned))
    assert f"app 1.0 (default): the builder Dockerfile differs (pins that differ: binaryen {old} " \
        "then, 121-1 here)" in found
    assert any(f.startswith("app 1.0 (default): optimise was {'level': 'O2'") for f in found)
    assert any(f.startswith("lib 1.0 (default): the builder Dockerfile differs") for f in found)


def test_a_recipe_the_checkout_lacks_is_named(recorded, tmp_path):
    document, _, toolchain = recorded
    root = _project(tmp_path / "now")
    app = root / "recipes/app/recipe.toml"
    app.write_text(app.read_text().replace('[deps]\nlib = ">=1.0"\n', ""))
    now, tc = _planned(root)
    found = provenance.differences(document, now, dict(tc.pinned))
    assert "lib: the image was built with it, this checkout does not use it" in found


def test_statement_subjects_carry_the_signed_digests(recorded):
    document, _, _ = recorded
    statement = json.loads(signing.statement(
        [signing.subject("reg/app", SUMMARY["image"]["index"])], signing.SLSA_PROVENANCE_V1,
        document))
    assert statement["predicateType"] == "https://slsa.dev/provenance/v1"
    assert signing.statement_covers(statement, SUMMARY["image"]["index"])


def test_a_profile_is_an_input_recorded_and_named(tmp_path):
    """A profile-guided build's profile (pgo.py) is listed with its digest, and another profile
    is named as the difference."""
    pgo = ('[variants.default.pgo]\nprofile = "pgo/{version}.prof"\nruns = [["t"]]\n')

    def project(root, profile):
        made = _project(root)
        app = made / "recipes/app/recipe.toml"
        app.write_text(app.read_text() + pgo)
        (made / "recipes/app/pgo").mkdir()
        (made / "recipes/app/pgo/1.0.prof").write_bytes(profile)
        return made

    root = project(tmp_path / "then", b"one")
    jobs, toolchain = _planned(root)
    document = provenance.predicate([(j, _manifest(j, toolchain)) for j in jobs], SUMMARY,
                                    root, 315532800)
    document = json.loads(json.dumps(document))
    deps = {d["name"]: d for d in document["buildDefinition"]["resolvedDependencies"]}
    assert deps["profile:app"]["uri"] == "recipes/app/pgo/1.0.prof"
    assert deps["profile:app"]["digest"]["sha256"] == jobs[-1].key_inputs["pgo"]["sha256"]
    now, tc = _planned(project(tmp_path / "now", b"two"))
    found = provenance.differences(document, now, dict(tc.pinned))
    assert len(found) == 1 and "app 1.0 (default): it was compiled with the profile " \
        "pgo/1.0.prof (sha256" in found[0] and "then, with the profile pgo/1.0.prof" in found[0]
