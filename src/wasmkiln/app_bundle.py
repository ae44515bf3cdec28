"""An application on top of a runtime's image: `invoke package NAME --app DIR [--requirements
FILE]`. The recipe's `[package.app]` table says where DIR goes, what the image runs (its Cmd,
WorkingDir, Env) and how requirements are installed; this module turns that into two layers
(the installed requirements, then the app's files) laid over the runtime's own layer, plus
what the SBOM lists about them.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import oci, wheels
from .errors import PackageError, RecipeError, WasmkilnError
from .plan import Job, version_values
from .recipe import AppLayout

# never part of an app's layer: byte-code caches (host-specific) and version-control data
LEFT_OUT = frozenset({"__pycache__", ".git", ".hg", ".svn"})


@dataclass(frozen=True)
class AppBundle:
    """What an app adds to a runtime's image."""

    name: str  # the image's name (DIR's name, lowercased to what a registry accepts)
    source: Path  # DIR
    layout: AppLayout
    requirements_layer: list[oci.LayerEntry] = field(default_factory=list)  # empty: none given
    app_layer: list[oci.LayerEntry] = field(default_factory=list)
    wheels: list[wheels.Wheel] = field(default_factory=list)
    requirements: Path | None = None

    @property
    def cmd(self) -> list[str]:
        return list(self.layout.cmd)

    @property
    def workdir(self) -> str:
        return self.layout.workdir or self.layout.dir

    @property
    def env(self) -> dict[str, str]:
        return dict(self.layout.env)


def app_layout(job: Job) -> AppLayout:
    """The recipe's [package.app] table; an error (before any build) when it has none."""
    layout = job.recipe.package.app
    if layout is None:
        raise RecipeError(
            f"Recipe '{job.name}' ({job.recipe.path}) cannot package an application: it has no "
            "[package.app] table saying where the app goes in the image and what the image "
            "runs (see README, \"Application images\").")
    return layout


def check(job: Job, app_dir: Path, requirements: Path | None) -> AppLayout:
    """Everything about --app/--requirements that can be checked before building."""
    layout = app_layout(job)
    if not app_dir.is_dir():
        raise WasmkilnError(f"--app {app_dir}: not a directory on this machine.")
    if layout.main and not (app_dir / layout.main).is_file():
        raise WasmkilnError(
            f"--app {app_dir}: it has no {layout.main}, which a {job.name} application image "
            f"runs (its Cmd is {' '.join(layout.cmd) or 'the recipe default'}; set by "
            f"[package.app] in {job.recipe.path}).")
    if requirements is not None:
        if layout.requirements is None:
            raise WasmkilnError(
                f"--requirements {requirements}: recipe '{job.name}' installs no requirements "
                f"into its images ([package.app] in {job.recipe.path} has no requirements "
                "table); put the app's dependencies inside its directory instead.")
        if not requirements.is_file():
            raise WasmkilnError(f"--requirements {requirements}: no such file.")
    return layout


def image_name(app_dir: Path) -> str:
    """DIR's name as a registry repository component: lowercase, [a-z0-9] runs joined by one
    of . _ -."""
    words = re.findall(r"[a-z0-9]+", app_dir.resolve().name.lower())
    return "-".join(words) or "app"


@contextlib.contextmanager
def prepared(job: Job, app_dir: Path, requirements: Path | None) -> Iterator[AppBundle]:
    """The app's layers (its files live in a temporary directory while this is open)."""
    layout = check(job, app_dir, requirements)
    app_dir = app_dir.resolve()
    with tempfile.TemporaryDirectory(prefix="wasmkiln-app-") as tmp:
        found: list[wheels.Wheel] = []
        requirements_layer: list[oci.LayerEntry] = []
        if requirements is not None and layout.requirements is not None:
            values = {k.lower(): v for k, v in version_values(job.version.version).items()}
            target = _expand(layout.requirements.target, values, job)
            python = _expand(layout.requirements.python, values, job)
            found = wheels.resolve(requirements.resolve(), Path(tmp) / "wheels", python)
            site = Path(tmp) / "site"
            site.mkdir()
            wheels.install(found, site)
            requirements_layer = oci.entries_from(site, target)
        try:
            app_layer = [e for e in oci.entries_from(app_dir, layout.dir, root=app_dir)
                         if not LEFT_OUT & set(e.path.split("/"))
                         and not e.path.endswith(".pyc")]
        except oci.UnsafeEntry as exc:
            raise PackageError(
                f"Cannot package the app {app_dir}: {exc}. Only the files of the app's own "
                "directory go into its image; nothing was written.") from None
        yield AppBundle(image_name(app_dir), app_dir, layout, requirements_layer, app_layer,
                        found, requirements)


def _expand(text: str, values: dict[str, str], job: Job) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            raise RecipeError(
                f"Recipe '{job.name}' ({job.recipe.path}): [package.app] names "
                f"{{{match.group(1)}}} in {text!r}; it may use "
                f"{', '.join('{' + k + '}' for k in values)}.")
        return values[match.group(1)]
    return re.sub(r"\{([a-z_]+)\}", one, text)
