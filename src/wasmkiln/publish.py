"""Publish packaged images: copy an OCI layout's content to a target in an order that never
leaves a tag pointing at something missing: blobs first, then manifests by digest (children
before parents), tags last. Content already at the target is not sent again.

Targets: a registry repository prefix (HOST[:PORT]/NAMESPACE → NAMESPACE/<recipe>:<tag>), or
a local OCI image layout directory (`oci:PATH`, one layout per recipe; the default).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from . import atomic, oci
from .package import Packaged
from .push import Content, content_of, to_registry
from .registry import Reference, RegistryClient, Stats


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
    return Published(name, str(ref), to_registry(packaged.layout, content, RegistryClient(ref)))


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
    atomic.write_bytes(dest / "index.json", oci.image_index(merged).data)  # tags appear last
    return stats
