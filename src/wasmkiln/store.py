"""The output store: build-output/<name>/<version>/<variant>/ with its manifest.json, and the
manifest itself as a typed record (what was built, from what, and what each stage found)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .digests import file_sha256, remembered_sha256

if TYPE_CHECKING:  # a stored build is checked by its directory and key: no planner needed
    from .plan import Job

MANIFEST = "manifest.json"
LOG = "build.log"
SCHEMA = "wasmkiln.build/1"


class StoredOutput(NamedTuple):
    """One declared output of a build: its path in the install tree, sha256 and size."""

    path: str
    sha256: str
    size: int

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "size": self.size}


class ToolchainRecord(NamedTuple):
    """The builder a build ran in: image tag and id, pinned packages, target triple."""

    image: str
    image_id: str
    packages: dict[str, str]
    triple: str

    def to_json(self) -> dict[str, Any]:
        return {"image": self.image, "image_id": self.image_id,
                "packages": dict(self.packages), "triple": self.triple}


class BuildManifest(NamedTuple):
    """What manifest.json holds. Stage results (wasm-opt sizes, AOT records, smoke verdicts,
    the engine matrix) keep the shapes their stages give them; the rest is typed."""

    name: str
    version: str
    variant: str
    cache_key: str
    inputs: dict[str, Any]  # what the cache key was computed from (plan.Job.key_inputs)
    source: dict[str, str]  # url, sha256, filename, fetched_from
    outputs: tuple[StoredOutput, ...]
    toolchain: ToolchainRecord
    timings_s: dict[str, float]
    stages: dict[str, Any]  # optimise, aot, smoke, engines, built_with

    @property
    def optimise(self) -> dict[str, Any]:
        return dict(self.stages.get("optimise") or {})

    @property
    def aot(self) -> dict[str, Any]:
        return dict(self.stages.get("aot") or {})

    @property
    def smoke(self) -> list[dict[str, Any]]:
        return list(self.stages.get("smoke") or [])

    @property
    def engines(self) -> dict[str, Any]:
        return dict(self.stages.get("engines") or {})

    def output(self, path: str) -> StoredOutput:
        for out in self.outputs:
            if out.path == path:
                return out
        raise KeyError(f"{self.name} {self.version} ({self.variant}) has no output {path}")

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA, "name": self.name, "version": self.version,
            "variant": self.variant, "cache_key": self.cache_key, "inputs": self.inputs,
            "source": dict(self.source), "outputs": [o.to_json() for o in self.outputs],
            "toolchain": self.toolchain.to_json(), "timings_s": dict(self.timings_s),
            **self.stages,
        }

    @classmethod
    def from_json(cls, data: Any) -> BuildManifest:
        """Parse manifest.json's content; ValueError when it is not a manifest we wrote."""
        try:
            if data.get("schema") != SCHEMA:
                raise ValueError(f"schema is {data.get('schema')!r}, not {SCHEMA!r}")
            tc = data["toolchain"]
            known = {"schema", "name", "version", "variant", "cache_key", "inputs", "source",
                     "outputs", "toolchain", "timings_s"}
            return cls(
                name=str(data["name"]), version=str(data["version"]),
                variant=str(data["variant"]), cache_key=str(data["cache_key"]),
                inputs=dict(data["inputs"]), source=dict(data["source"]),
                outputs=tuple(StoredOutput(str(o["path"]), str(o["sha256"]), int(o["size"]))
                              for o in data["outputs"]),
                toolchain=ToolchainRecord(str(tc["image"]), str(tc["image_id"]),
                                          dict(tc["packages"]), str(tc["triple"])),
                timings_s={str(k): float(v) for k, v in data["timings_s"].items()},
                stages={k: v for k, v in data.items() if k not in known},
            )
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a wasmkiln build manifest ({exc!r})") from None


def describe_outputs(prefix: Path, outputs: tuple[str, ...]) -> tuple[StoredOutput, ...]:
    return tuple(StoredOutput(out, file_sha256(prefix / out), (prefix / out).stat().st_size)
                 for out in outputs)


def read_manifest(directory: Path) -> BuildManifest | None:
    """The stored manifest, or None when there is none or it cannot be read as one."""
    try:
        return BuildManifest.from_json(json.loads((directory / MANIFEST).read_text()))
    except (OSError, ValueError):
        return None


def lookup(job: Job, output_root: Path) -> BuildManifest | None:
    """The stored manifest if this exact job was built and its outputs are intact, else None."""
    return inspect(job, output_root)[0]


def inspect(job: Job, output_root: Path,
            ledger: Path | None = None) -> tuple[BuildManifest | None, str | None]:
    """(manifest, damage): the manifest when the stored build of this job is intact; damage
    names what is wrong when a build of this job is stored but its outputs changed since.
    With a `ledger` (digests.remembered_sha256) an output untouched since this machine last
    hashed it is not read again."""
    return inspect_dir(job.output_dir(output_root), job.cache_key, ledger)


def inspect_dir(directory: Path, cache_key: str,
                ledger: Path | None = None) -> tuple[BuildManifest | None, str | None]:
    """`inspect` of the build stored in `directory` that must have `cache_key`."""
    manifest = read_manifest(directory)
    if manifest is None or manifest.cache_key != cache_key:
        return None, None
    for out in manifest.outputs:
        path = directory / out.path
        if not path.is_file():
            return None, f"{path} is missing"
        if (path.stat().st_size != out.size
                or remembered_sha256(path, ledger) != out.sha256):
            return None, f"{path} does not match the sha256 in its manifest"
    return manifest, None


def state(job: Job, output_root: Path) -> str:
    """'cached' (current), 'stale' (built from other inputs) or 'missing'."""
    directory = job.output_dir(output_root)
    if lookup(job, output_root) is not None:
        return "cached"
    return "stale" if read_manifest(directory) is not None else "missing"
