"""Copy the content of an OCI image layout to a registry repository, in an order that never
leaves a tag pointing at something missing, sending only what the registry lacks. Used by
`publish` (images) and by the build cache (build artifacts)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import oci
from .registry import RegistryClient, Stats


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


def to_registry(layout: Path, content: Content, client: RegistryClient) -> Stats:
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
