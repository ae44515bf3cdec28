"""Package a finished build as OCI content: a `FROM scratch` wasi/wasm image (image index →
manifest → config + one layer), the same .wasm as a CNCF Wasm artifact, and a CycloneDX SBOM
attached as a referrer. Written as an OCI image layout plus a .tar of it, atomically.

Layout under build-output/images/<name>/<version>/<variant>/:
  oci/            the OCI image layout (index.json names every tag)
  <name>-<version>-<variant>.oci.tar
  sbom.cdx.json   the SBOM, also inside the layout as a referrer of the image
  package.json    tags and digests, what `invoke publish` and the tests read
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import atomic, oci, sbom
from .errors import PackageError, RecipeError
from .plan import Job
from .store import BuildManifest

COMPAT = {"module.wasm.image/variant": "compat"}
PLATFORM = {"os": "wasi", "architecture": "wasm"}
SUMMARY = "package.json"
ARTIFACT_SUFFIX = "-wasm"


@dataclass(frozen=True)
class Packaged:
    directory: Path
    summary: dict[str, Any]

    @property
    def layout(self) -> Path:
        return self.directory / "oci"

    @property
    def archive(self) -> Path:
        return self.directory / self.summary["archive"]

    @property
    def sbom(self) -> Path:
        return self.directory / "sbom.cdx.json"


def image_dir(images_root: Path, job: Job) -> Path:
    return images_root / job.name / job.version.version / job.variant.name


def tags_for(job: Job) -> list[str]:
    """`<version>-<variant>` always; `<version>` and the moving `<major.minor>` for the
    recipe's default variant."""
    version, variant = job.version.version, job.variant.name
    tags = [f"{version}-{variant}"]
    if variant == job.recipe.default_variant:
        parts = version.split(".")
        tags = [version, *([".".join(parts[:2])] if len(parts) > 2 else []), *tags]
    return tags


