"""A CycloneDX 1.6 SBOM for a packaged build: what went in (sources, patches, dependency
recipes, toolchain packages, builder image) and what came out (the .wasm files).

Deterministic: the serial number is derived from the build's cache key and the timestamp is the
image's creation time (SOURCE_DATE_EPOCH), so the same build gives the same SBOM bytes.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from cyclonedx.model import (
    AttachedText,
    ExternalReference,
    ExternalReferenceType,
    HashAlgorithm,
    HashType,
    Property,
    XsUri,
)
from cyclonedx.model.bom import Bom
from cyclonedx.model.component import (
    Component,
    ComponentType,
    Diff,
    Patch,
    PatchClassification,
    Pedigree,
)
from cyclonedx.model.license import DisjunctiveLicense, LicenseExpression
from cyclonedx.output.json import JsonV1Dot6
from packageurl import PackageURL

from .plan import Job
from .store import BuildManifest
from .wheels import Wheel

WASMKILN_NS = uuid.UUID("6f0e3c1a-8d3b-5c4e-9a57-7761736d6b69")


@dataclass(frozen=True)
class AppPart:
    """An application packaged on top of the runtime: its name, the digest of its files' layer
    (uncompressed) and the wheels installed for it."""

    name: str
    layer_diff_id: str  # sha256:…
    wheels: list[Wheel]


def document(built: list[tuple[Job, BuildManifest]], created: int,
             app: AppPart | None = None) -> bytes:
    """The SBOM for the last job of `built` (its dependencies come before it, as built), or,
    with `app`, for that application running on it."""
    job, manifest = built[-1]
    bom = Bom()
    identity = manifest.cache_key
    if app is not None:
        identity += "".join([app.name, app.layer_diff_id, *(w.sha256 for w in app.wheels)])
    bom.serial_number = uuid.uuid5(WASMKILN_NS, identity)
    bom.metadata.timestamp = datetime.datetime.fromtimestamp(created, datetime.UTC)

    product = Component(
        type=ComponentType.APPLICATION, bom_ref=f"wasm:{job.name}",
        name=f"{job.name}-wasm", version=job.version.version,
        description=f"{job.recipe.description} (variant {job.variant.name}, "
                    f"{manifest.toolchain.triple})",
        hashes=[HashType(alg=HashAlgorithm.SHA_256, content=out.sha256)
                for out in manifest.outputs if out.path.endswith(".wasm")][:1],
        properties=[Property(name=f"wasmkiln:{key}", value=str(value)) for key, value in (
            ("variant", job.variant.name), ("cache-key", manifest.cache_key),
            *((f"output:{o.path}", o.sha256) for o in manifest.outputs))],
    )
    bom.metadata.component = product

    builder = Component(
        type=ComponentType.CONTAINER, bom_ref="builder", name="wasmkiln-builder",
        version=manifest.toolchain.image.rsplit(":", 1)[-1],
        description="builder image (tag = digest of its rendered Dockerfile)")
    bom.components.add(builder)
    toolchain = []
    for package, version in sorted(manifest.toolchain.packages.items()):
        deb = Component(type=ComponentType.APPLICATION, bom_ref=f"deb:{package}", name=package,
                        version=version, purl=PackageURL(type="deb", namespace="debian",
                                                         name=package, version=version))
        bom.components.add(deb)
        toolchain.append(deb)
    bom.register_dependency(builder, toolchain)

    upstream = {}
    for dep_job, dep_manifest in built:
        component = _source_component(dep_job, dep_manifest)
        bom.components.add(component)
        upstream[dep_job.name] = component
    for dep_job, _ in built:
        bom.register_dependency(upstream[dep_job.name],
                                [upstream[d.name] for d in dep_job.deps])
    bom.register_dependency(product, [upstream[job.name], builder])
    if app is not None:
        _add_app(bom, app, product, job)
    return JsonV1Dot6(bom).output_as_string(indent=2).encode() + b"\n"


def _add_app(bom: Bom, app: AppPart, runtime: Component, job: Job) -> None:
    """The app becomes the SBOM's subject; the runtime and every installed package (name,
    version, purl, the wheel's sha256) are its components."""
    subject = Component(
        type=ComponentType.APPLICATION, bom_ref=f"app:{app.name}", name=app.name,
        description=f"application on {job.label}",
        hashes=[HashType(alg=HashAlgorithm.SHA_256,
                         content=app.layer_diff_id.removeprefix("sha256:"))],
        properties=[Property(name="wasmkiln:runtime", value=job.label),
                    Property(name="wasmkiln:app-layer-diff-id", value=app.layer_diff_id)])
    bom.metadata.component = subject
    bom.components.add(runtime)
    packages = []
    for wheel in app.wheels:
        component = Component(
            type=ComponentType.LIBRARY, bom_ref=f"package:{wheel.purl}", name=wheel.name,
            version=wheel.version, purl=PackageURL.from_string(wheel.purl),
            hashes=[HashType(alg=HashAlgorithm.SHA_256, content=wheel.sha256)],
            properties=[Property(name="wasmkiln:wheel", value=wheel.filename)])
        bom.components.add(component)
        packages.append(component)
    bom.register_dependency(subject, [runtime, *packages])


def _source_component(job: Job, manifest: BuildManifest) -> Component:
    source = job.version.source
    license_ = job.recipe.license
    licenses: Any = ([LicenseExpression(license_)] if any(c in license_ for c in " ()")
                     else [DisjunctiveLicense(name=license_)])
    refs = [ExternalReference(type=ExternalReferenceType.DISTRIBUTION, url=XsUri(source.url))]
    if job.recipe.homepage:
        refs.append(ExternalReference(type=ExternalReferenceType.WEBSITE,
                                      url=XsUri(job.recipe.homepage)))
    patches = [Patch(type=PatchClassification.UNOFFICIAL,
                     diff=Diff(text=AttachedText(content=p.path.read_text(errors="replace")),
                               url=XsUri(f"patches/{job.name}/{p.name}")))
               for p in job.patches]
    properties = [Property(name="wasmkiln:recipe-sha256", value=job.recipe.text_sha256),
                  Property(name="wasmkiln:cache-key", value=manifest.cache_key)]
    properties += [Property(name=f"wasmkiln:patch:{p.name}", value=p.sha256) for p in job.patches]
    return Component(
        type=ComponentType.LIBRARY if job.recipe.run is None else ComponentType.APPLICATION,
        bom_ref=f"source:{job.name}", name=job.name, version=job.version.version,
        description=job.recipe.description, licenses=licenses,
        hashes=[HashType(alg=HashAlgorithm.SHA_256, content=source.sha256)],
        purl=PackageURL(type="generic", name=job.name, version=job.version.version,
                        qualifiers={"download_url": source.url}),
        external_references=refs, properties=properties,
        pedigree=Pedigree(patches=patches) if patches else None,
    )
