"""Publish packaged images: copy an OCI layout's content to a target in an order that never
leaves a tag pointing at something missing: blobs first, then manifests by digest (children
before parents), tags last. Content already at the target is not sent again.

Targets: a registry repository prefix (HOST[:PORT]/NAMESPACE → NAMESPACE/<recipe>:<tag>), or
a local OCI image layout directory (`oci:PATH`, one layout per recipe; the default).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import atomic, oci
from .package import Packaged
from .registry import Reference, RegistryClient, Stats


@dataclass(frozen=True)
class Content:
    """Everything one layout holds, in push order."""

    blobs: list[dict[str, Any]]  # descriptors of non-manifest blobs
    manifests: list[tuple[str, str, bytes]]  # (digest, media type, bytes), children first
    tags: list[tuple[str, str]]  # (tag, digest)


def content_of(layout: Path) -> Content:
    blobs: dict[str, dict[str, Any]] = {}
    manifests: dict[str, tuple[str, str, bytes]] = {}

    def visit(descriptor: dict[str, Any]) -> None:
        digest = descriptor["digest"]
        if descriptor["mediaType"] not in oci.MANIFEST_TYPES:
            blobs.setdefault(digest, descriptor)
            return
        if digest in manifests:
            return
        data = oci.blob_path(layout, digest).read_bytes()
        for child in oci.children(json.loads(data)):
            visit(child)
        manifests[digest] = (digest, descriptor["mediaType"], data)

    tags = []
    for entry in oci.read_index(layout)["manifests"]:
        visit(entry)
        tag = entry.get("annotations", {}).get(oci.REF_NAME)
        if tag:
            tags.append((tag, entry["digest"]))
    return Content(list(blobs.values()), list(manifests.values()), tags)


@dataclass(frozen=True)
class Published:
    name: str
    where: str
    stats: Stats


def publish(packaged: Packaged, target: str | None, default_root: Path) -> Published:
    content = content_of(packaged.layout)
    name = packaged.summary["name"]
    if target is None or target.startswith("oci:"):
        root = Path(target[4:]).expanduser().resolve() if target else default_root
        return Published(name, f"oci:{root / name}",
                         _to_layout(packaged.layout, content, root / name))
    ref = Reference.parse(target).child(name)
    return Published(name, str(ref), _to_registry(packaged.layout, content, RegistryClient(ref)))


def _to_registry(layout: Path, content: Content, client: RegistryClient) -> Stats:
    """Tags first checked, then only what is missing below them, then pushed bottom-up.

    A registry accepts a manifest only when everything it references is there, so a manifest
    it already has stands for its whole subtree: a no-op re-publish costs one HEAD per tag.
    """
    stats = Stats()
    by_digest = {digest: (media_type, data) for digest, media_type, data in content.manifests}
    pending = []
    for tag, digest in content.tags:
        if client.manifest_digest(tag, (by_digest[digest][0],)) == digest:
            stats.tags_unchanged.append(tag)
        else:
            pending.append((tag, digest))

    blobs: list[dict[str, Any]] = []
    manifests: list[str] = []
    seen: set[str] = set()

    def missing_below(digest: str) -> None:
        if digest in seen:
            return
        seen.add(digest)
        media_type, data = by_digest[digest]
        if client.manifest_digest(digest, (media_type,)) == digest:
            stats.manifests_present += 1
            return
        for child in oci.children(json.loads(data)):
            if child["mediaType"] in oci.MANIFEST_TYPES:
                missing_below(child["digest"])
            elif child["digest"] not in seen:
                seen.add(child["digest"])
                if client.has_blob(child["digest"]):
                    stats.blobs_present += 1
                else:
                    blobs.append(child)
        manifests.append(digest)

    for _, digest in pending:
        missing_below(digest)
    for blob in blobs:
        data = oci.blob_path(layout, blob["digest"]).read_bytes()
        client.put_blob(blob["digest"], data)
        stats.blobs_uploaded += 1
        stats.bytes_uploaded += len(data)
    for digest in manifests:
        client.put_manifest(digest, *by_digest[digest])
        stats.manifests_uploaded += 1
    for tag, digest in pending:
        client.put_manifest(tag, *by_digest[digest])
        stats.tags_set.append(tag)
    return stats


def _to_layout(layout: Path, content: Content, dest: Path) -> Stats:
    stats = Stats()
    digests = [b["digest"] for b in content.blobs] + [m[0] for m in content.manifests]
    for digest in digests:
        target = oci.blob_path(dest, digest)
        if target.exists():
            stats.blobs_present += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(oci.blob_path(layout, digest), tmp)
        tmp.rename(target)
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
    index = {"schemaVersion": 2, "mediaType": oci.IMAGE_INDEX, "manifests": merged}
    atomic.write_bytes(dest / "index.json", oci.canonical_json(index))  # tags appear last
    return stats
