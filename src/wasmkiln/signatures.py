"""cosign's storage of signatures and attestations in a registry, written and read through
RegistryClient: for a manifest or index `sha256:HEX` in a repository,

  sha256-HEX.sig  an image manifest whose layers are simple-signing payloads, each with its
                  base64 ECDSA signature in the `dev.cosignproject.cosign/signature` annotation;
  sha256-HEX.att  an image manifest whose layers are DSSE envelopes of in-toto statements,
                  each annotated with its `predicateType`.

Other signers' layers are kept when ours are added; a layer this key already wrote with the
same content is not written again, so re-publishing signs nothing new.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from . import oci, signing
from .registry import RegistryClient

DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
SIGNED_TYPES = (oci.IMAGE_INDEX, oci.IMAGE_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST)
_SIG_MANIFESTS = (oci.IMAGE_MANIFEST, DOCKER_MANIFEST)


def sig_tag(digest: str) -> str:
    return digest.replace(":", "-") + ".sig"


def att_tag(digest: str) -> str:
    return digest.replace(":", "-") + ".att"


@dataclass(frozen=True)
class Layer:
    descriptor: dict[str, Any]
    data: bytes

    @property
    def annotations(self) -> dict[str, str]:
        return dict(self.descriptor.get("annotations") or {})


def read_layers(client: RegistryClient, tag: str) -> list[Layer]:
    """The layers of the signature or attestation manifest under `tag` (none if absent)."""
    raw = client.get_manifest(tag, _SIG_MANIFESTS)
    if raw is None:
        return []
    manifest = json.loads(raw)
    return [Layer(d, client.get_blob(d["digest"])) for d in manifest.get("layers", [])]


def _write(client: RegistryClient, tag: str, layers: list[Layer]) -> None:
    """Push blobs, a config naming them, and the manifest under `tag`."""
    config = oci.Blob.of_json(oci.IMAGE_CONFIG, {
        "architecture": "", "os": "", "config": {},
        "rootfs": {"type": "layers", "diff_ids": [la.descriptor["digest"] for la in layers]}})
    for digest, data in [(la.descriptor["digest"], la.data) for la in layers] + \
            [(config.digest, config.data)]:
        if not client.has_blob(digest):
            client.put_blob(digest, data)
    manifest = oci.image_manifest(config.descriptor(), [la.descriptor for la in layers])
    client.put_manifest(tag, oci.IMAGE_MANIFEST, manifest.data)


def sign(client: RegistryClient, digest: str, key: signing.SigningKey) -> bool:
    """Attach this key's signature of `digest` unless it is already there; True if written."""
    tag = sig_tag(digest)
    payload = signing.simple_signing_payload(str(client.ref), digest)
    layers = read_layers(client, tag)
    for layer in layers:
        if layer.data == payload and _signature_ok(key.public, layer):
            return False
    blob = oci.Blob(signing.SIMPLE_SIGNING, payload)
    ours = Layer(blob.descriptor(annotations={
        signing.SIGNATURE_ANNOTATION: signing.b64(key.sign(payload))}), payload)
    _write(client, tag, [*layers, ours])
    return True


def attest(client: RegistryClient, digest: str, key: signing.SigningKey,
           envelopes: list[tuple[str, bytes, bytes]]) -> list[str]:
    """Attach DSSE envelopes (predicate type, statement, envelope) to `digest`; an
    attestation of the same type this key made earlier is replaced, an identical one kept.
    Returns the predicate types written."""
    tag = att_tag(digest)
    layers = read_layers(client, tag)
    kept, written = [], []
    by_type = {kind: (statement, envelope) for kind, statement, envelope in envelopes}
    for layer in layers:
        kind = layer.annotations.get(signing.PREDICATE_ANNOTATION, "")
        opened = _opened(key.public, layer)
        if kind in by_type and opened is not None:
            if opened == by_type[kind][0] and layer.annotations == _att_annotations(kind):
                kept.append(layer)
                del by_type[kind]
            continue  # ours, superseded
        kept.append(layer)
    for kind, (_, envelope) in by_type.items():
        blob = oci.Blob(signing.DSSE_ENVELOPE, envelope)
        kept.append(Layer(blob.descriptor(annotations=_att_annotations(kind)), envelope))
        written.append(kind)
    if written or len(kept) != len(layers):
        _write(client, tag, kept)
    return written


def _att_annotations(kind: str) -> dict[str, str]:
    # cosign reads every layer's signature annotation; a DSSE envelope carries its own
    # signatures, so it is present and empty (as cosign's own attestations have it)
    return {signing.PREDICATE_ANNOTATION: kind, signing.SIGNATURE_ANNOTATION: ""}


def _signature_ok(key: signing.VerifyKey, layer: Layer) -> bool:
    try:
        signature = signing.unb64(layer.annotations.get(signing.SIGNATURE_ANNOTATION, ""))
    except ValueError:
        return False
    return key.verifies(layer.data, signature)


def _opened(key: signing.VerifyKey, layer: Layer) -> bytes | None:
    if layer.descriptor.get("mediaType") != signing.DSSE_ENVELOPE:
        return None
    try:
        opened = signing.open_envelope(key, layer.data)
    except ValueError:
        return None
    return None if opened is None or opened[0] != signing.IN_TOTO else opened[1]


# -- reading back, for verification ----------------------------------------------------------

@dataclass(frozen=True)
class SignatureCheck:
    layers: int  # simple-signing layers found
    verified: int  # of which signed by the key
    claims: tuple[str, ...]  # digests those verified signatures claim


def check_signatures(client: RegistryClient, digest: str,
                     key: signing.VerifyKey) -> SignatureCheck:
    layers = [la for la in read_layers(client, sig_tag(digest))
              if la.descriptor.get("mediaType") == signing.SIMPLE_SIGNING]
    claims = []
    for layer in layers:
        if _signature_ok(key, layer):
            try:
                claims.append(signing.signed_digest(layer.data))
            except (ValueError, KeyError, TypeError):
                claims.append("(unreadable payload)")
    return SignatureCheck(len(layers), len(claims), tuple(claims))


def verified_statements(client: RegistryClient, digest: str,
                        key: signing.VerifyKey) -> tuple[int, list[dict[str, Any]]]:
    """(attestation layers found, the in-toto statements among them this key signed)."""
    layers = read_layers(client, att_tag(digest))
    found = []
    for layer in layers:
        opened = _opened(key, layer)
        if opened is None:
            continue
        try:
            document = json.loads(opened)
        except ValueError:
            continue
        if isinstance(document, dict) and document.get("_type") == signing.STATEMENT_V1:
            found.append(document)
    return len(layers), found
