"""OCI building blocks with byte-for-byte determinism: blobs, descriptors, layers, layouts.

Everything here is pure data → bytes: the same inputs give the same digests on any machine
(sorted JSON, tar entries in sorted order with fixed owners, modes and mtimes, gzip without a
timestamp or file name).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from . import atomic

IMAGE_INDEX = "application/vnd.oci.image.index.v1+json"
IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json"
LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip"
EMPTY = "application/vnd.oci.empty.v1+json"
WASM_CONFIG = "application/vnd.wasm.config.v0+json"  # CNCF TAG Runtime Wasm OCI artifact
WASM_LAYER = "application/wasm"
CYCLONEDX = "application/vnd.cyclonedx+json"
REF_NAME = "org.opencontainers.image.ref.name"
MANIFEST_TYPES = (IMAGE_INDEX, IMAGE_MANIFEST)


def canonical_json(data: Any) -> bytes:
    """The one serialisation wasmkiln writes: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True)
class Blob:
    media_type: str
    data: bytes

    @property
    def digest(self) -> str:
        return "sha256:" + hashlib.sha256(self.data).hexdigest()

    def descriptor(self, **extra: Any) -> dict[str, Any]:
        return {"mediaType": self.media_type, "digest": self.digest, "size": len(self.data),
                **extra}

    @classmethod
    def of_json(cls, media_type: str, data: Any) -> Blob:
        return cls(media_type, canonical_json(data))


EMPTY_CONFIG = Blob(EMPTY, b"{}")


def image_manifest(config: dict[str, Any], layers: list[dict[str, Any]],
                   **fields: Any) -> Blob:
    """An OCI image manifest (also the shape of artifacts) pointing at these descriptors."""
    return Blob.of_json(IMAGE_MANIFEST, {"schemaVersion": 2, "mediaType": IMAGE_MANIFEST,
                                         "config": config, "layers": layers, **fields})


def image_index(manifests: list[dict[str, Any]], **fields: Any) -> Blob:
    return Blob.of_json(IMAGE_INDEX, {"schemaVersion": 2, "mediaType": IMAGE_INDEX,
                                      "manifests": manifests, **fields})


@dataclass(frozen=True)
class LayerEntry:
    """One file or directory of a layer: its path in the image and, for files, the host file."""

    path: str  # absolute path inside the image, e.g. /sqlite3.wasm
    source: Path | None  # None: a directory
    mode: int


class UnsafeEntry(ValueError):
    """A tree to be layered holds something that would reach outside it."""


def entries_from(host: Path, image_path: str, root: Path | None = None) -> list[LayerEntry]:
    """A host file or directory tree as layer entries (parents included, executables kept).

    Nothing outside `root` (default: `host`) gets in: a symlink is followed only when it stays
    inside `root` (its target's bytes are layered), else UnsafeEntry; an image path with `..`
    is refused and the path is normalised."""
    image_path = normalise_image_path(image_path)
    root = (root or host).resolve()
    found = [LayerEntry(p, None, 0o755) for p in _parents(image_path)]
    _inside(host, root)
    if host.is_file():
        return found + [LayerEntry(image_path, host, _mode(host))]
    found.append(LayerEntry(image_path, None, 0o755))
    for dirpath, dirnames, filenames in os.walk(host):
        rel = Path(dirpath).relative_to(host)
        for d in dirnames:
            if (Path(dirpath) / d).is_symlink():
                raise UnsafeEntry(f"{Path(dirpath) / d} is a symbolic link to a directory; "
                                  "layers take real directories only")
            found.append(LayerEntry(_join(image_path, rel / d), None, 0o755))
        for f in filenames:
            source = Path(dirpath) / f
            _inside(source, root)
            found.append(LayerEntry(_join(image_path, rel / f), source, _mode(source)))
    return found


def normalise_image_path(image_path: str) -> str:
    """'/usr//lib/./x/' → '/usr/lib/x'; a path that climbs with '..' is refused."""
    if ".." in PurePosixPath(image_path).parts:
        raise UnsafeEntry(f"the image path {image_path!r} climbs out with '..'")
    return "/" + "/".join(p for p in PurePosixPath("/" + image_path).parts[1:] if p != ".")


