"""Pure OCI logic: deterministic layers and layouts, push order, references, credentials."""

from __future__ import annotations

import base64
import io
import json
import os
import tarfile

import pytest

from tests.helpers import REPO
from wasmkiln import oci, push, registry_auth
from wasmkiln.errors import WasmkilnError
from wasmkiln.registry import Reference
from wasmkiln.settings import RegistrySettings, Settings


def _tree(root, mtime):
    (root / "lib/python").mkdir(parents=True)
    (root / "lib/python/os.py").write_text("import sys\n")
    (root / "python.wasm").write_bytes(b"\0asm\1\0\0\0")
    for path in root.rglob("*"):
        os.utime(path, (mtime, mtime))


def test_layers_do_not_depend_on_host_times_modes_or_walk_order(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    _tree(a, 1_000_000)
    _tree(b, 2_000_000)
    (b / "python.wasm").chmod(0o600)
    layers = []
    for root in (a, b):
        entries = (oci.entries_from(root / "lib", "/usr/lib")
                   + oci.entries_from(root / "python.wasm", "/python.wasm"))
        layers.append(oci.gzip_deterministic(oci.layer_tar(list(reversed(entries)), 42)))
    assert layers[0] == layers[1]
    with tarfile.open(fileobj=io.BytesIO(layers[0])) as tar:
        names = tar.getnames()
        assert names == sorted(names) and "usr" in names and "usr/lib/python/os.py" in names
        assert {m.mtime for m in tar} == {42} and {m.uid for m in tar} == {0}
        assert tar.getmember("python.wasm").mode == 0o755
        assert tar.getmember("usr/lib/python/os.py").mode == 0o644


def _layout(tmp_path):
    layer = oci.Blob(oci.LAYER_TAR_GZIP, b"layer")
    config = oci.Blob.of_json(oci.IMAGE_CONFIG, {"os": "wasi"})
    manifest = oci.Blob.of_json(oci.IMAGE_MANIFEST, {
        "schemaVersion": 2, "mediaType": oci.IMAGE_MANIFEST, "config": config.descriptor(),
        "layers": [layer.descriptor()]})
    index = oci.Blob.of_json(oci.IMAGE_INDEX, {
        "schemaVersion": 2, "mediaType": oci.IMAGE_INDEX,
        "manifests": [manifest.descriptor(platform={"os": "wasi", "architecture": "wasm"})]})
    oci.write_layout(tmp_path, [index, manifest, config, layer],
                     [index.descriptor(annotations={oci.REF_NAME: "1.0"})])
    return layer, config, manifest, index


def test_push_order_is_blobs_then_children_then_parents_then_tags(tmp_path):
    layer, config, manifest, index = _layout(tmp_path)
    content = push.content_of(tmp_path)
    assert {b["digest"] for b in content.blobs} == {layer.digest, config.digest}
    assert [m[0] for m in content.manifests] == [manifest.digest, index.digest]
    assert content.tags == [("1.0", index.digest)]
    assert json.loads((tmp_path / "oci-layout").read_text()) == {"imageLayoutVersion": "1.0.0"}


@pytest.mark.parametrize("text, host, repo", [
    ("ghcr.io/acme/wasm", "ghcr.io", "acme/wasm"),
    ("127.0.0.1:5000/wasmkiln", "127.0.0.1:5000", "wasmkiln"),
    ("localhost/x/", "localhost", "x"),
])
def test_registry_references(text, host, repo):
    ref = Reference.parse(text)
    assert (ref.host, ref.repository) == (host, repo)
    assert str(ref.child("php")) == f"{host}/{repo}/php"


@pytest.mark.parametrize("text", ["wasmkiln", "docker.io", "ghcr.io/Acme", "ghcr.io/a/b:1.0"])
def test_bad_registry_references_are_refused(text):
    with pytest.raises(WasmkilnError, match="Registry reference"):
        Reference.parse(text)


def test_credentials_from_settings_then_docker_config(tmp_path):
    env = {"DOCKER_CONFIG": str(tmp_path)}
    assert registry_auth.lookup("ghcr.io", RegistrySettings.from_env(env)) is None
    auth = base64.b64encode(b"bot:t0ken").decode()
    (tmp_path / "config.json").write_text(json.dumps(
        {"auths": {"https://ghcr.io/v1/": {"auth": auth}}}))
    found = registry_auth.lookup("ghcr.io", RegistrySettings.from_env(env))
    assert found is not None and (found.username, found.password) == ("bot", "t0ken")
    assert str(tmp_path / "config.json") in found.origin
    assert registry_auth.lookup("quay.io", RegistrySettings.from_env(env)) is None
    env.update(WASMKILN_REGISTRY_USERNAME="env", WASMKILN_REGISTRY_PASSWORD="pw")
    found = registry_auth.lookup("ghcr.io", RegistrySettings.from_env(env))
    assert found is not None and found.username == "env"
    assert "pw" not in repr(RegistrySettings.from_env(env))  # the secret stays out of logs


def test_settings_come_from_one_place(monkeypatch):
    monkeypatch.setenv("WASMKILN_REGISTRY_ATTEMPTS", "7")
    monkeypatch.setenv("WASMKILN_NO_DOCKERD", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    settings = Settings.from_env(REPO)
    assert settings.registry.attempts == 7 and not settings.docker.may_start
    assert settings.source_date_epoch == 1700000000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(WasmkilnError, match="SOURCE_DATE_EPOCH='yesterday' is not valid"):
        Settings.from_env(REPO)


def test_unreadable_docker_config_names_the_file(tmp_path):
    (tmp_path / "config.json").write_text("{not json")
    with pytest.raises(WasmkilnError, match=str(tmp_path / "config.json")):
        registry_auth.lookup("ghcr.io", RegistrySettings.from_env({"DOCKER_CONFIG": str(tmp_path)}))
