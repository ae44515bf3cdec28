"""SLSA v1 build provenance for a packaged build, and the check of a provenance against this
checkout's recipe book. Pure: jobs and manifests in, dicts and messages out.

buildDefinition holds what decides the bytes (recipe, sources, patches, builder Dockerfile,
toolchain pins, build steps, every job's cache-key inputs), so the same inputs give the same
provenance on any machine; runDetails holds what this run adds (the local builder image ID,
outputs and image digests).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from . import __version__
from .plan import Job
from .store import BuildManifest

BUILD_TYPE = "urn:wasmkiln:build-type:recipe:v1"  # documented in docs/provenance.md
BUILDER_ID = "urn:wasmkiln:farm"


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _job_record(job: Job, manifest: BuildManifest, root: Path) -> dict[str, Any]:
    return {
        "recipe": job.name, "version": job.version.version, "variant": job.variant.name,
        "recipe_file": _relative(job.recipe.path, root),
        "source": {"url": job.version.source.url, "sha256": job.version.source.sha256},
        "patches": [{"name": p.name, "sha256": p.sha256} for p in job.patches],
        "steps": dataclasses.asdict(job.steps),
        "version_env": dict(job.version.env),
        "source_date_epoch": job.version.source_date_epoch,
        "cache_key": job.cache_key,
        "key_inputs": job.key_inputs,
        "outputs": [{"path": o.path, "sha256": o.sha256} for o in manifest.outputs],
    }


def predicate(built: list[tuple[Job, BuildManifest]], summary: dict[str, Any],
              root: Path, created: int) -> dict[str, Any]:
    """The SLSA v1 provenance predicate of the last build in `built` (its dependencies first)
    as packaged in `summary` (package.json's content)."""
    job, manifest = built[-1]
    toolchain = manifest.toolchain
    dependencies: list[dict[str, Any]] = []
    for dep_job, _ in built:
        dependencies.append({"name": f"recipe:{dep_job.name}",
                             "uri": _relative(dep_job.recipe.path, root),
                             "digest": {"sha256": dep_job.recipe.text_sha256}})
        dependencies.append({"name": f"source:{dep_job.name}",
                             "uri": dep_job.version.source.url,
                             "digest": {"sha256": dep_job.version.source.sha256}})
        dependencies += [{"name": f"patch:{dep_job.name}:{p.name}",
                          "uri": _relative(p.path, root), "digest": {"sha256": p.sha256}}
                         for p in dep_job.patches]
        profile = dep_job.key_inputs.get("pgo")
        if profile is not None:  # a profile-guided build's profile (pgo.py): an input too
            dependencies.append({"name": f"profile:{dep_job.name}",
                                 "uri": _relative(dep_job.recipe.path.parent
                                                  / profile["profile"], root),
                                 "digest": {"sha256": profile["sha256"]}})
    dependencies.append({"name": "builder", "uri": f"docker-image:{toolchain.image}",
                         "digest": {"sha256": job.key_inputs["builder"]},
                         "annotations": {"digest_of": "the rendered builder Dockerfile",
                                         "packages": dict(toolchain.packages)}})
    dependencies.append({"name": "driver", "uri": "src/wasmkiln/templates/build.sh.j2",
                         "digest": {"sha256": job.key_inputs["driver"]}})
    outputs = [{"name": f"{dep_job.name}:{o.path}", "digest": {"sha256": o.sha256}}
               for dep_job, dep_manifest in built for o in dep_manifest.outputs]
    image, artifact = summary["image"], summary["artifact"]
    outputs += [
        _descriptor("image-index", image["index"], summary["tags"]),
        _descriptor("image-manifest", image["manifest"]),
        _descriptor("image-config", image["config"]),
        _descriptor("image-layer", image["layer"]),
        _descriptor("wasm-artifact", artifact["manifest"], summary["artifact_tags"]),
        _descriptor("sbom", summary["sbom"]["blob"]),
    ]
    return {
        "buildDefinition": {
            "buildType": BUILD_TYPE,
            "externalParameters": {
                "recipe": job.name, "version": job.version.version,
                "variant": job.variant.name, "optimise": job.key_inputs["optimise"],
                "source_date_epoch": created,
            },
            "internalParameters": {
                "cache_key": job.cache_key,
                "toolchain": {"image": toolchain.image, "triple": toolchain.triple,
                              "dockerfile_sha256": job.key_inputs["builder"],
                              "packages": dict(toolchain.packages)},
                "jobs": [_job_record(j, m, root) for j, m in built],
            },
            "resolvedDependencies": dependencies,
        },
        "runDetails": {
            "builder": {
                "id": BUILDER_ID, "version": {"wasmkiln": __version__},
                "builderDependencies": [{"name": "builder-image-id",
                                         "uri": f"docker-image:{toolchain.image}",
                                         "digest": _digest_map(toolchain.image_id)}],
            },
            "metadata": {"invocationId": job.cache_key},
            "byproducts": outputs,
        },
    }


def _digest_map(digest: str) -> dict[str, str]:
    algorithm, _, hexdigest = digest.rpartition(":")
    return {algorithm or "sha256": hexdigest} if hexdigest else {}


def _descriptor(name: str, digest: str, tags: list[str] | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"name": name, "digest": _digest_map(digest)}
    if tags:
        found["annotations"] = {"tags": list(tags)}
    return found


def target(document: dict[str, Any]) -> tuple[str, str, str, int]:
    """(recipe, version, variant, source_date_epoch) a provenance predicate describes."""
    params = document["buildDefinition"]["externalParameters"]
    return (str(params["recipe"]), str(params["version"]), str(params["variant"]),
            int(params["source_date_epoch"]))


def recorded_jobs(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {j["recipe"]: j for j in document["buildDefinition"]["internalParameters"]["jobs"]}


def differences(document: dict[str, Any], planned: list[Job],
                pinned: dict[str, str]) -> list[str]:
    """What this checkout would build differently from what the provenance records, one
    sentence each (empty: the same cache keys, so the same inputs); `planned` is this
    checkout's build order for the provenance's target, `pinned` its toolchain pins."""
    recorded = recorded_jobs(document)
    found: list[str] = []
    here = {j.name: j for j in planned}
    for name in sorted(set(recorded) - set(here)):
        found.append(f"{name}: the image was built with it, this checkout does not use it")
    for name in sorted(set(here) - set(recorded)):
        found.append(f"{name}: this checkout would build it, the image was built without it")
    toolchain = document["buildDefinition"]["internalParameters"]["toolchain"]
    for name in sorted(set(recorded) & set(here)):
        found += _job_differences(recorded[name], here[name], toolchain, pinned)
    return found


def _job_differences(then: dict[str, Any], job: Job, toolchain: dict[str, Any],
                     pinned: dict[str, str]) -> list[str]:
    if then["cache_key"] == job.cache_key and then["key_inputs"] == job.key_inputs:
        return []
    old, new = then["key_inputs"], job.key_inputs
    label = f"{job.name} {job.version.version} ({job.variant.name})"
    found = []
    if old.get("recipe_sha256") != new["recipe_sha256"]:
        found.append(f"{label}: recipe file {then['recipe_file']} differs in what it builds "
                     "(sha256 "
                     f"{str(old.get('recipe_sha256'))[:12]}… then, "
                     f"{new['recipe_sha256'][:12]}… here)")
    if old.get("source_sha256") != new["source_sha256"]:
        found.append(f"{label}: source {then['source']['url']} had sha256 "
                     f"{str(old.get('source_sha256'))[:12]}…, this recipe wants "
                     f"{new['source_sha256'][:12]}…")
    before = {n: s for n, s in old.get("patches", [])}
    after = {n: s for n, s in new["patches"]}
    for name in sorted(before.keys() | after.keys()):
        if name not in after:
            found.append(f"{label}: patch {name} was applied then, it is not here")
        elif name not in before:
            found.append(f"{label}: patch {name} is new here")
        elif before[name] != after[name]:
            found.append(f"{label}: patch {name} differs (sha256 {before[name][:12]}… then, "
                         f"{after[name][:12]}… here)")
    if [n for n, _ in old.get("patches", [])] != [n for n, _ in new["patches"]] and \
            before.keys() == after.keys():
        found.append(f"{label}: the patches are applied in another order")
    if old.get("builder") != new["builder"]:
        then_pins = dict(toolchain.get("packages", {}))
        changed = sorted(p for p in then_pins.keys() | pinned.keys()
                         if then_pins.get(p) != pinned.get(p))
        detail = ("pins that differ: " + ", ".join(
            f"{p} {then_pins.get(p, 'absent')} then, {pinned.get(p, 'absent')} here"
            for p in changed)) if changed else "the pins are the same; the Dockerfile " \
            "template or the base image changed"
        found.append(f"{label}: the builder Dockerfile differs ({detail})")
    if old.get("driver") != new["driver"]:
        found.append(f"{label}: the build driver template (templates/build.sh.j2) differs")
    then_pgo, now_pgo = old.get("pgo"), new.get("pgo")
    if then_pgo != now_pgo:
        found.append(f"{label}: it was compiled with "
                     f"{_profile_said(then_pgo)} then, with {_profile_said(now_pgo)} here")
    for key in ("format", "version", "variant", "optimise"):
        if old.get(key) != new[key]:
            found.append(f"{label}: {key} was {old.get(key)!r}, here {new[key]!r}")
    if not found and old.get("deps") == new["deps"]:
        found.append(f"{label}: the cache key differs ({then['cache_key'][:12]}… then, "
                     f"{job.cache_key[:12]}… here) though no recorded input does")
    return found


def _profile_said(keyed: dict[str, Any] | None) -> str:
    if keyed is None:
        return "no profile"
    return f"the profile {keyed['profile']} (sha256 {str(keyed.get('sha256'))[:12]}…)"
