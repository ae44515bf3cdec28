"""`wasmkiln TASK ...`: the project's invoke tasks, from any directory.

`invoke` only finds tasks.py at or above the current directory, so it must run from the
checkout, and relative paths given to a task then mean paths in the checkout. This entry point
finds the project itself (WASMKILN_ROOT, else the checkout this package is installed from in
editable mode, else the current directory or a parent), loads that project's tasks.py, and
leaves the current directory alone: `--dir .`, `--docroot site`, `--sign-key key.pem` mean
the caller's paths.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from .errors import WasmkilnError

ROOT_VARIABLE = "WASMKILN_ROOT"
_MARKERS = ("tasks.py", "toolchain.toml", "recipes")


def is_project(path: Path) -> bool:
    """Whether `path` holds a wasmkiln project: tasks.py, toolchain.toml and recipes/."""
    return all((path / marker).exists() for marker in _MARKERS) and (path / "recipes").is_dir()


def installed_checkout(package_file: str | None = None) -> Path | None:
    """The checkout this package was installed from in editable mode (src/wasmkiln/ inside
    it), or None for a regular install."""
    here = Path(package_file or __file__).resolve()
    candidate = here.parents[2] if len(here.parents) > 2 else None
    return candidate if candidate is not None and is_project(candidate) else None


def find_project(env: Mapping[str, str], cwd: Path,
                 package_file: str | None = None) -> Path:
    """The project the tasks come from: WASMKILN_ROOT, else the editable install's checkout,
    else the nearest project at or above `cwd`; an error naming what was tried otherwise."""
    named = env.get(ROOT_VARIABLE, "").strip()
    if named:
        root = Path(named).expanduser()
        root = (cwd / root if not root.is_absolute() else root).resolve()
        if not is_project(root):
            raise WasmkilnError(
                f"{ROOT_VARIABLE}={named} does not name a wasmkiln project: {root} should hold "
                "tasks.py, toolchain.toml and recipes/. Point it at the checkout, or unset it "
                "to use the checkout wasmkiln was installed from.")
        return root
    checkout = installed_checkout(package_file)
    if checkout is not None:
        return checkout
    for candidate in (cwd, *cwd.parents):
        if is_project(candidate):
            return candidate
    raise WasmkilnError(
        f"No wasmkiln project found: {ROOT_VARIABLE} is not set, this wasmkiln is not an "
        f"editable install of a checkout, and neither {cwd} nor a parent holds tasks.py, "
        f"toolchain.toml and recipes/. Set {ROOT_VARIABLE}=/path/to/wasmkiln or run from "
        "inside the checkout.")


def main(argv: list[str] | None = None) -> int:
    """Run `wasmkiln TASK [ARGS...]` with the project's tasks; the working directory stays the
    caller's."""
    from .cli import format_error

    try:
        try:
            here = Path.cwd()
        except OSError as exc:  # the caller's directory was removed under it
            raise WasmkilnError(f"The current directory cannot be used ({exc.strerror}): "
                                "change to an existing directory and run wasmkiln again.") from None
        root = find_project(os.environ, here)
    except WasmkilnError as exc:
        print(format_error(exc), file=sys.stderr)
        return 1
    # tasks read the project from the environment (Settings.from_env), as do their children
    os.environ[ROOT_VARIABLE] = str(root)
    args = list(sys.argv if argv is None else argv)
    if len(args) < 2:
        args.append("--list")
    if args[1] == "run":
        _run_without_invoke(args[2:])  # exits; returns only for a form invoke must parse
    program = _program(root)
    program.run(args)
    return 0


def _run_without_invoke(words: list[str]) -> None:
    """`wasmkiln run NAME [options] -- ARGS…` straight to the run (exits with the guest's
    status), the same function `invoke run` calls; other forms return to go through invoke."""
    from . import run_command
    from .cli import reports_errors

    request = run_command.parse(words)
    if request is None:
        return

    @reports_errors
    def run() -> None:
        run_command.finish(run_command.run_recipe(request))

    run()


def _program(root: Path):  # -> invoke.Program (imported here: only the CLI needs invoke)
    from invoke import Program
    from invoke.loader import FilesystemLoader

    class ProjectLoader(FilesystemLoader):
        """Finds the project's tasks.py from its root, not from the current directory."""

        def __init__(self, config=None, start: str | None = None) -> None:
            super().__init__(config=config, start=start or str(root))

    class WasmkilnProgram(Program):
        def print_version(self) -> None:  # the installed version, looked up only when asked
            from importlib.metadata import PackageNotFoundError, version

            try:
                self.version = version("wasmkiln")
            except PackageNotFoundError:
                self.version = "unknown (not installed)"
            super().print_version()

    return WasmkilnProgram(name="wasmkiln", binary="wasmkiln", binary_names=["wasmkiln"],
                           loader_class=ProjectLoader)


if __name__ == "__main__":
    raise SystemExit(main())
