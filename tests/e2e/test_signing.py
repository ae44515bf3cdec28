"""Signed images, attestations and verified rebuilds, checked by an independent verifier: Debian
trixie's cosign 2.5, in a container made from the project's own base image, against a real
registry on loopback."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, env_now, make_project, settings_for
from tests.registry_server import PASSWORD, USER
from tests.unit.test_signing import write_keypair
from wasmkiln import builder, package, signatures, signing
from wasmkiln.errors import SigningError, VerificationFailed
from wasmkiln.farm import Farm
from wasmkiln.push import content_of, to_registry
from wasmkiln.registry import Reference, RegistryClient
from wasmkiln.toolchain import load_toolchain
from wasmkiln.verify_image import verify_image

pytestmark = pytest.mark.e2e
ZLIB = "1.3.1"


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    """Two EC P-256 key pairs (PEM PKCS#8 private, PEM public): a signs, b is someone else."""
    directory = tmp_path_factory.mktemp("keys")
    return {name: write_keypair(directory, name) for name in ("a", "b")}


@pytest.fixture(scope="module")
def registry_env(registry):
    with pytest.MonkeyPatch.context() as env:
        env.setenv("WASMKILN_REGISTRY_USERNAME", USER)
        env.setenv("WASMKILN_REGISTRY_PASSWORD", PASSWORD)
        env.setenv("DOCKER_CONFIG", "/nonexistent-docker-config")
        yield registry


@pytest.fixture(scope="module")
def signed(first_build, registry_env, keys):
    """zlib published to the loopback registry, signed with key a."""
    settings, _ = first_build
    [done] = Farm(env_now(settings)).publish(["zlib"], to=f"{registry_env.host}/signed",
                                    sign_key=keys["a"][0])
    return done


@pytest.fixture(scope="module")
def cosign(docker_client, registry, tmp_path_factory):
    """Run Debian's cosign in the verifier image, on the host network (the registry is on
    127.0.0.1), with a Docker config holding the registry's credentials."""
    logs = tmp_path_factory.mktemp("verifier-logs")
    tag = builder.ensure_verifier(docker_client, load_toolchain(REPO / "toolchain.toml"), logs)
    work = tmp_path_factory.mktemp("cosign")
    auth = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    (work / "docker").mkdir()
    (work / "docker/config.json").write_text(json.dumps({"auths": {registry.host: {"auth": auth}}}))

    def run(*args: str, key: Path) -> tuple[int, str, str]:
        (work / "key.pub").write_bytes(key.read_bytes())
        container = docker_client.containers.run(
            tag, [args[0], "--key", "/w/key.pub", "--insecure-ignore-tlog=true",
                  "--allow-http-registry", *args[1:]],
            network_mode="host", environment={"DOCKER_CONFIG": "/w/docker"},
            volumes={str(work): {"bind": "/w", "mode": "ro"}}, detach=True)
        try:
            code = container.wait(timeout=120)["StatusCode"]
            out = container.logs(stdout=True, stderr=False).decode()
            err = container.logs(stdout=False, stderr=True).decode()
        finally:
            container.remove(force=True)
        return code, out, err

    return run


def _payloads(stdout: str) -> list[dict]:
    """The in-toto statements cosign verify-attestation printed (one envelope per line)."""
    return [json.loads(base64.b64decode(json.loads(line)["payload"]))
            for line in stdout.splitlines() if line.startswith("{")]


def test_cosign_verifies_the_signatures_and_attestations(signed, cosign, keys, first_build):
    _, outcomes = first_build
    pub = keys["a"][1]
    image, artifact = list(signed.signed.digests)
    assert signed.signed.digests == {image: "image", artifact: "wasm artifact"}
    assert (signed.signed.signatures_written, signed.signed.attestations_written) == (2, 4)
    ref = f"{signed.where}:{ZLIB}"

    code, out, err = cosign("verify", ref, key=pub)
    assert code == 0, err
    [claim] = json.loads(out)
    assert claim["critical"]["image"]["docker-manifest-digest"] == image
    assert "The signatures were verified against the specified public key" in err
    code, out, err = cosign("verify", f"{signed.where}:{ZLIB}-wasm", key=pub)
    assert code == 0 and json.loads(out)[0]["critical"]["image"][
        "docker-manifest-digest"] == artifact, err

    code, out, err = cosign("verify-attestation", "--type", "slsaprovenance1", ref, key=pub)
    assert code == 0, err
    [statement] = _payloads(out)
    assert statement["predicateType"] == "https://slsa.dev/provenance/v1"
    assert {"sha256": image.split(":")[1]} in [s["digest"] for s in statement["subject"]]
    predicate = statement["predicate"]
    job = outcomes["zlib"].job
    assert predicate["buildDefinition"]["internalParameters"]["cache_key"] == job.cache_key
    deps = {d["name"]: d for d in predicate["buildDefinition"]["resolvedDependencies"]}
    assert deps["source:zlib"]["digest"]["sha256"] == job.version.source.sha256
    assert deps["recipe:zlib"]["digest"]["sha256"] == job.recipe.text_sha256
    wasm = next(o for o in outcomes["zlib"].manifest.outputs if o.path.endswith(".wasm"))
    products = {p["name"]: p["digest"]["sha256"] for p in predicate["runDetails"]["byproducts"]}
    assert products[f"zlib:{wasm.path}"] == wasm.sha256
    assert products["image-index"] == image.split(":")[1]

    code, out, err = cosign("verify-attestation", "--type", "cyclonedx",
                            f"{signed.where}:{ZLIB}-wasm", key=pub)
    assert code == 0, err
    [bom] = _payloads(out)
    assert bom["predicateType"] == "https://cyclonedx.org/bom"
    assert bom["predicate"]["bomFormat"] == "CycloneDX"
    assert {"sha256": artifact.split(":")[1]} in [s["digest"] for s in bom["subject"]]


def test_cosign_refuses_another_key(signed, cosign, keys):
    other = keys["b"][1]
    code, _, err = cosign("verify", f"{signed.where}:{ZLIB}", key=other)
    assert code != 0 and "no matching signatures" in err, err
    code, _, err = cosign("verify-attestation", "--type", "slsaprovenance1",
                          f"{signed.where}:{ZLIB}", key=other)
    assert code != 0 and "no matching attestations" in err, err
    with pytest.raises(VerificationFailed) as failed:
        verify_image(Farm(settings_for(REPO)), f"{signed.where}:{ZLIB}", other)
    assert f"made by the key {other}" in str(failed.value)


def test_republishing_signs_nothing_new_and_keeps_one_signature(
        signed, first_build, keys, tmp_path):
    """The CLI, with the key from the setting: nothing new is written."""
    settings, _ = first_build
    env = dict(os.environ, WASMKILN_REGISTRY_USERNAME=USER, WASMKILN_REGISTRY_PASSWORD=PASSWORD,
               DOCKER_CONFIG=str(tmp_path), WASMKILN_OUTPUT=str(settings.output_dir),
               WASMKILN_SIGNING_KEY=str(keys["a"][0]))
    done = subprocess.run([sys.executable, "-m", "invoke", "publish", "zlib", "--to",
                           signed.where.rsplit("/", 1)[0]], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (f"signed with {keys['a'][0]}: 0 signatures and 0 attestations written (all were "
            "already there)") in done.stdout
    for digest, what in signed.signed.digests.items():
        assert f"{what:<14} {digest}" in done.stdout
    assert "PRIVATE KEY" not in done.stdout + done.stderr
    client = RegistryClient(Reference.parse(signed.where))
    for digest in signed.signed.digests:
        assert len(signatures.read_layers(client, signatures.sig_tag(digest))) == 1
        kinds = [la.annotations["predicateType"]
                 for la in signatures.read_layers(client, signatures.att_tag(digest))]
        assert sorted(kinds) == [signing.CYCLONEDX_BOM, signing.SLSA_PROVENANCE_V1]


def test_a_moved_tag_and_a_copied_signature_are_refused(
        first_build, registry_env, keys, cosign, tmp_path):
    settings, outcomes = first_build
    [zlib] = Farm(env_now(settings)).publish(["zlib"], to=f"{registry_env.host}/moved",
                                    sign_key=keys["a"][0])
    zlib_index = next(d for d, what in zlib.signed.digests.items() if what == "image")
    # someone with push access moves the tag to another image (sqlite's, unsigned)
    sqlite = package.build_package([(outcomes["sqlite"].job, outcomes["sqlite"].manifest,
                                     outcomes["sqlite"].directory)], tmp_path / "images")
    client = RegistryClient(Reference.parse(zlib.where))
    to_registry(sqlite.layout, content_of(sqlite.layout), client)
    other = sqlite.summary["image"]["index"]
    client.put_manifest(ZLIB, "application/vnd.oci.image.index.v1+json",
                        (sqlite.layout / "blobs/sha256" / other.split(":")[1]).read_bytes())
    farm = Farm(settings_for(REPO))
    with pytest.raises(VerificationFailed) as failed:
        verify_image(farm, f"{zlib.where}:{ZLIB}", keys["a"][1])
    assert "carries no cosign signature" in str(failed.value)
    assert other in str(failed.value) and f"{zlib.where}:{ZLIB}" in str(failed.value)
    code, _, err = cosign("verify", f"{zlib.where}:{ZLIB}", key=keys["a"][1])
    assert code != 0 and "no signatures found" in err, err

    # ... and copies zlib's signature and attestations to the new digest's tags
    for tag in (signatures.sig_tag, signatures.att_tag):
        raw = client.get_manifest(tag(zlib_index), signatures.SIGNED_TYPES)
        assert raw is not None
        client.put_manifest(tag(other), "application/vnd.oci.image.manifest.v1+json", raw)
    with pytest.raises(VerificationFailed) as failed:
        verify_image(farm, f"{zlib.where}:{ZLIB}", keys["a"][1])
    assert f"signs {zlib_index}, not this digest" in str(failed.value)
    code, _, err = cosign("verify", f"{zlib.where}:{ZLIB}", key=keys["a"][1])
    assert code != 0 and "invalid or missing digest in claim" in err, err
    # the untouched tags still verify
    assert verify_image(farm, f"{zlib.where}:{ZLIB}-default", keys["a"][1]).digest == zlib_index


def test_a_checkout_with_other_inputs_is_named(signed, keys, tmp_path):
    root = make_project(tmp_path / "checkout", copy_recipes=("zlib",))
    recipe = root / "recipes/zlib/recipe.toml"
    # edited after the image was published, in a way that changes the build
    recipe.write_text("source_date_epoch = 1700000000\n" + recipe.read_text())
    with pytest.raises(VerificationFailed) as failed:
        verify_image(Farm(settings_for(root)), f"{signed.where}:{ZLIB}", keys["a"][1])
    message = str(failed.value)
    assert "signed and its provenance verifies, but this checkout would not build it" in message
    assert "zlib 1.3.1 (default): recipe file recipes/zlib/recipe.toml differs" in message


def test_verify_image_rebuild_reproduces_the_digest(signed, keys, first_build, tmp_path):
    """The CLI, as a user runs it: a scratch rebuild of zlib gives the very same image."""
    settings, _ = first_build
    env = dict(os.environ, WASMKILN_REGISTRY_USERNAME=USER, WASMKILN_REGISTRY_PASSWORD=PASSWORD,
               DOCKER_CONFIG=str(tmp_path), WASMKILN_OUTPUT=str(tmp_path / "out"),
               WASMKILN_CACHE=str(settings.cache_dir))
    done = subprocess.run([sys.executable, "-m", "invoke", "verify-image", f"{signed.where}:{ZLIB}",
                           "--key", str(keys["a"][1]), "--rebuild"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    image = next(d for d, what in signed.signed.digests.items() if what == "image")
    assert f"rebuild       {image}: identical" in done.stdout
    assert "compiled in" in done.stdout + done.stderr  # it did build, not reuse
    assert not list((tmp_path / "out").glob("zlib"))  # nothing stored in the user's output
    leftovers = [p for p in settings.cache_dir.iterdir() if p.name.startswith("rebuild-")]
    assert leftovers == []


def test_signing_needs_a_registry_and_a_usable_key(first_build, keys, tmp_path):
    settings, _ = first_build
    farm = Farm(env_now(settings))
    with pytest.raises(SigningError) as err:
        farm.publish(["zlib"], to=f"oci:{tmp_path}", sign_key=keys["a"][0])
    assert "publish with --to HOST[:PORT]/NAMESPACE" in str(err.value)
    env = dict(os.environ, WASMKILN_OUTPUT=str(settings.output_dir),
               WASMKILN_SIGNING_KEY=str(keys["a"][1]))  # a public key where the private belongs
    done = subprocess.run([sys.executable, "-m", "invoke", "publish", "zlib", "--to",
                           "127.0.0.1:9/x"], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300)
    message = " ".join(done.stderr.split())
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"Signing key {keys['a'][1]} is not a PEM private key" in message
    assert "PUBLIC KEY" not in done.stderr and "PRIVATE KEY" not in done.stderr



def test_the_key_goes_nowhere(signed, first_build, registry, keys):
    """Neither the PEM nor the private scalar is in outputs, caches, packages or the registry."""
    settings, _ = first_build
    key = signing.load_signing_key(keys["a"][0]).key
    secrets = [line.encode() for line in keys["a"][0].read_text().splitlines()[1:-1]]
    secrets.append(key.private_numbers().private_value.to_bytes(32, "big"))
    searched = 0
    for root in (settings.output_dir, settings.cache_dir, registry.storage):
        for path in root.rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                searched += 1
                assert not any(secret in data for secret in secrets), path
    provenance_file = next(settings.images_dir.rglob("provenance.json"))
    assert signed.signed is not None and searched > 20 and provenance_file.stat().st_size > 0


def test_a_provenance_wasmkiln_did_not_write_is_refused(first_build, registry_env, keys):
    settings, _ = first_build
    [zlib] = Farm(env_now(settings)).publish(["zlib"], to=f"{registry_env.host}/foreign",
                                    sign_key=keys["a"][0])
    image = next(d for d, what in zlib.signed.digests.items() if what == "image")
    key = signing.load_signing_key(keys["a"][0])
    statement = signing.statement([signing.subject(zlib.where, image)],
                                  signing.SLSA_PROVENANCE_V1,
                                  {"buildDefinition": {"buildType": "https://example.com/x"}})
    client = RegistryClient(Reference.parse(zlib.where))
    written = signatures.attest(client, image, key, [
        (signing.SLSA_PROVENANCE_V1, statement, signing.dsse_envelope(key, statement))])
    assert written == [signing.SLSA_PROVENANCE_V1]  # it replaced this key's own provenance
    with pytest.raises(VerificationFailed) as failed:
        verify_image(Farm(settings_for(REPO)), f"{zlib.where}:{ZLIB}", keys["a"][1])
    assert "its signed provenance is not one wasmkiln wrote" in str(failed.value)
