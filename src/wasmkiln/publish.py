"""Publish packaged images: copy an OCI layout's content to a target in an order that never
leaves a tag pointing at something missing: blobs first, then manifests by digest (children
before parents), tags last. Content already at the target is not sent again.

Targets: a registry repository prefix (HOST[:PORT]/NAMESPACE → NAMESPACE/<recipe>:<tag>), or
a local OCI image layout directory (`oci:PATH`, one layout per recipe; the default).

With a signing key, what was pushed to a registry is then signed in cosign's format: the image
index and the Wasm artifact each get a signature and two attestations (SLSA v1 provenance and
the CycloneDX SBOM), DSSE-signed with the same key.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import atomic, oci, provenance, signatures, signing
from .errors import SigningError, WasmkilnError
from .package import Packaged
from .plan import Job
from .push import Content, content_of, to_registry
from .registry import Reference, RegistryClient, Stats
from .settings import RegistrySettings
from .store import BuildManifest


@dataclass(frozen=True)
class Signed:
    """What signing a published image attached: per digest, signature and attestations."""

    key: str  # where the key came from (a path), never the key
    digests: dict[str, str] = field(default_factory=dict)  # digest -> image | wasm artifact
    signatures_written: int = 0
    attestations_written: int = 0


@dataclass(frozen=True)
class Published:
    name: str
    where: str
    stats: Stats
    signed: Signed | None = None


def publish(packaged: Packaged, target: str | None, default_root: Path,
            config: RegistrySettings | None = None) -> Published:
    content = content_of(packaged.layout)
    name = packaged.summary["name"]
    if target is None or target.startswith("oci:"):
        root = _layout_root(target) if target else default_root
        try:
            stats = _to_layout(packaged.layout, content, root / name)
        except OSError as exc:
            raise WasmkilnError(
                f"Cannot publish {name} to the OCI layout oci:{root / name}: "
                f"{exc.strerror or exc} ({exc.filename or root}). Tags are written last, so "
                "the layout's index was not changed; choose a writable directory for oci:PATH."
            ) from None
        return Published(name, f"oci:{root / name}", stats)
    ref = Reference.parse(target).child(name)
    return Published(name, str(ref), to_registry(packaged.layout, content,
                                                        RegistryClient(ref, config)))


def require_registry(target: str | None) -> None:
    """Signing needs a registry target (cosign finds signatures there by tag)."""
    if target is None or target.startswith("oci:"):
        raise SigningError(
            f"A signing key was given but the publish target is "
            f"{target or 'the default local OCI layout'}: signatures and attestations are "
            "attached in a registry; publish with --to HOST[:PORT]/NAMESPACE, or drop "
            "--sign-key (and unset WASMKILN_SIGNING_KEY).")


PROVENANCE = "provenance.json"


def write_provenance(packaged: Packaged, built: list[tuple[Job, BuildManifest]],
                     root: Path) -> dict[str, Any]:
    """The SLSA v1 provenance predicate of a packaged build, also kept beside the package as
    provenance.json (for signers other than wasmkiln, e.g. `cosign attest --predicate`)."""
    document = provenance.predicate(built, packaged.summary, root, _epoch(packaged))
    atomic.write_text(packaged.directory / PROVENANCE,
                      json.dumps(document, indent=2, sort_keys=True) + "\n")
    return document


def statements(packaged: Packaged, slsa: dict[str, Any], repository: str
               ) -> list[tuple[str, bytes]]:
    """(predicate type, in-toto statement) for the SLSA provenance and the SBOM, both about
    the image index, the Wasm artifact and the module itself."""
    s = packaged.summary
    subjects = [signing.subject(repository, s["image"]["index"]),
                signing.subject(repository, s["artifact"]["manifest"]),
                signing.subject(s["image"]["program"].lstrip("/"), s["artifact"]["layer"])]
    bom = json.loads(packaged.sbom.read_bytes())
    return [(signing.SLSA_PROVENANCE_V1,
             signing.statement(subjects, signing.SLSA_PROVENANCE_V1, slsa)),
            (signing.CYCLONEDX_BOM, signing.statement(subjects, signing.CYCLONEDX_BOM, bom))]


def _epoch(packaged: Packaged) -> int:
    """The image's creation time (SOURCE_DATE_EPOCH when it was packaged), in seconds."""
    stamp = datetime.datetime.strptime(packaged.summary["created"], "%Y-%m-%dT%H:%M:%SZ")
    return int(stamp.replace(tzinfo=datetime.UTC).timestamp())


