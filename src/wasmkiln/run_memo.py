"""What `run` resolved for a stored build (its cache key, program, [runtime] mounts and
environment), remembered under the sha256 of every input planning reads: the request, where the
project and outputs are, every file under recipes/ and patches/, toolchain.toml, wasmkiln's own
code and templates, jinja2's version and the interpreter's. Any edit to one of them is another
name, so a remembered resolution is never a stale one; a hit spares importing and running the
planner (the recipe model, patches, the farm: ~30 ms of `wasmkiln run`'s start-up). Whether the
build is still stored and intact is checked on every run all the same (store.inspect_dir)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from . import atomic
from .toolchain import jinja2_marker

if TYPE_CHECKING:
    from .wasi_run import RunResult

PACKAGE = Path(__file__).resolve().parent
_SKIPPED_DIRS = frozenset({"__pycache__"})


class ResolvedRun(NamedTuple):
    """A stored build as `run` starts it: the key it must have, its program, its [runtime]
    directories (host, guest; read-only) and environment."""

    label: str
    cache_key: str
    directory: Path
    program: Path
    runtime_dirs: tuple[tuple[Path, str], ...]
    runtime_env: tuple[tuple[str, str], ...]

    def start(self, args: list[str], dirs: list[str], env: list[str], workdir: str | None,
              ledger: Path | None) -> RunResult:
        """Run the program with this process's stdio; only the [runtime] directories, `dirs`
        (HOST[:GUEST[:ro]]) and `env` (K=V) reach it; the guest's working directory is
        `workdir`, else the first of `dirs`' guest path (like `docker run -w`)."""
        from . import wasi_run

        extra_dirs, extra_env = wasi_run.parse_dirs(dirs), wasi_run.parse_env(env)
        runtime = [wasi_run.Preopen(host, guest, writable=False)
                   for host, guest in self.runtime_dirs]
        preopens = wasi_run.with_working_dir(runtime + extra_dirs, extra_dirs, workdir)
        return wasi_run.run(self.program, args, env={**dict(self.runtime_env), **extra_env},
                            preopens=preopens, use_aot=True, inherit_stdio=True, ledger=ledger)

    def to_json(self) -> dict[str, object]:
        return {"label": self.label, "cache_key": self.cache_key,
                "directory": str(self.directory), "program": str(self.program),
                "runtime_dirs": [[str(host), guest] for host, guest in self.runtime_dirs],
                "runtime_env": [list(pair) for pair in self.runtime_env]}

    @classmethod
    def from_json(cls, data: object) -> ResolvedRun | None:
        try:
            assert isinstance(data, dict)
            return cls(label=str(data["label"]), cache_key=str(data["cache_key"]),
                       directory=Path(data["directory"]), program=Path(data["program"]),
                       runtime_dirs=tuple((Path(h), str(g)) for h, g in data["runtime_dirs"]),
                       runtime_env=tuple((str(k), str(v)) for k, v in data["runtime_env"]))
        except (AssertionError, KeyError, TypeError, ValueError):
            return None


def inputs_key(root: Path, output_dir: Path, request: tuple[str | None, ...]) -> str:
    """The sha256 of everything planning `request` (name, version, variant) can read."""
    digest = hashlib.sha256(json.dumps(
        [list(request), str(root), str(output_dir), sys.version]).encode())
    for top in (root / "recipes", root / "patches", root / "toolchain.toml", PACKAGE,
                jinja2_marker()):
        _add(digest.update, top)
    return digest.hexdigest()


def _add(update: Callable[[bytes], object], top: Path) -> None:
    """Every file's path and bytes under `top` (or `top` itself), in a fixed order."""
    if top.is_file():
        update(f"\0{top}\0".encode())
        update(top.read_bytes())
        return
    update(f"\0{top}/\0".encode())  # a missing directory still counts as an input
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIPPED_DIRS)
        for name in sorted(filenames):
            path = Path(dirpath, name)
            update(f"\0{path}\0".encode())
            with contextlib.suppress(OSError):  # a file vanishing meanwhile: its name counts
                update(path.read_bytes())


def recall(memo_dir: Path, key: str) -> ResolvedRun | None:
    try:
        return ResolvedRun.from_json(json.loads((memo_dir / "run" / f"{key}.json").read_text()))
    except (OSError, ValueError):
        return None


def remember(memo_dir: Path, key: str, resolved: ResolvedRun) -> None:
    """File the resolution; an unwritable cache only means the next run plans again."""
    with contextlib.suppress(OSError):
        atomic.write_text(memo_dir / "run" / f"{key}.json",
                          json.dumps(resolved.to_json(), sort_keys=True) + "\n")
