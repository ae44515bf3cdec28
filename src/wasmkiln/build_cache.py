"""A build cache shared through any OCI registry: one artifact per finished build, tagged with
the build's cache key, so CI runners and developers reuse each other's results.

Artifact: an OCI image manifest (artifactType application/vnd.wasmkiln.build.v1) whose config
is the build's manifest.json and whose one layer is a deterministic tar.gz of the output
directory. wasmtime's .cwasm files are left out: they belong to one machine's CPU and wasmtime,
and are recompiled (about a second) after a pull. Repository: <REF>/<recipe>, tag: the cache key.

A pull trusts nothing it did not check: blob digests, the cache key in the config, and every
output's sha256 against the manifest before the tree is moved into place (atomically).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from . import aot, atomic, oci, optimise, push, store
from .errors import WasmkilnError
from .plan import Job
from .registry import Reference, RegistryClient, RegistryError, Stats
from .settings import RegistrySettings

ARTIFACT_TYPE = "application/vnd.wasmkiln.build.v1"
CONFIG_TYPE = "application/vnd.wasmkiln.build.manifest.v1+json"
LEFT_OUT = (".cwasm", ".cwasm.json")


def _entries(directory: Path) -> list[oci.LayerEntry]:
    try:
        found = oci.entries_from(directory, "/")
    except oci.UnsafeEntry as exc:
        raise WasmkilnError(f"Cannot upload {directory} to the build cache: {exc}. Only files "
                            "of the install tree are cached; nothing was sent.") from None
    return [e for e in found if e.path != "/" and not e.path.endswith(LEFT_OUT)]


def artifact(job: Job, directory: Path, manifest: store.BuildManifest) -> list[oci.Blob]:
    """[layer, config, manifest] for one stored build."""
    layer = oci.Blob(oci.LAYER_TAR_GZIP, oci.gzip_deterministic(
        oci.layer_tar(_entries(directory), job.version.source_date_epoch)))
    config = oci.Blob(CONFIG_TYPE, oci.canonical_json(manifest.to_json()))
    top = oci.image_manifest(
        config.descriptor(), [layer.descriptor()], artifactType=ARTIFACT_TYPE,
        annotations={"io.wasmkiln.build": job.label, "io.wasmkiln.cache-key": job.cache_key})
    return [layer, config, top]


def upload(ref: Reference, job: Job, directory: Path, manifest: store.BuildManifest,
           settings: RegistrySettings | None = None) -> Stats:
    """Upload the build under tag = cache key, unless the registry has it already."""
    blobs = artifact(job, directory, manifest)
    with tempfile.TemporaryDirectory(prefix="wasmkiln-cache-") as tmp:
        layout = Path(tmp)
        oci.write_layout(layout, blobs, [blobs[-1].descriptor(
            annotations={oci.REF_NAME: job.cache_key})])
        return push.to_registry(layout, push.content_of(layout),
                                RegistryClient(ref.child(job.name), settings))


def pull(ref: Reference, job: Job, output_root: Path,
         settings: RegistrySettings | None = None) -> store.BuildManifest | None:
    """Install the build of `job` from the registry; its manifest, or None if not there."""
    client = RegistryClient(ref.child(job.name), settings)
    raw = client.get_manifest(job.cache_key, (oci.IMAGE_MANIFEST,))
    if raw is None:
        return None
    where = f"{ref.child(job.name)}:{job.cache_key[:12]}…"
    top = json.loads(raw)
    if top.get("artifactType") != ARTIFACT_TYPE or len(top.get("layers", [])) != 1:
        raise _bad(where, job, "it is not a wasmkiln build artifact")
    config = _fetch(client, top["config"], where, job)
    try:
        manifest = store.BuildManifest.from_json(json.loads(config))
    except ValueError as exc:
        raise _bad(where, job, f"its config is {exc}") from None
    if manifest.cache_key != job.cache_key:
        raise _bad(where, job, "its manifest names another cache key")
    layer = _fetch(client, top["layers"][0], where, job)

    final = job.output_dir(output_root)
    atomic.sweep_stale(final.parent)
    with atomic.staging_dir(final) as stage:
        unsafe = oci.extract_layer(layer, stage, links_ok=False)
        if unsafe is not None:
            raise _bad(where, job, f"its layer holds an unsafe entry {unsafe!r}")
        for out in manifest.outputs:
            path = stage / out.path
            if not path.is_file() or store.file_sha256(path) != out.sha256:
                raise _bad(where, job, f"output {out.path} does not match its sha256")
        for wasm in optimise.wasm_outputs(job):
            aot.ensure(stage / wasm)  # this machine's .cwasm
    return manifest


def _fetch(client: RegistryClient, descriptor: dict[str, Any], where: str, job: Job) -> bytes:
    data = client.get_blob(descriptor["digest"])
    if "sha256:" + hashlib.sha256(data).hexdigest() != descriptor["digest"]:
        raise _bad(where, job, f"blob {descriptor['digest'][:19]} does not match its digest")
    return data


def _bad(where: str, job: Job, problem: str) -> WasmkilnError:
    return RegistryError(f"Build cache entry {where} for {job.label} was refused: {problem}. "
                         "Nothing was installed; delete that tag or build with --force.")
