"""The CI build matrix: one entry per recipe × version × variant with its cache key and runner,
dependencies first; optionally only what changed since a git ref (and what depends on it)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from . import versionspec
from .errors import WasmkilnError
from .plan import Job, Planner
from .recipe import RecipeBook

DEFAULT_RUNNER = "ubuntu-24.04"
# Paths whose change touches every build: the toolchain pins and the builder/driver templates.
EVERYTHING = ("toolchain.toml", "src/wasmkiln/templates/")


def entries(book: RecipeBook, planner: Planner, names: list[str] | None = None
            ) -> list[dict[str, Any]]:
    chosen = names if names is not None else book.names()
    found: list[dict[str, Any]] = []
    for name in chosen:
        recipe = book.get(name)
        for version in sorted(recipe.versions, key=versionspec.version_key):
            for variant in recipe.variants:
                if not recipe.builds(recipe.variants[variant], version):
                    continue
                job = planner.job(name, version, variant)
                found.append({
                    "recipe": name, "version": version, "variant": variant,
                    "cache_key": job.cache_key, "runner": recipe.runner or DEFAULT_RUNNER,
                    "stage": _depth(job), "deps": sorted({d.name for d in job.deps}),
                    "image": job.image_program is not None,
                })
    found.sort(key=lambda e: (e["stage"], e["recipe"],
                              versionspec.version_key(str(e["version"])), e["variant"]))
    return found


def _depth(job: Job) -> int:
    """0 for a recipe without dependencies, else one more than its deepest dependency."""
    return 1 + max((_depth(d) for d in job.deps), default=-1)


def changed_since(root: Path, ref: str, book: RecipeBook) -> set[str]:
    """Recipes whose recipe file, patches, dependencies or builder inputs changed since `ref`
    (committed or not), plus every recipe that depends on one of them."""
    paths = _git(root, ["diff", "--name-only", ref, "--"], ref) + _git(
        root, ["ls-files", "--others", "--exclude-standard"], ref)
    names = set(book.names())
    if any(p == e or p.startswith(e) for p in paths for e in EVERYTHING):
        return names
    direct = set()
    for path in paths:
        parts = path.split("/")
        if len(parts) > 1 and parts[0] in ("recipes", "patches") and parts[1] in names:
            direct.add(parts[1])
    return _with_dependents(direct, book)


def _with_dependents(direct: set[str], book: RecipeBook) -> set[str]:
    result = set(direct)
    grew = True
    while grew:
        grew = False
        for name in book.names():
            if name not in result and set(book.get(name).deps) & result:
                result.add(name)
                grew = True
    return result


def _git(root: Path, args: list[str], ref: str) -> list[str]:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise WasmkilnError(
            f"--changed-since {ref}: git could not compare {root} with {ref!r} "
            f"({done.stderr.strip().splitlines()[-1] if done.stderr.strip() else 'no output'}). "
            "Name a commit, branch or tag this checkout has (CI: fetch with enough depth)."
        )
    return [line for line in done.stdout.splitlines() if line]
