"""Package and publish, proven with real parts: a real registry (CNCF distribution with htpasswd)
on loopback, skopeo as an independent client, wasmtime running the extracted module, and crun
running the image through its WasmEdge handler."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile

import pytest

from tests.helpers import REPO
from tests.registry_server import PASSWORD, USER, CuttingRelay, free_port
from wasmkiln import builder, oci, oci_runtime, package, publish, wasi_run
from wasmkiln.registry import RegistryError
from wasmkiln.toolchain import load_toolchain

pytestmark = pytest.mark.e2e
SKOPEO_WASM = ["--override-os", "wasi", "--override-arch", "wasm"]


@pytest.fixture(scope="module")
def sqlite_package(first_build, tmp_path_factory):
    _, outcomes = first_build
    built = [(outcomes["sqlite"].job, outcomes["sqlite"].manifest, outcomes["sqlite"].directory)]
    return package.build_package(built, tmp_path_factory.mktemp("images"))


def _blob(packaged, digest: str) -> bytes:
    return oci.blob_path(packaged.layout, digest).read_bytes()


def _json_blob(packaged, digest: str) -> dict:
    return json.loads(_blob(packaged, digest))


def _skopeo(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["skopeo", *args], capture_output=True, text=True, timeout=120)


def test_two_clean_package_runs_give_identical_digests(first_build, sqlite_package, tmp_path):
    _, outcomes = first_build
    again = package.build_package(
        [(outcomes["sqlite"].job, outcomes["sqlite"].manifest, outcomes["sqlite"].directory)],
        tmp_path / "images")
    for part in ("image", "artifact", "sbom"):
        assert again.summary[part] == sqlite_package.summary[part]
    assert again.archive.read_bytes() == sqlite_package.archive.read_bytes()
    assert again.sbom.read_bytes() == sqlite_package.sbom.read_bytes()


def test_image_is_a_scratch_wasi_wasm_compat_image(first_build, sqlite_package):
    _, outcomes = first_build
    s = sqlite_package.summary
    index = _json_blob(sqlite_package, s["image"]["index"])
    assert index["mediaType"] == oci.IMAGE_INDEX
    [entry] = index["manifests"]
    assert entry["platform"] == {"os": "wasi", "architecture": "wasm"}
    manifest = _json_blob(sqlite_package, entry["digest"])
    notes = manifest["annotations"]
    assert notes["module.wasm.image/variant"] == "compat"
    assert notes["org.opencontainers.image.version"] == "3.46.1"
    assert notes["org.opencontainers.image.licenses"] == "blessing"
    assert notes["org.opencontainers.image.created"] == "1980-01-01T00:00:00Z"
    assert notes["org.opencontainers.image.revision"] == outcomes["sqlite"].job.cache_key
    assert notes["org.opencontainers.image.source"].endswith("sqlite3_3.46.1.orig.tar.xz")
    config = _json_blob(sqlite_package, manifest["config"]["digest"])
    assert (config["os"], config["architecture"]) == ("wasi", "wasm")
    assert config["config"]["Entrypoint"] == ["/sqlite3.wasm"]
    [layer] = manifest["layers"]
    tar = gzip.decompress(_blob(sqlite_package, layer["digest"]))
    assert config["rootfs"]["diff_ids"] == ["sha256:" + hashlib.sha256(tar).hexdigest()]
    with tarfile.open(fileobj=io.BytesIO(tar)) as t:
        assert t.getnames() == ["sqlite3.wasm"]  # FROM scratch: nothing but the module
        member = t.getmember("sqlite3.wasm")
        assert (member.mtime, member.uid, member.mode) == (315532800, 0, 0o755)
        wasm = t.extractfile(member).read()  # type: ignore[union-attr]
    assert wasm == (outcomes["sqlite"].directory / "bin/sqlite3.wasm").read_bytes()
    assert set(s["tags"]) == {"3.46.1", "3.46", "3.46.1-default"}


def test_wasm_artifact_and_sbom_referrer(first_build, sqlite_package):
    s = sqlite_package.summary
    artifact = _json_blob(sqlite_package, s["artifact"]["manifest"])
    assert artifact["config"]["mediaType"] == "application/vnd.wasm.config.v0+json"
    assert [la["mediaType"] for la in artifact["layers"]] == ["application/wasm"]
    wasm_config = _json_blob(sqlite_package, artifact["config"]["digest"])
    assert wasm_config["layerDigests"] == [artifact["layers"][0]["digest"]]
    assert (wasm_config["architecture"], wasm_config["os"]) == ("wasm32", "wasip1")

    referrer = _json_blob(sqlite_package, s["sbom"]["manifest"])
    assert referrer["artifactType"] == "application/vnd.cyclonedx+json"
    assert referrer["subject"]["digest"] == s["image"]["index"]
    bom = json.loads(sqlite_package.sbom.read_text())
    assert bom["bomFormat"] == "CycloneDX" and bom["specVersion"] == "1.6"
    by_ref = {c["bom-ref"]: c for c in bom["components"]}
    source = by_ref["source:sqlite"]
    assert source["hashes"][0]["content"] == \
        "d0cdd2ece271b29e7ce18095745d892517ee26d0f270065b3a25c2e9eb11639c"
    patch = source["pedigree"]["patches"][0]
    assert patch["diff"]["url"].endswith("0001-shell-stub-system-under-wasi.patch")
    assert "system" in patch["diff"]["text"]["content"]
    assert by_ref["deb:clang-19"]["purl"].startswith("pkg:deb/debian/clang-19@")
    assert by_ref["builder"]["type"] == "container"
    wasm_sha = first_build[1]["sqlite"].manifest.output("bin/sqlite3.wasm").sha256
    assert bom["metadata"]["component"]["hashes"][0]["content"] == wasm_sha


def test_publish_to_a_real_registry_and_read_it_back(registry, creds, sqlite_package, tmp_path):
    done = publish.publish(sqlite_package, f"{registry.host}/wasmkiln", tmp_path)
    s = sqlite_package.summary
    assert done.stats.blobs_uploaded == 6 and done.stats.manifests_uploaded == 5
    assert registry.tags("wasmkiln/sqlite") == sorted(
        s["tags"] + s["artifact_tags"] + [s["referrers_tag"]])

    ref = f"docker://{registry.host}/wasmkiln/sqlite"
    auth = ["--tls-verify=false", "--creds", f"{USER}:{PASSWORD}"]
    seen = _skopeo("inspect", *auth, *SKOPEO_WASM, f"{ref}:3.46")
    assert seen.returncode == 0, seen.stderr
    info = json.loads(seen.stdout)
    assert info["Digest"] == s["image"]["index"]
    assert (info["Os"], info["Architecture"]) == ("wasi", "wasm")
    assert info["Labels"]["org.opencontainers.image.version"] == "3.46.1"
    raw = json.loads(_skopeo("inspect", "--raw", *auth, f"{ref}:3.46.1-wasm").stdout)
    assert raw["config"]["mediaType"] == "application/vnd.wasm.config.v0+json"
    referrers = json.loads(_skopeo("inspect", "--raw", *auth,
                                   f"{ref}:{s['referrers_tag']}").stdout)
    assert referrers["manifests"][0]["digest"] == s["sbom"]["manifest"]

    copied = tmp_path / "copied"
    got = _skopeo("copy", "-q", "--src-tls-verify=false", "--src-creds", f"{USER}:{PASSWORD}",
                  *SKOPEO_WASM, f"{ref}:3.46.1", f"oci:{copied}:pulled")
    assert got.returncode == 0, got.stderr
    manifest, _ = oci_runtime.resolve_image(copied, "pulled")
    assert manifest["layers"][0]["digest"] == s["image"]["layer"]  # same bytes end to end
    oci_runtime.unpack(copied, manifest, tmp_path / "rootfs")
    result = wasi_run.run(tmp_path / "rootfs/sqlite3.wasm", [":memory:", "select 6*7;"])
    assert (result.exit_code, result.stdout.strip()) == (0, b"42")

    again = publish.publish(sqlite_package, f"{registry.host}/wasmkiln", tmp_path)
    assert (again.stats.blobs_uploaded, again.stats.manifests_uploaded) == (0, 0)
    assert again.stats.tags_set == [] and len(again.stats.tags_unchanged) == 7


def test_wrong_password_is_a_clear_error_and_pushes_nothing(registry, first_build, tmp_path):
    settings, _ = first_build  # the CLI finds zlib built in this output directory
    env = dict(os.environ, WASMKILN_REGISTRY_USERNAME=USER, WASMKILN_REGISTRY_PASSWORD="wrong",
               DOCKER_CONFIG=str(tmp_path), WASMKILN_OUTPUT=str(settings.output_dir))
    done = subprocess.run([sys.executable, "-m", "invoke", "publish", "zlib", "--to",
                           f"{registry.host}/denied"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=900)
    message = " ".join(done.stderr.split())
    assert done.returncode == 1, done.stderr
    assert f"Registry {registry.host} refused the credentials from WASMKILN_REGISTRY" in message
    assert "HTTP 401" in message and "Traceback" not in message
    assert registry.tags("denied/zlib") == []
    assert not (registry.storage / "docker/registry/v2/repositories/denied").exists()


def test_registry_down_is_a_clear_error_after_retries(creds, sqlite_package, tmp_path):
    with pytest.raises(RegistryError) as err:
        publish.publish(sqlite_package, f"127.0.0.1:{free_port()}/wasmkiln", tmp_path)
    assert "connection refused, 3 attempts" in str(err.value)
    assert "Nothing was tagged" in str(err.value)


def test_interrupted_publish_leaves_no_tag_and_republish_completes(
        registry, creds, sqlite_package, tmp_path):
    relay = CuttingRelay(registry.host, cut_after=2)  # the network goes after two blobs
    try:
        with pytest.raises(RegistryError):
            publish.publish(sqlite_package, f"{relay.host}/cut", tmp_path)
    finally:
        relay.close()
    assert relay.blob_puts == 2
    assert registry.tags("cut/sqlite") == []  # no tag points at missing content

    done = publish.publish(sqlite_package, f"{registry.host}/cut", tmp_path)
    assert done.stats.blobs_present == 2 and done.stats.blobs_uploaded == 4
    assert "3.46.1" in registry.tags("cut/sqlite")
    seen = _skopeo("inspect", "--tls-verify=false", "--creds", f"{USER}:{PASSWORD}",
                   *SKOPEO_WASM, f"docker://{registry.host}/cut/sqlite:3.46.1")
    assert seen.returncode == 0 and json.loads(seen.stdout)["Digest"] == \
        sqlite_package.summary["image"]["index"]


def test_publish_to_a_local_layout_is_readable_by_skopeo(sqlite_package, tmp_path):
    first = publish.publish(sqlite_package, f"oci:{tmp_path / 'oci'}", tmp_path)
    again = publish.publish(sqlite_package, f"oci:{tmp_path / 'oci'}", tmp_path)
    assert first.stats.blobs_uploaded == 11 and again.stats.blobs_uploaded == 0
    seen = _skopeo("inspect", *SKOPEO_WASM, f"oci:{tmp_path / 'oci/sqlite'}:3.46")
    assert seen.returncode == 0, seen.stderr
    assert json.loads(seen.stdout)["Digest"] == sqlite_package.summary["image"]["index"]


def test_crun_runs_the_image_through_its_wasmedge_handler(
        docker_client, sqlite_package, tmp_path):
    tc = load_toolchain(REPO / "toolchain.toml")
    builder.ensure_engines(docker_client, tc, tmp_path)
    code, output = oci_runtime.run(docker_client, tc.engines_tag, sqlite_package.layout,
                                   "3.46.1", [":memory:", "select 40+2;"], tmp_path / "bundle")
    assert (code, output.strip()) == (0, "42"), output