def build_package(built: list[tuple[Job, BuildManifest, Path]], images_root: Path,
                  created: int | None = None) -> Packaged:
    """Package the last build of `built` (its dependencies come first, as built); `created`
    (seconds, e.g. settings.source_date_epoch, or a verified image's) overrides the creation
    time, which is otherwise the recipe version's source_date_epoch."""
    job, manifest, out_dir = built[-1]
    created = job.version.source_date_epoch if created is None else created
    stamp = datetime.datetime.fromtimestamp(created, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    program = program_to_package(job)
    entries = _layer_entries(job, out_dir, program)

    tar = oci.layer_tar(entries, created)
    layer = oci.Blob(oci.LAYER_TAR_GZIP, oci.gzip_deterministic(tar))
    diff_id = oci.Blob("", tar).digest
    annotations = _annotations(job, manifest, stamp)
    entrypoint = ["/" + Path(program).name]
    config = oci.Blob.of_json(oci.IMAGE_CONFIG, {
        **PLATFORM, "created": stamp,
        "config": {"Entrypoint": entrypoint, "Cmd": list(job.recipe.package.cmd),
                   "Env": [f"{k}={v}" for k, v in
                           {**dict(job.recipe.runtime_env), **dict(job.recipe.package.env)}
                           .items()],
                   "WorkingDir": job.recipe.package.workdir, "Labels": annotations},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created": stamp, "created_by": f"wasmkiln package {job.label}"}],
    })
    image = oci.image_manifest(config.descriptor(), [layer.descriptor()],
                               annotations={**COMPAT, **annotations})
    index = oci.image_index([image.descriptor(platform=PLATFORM, annotations=COMPAT)],
                            annotations=annotations)

    wasm = oci.Blob(oci.WASM_LAYER, (out_dir / program).read_bytes())
    wasm_config = oci.Blob.of_json(oci.WASM_CONFIG, {
        "created": stamp, "author": "wasmkiln", "architecture": "wasm32", "os": "wasip1",
        "layerDigests": [wasm.digest]})
    artifact = oci.image_manifest(
        wasm_config.descriptor(),
        [wasm.descriptor(annotations={"org.opencontainers.image.title": Path(program).name})],
        annotations=annotations)

    bom = oci.Blob(oci.CYCLONEDX, sbom.document([(j, m) for j, m, _ in built], created))
    bom_manifest = oci.image_manifest(
        oci.EMPTY_CONFIG.descriptor(),
        [bom.descriptor(annotations={"org.opencontainers.image.title": "sbom.cdx.json"})],
        artifactType=oci.CYCLONEDX, subject=index.descriptor(),
        annotations={"org.opencontainers.image.created": stamp})
    # Registries without the referrers API find referrers under this tag (OCI distribution 1.1).
    referrers = oci.image_index([bom_manifest.descriptor(
        artifactType=oci.CYCLONEDX, annotations={"org.opencontainers.image.created": stamp})])
    referrers_tag = index.digest.replace(":", "-")

    tags = tags_for(job)
    entries_json = (
        [index.descriptor(annotations={oci.REF_NAME: t}) for t in tags]
        + [artifact.descriptor(annotations={oci.REF_NAME: t + ARTIFACT_SUFFIX}) for t in tags]
        + [referrers.descriptor(annotations={oci.REF_NAME: referrers_tag})])
    archive = f"{job.name}-{job.version.version}-{job.variant.name}.oci.tar"
    summary = {
        "schema": "wasmkiln.package/1", "name": job.name, "version": job.version.version,
        "variant": job.variant.name, "build_cache_key": manifest.cache_key,
        "created": stamp, "tags": tags,
        "artifact_tags": [t + ARTIFACT_SUFFIX for t in tags], "referrers_tag": referrers_tag,
        "archive": archive,
        "image": {"index": index.digest, "manifest": image.digest, "config": config.digest,
                  "layer": layer.digest, "diff_id": diff_id, "program": entrypoint[0],
                  "size": len(index.data) + len(image.data) + len(config.data)
                  + len(layer.data)},
        "artifact": {"manifest": artifact.digest, "config": wasm_config.digest,
                     "layer": wasm.digest, "size": len(wasm.data)},
        "sbom": {"manifest": bom_manifest.digest, "blob": bom.digest, "format": "CycloneDX 1.6"},
    }
    final = image_dir(images_root, job)
    atomic.sweep_stale(final.parent)
    with atomic.staging_dir(final) as stage:
        oci.write_layout(stage / "oci", [layer, config, image, index, wasm, wasm_config, artifact,
                                         bom, oci.EMPTY_CONFIG, bom_manifest, referrers],
                         entries_json)
        atomic.write_bytes(stage / archive, oci.tar_directory(stage / "oci", created))
        atomic.write_bytes(stage / "sbom.cdx.json", bom.data)
        atomic.write_text(stage / SUMMARY, json.dumps(summary, indent=2, sort_keys=True) + "\n")
    return Packaged(final, summary)


def _layer_entries(job: Job, out_dir: Path, program: str) -> list[oci.LayerEntry]:
    """The program and the recipe's [package] files, none reaching outside the install tree."""
    pairs = [(program, "/" + Path(program).name), *job.recipe.package.files]
    entries: list[oci.LayerEntry] = []
    for src, dest in pairs:
        if not (out_dir / src).exists() and not (out_dir / src).is_symlink():
            raise RecipeError(
                f"Recipe '{job.name}' ({job.recipe.path}): [package] files names {src!r}, which "
                f"the build of {job.label} did not produce (looked in {out_dir})."
            )
        try:
            entries += oci.entries_from(out_dir / src, dest, root=out_dir)
        except oci.UnsafeEntry as exc:
            raise PackageError(
                f"Cannot package {job.label} ({job.recipe.path}, [package] {src!r} → {dest!r}): "
                f"{exc}. Only files of the install tree {out_dir} go into an image; nothing "
                "was written. Fix the recipe's install steps or [package] files."
            ) from None
    return entries


def read_packaged(images_root: Path, job: Job) -> Packaged | None:
    """The packaged image of this exact build, if there is one."""
    directory = image_dir(images_root, job)
    try:
        summary = json.loads((directory / SUMMARY).read_text())
    except (OSError, ValueError):
        return None
    if summary.get("build_cache_key") != job.cache_key or not (directory / "oci").is_dir():
        return None
    return Packaged(directory, summary)


def program_to_package(job: Job) -> str:
    """The output path the image runs; an error (before any build) when there is none."""
    program = job.image_program
    if program is None:
        raise RecipeError(
            f"Recipe '{job.name}' ({job.recipe.path}) has nothing to package in variant "
            f"{job.variant.name!r}: it names no program this variant builds; set run = "
            "\"bin/NAME.wasm\" or [package] entrypoint."
        )
    return program


def _annotations(job: Job, manifest: BuildManifest, stamp: str) -> dict[str, str]:
    found = {
        "org.opencontainers.image.title": job.name,
        "org.opencontainers.image.description": job.recipe.description,
        "org.opencontainers.image.version": job.version.version,
        "org.opencontainers.image.source": job.version.source.url,
        # the build's cache key: a digest of every input (recipe, source, patches, toolchain)
        "org.opencontainers.image.revision": manifest.cache_key,
        "org.opencontainers.image.licenses": job.recipe.license,
        "org.opencontainers.image.created": stamp,
        "io.wasmkiln.variant": job.variant.name,
    }
    if job.recipe.homepage:
        found["org.opencontainers.image.url"] = job.recipe.homepage
    return found
