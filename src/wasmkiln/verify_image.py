"""`invoke verify-image REF --key PUB [--rebuild]`: prove a published image is what it claims.

1. the tag (or digest) resolves to a digest that carries a cosign signature made by the key and
   claiming that very digest (a moved tag or a copied signature fails here);
2. SLSA v1 provenance and CycloneDX SBOM attestations, DSSE-signed by the key, name that digest;
3. the provenance's inputs (recipe, sources, patches, builder, toolchain pins, per job) are what
   this checkout's recipe book would build: each difference is named;
4. with `rebuild`, everything is built again from scratch in a throwaway output directory,
   packaged with the recorded creation time, and the digest must come out the same.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import package, provenance, signatures, signing
from .errors import VerificationFailed, WasmkilnError
from .farm import Farm
from .plan import Job, build_order
from .registry import Reference, RegistryClient


@dataclass(frozen=True)
class ImageRef:
    """HOST[:PORT]/REPOSITORY followed by :TAG or @sha256:DIGEST."""

    repository: Reference
    tag: str | None
    digest: str | None

    @classmethod
    def parse(cls, text: str) -> ImageRef:
        name, at, digest = text.partition("@")
        tag = None
        head, _, last = name.rpartition("/")
        if ":" in last:
            last, _, tag = last.partition(":")
            name = f"{head}/{last}"
        shape = ("HOST[:PORT]/REPOSITORY:TAG or HOST[:PORT]/REPOSITORY@sha256:HEX, the "
                 "repository in lowercase")
        if (not at and not tag) or (at and not digest.startswith("sha256:")):
            raise WasmkilnError(f"Image reference {text!r} must name a tag or a digest: {shape}.")
        try:
            repository = Reference.parse(name)
        except WasmkilnError:
            raise WasmkilnError(f"Image reference {text!r} must look like {shape} (e.g. "
                                "ghcr.io/acme/wasm/sqlite:3.46.1).") from None
        return cls(repository, tag or None, digest or None)

    def __str__(self) -> str:
        return f"{self.repository}@{self.digest}" if self.digest else \
            f"{self.repository}:{self.tag}"


@dataclass(frozen=True)
class Verification:
    reference: str
    digest: str
    what: str  # "image" or "wasm artifact"
    label: str  # recipe version (variant)
    cache_key: str
    signatures: int  # signatures by the key claiming the digest
    attestations: tuple[str, ...]  # predicate types verified
    rebuilt: str | None = None  # the digest the rebuild produced
    rebuild_seconds: float | None = None


def verify_image(farm: Farm, text: str, key_path: Path, rebuild: bool = False
                 ) -> Verification:
    """Verify REF against the public key (and this checkout; and a rebuild); raise
    VerificationFailed naming the first thing that does not hold."""
    key = signing.load_verify_key(key_path)
    ref = ImageRef.parse(text)
    client = RegistryClient(ref.repository, farm.settings.registry)
    digest = client.manifest_digest(ref.digest or str(ref.tag), signatures.SIGNED_TYPES)
    if digest is None:
        raise VerificationFailed(f"{ref}: the registry has no such manifest, so there is "
                                 "nothing to verify.")
    signed = _check_signature(client, ref, digest, key)
    statements = _statements(client, ref, digest, key)
    document = statements[signing.SLSA_PROVENANCE_V1]["predicate"]
    try:
        if document["buildDefinition"]["buildType"] != provenance.BUILD_TYPE:
            raise ValueError(document["buildDefinition"]["buildType"])
        name, version, variant, created = provenance.target(document)
        recorded = provenance.recorded_jobs(document)[name]
    except (KeyError, TypeError, ValueError) as exc:
        raise VerificationFailed(
            f"{ref} ({digest}): its signed provenance is not one wasmkiln wrote (build type "
            f"{provenance.BUILD_TYPE}; problem: {exc!r}), so there is nothing to compare with "
            "this checkout.") from None
    annotations = json.loads(client.get_manifest(digest, signatures.SIGNED_TYPES) or b"{}"
                             ).get("annotations", {})
    if annotations.get("org.opencontainers.image.revision") != recorded["cache_key"]:
        raise VerificationFailed(
            f"{ref} ({digest}): its provenance describes the build with cache key "
            f"{recorded['cache_key'][:16]}…, but the manifest's revision annotation says "
            f"{str(annotations.get('org.opencontainers.image.revision'))[:16]}…: the "
            "provenance belongs to another image.")
    image = _byproduct(document, "image-index")
    what = "image" if digest == image else "wasm artifact"
    job, opt_level = _plan(farm, ref, document, name, version, variant)
    result = Verification(str(ref), digest, what, job.label, recorded["cache_key"],
                          signed, tuple(sorted(statements)))
    if not rebuild:
        return result
    return _rebuild(farm, ref, job, opt_level, digest, what, created, result)


def _check_signature(client: RegistryClient, ref: ImageRef, digest: str,
                     key: signing.VerifyKey) -> int:
    """How many signatures by `key` claim `digest` (at least one, or VerificationFailed)."""
    found = signatures.check_signatures(client, digest, key)
    where = f"{signatures.sig_tag(digest)} in {ref.repository}"
    if found.layers == 0:
        raise VerificationFailed(f"{ref} ({digest}) carries no cosign signature: there is "
                                 f"no {where}. It was never signed, or the tag was moved to "
                                 "an unsigned manifest.")
    if found.verified == 0:
        raise VerificationFailed(
            f"{ref} ({digest}): none of the {found.layers} signature(s) under {where} was "
            f"made by the key {key.origin}; it was signed with another key.")
    if digest not in found.claims:
        raise VerificationFailed(
            f"{ref} ({digest}): the signature under {where} verifies with {key.origin} but "
            f"signs {', '.join(sorted(set(found.claims)))}, not this digest: the signature was "
            "copied from another image. Do not trust this tag.")
    return found.claims.count(digest)


def _statements(client: RegistryClient, ref: ImageRef, digest: str,
                key: signing.VerifyKey) -> dict[str, dict[str, Any]]:
    layers, found = signatures.verified_statements(client, digest, key)
    where = f"{signatures.att_tag(digest)} in {ref.repository}"
    chosen: dict[str, dict[str, Any]] = {}
    for document in found:
        if signing.statement_covers(document, digest):
            chosen.setdefault(str(document.get("predicateType")), document)
    for kind, what in ((signing.SLSA_PROVENANCE_V1, "SLSA v1 provenance"),
                       (signing.CYCLONEDX_BOM, "CycloneDX SBOM")):
        if kind not in chosen:
            seen = (f"{layers} attestation(s) there, {len(found)} signed by {key.origin}, "
                    "none of them this kind for this digest") if layers else "none there"
            raise VerificationFailed(f"{ref} ({digest}) has no {what} attestation signed by "
                                     f"{key.origin} under {where} ({seen}).")
    return chosen


def _byproduct(document: dict[str, Any], name: str) -> str:
    for entry in document["runDetails"].get("byproducts", []):
        if entry.get("name") == name:
            algorithm, hexdigest = next(iter(entry["digest"].items()))
            return f"{algorithm}:{hexdigest}"
    return ""


def _plan(farm: Farm, ref: ImageRef, document: dict[str, Any], name: str, version: str,
          variant: str) -> tuple[Job, str | None]:
    """The job this checkout builds for the provenance's target and the --opt-level that
    takes (None: the recipe's own); VerificationFailed naming every input that differs."""
    wanted = document["buildDefinition"]["externalParameters"].get("optimise", {})
    opt_level = None
    try:
        job = farm.plan(name, version, variant)
        if wanted.get("level") and job.key_inputs["optimise"]["level"] != wanted["level"]:
            opt_level = str(wanted["level"])
            job = farm.plan(name, version, variant, opt_level=opt_level)
    except WasmkilnError as exc:
        raise VerificationFailed(
            f"{ref} is signed and its provenance verifies, but this checkout cannot plan "
            f"{name} {version} ({variant}): {exc}") from None
    differs = provenance.differences(document, build_order(job), dict(farm.toolchain.pinned))
    if differs:
        raise VerificationFailed(
            f"{ref} is signed and its provenance verifies, but this checkout would not build "
            f"it from the same inputs: {'; '.join(differs)}. Check out the recipes it was "
            "built from to verify or rebuild it.")
    return job, opt_level


def _rebuild(farm: Farm, ref: ImageRef, job: Job, opt_level: str | None, digest: str,
             what: str, created: int, result: Verification) -> Verification:
    started = time.monotonic()
    farm.settings.cache_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="rebuild-", dir=farm.settings.cache_dir))
    fresh = Farm(farm.settings._replace(output_dir=scratch / "build-output"))
    outcomes = fresh.build(job.name, job.version.version, job.variant.name,
                           opt_level=opt_level)
    packaged = package.build_package([(o.job, o.manifest, o.directory) for o in outcomes],
                                     scratch / "images", created=created)
    s = packaged.summary
    got = s["image"]["index"] if what == "image" else s["artifact"]["manifest"]
    if got != digest:
        raise VerificationFailed(
            f"{ref}: rebuilding {job.label} from the same inputs gave {what} {got}, not "
            f"{digest}: the build is not reproducible here, or the image was not built from "
            f"what its provenance says. The rebuild is kept in {scratch} for comparison.")
    shutil.rmtree(scratch, ignore_errors=True)
    return dataclasses.replace(result, rebuilt=got,
                               rebuild_seconds=round(time.monotonic() - started, 1))
