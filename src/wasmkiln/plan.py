"""Resolve a build request into jobs (dependencies first), each with its cache key."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import patches as patches_mod
from . import versionspec
from .errors import RecipeError
from .recipe import OPT_LEVELS, Optimise, Recipe, RecipeBook, Steps, Variant, Version
from .toolchain import TEMPLATES, Toolchain

# Bump when the way wasmkiln turns a recipe into a build changes in a way the key can't see.
PIPELINE_FORMAT = 1


@dataclass(frozen=True)
class Job:
    recipe: Recipe
    version: Version
    variant: Variant
    steps: Steps
    optimise: Optimise
    patches: tuple[patches_mod.Patch, ...]
    deps: tuple[Job, ...]
    key_inputs: dict[str, Any] = field(compare=False, hash=False)
    cache_key: str = ""

    @property
    def name(self) -> str:
        return self.recipe.name

    @property
    def label(self) -> str:
        return f"{self.recipe.name} {self.version.version} ({self.variant.name})"

    def output_dir(self, output_root: Path) -> Path:
        return output_root / self.recipe.name / self.version.version / self.variant.name

    @property
    def program(self) -> str | None:
        """The module this build runs as: the recipe's `run`, unless this variant builds one
        other .wasm only (php's cgi variant builds php-cgi.wasm); None when it cannot say."""
        wasm = [out for out in self.steps.outputs if out.endswith(".wasm")]
        run = self.recipe.run
        if run is not None and run in wasm:
            return run
        return wasm[0] if len(wasm) == 1 else None

    @property
    def snapshot_program(self) -> str | None:
        """The module this variant's [snapshot] pre-initialises (None: it has no snapshot)."""
        snap = self.variant.snapshot
        return None if snap is None else snap.program or self.program

    @property
    def pgo_program(self) -> str | None:
        """The module this variant's [pgo] runs train (None: it has no [pgo] table)."""
        training = self.variant.pgo
        return None if training is None else training.program or self.program

    @property
    def shared_steps(self) -> Steps:
        """What this job's build shares with the recipe's other variants: everything but the
        commands its variant adds (and the outputs those make)."""
        return dataclasses.replace(self.steps, commands=self.steps.commands[:self._own_from],
                                   outputs=())

    @property
    def own_commands(self) -> tuple[tuple[str, ...], ...]:
        """The commands this job's variant adds after the recipe's own (php: make cgi, install)."""
        return self.steps.commands[self._own_from:]

    @property
    def _own_from(self) -> int:
        return len(self.recipe.steps.commands)

    @property
    def image_program(self) -> str | None:
        """The module an image of this build starts: [package] entrypoint if this variant
        builds it, else `program`; None when the build has nothing to package."""
        entry = self.recipe.package.entrypoint
        if entry is not None and entry in self.steps.outputs:
            return entry
        return self.program


def _driver_template_sha() -> str:
    return hashlib.sha256((TEMPLATES / "build.sh.j2").read_bytes()).hexdigest()


def cache_key(inputs: dict[str, Any]) -> str:
    blob = json.dumps(inputs, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(blob).hexdigest()


def pick_dep_version(dep: Recipe, spec: str, wanted_by: Recipe) -> Version:
    """The dependency's default version if it satisfies `spec`, else its newest that does."""
    if versionspec.matches(dep.default_version, spec):
        return dep.versions[dep.default_version]
    fitting = [v for v in dep.versions if versionspec.matches(v, spec)]
    if not fitting:
        raise RecipeError(
            f"Recipe '{wanted_by.name}' ({wanted_by.path}) needs {dep.name} {spec}, but recipe "
            f"'{dep.name}' only has {', '.join(sorted(dep.versions))}."
        )
    return dep.versions[versionspec.newest(fitting)]


class Planner:
    """Turns (recipe, version, variant) into a Job tree; pure: reads files, starts nothing."""

    def __init__(self, book: RecipeBook, patches_dir: Path, toolchain: Toolchain,
                 builder_digest: Callable[[], str] | None = None) -> None:
        """`builder_digest`: where the toolchain's digest comes from when the caller has a
        quicker way than rendering `toolchain` (toolchain.RememberedDigest). It is asked for
        when the first key is computed: a request refused before that takes none."""
        self.book = book
        self.patches_dir = patches_dir
        self._builder_digest = builder_digest or (lambda: toolchain.digest)
        self._toolchain_digest: str | None = None
        self.driver_sha = _driver_template_sha()

    @property
    def toolchain_digest(self) -> str:
        if self._toolchain_digest is None:
            self._toolchain_digest = self._builder_digest()
        return self._toolchain_digest

    def job(self, name: str, version: str | None = None, variant: str | None = None,
            opt_level: str | None = None, training: bool = False) -> Job:
        """The job for a target; `opt_level` overrides wasm-opt's level for it (not its deps).
        `training`: the job that makes a profile-guided variant's profile (pgo.py), which
        needs no profile yet; it is never stored."""
        return self._job(name, version, variant, chain=(), opt_level=opt_level,
                         training=training)

    def _job(self, name: str, version: str | None, variant: str | None,
             chain: tuple[str, ...], opt_level: str | None = None,
             training: bool = False) -> Job:
        if name in chain:
            raise RecipeError(f"Dependency cycle: {' -> '.join((*chain, name))}.")
        recipe = self.book.get(name)
        ver = recipe.version(version)
        var = recipe.variant(variant)
        if not recipe.builds(var, ver.version):
            raise RecipeError(
                f"Recipe '{name}' ({recipe.path}): the variant {var.name!r} is built for "
                f"{', '.join(var.versions)} only, not for {ver.version}. Nothing was built.")
        if opt_level is not None and opt_level not in OPT_LEVELS:
            raise RecipeError(f"--opt-level {opt_level!r} is not a wasm-opt level wasmkiln "
                              f"knows; use one of {', '.join(OPT_LEVELS)}. Nothing was built.")
        deps = []
        for dep_name, spec in sorted(recipe.deps.items()):
            dep_recipe = self.book.get(dep_name)
            dep_version = pick_dep_version(dep_recipe, spec, recipe)
            deps.append(self._job(dep_name, dep_version.version, None, (*chain, name)))
        patch_list = patches_mod.series(self.patches_dir, recipe, ver)
        optimise = recipe.optimise_for(var, opt_level)
        inputs = {
            "format": PIPELINE_FORMAT,
            "recipe": recipe.name,
            "version": ver.version,
            "variant": var.name,
            "recipe_sha256": recipe.build_sha256,
            "source_sha256": ver.source.sha256,
            "patches": [[p.name, p.sha256] for p in patch_list],
            "builder": self.toolchain_digest,
            "driver": self.driver_sha,
            "deps": {d.name: d.cache_key for d in deps},
            "optimise": {"level": optimise.level, "passes": list(optimise.passes or ()),
                         "strip": optimise.strip},
        }
        if recipe.scripts:  # only recipes that have scripts: the others' keys stay as they were
            inputs["scripts"] = [list(pair) for pair in recipe.scripts]
        steps = recipe.steps_for(var)
        values = version_values(ver.version)
        steps = dataclasses.replace(steps, outputs=tuple(
            _expand(out, values, recipe) for out in steps.outputs))
        if var.snapshot is not None:  # only variants that snapshot: the others' keys stay
            from . import snapshot
            inputs["snapshot"] = snapshot.key_inputs(recipe, var.snapshot)
        if var.pgo is not None:  # only profile-guided variants: the others' keys stay
            from . import pgo
            profile = _expand(var.pgo.profile, values, recipe)
            if training:  # the profile is what this job makes
                inputs["pgo"] = {"profile": profile, "training": True}
            elif not (recipe.path.parent / profile).is_file():
                raise RecipeError(
                    f"Recipe '{name}' ({recipe.path}): the variant {var.name!r} is compiled "
                    f"with the profile {recipe.path.parent / profile}, which does not exist "
                    f"for {ver.version}; make it with `invoke train-profile {name} --version "
                    f"{ver.version} --variant {var.name}`. Nothing was built.")
            else:
                inputs["pgo"] = pgo.key_inputs(recipe, profile)
        job = Job(recipe, ver, var, steps, optimise, patch_list, tuple(deps),
                  inputs, cache_key(inputs))
        for table, chosen in (("snapshot", var.snapshot and job.snapshot_program),
                              ("pgo", var.pgo and job.pgo_program)):
            if table in inputs and chosen is None:
                raise RecipeError(
                    f"Recipe '{name}' ({recipe.path}): [variants.{var.name}.{table}] names no "
                    "program and the variant builds several modules; say which with "
                    "`program`. Nothing was built.")
        return job


def version_values(version: str) -> dict[str, str]:
    """What ${VERSION…} in build steps and {version…} in outputs stand for."""
    parts = (version.split(".") + ["", ""])[:3]
    return {"VERSION": version, "VERSION_MAJOR": parts[0], "VERSION_MINOR": parts[1]}


def _expand(text: str, values: dict[str, str], recipe: Recipe) -> str:
    def one(m: re.Match[str]) -> str:
        key = m.group(1).upper()
        if key not in values:
            raise RecipeError(
                f"Recipe '{recipe.name}' ({recipe.path}): output {text!r} names {{{m.group(1)}}}; "
                f"outputs may use {', '.join('{' + k.lower() + '}' for k in values)}.")
        return values[key]
    return re.sub(r"\{([a-z_]+)\}", one, text)


def siblings(jobs: list[Job]) -> list[tuple[Job, ...]]:
    """`jobs` in groups that one container run can build: variants of one recipe version whose
    trees are configured and built alike (same patches, dependencies, flags, environment and
    shared steps) and which differ only in the commands each variant adds. A group shares
    those steps once, then runs each variant's own commands in the same tree (php's cli and
    cgi: configure and compile once, link twice); profile-guided variants share a tree only
    when they share the profile. Order is kept; a job alone is a group of one.
    Every job keeps its own cache key: how a build is scheduled is not one of its inputs, and
    the sibling run makes the same bytes as separate runs (tests/e2e/test_siblings.py)."""
    groups: dict[tuple[Any, ...], list[Job]] = {}
    for job in jobs:
        shares = (job.name, job.version.version, tuple((p.name, p.sha256) for p in job.patches),
                  tuple(d.cache_key for d in job.deps), job.shared_steps,
                  json.dumps(job.key_inputs.get("pgo"), sort_keys=True)) \
            if job.own_commands else (job.cache_key,)
        groups.setdefault(shares, []).append(job)
    return [tuple(group) for group in groups.values()]


def build_order(*roots: Job) -> list[Job]:
    """Every job of the trees once, each after all its dependencies (roots in the order given)."""
    seen: dict[str, Job] = {}

    def visit(job: Job) -> None:
        for dep in job.deps:
            visit(dep)
        seen.setdefault(job.cache_key, job)

    for root in roots:
        visit(root)
    return list(seen.values())