def sign(published: Published, packaged: Packaged, slsa: dict[str, Any],
         key: signing.SigningKey, config: RegistrySettings | None = None) -> Published:
    """Sign the image index and the Wasm artifact just published to a registry, and attach
    the provenance (`slsa`, from write_provenance) and SBOM attestations to both."""
    ref = Reference.parse(published.where)
    client = RegistryClient(ref, config)
    envelopes = [(kind, statement, signing.dsse_envelope(key, statement))
                 for kind, statement in statements(packaged, slsa, str(ref))]
    s = packaged.summary
    digests = {s["image"]["index"]: "image", s["artifact"]["manifest"]: "wasm artifact"}
    sigs = atts = 0
    for digest in digests:
        sigs += signatures.sign(client, digest, key)
        atts += len(signatures.attest(client, digest, key, envelopes))
    return Published(published.name, published.where, published.stats,
                     Signed(key.origin, digests, sigs, atts))


_KERNEL_FILE_SYSTEMS = (Path("/proc"), Path("/sys"), Path("/dev"))


def _layout_root(target: str) -> Path:
    """The directory of `oci:PATH`, refused when empty or not a directory one can make."""
    text = target[4:].strip()
    if not text:
        raise WasmkilnError(
            f"--to {target!r} names no directory: write oci:PATH (e.g. oci:./published); each "
            "recipe gets its own OCI layout under PATH.")
    root = Path(text).expanduser().resolve()
    for existing in (root, *root.parents):
        if existing.exists():
            if not existing.is_dir():
                raise WasmkilnError(
                    f"--to {target!r}: {existing} is a file, not a directory; oci:PATH names "
                    "a directory that holds one OCI layout per recipe.")
            break
    if any(root == k or k in root.parents for k in _KERNEL_FILE_SYSTEMS):
        raise WasmkilnError(f"--to {target!r}: {root} is inside a kernel file system "
                            "(/proc, /sys, /dev), not a place for image layouts.")
    return root


def _to_layout(layout: Path, content: Content, dest: Path) -> Stats:
    stats = Stats()
    digests = [b["digest"] for b in content.blobs] + [m[0] for m in content.manifests]
    for digest in digests:
        target = oci.blob_path(dest, digest)
        if target.exists():
            stats.blobs_present += 1
            continue
        atomic.copy_file(oci.blob_path(layout, digest), target)
        stats.blobs_uploaded += 1
        stats.bytes_uploaded += target.stat().st_size
    try:
        entries = oci.read_index(dest)["manifests"]
    except FileNotFoundError:
        entries = []
    ours = {tag for tag, _ in content.tags}
    source_entries = {e["annotations"][oci.REF_NAME]: e for e in oci.read_index(layout)["manifests"]
                      if oci.REF_NAME in e.get("annotations", {})}
    kept = []
    for entry in entries:
        tag = entry.get("annotations", {}).get(oci.REF_NAME)
        if tag in ours:
            if entry["digest"] == source_entries[tag]["digest"]:
                stats.tags_unchanged.append(tag)
            continue
        kept.append(entry)
    stats.tags_set = [t for t, _ in content.tags if t not in stats.tags_unchanged]
    merged = kept + [source_entries[t] for t, _ in content.tags]
    merged.sort(key=lambda e: e.get("annotations", {}).get(oci.REF_NAME, ""))
    atomic.write_bytes(dest / "oci-layout", oci.canonical_json(oci.LAYOUT_FILE))
    atomic.write_bytes(dest / "index.json", oci.image_index(merged).data)  # tags appear last
    return stats
