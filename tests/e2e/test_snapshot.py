"""The snapshot stage (wasmkiln.snapshot): a variant with a [snapshot] table is pre-initialised
after wasm-opt, verified like any build on every engine, and the same inputs give the same
bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import fresh_settings
from tests.helpers import make_project
from wasmkiln import wasi_run
from wasmkiln.errors import BuildFailed
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e

RECIPE = (Path(__file__).parent / "data/snapshot.toml").read_text()


def _run(outcome, *args: str, env: dict[str, str] | None = None) -> str:
    result = wasi_run.run(outcome.directory / "bin/greet.wasm", list(args),
                          env=env or {}, preopens=Farm.runtime_preopens(outcome))
    assert result.exit_code == 0, result.stderr
    return result.stdout.decode()


def test_a_snapshot_variant_starts_initialised(docker_client, source_cache, tmp_path):
    root = make_project(tmp_path / "project", recipes={"greeter": RECIPE})
    settings = fresh_settings(tmp_path, source_cache, root=root)
    farm = Farm(settings)
    plain = farm.build("greeter", variant="plain")[-1]
    snap = farm.build("greeter", variant="snap")[-1]
    # the initialisation ran at build time: it read the runtime dir and the snapshot's env;
    # the run sees its own environment and arguments, not the snapshot's
    assert _run(plain, "x") == "cold: - -; run sees no GREET_NAME, x\n"
    assert _run(snap, "y", env={"GREET_NAME": "linus"}) == (
        "pre-initialised: hello from the build ada; run sees linus, y\n")
    assert _run(snap, "z") == (
        "pre-initialised: hello from the build ada; run sees no GREET_NAME, z\n")
    stage = snap.manifest.stages["snapshot"]
    assert stage["program"] == "bin/greet.wasm" and stage["init"] == "greet.init"
    assert stage["env"] == {"GREET_NAME": "ada"}
    assert "snapshot" in snap.manifest.timings_s
    assert "snapshot" not in plain.manifest.stages
    # the snapshot is part of the key: the plain build's key has none of it
    assert "snapshot" in snap.job.key_inputs and "snapshot" not in plain.job.key_inputs
    # verified on every engine like any build (WasmEdge and Node run the snapshot too)
    assert all(v["passed"] for v in snap.manifest.engines.values()), snap.manifest.engines
    # deterministic: built again from scratch, the same bytes
    first = {o.path: o.sha256 for o in snap.manifest.outputs}
    again = farm.build("greeter", variant="snap", force=True)[-1]
    assert {o.path: o.sha256 for o in again.manifest.outputs} == first


def test_a_failing_initialisation_stores_nothing(docker_client, source_cache, tmp_path):
    broken = RECIPE.replace('env = { GREET_NAME = "ada" }',
                            'env = { GREET_NAME = "ada", GREET_FAIL = "1" }')
    root = make_project(tmp_path / "project", recipes={"greeter": broken})
    settings = fresh_settings(tmp_path, source_cache, root=root)
    with pytest.raises(BuildFailed) as failed:
        Farm(settings).build("greeter", variant="snap")
    said = str(failed.value)
    assert "snapshot of bin/greet.wasm" in said and "'greet.init'" in said
    assert "Nothing was stored" in said
    assert not (settings.output_dir / "greeter").exists() or not any(
        (settings.output_dir / "greeter").rglob("manifest.json"))
