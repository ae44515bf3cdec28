"""End-to-end fixtures: a real Docker daemon, real builds of the real recipes, real engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import REPO, settings_for
from tests.registry_server import PASSWORD, USER, start_registry
from wasmkiln import builder, docker_daemon
from wasmkiln.farm import Farm, Outcome
from wasmkiln.settings import Settings
from wasmkiln.toolchain import load_toolchain

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def docker_client(tmp_path_factory):
    logs = tmp_path_factory.mktemp("daemon-logs")
    client = docker_daemon.connect(logs)  # starts dockerd when none runs, as the CLI does
    builder.ensure_builder(client, load_toolchain(REPO / "toolchain.toml"), logs)
    return client


@pytest.fixture(scope="session")
def source_cache(tmp_path_factory) -> Path:
    """One source cache per session: fetched once from the real mirrors, shared by tests."""
    return tmp_path_factory.mktemp("cache")


def fresh_settings(tmp: Path, cache: Path, root: Path = REPO) -> Settings:
    return settings_for(root, output_dir=tmp / "build-output", cache_dir=cache,
                        download_timeout=30.0)


@pytest.fixture(scope="session")
def first_build(docker_client, source_cache,
                tmp_path_factory) -> tuple[Settings, dict[str, Outcome]]:
    """zlib and sqlite built from scratch (empty output dir) in one farm."""
    settings = fresh_settings(tmp_path_factory.mktemp("first"), source_cache)
    farm = Farm(settings)
    outcomes = {o.job.name: o for name in ("zlib", "sqlite") for o in farm.build(name)}
    return settings, outcomes


@pytest.fixture(scope="session")
def registry(tmp_path_factory):
    """A real OCI registry (Debian's docker-registry, htpasswd auth) on loopback."""
    server = start_registry(tmp_path_factory.mktemp("registry"))
    yield server
    server.stop()


@pytest.fixture
def creds(monkeypatch, tmp_path):
    """The registry's credentials in the environment (and no stray Docker config)."""
    monkeypatch.setenv("WASMKILN_REGISTRY_USERNAME", USER)
    monkeypatch.setenv("WASMKILN_REGISTRY_PASSWORD", PASSWORD)
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path / "no-docker-config"))
    monkeypatch.setenv("WASMKILN_REGISTRY_ATTEMPTS", "3")
