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
from .app_bundle import AppBundle
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
    stamp = _stamp(created)
    program = program_to_package(job)
    layer, diff_id = _layer(_layer_entries(job, out_dir, program), created)
    annotations = _annotations(job, manifest, stamp)
    entrypoint = ["/" + Path(program).name]
    config = oci.Blob.of_json(oci.IMAGE_CONFIG, {
        **PLATFORM, "created": stamp,
        "config": {"Entrypoint": entrypoint, "Cmd": list(job.recipe.package.cmd),
                   "Env": _env(job), "WorkingDir": job.recipe.package.workdir,
                   "Labels": annotations},
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

    bom, bom_manifest, referrers = _sbom_referrer(
        sbom.document([(j, m) for j, m, _ in built], created), index, stamp)
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
    return _write(image_dir(images_root, job), [
        layer, config, image, index, wasm, wasm_config, artifact, bom, oci.EMPTY_CONFIG,
        bom_manifest, referrers], entries_json, archive, bom, summary, created)


def app_image_dir(images_root: Path, job: Job, app: AppBundle) -> Path:
    """build-output/images/apps/<app>/<runtime>-<version>-<variant>/"""
    return images_root / "apps" / app.name / (
        f"{job.name}-{job.version.version}-{job.variant.name}")


def build_app_package(built: list[tuple[Job, BuildManifest, Path]], images_root: Path,
                      app: AppBundle, created: int | None = None) -> Packaged:
    """An application image: the runtime's own layer (the same bytes as its image's), then the
    app's requirements (if any) and the app's files, with the app's Cmd, WorkingDir and Env;
    its SBOM lists the runtime's inputs and every installed package with version and sha256."""
    job, manifest, out_dir = built[-1]
    created = job.version.source_date_epoch if created is None else created
    stamp = _stamp(created)
    program = program_to_package(job)
    parts = [(_layer(_layer_entries(job, out_dir, program), created),
              f"wasmkiln package {job.label}")]
    if app.requirements_layer:
        listed = ", ".join(f"{w.name}=={w.version}" for w in app.wheels)
        parts.append((_layer(app.requirements_layer, created), f"wasmkiln install {listed}"))
    parts.append((_layer(app.app_layer, created), f"wasmkiln app {app.name}"))
    annotations = _app_annotations(job, manifest, app, stamp)
    entrypoint = ["/" + Path(program).name]
    config = oci.Blob.of_json(oci.IMAGE_CONFIG, {
        **PLATFORM, "created": stamp,
        "config": {"Entrypoint": entrypoint, "Cmd": app.cmd,
                   "Env": _env(job, app.env), "WorkingDir": app.workdir,
                   "Labels": annotations},
        "rootfs": {"type": "layers", "diff_ids": [diff_id for (_, diff_id), _ in parts]},
        "history": [{"created": stamp, "created_by": why} for _, why in parts],
    })
    layers = [layer for (layer, _), _ in parts]
    image = oci.image_manifest(config.descriptor(), [b.descriptor() for b in layers],
                               annotations={**COMPAT, **annotations})
    index = oci.image_index([image.descriptor(platform=PLATFORM, annotations=COMPAT)],
                            annotations=annotations)
    app_diff_id = parts[-1][0][1]
    bom, bom_manifest, referrers = _sbom_referrer(
        sbom.document([(j, m) for j, m, _ in built], created,
                      sbom.AppPart(app.name, app_diff_id, app.wheels)), index, stamp)
    referrers_tag = index.digest.replace(":", "-")
    tags = ["latest", f"{job.name}-{job.version.version}-{job.variant.name}"]
    entries_json = ([index.descriptor(annotations={oci.REF_NAME: t}) for t in tags]
                    + [referrers.descriptor(annotations={oci.REF_NAME: referrers_tag})])
    archive = f"{app.name}.oci.tar"
    summary = {
        "schema": "wasmkiln.package/1", "name": app.name, "version": "latest",
        "variant": job.variant.name, "build_cache_key": manifest.cache_key,
        "created": stamp, "tags": tags, "referrers_tag": referrers_tag, "archive": archive,
        "app": {"runtime": job.label, "source": str(app.source), "dir": app.layout.dir,
                "cmd": app.cmd, "workdir": app.workdir,
                "requirements": str(app.requirements) if app.requirements else None,
                "packages": [{"name": w.name, "version": w.version, "wheel": w.filename,
                              "sha256": w.sha256} for w in app.wheels]},
        "image": {"index": index.digest, "manifest": image.digest, "config": config.digest,
                  "layers": [b.digest for b in layers], "layer": layers[0].digest,
                  "diff_ids": [diff_id for (_, diff_id), _ in parts], "program": entrypoint[0],
                  "size": len(index.data) + len(image.data) + len(config.data)
                  + sum(len(b.data) for b in layers)},
        "sbom": {"manifest": bom_manifest.digest, "blob": bom.digest, "format": "CycloneDX 1.6"},
    }
    return _write(app_image_dir(images_root, job, app),
                  [*layers, config, image, index, bom, oci.EMPTY_CONFIG, bom_manifest,
                   referrers], entries_json, archive, bom, summary, created)


def _stamp(created: int) -> str:
    return datetime.datetime.fromtimestamp(created, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _layer(entries: list[oci.LayerEntry], created: int) -> tuple[oci.Blob, str]:
    """(the gzip layer blob, its diff_id: the digest of the uncompressed tar)."""
    tar = oci.layer_tar(entries, created)
    return oci.Blob(oci.LAYER_TAR_GZIP, oci.gzip_deterministic(tar)), oci.Blob("", tar).digest


def _env(job: Job, extra: dict[str, str] | None = None) -> list[str]:
    merged = {**dict(job.recipe.runtime_env), **dict(job.recipe.package.env), **(extra or {})}
    return [f"{k}={v}" for k, v in merged.items()]


def _sbom_referrer(document: bytes, index: oci.Blob, stamp: str
                   ) -> tuple[oci.Blob, oci.Blob, oci.Blob]:
    """(the SBOM blob, its artifact manifest whose subject is `index`, the referrers index)."""
    bom = oci.Blob(oci.CYCLONEDX, document)
    bom_manifest = oci.image_manifest(
        oci.EMPTY_CONFIG.descriptor(),
        [bom.descriptor(annotations={"org.opencontainers.image.title": "sbom.cdx.json"})],
        artifactType=oci.CYCLONEDX, subject=index.descriptor(),
        annotations={"org.opencontainers.image.created": stamp})
    # Registries without the referrers API find referrers under this tag (OCI distribution 1.1).
    referrers = oci.image_index([bom_manifest.descriptor(
        artifactType=oci.CYCLONEDX, annotations={"org.opencontainers.image.created": stamp})])
    return bom, bom_manifest, referrers


def _write(final: Path, blobs: list[oci.Blob], entries_json: list[dict[str, Any]],
           archive: str, bom: oci.Blob, summary: dict[str, Any], created: int) -> Packaged:
    """The layout, its .tar, the SBOM and package.json, in a staging directory renamed into
    place only when complete."""
    atomic.sweep_stale(final.parent)
    with atomic.staging_dir(final) as stage:
        oci.write_layout(stage / "oci", blobs, entries_json)
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


def _app_annotations(job: Job, manifest: BuildManifest, app: AppBundle, stamp: str
                     ) -> dict[str, str]:
    return {
        "org.opencontainers.image.title": app.name,
        "org.opencontainers.image.description": f"{app.name}: an application on {job.label}",
        "org.opencontainers.image.created": stamp,
        "io.wasmkiln.runtime": job.label,
        # the runtime build's cache key: a digest of every input of the runtime
        "io.wasmkiln.runtime.revision": manifest.cache_key,
        "io.wasmkiln.variant": job.variant.name,
    }


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
