"""Keys, ECDSA P-256 signatures and the two envelopes cosign reads: the simple-signing payload
of an image signature and the DSSE envelope of an in-toto attestation. Pure: bytes in, bytes out.

Key material stays inside `SigningKey`; nothing here prints, logs or serialises a private key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from .errors import SigningError

SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json"
SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature"
SIGNATURE_TYPE = "cosign container image signature"
DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json"
IN_TOTO = "application/vnd.in-toto+json"
STATEMENT_V1 = "https://in-toto.io/Statement/v1"
PREDICATE_ANNOTATION = "predicateType"
SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1"
CYCLONEDX_BOM = "https://cyclonedx.org/bom"
_ECDSA = ec.ECDSA(hashes.SHA256())


def _compact(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class VerifyKey:
    """An EC P-256 public key and where it came from (for messages)."""

    key: ec.EllipticCurvePublicKey
    origin: str

    @property
    def keyid(self) -> str:
        """sha256 of the DER SubjectPublicKeyInfo: names the key without revealing anything."""
        der = self.key.public_bytes(serialization.Encoding.DER,
                                    serialization.PublicFormat.SubjectPublicKeyInfo)
        return hashlib.sha256(der).hexdigest()

    def pem(self) -> bytes:
        return self.key.public_bytes(serialization.Encoding.PEM,
                                     serialization.PublicFormat.SubjectPublicKeyInfo)

    def verifies(self, data: bytes, signature: bytes) -> bool:
        """True when `signature` (ASN.1 DER ECDSA over SHA-256) signs `data` with this key."""
        try:
            self.key.verify(signature, data, _ECDSA)
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True)
class SigningKey:
    """An EC P-256 private key. repr() and str() show where it came from, never the key."""

    key: ec.EllipticCurvePrivateKey = field(repr=False)
    origin: str

    @property
    def public(self) -> VerifyKey:
        return VerifyKey(self.key.public_key(), self.origin)

    def sign(self, data: bytes) -> bytes:
        """ECDSA P-256 over SHA-256 of `data`, ASN.1 DER (randomised: differs on every call)."""
        return self.key.sign(data, _ECDSA)


def _curve_is_p256(key: Any) -> bool:
    return isinstance(getattr(key, "curve", None), ec.SECP256R1)


def load_signing_key(path: Path) -> SigningKey:
    """An unencrypted PEM PKCS#8 (or SEC1) EC P-256 private key file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(f"Signing key {path} cannot be read ({exc.strerror or exc}); "
                           "--sign-key / WASMKILN_SIGNING_KEY must name a PEM private key "
                           "file.") from None
    try:
        key = serialization.load_pem_private_key(data, None)
    except TypeError:
        raise SigningError(
            f"Signing key {path} is encrypted; wasmkiln reads unencrypted PEM keys (keep the "
            "file private, e.g. a CI secret written to a 0600 file): openssl pkey -in "
            f"{path.name} -out plain.pem") from None
    except (ValueError, UnsupportedAlgorithm):
        raise SigningError(
            f"Signing key {path} is not a PEM private key wasmkiln can read. Make one with: "
            "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem"
        ) from None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not _curve_is_p256(key):
        raise SigningError(
            f"Signing key {path} is a {type(key).__name__.lstrip('_')} key; cosign's keyed "
            "signatures need an EC P-256 (prime256v1) key.")
    return SigningKey(key, str(path))


def load_verify_key(path: Path) -> VerifyKey:
    """A PEM EC P-256 public key (SubjectPublicKeyInfo, as `cosign public-key` writes)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(f"Public key {path} cannot be read ({exc.strerror or exc}).") from None
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        raise SigningError(
            f"Public key {path} is not a PEM public key (expected -----BEGIN PUBLIC KEY-----; "
            "make it with: openssl pkey -in key.pem -pubout -out pub.pem).") from None
    if not isinstance(key, ec.EllipticCurvePublicKey) or not _curve_is_p256(key):
        raise SigningError(f"Public key {path} is not an EC P-256 key, which is what "
                           "wasmkiln signs with.")
    return VerifyKey(key, str(path))


# -- cosign image signatures (simple signing) ------------------------------------------------

def simple_signing_payload(repository: str, digest: str) -> bytes:
    """The payload cosign signs for an image: it claims `digest` (the manifest/index the
    tag resolved to); `repository` is HOST/PATH, informative."""
    return _compact({"critical": {"identity": {"docker-reference": repository},
                                  "image": {"docker-manifest-digest": digest},
                                  "type": SIGNATURE_TYPE},
                     "optional": None})


def signed_digest(payload: bytes) -> str:
    """The digest a simple-signing payload claims; ValueError when it is not one."""
    data = json.loads(payload)
    critical = data["critical"] if isinstance(data, dict) else None
    if not isinstance(critical, dict) or critical.get("type") != SIGNATURE_TYPE:
        raise ValueError("not a cosign simple-signing payload")
    digest = critical["image"]["docker-manifest-digest"]
    if not isinstance(digest, str):
        raise ValueError("docker-manifest-digest is not a string")
    return digest


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(text: str) -> bytes:
    """Standard base64 (what cosign writes); ValueError on anything else."""
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"bad base64: {exc}") from None


# -- DSSE and in-toto ------------------------------------------------------------------------

def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE v1 pre-authentication encoding: what is actually signed."""
    kind = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)


def dsse_envelope(key: SigningKey, payload: bytes, payload_type: str = IN_TOTO) -> bytes:
    """A DSSE envelope over `payload`, one signature (keyid left empty, as cosign does)."""
    return _compact({"payloadType": payload_type, "payload": b64(payload),
                     "signatures": [{"keyid": "", "sig": b64(key.sign(pae(payload_type,
                                                                               payload)))}]})


def open_envelope(key: VerifyKey, envelope: bytes) -> tuple[str, bytes] | None:
    """(payloadType, payload) when one of the envelope's signatures verifies with `key`;
    None when none does. ValueError when `envelope` is not a DSSE envelope at all."""
    data = json.loads(envelope)
    if not isinstance(data, dict) or not isinstance(data.get("signatures"), list):
        raise ValueError("not a DSSE envelope")
    payload_type = str(data.get("payloadType", ""))
    payload = unb64(str(data.get("payload", "")))
    message = pae(payload_type, payload)
    for entry in data["signatures"]:
        try:
            signature = unb64(str(entry.get("sig", "")))
        except (ValueError, AttributeError):
            continue
        if key.verifies(message, signature):
            return payload_type, payload
    return None


def subject(name: str, digest: str) -> dict[str, Any]:
    """An in-toto subject from an OCI digest string (sha256:HEX) or a bare hex sha256."""
    algorithm, _, hexdigest = digest.rpartition(":")
    return {"name": name, "digest": {algorithm or "sha256": hexdigest}}


def statement(subjects: list[dict[str, Any]], predicate_type: str,
              predicate: dict[str, Any]) -> bytes:
    """An in-toto v1 Statement, serialised deterministically."""
    return _compact({"_type": STATEMENT_V1, "subject": subjects,
                     "predicateType": predicate_type, "predicate": predicate})


def statement_covers(document: dict[str, Any], digest: str) -> bool:
    """Whether an in-toto statement names `digest` (sha256:HEX) among its subjects."""
    algorithm, _, hexdigest = digest.partition(":")
    return any(isinstance(s, dict) and isinstance(s.get("digest"), dict)
               and s["digest"].get(algorithm) == hexdigest
               for s in document.get("subject", []))
