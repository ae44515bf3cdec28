"""The shared build cache in a real registry: push finished builds by cache key, then a clean
machine state (empty outputs, no Docker at all) installs them instead of building."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import fresh_settings
from tests.helpers import env_now
from wasmkiln import build_cache, store, wasi_run
from wasmkiln.farm import Farm
from wasmkiln.registry import Reference, RegistryError

pytestmark = pytest.mark.e2e


def _no_docker(monkeypatch, tmp_path):
    """Any attempt to reach or start Docker now fails loudly."""
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-docker.sock")
    monkeypatch.setenv("WASMKILN_NO_DOCKERD", "1")


def test_clean_machine_builds_nothing_and_gets_identical_bytes(
        first_build, registry, creds, tmp_path, monkeypatch):
    settings, outcomes = first_build
    ref = f"{registry.host}/buildcache"
    for name in ("zlib", "sqlite"):
        Farm(env_now(settings)).build(name, cache_to=ref)  # cached locally: pushed, not rebuilt
        assert registry.tags(f"buildcache/{name}") == [outcomes[name].job.cache_key]

    _no_docker(monkeypatch, tmp_path)
    clean = fresh_settings(tmp_path / "clean", tmp_path / "clean-cache")
    [got] = Farm(clean).build("sqlite", cache_from=ref)
    assert (got.cached, got.origin) == (True, "registry cache")
    assert got.manifest.outputs == outcomes["sqlite"].manifest.outputs
    for out in got.manifest.outputs:
        assert (got.directory / out.path).read_bytes() == \
            (outcomes["sqlite"].directory / out.path).read_bytes()
    run = wasi_run.run(got.directory / "bin/sqlite3.wasm", [":memory:", "select 2*21;"],
                       use_aot=True)
    assert run.stdout.strip() == b"42"
    assert (got.directory / "bin/sqlite3.cwasm").is_file()  # compiled here, not shipped

    [again] = Farm(clean).build("sqlite", cache_from=ref)
    assert again.origin == "local cache"
    pushed_again = build_cache.upload(Reference.parse(ref), again.job, again.directory,
                                      again.manifest)
    assert pushed_again.blobs_uploaded == 0 and pushed_again.tags_set == []


def test_a_tampered_cache_entry_is_refused_and_installs_nothing(
        first_build, registry, creds, tmp_path, monkeypatch):
    settings, outcomes = first_build
    sqlite = outcomes["sqlite"]
    forged = sqlite.manifest._replace(outputs=tuple(
        o._replace(sha256="0" * 64) if o.path == "bin/sqlite3.wasm" else o
        for o in sqlite.manifest.outputs))
    ref = Reference.parse(f"{registry.host}/forged")
    build_cache.upload(ref, sqlite.job, sqlite.directory, forged)

    _no_docker(monkeypatch, tmp_path)
    clean = fresh_settings(tmp_path / "clean", tmp_path / "clean-cache")
    with pytest.raises(RegistryError) as err:
        Farm(clean).build("sqlite", cache_from=str(ref))
    assert "bin/sqlite3.wasm does not match its sha256" in str(err.value)
    assert "forged/sqlite" in str(err.value)
    assert store.read_manifest(sqlite.job.output_dir(clean.output_dir)) is None
    assert not (clean.output_dir / "sqlite" / "3.46.1").exists() or not any(
        (clean.output_dir / "sqlite" / "3.46.1").iterdir())