def _inside(path: Path, root: Path) -> None:
    if not path.exists():
        if path.is_symlink():
            raise UnsafeEntry(f"{path} is a dangling symbolic link")
        return
    target = path.resolve()
    if target != root and not target.is_relative_to(root):
        raise UnsafeEntry(f"{path} resolves to {target}, outside {root}")


def _join(base: str, rel: Path) -> str:
    return base.rstrip("/") + "/" + rel.as_posix() if rel.parts else base


def _parents(image_path: str) -> list[str]:
    parts = image_path.strip("/").split("/")[:-1]
    return ["/" + "/".join(parts[: i + 1]) for i in range(len(parts))]


def _mode(path: Path) -> int:
    """0755 for modules and owner-executable files, 0644 otherwise (no umask, no group bits)."""
    return 0o755 if path.suffix == ".wasm" or path.stat().st_mode & 0o100 else 0o644


def layer_tar(entries: list[LayerEntry], mtime: int) -> bytes:
    """An uncompressed tar of the entries: sorted, deduplicated, owned by 0:0, fixed mtime."""
    unique = {e.path: e for e in entries}
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(unique):
            entry = unique[path]
            info = tarfile.TarInfo(path.lstrip("/"))
            info.mtime, info.uid, info.gid, info.uname, info.gname = mtime, 0, 0, "", ""
            info.mode = entry.mode
            if entry.source is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = entry.source.stat().st_size
                with open(entry.source, "rb") as fh:
                    tar.addfile(info, fh)
    return out.getvalue()


def gzip_deterministic(data: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return out.getvalue()


# -- OCI image layouts -----------------------------------------------------------------------

LAYOUT_FILE = {"imageLayoutVersion": "1.0.0"}


def write_layout(directory: Path, blobs: list[Blob], index_entries: list[dict[str, Any]]) -> None:
    """Write a complete OCI image layout (blobs, oci-layout, index.json) into a fresh directory."""
    for blob in blobs:
        path = blob_path(directory, blob.digest)
        if not path.exists():
            atomic.write_bytes(path, blob.data)
    atomic.write_bytes(directory / "oci-layout", canonical_json(LAYOUT_FILE))
    atomic.write_bytes(directory / "index.json", image_index(index_entries).data)


def blob_path(layout: Path, digest: str) -> Path:
    algorithm, _, hexdigest = digest.partition(":")
    return layout / "blobs" / algorithm / hexdigest


def read_index(layout: Path) -> dict[str, Any]:
    data = json.loads((layout / "index.json").read_text())
    if not isinstance(data, dict):
        raise ValueError(f"{layout}/index.json is not a JSON object")
    return data


def tar_directory(directory: Path, mtime: int) -> bytes:
    """A layout directory as one deterministic tar (what `docker load`-style tools take)."""
    entries: list[LayerEntry] = []
    for dirpath, dirnames, filenames in os.walk(directory):
        rel = Path(dirpath).relative_to(directory)
        entries += [LayerEntry("/" + (rel / d).as_posix(), None, 0o755) for d in dirnames]
        entries += [LayerEntry("/" + (rel / f).as_posix(), Path(dirpath) / f, 0o644)
                    for f in filenames]
    return layer_tar(entries, mtime)


def extract_layer(data: bytes, dest: Path, links_ok: bool = True) -> str | None:
    """Unpack a (possibly compressed) layer tar into `dest`. Returns the name of the first entry
    that would leave `dest` (absolute, `..`, or with `links_ok` False anything but a file or a
    directory) and then extracts nothing; None once everything is extracted."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as tar:
        for member in tar.getmembers():
            parts = PurePosixPath(member.name)
            if parts.is_absolute() or ".." in parts.parts or not (
                    links_ok or member.isfile() or member.isdir()):
                return member.name
        tar.extractall(dest, filter="tar" if links_ok else "data")
    return None


def children(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """Descriptors a manifest or index points at (config and layers, or manifests)."""
    if manifest.get("mediaType") == IMAGE_INDEX:
        return list(manifest.get("manifests", []))
    found = [manifest["config"]] if "config" in manifest else []
    return found + list(manifest.get("layers", []))
