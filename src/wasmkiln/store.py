"""The output store: build-output/<name>/<version>/<variant>/ with its manifest.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .digests import file_sha256
from .plan import Job

MANIFEST = "manifest.json"
LOG = "build.log"


def describe_outputs(prefix: Path, outputs: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{"path": out, "sha256": file_sha256(prefix / out),
             "size": (prefix / out).stat().st_size} for out in outputs]


def read_manifest(directory: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def lookup(job: Job, output_root: Path) -> dict[str, Any] | None:
    """The stored manifest if this exact job was built and its outputs are intact, else None."""
    return inspect(job, output_root)[0]


def inspect(job: Job, output_root: Path) -> tuple[dict[str, Any] | None, str | None]:
    """(manifest, damage): the manifest when the stored build of this job is intact; damage
    names what is wrong when a build of this job is stored but its outputs changed since."""
    directory = job.output_dir(output_root)
    manifest = read_manifest(directory)
    if manifest is None or manifest.get("cache_key") != job.cache_key:
        return None, None
    for out in manifest.get("outputs", []):
        path = directory / out["path"]
        if not path.is_file():
            return None, f"{path} is missing"
        if path.stat().st_size != out["size"] or file_sha256(path) != out["sha256"]:
            return None, f"{path} does not match the sha256 in its manifest"
    return manifest, None


def state(job: Job, output_root: Path) -> str:
    """'cached' (current), 'stale' (built from other inputs) or 'missing'."""
    directory = job.output_dir(output_root)
    if lookup(job, output_root) is not None:
        return "cached"
    return "stale" if read_manifest(directory) is not None else "missing"
