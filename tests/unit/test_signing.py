"""Keys, ECDSA, DSSE and cosign's payloads (pure); openssl checks the signatures independently."""

from __future__ import annotations

import base64
import json
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from wasmkiln import signing
from wasmkiln.errors import SigningError

DIGEST = "sha256:" + "ab" * 32


def write_keypair(directory, name="key", curve=None):
    """A PEM PKCS#8 private key and its PEM public key, as openssl genpkey/pkey write them."""
    key = ec.generate_private_key(curve or ec.SECP256R1())
    private = directory / f"{name}.pem"
    public = directory / f"{name}.pub"
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    public.write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return private, public


@pytest.fixture
def keys(tmp_path):
    a, a_pub = write_keypair(tmp_path, "a")
    b, b_pub = write_keypair(tmp_path, "b")
    return signing.load_signing_key(a), signing.load_verify_key(a_pub), \
        signing.load_signing_key(b), a_pub


def test_pae_is_dsse_v1():
    # the example of the DSSE v1 protocol description
    assert signing.pae("http://example.com/HelloWorld", b"hello world") == \
        b"DSSEv1 29 http://example.com/HelloWorld 11 hello world"
    assert signing.pae("", b"") == b"DSSEv1 0  0 "


def test_signatures_verify_with_the_key_only(keys):
    a, a_pub, b, _ = keys
    signature = a.sign(b"payload")
    assert a_pub.verifies(b"payload", signature)
    assert not a_pub.verifies(b"payload!", signature)
    assert not a_pub.verifies(b"payload", b.sign(b"payload"))
    assert not a_pub.verifies(b"payload", b"not DER")
    assert a.sign(b"payload") != signature  # ECDSA is randomised; both verify
    assert a.public.keyid == a_pub.keyid != b.public.keyid


def test_openssl_verifies_what_wasmkiln_signs(keys, tmp_path):
    a, _, _, a_pub_path = keys
    payload = signing.simple_signing_payload("127.0.0.1:5000/x/zlib", DIGEST)
    (tmp_path / "payload").write_bytes(payload)
    (tmp_path / "sig").write_bytes(a.sign(payload))
    done = subprocess.run(["openssl", "dgst", "-sha256", "-verify", str(a_pub_path),
                           "-signature", str(tmp_path / "sig"), str(tmp_path / "payload")],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "Verified OK" in done.stdout, done.stderr
    (tmp_path / "payload").write_bytes(payload.replace(b"ab", b"cd", 1))
    tampered = subprocess.run(["openssl", "dgst", "-sha256", "-verify", str(a_pub_path),
                               "-signature", str(tmp_path / "sig"),
                               str(tmp_path / "payload")], capture_output=True, text=True)
    assert tampered.returncode != 0


def test_simple_signing_payload_is_cosigns_shape():
    payload = signing.simple_signing_payload("ghcr.io/acme/wasm/zlib", DIGEST)
    assert json.loads(payload) == {
        "critical": {"identity": {"docker-reference": "ghcr.io/acme/wasm/zlib"},
                     "image": {"docker-manifest-digest": DIGEST},
                     "type": "cosign container image signature"},
        "optional": None}
    assert signing.signed_digest(payload) == DIGEST
    with pytest.raises(ValueError):
        signing.signed_digest(b'{"critical": {"type": "something else"}}')


def test_dsse_envelope_opens_with_the_key_only(keys):
    a, a_pub, b, _ = keys
    statement = signing.statement([signing.subject("r", DIGEST)], signing.SLSA_PROVENANCE_V1,
                                  {"x": 1})
    envelope = json.loads(signing.dsse_envelope(a, statement))
    assert envelope["payloadType"] == "application/vnd.in-toto+json"
    assert base64.b64decode(envelope["payload"]) == statement
    [sig] = envelope["signatures"]
    assert a_pub.verifies(signing.pae(signing.IN_TOTO, statement), base64.b64decode(sig["sig"]))

    assert signing.open_envelope(a_pub, json.dumps(envelope).encode()) == \
        (signing.IN_TOTO, statement)
    assert signing.open_envelope(b.public, json.dumps(envelope).encode()) is None
    # the signature covers the payload type too (PAE), not only the payload
    retyped = dict(envelope, payloadType="text/plain")
    assert signing.open_envelope(a_pub, json.dumps(retyped).encode()) is None
    swapped = dict(envelope, payload=base64.b64encode(statement + b" ").decode())
    assert signing.open_envelope(a_pub, json.dumps(swapped).encode()) is None
    with pytest.raises(ValueError):
        signing.open_envelope(a_pub, b'{"payload": "e30="}')


def test_statements_name_their_subjects():
    document = json.loads(signing.statement(
        [signing.subject("reg/x", DIGEST), signing.subject("x.wasm", "cd" * 32)],
        signing.CYCLONEDX_BOM, {"bomFormat": "CycloneDX"}))
    assert document["_type"] == "https://in-toto.io/Statement/v1"
    assert document["subject"][0] == {"name": "reg/x", "digest": {"sha256": "ab" * 32}}
    assert document["subject"][1]["digest"] == {"sha256": "cd" * 32}
    assert signing.statement_covers(document, DIGEST)
    assert signing.statement_covers(document, "sha256:" + "cd" * 32)
    assert not signing.statement_covers(document, "sha256:" + "ef" * 32)


def test_unusable_keys_are_one_paragraph_naming_the_file_never_the_key(tmp_path):
    p384, p384_pub = write_keypair(tmp_path, "p384", ec.SECP384R1())
    rsa_key = tmp_path / "rsa.pem"
    rsa_key.write_bytes(rsa.generate_private_key(65537, 2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    good, good_pub = write_keypair(tmp_path, "good")
    encrypted = tmp_path / "enc.pem"
    encrypted.write_bytes(signing.load_signing_key(good).key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"pw")))
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    cases = [(p384, "EC P-256"), (rsa_key, "EC P-256"), (encrypted, "encrypted"),
             (garbage, "not a PEM private key"), (tmp_path / "missing.pem", "cannot be read"),
             (good_pub, "not a PEM private key")]
    for path, why in cases:
        with pytest.raises(SigningError) as err:
            signing.load_signing_key(path)
        message = str(err.value)
        assert str(path) in message and why in message and "\n" not in message
    secret = good.read_text().splitlines()[1]
    loaded = signing.load_signing_key(good)
    assert secret not in repr(loaded) and str(good) in repr(loaded)
    for path in (good, p384_pub):
        with pytest.raises(SigningError) as err:
            signing.load_verify_key(path)
        assert str(path) in str(err.value)
        assert secret not in str(err.value)
    assert signing.load_verify_key(good_pub).keyid == loaded.public.keyid
