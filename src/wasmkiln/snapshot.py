"""Snapshot stage: pre-initialise a module with Wizer, after wasm-opt and before the AOT compile.

Wizer instantiates the module, calls the export the variant's `[snapshot]` names (with the
recipe's `[runtime]` dirs mounted and its `[runtime]` env plus the snapshot's own `env`, nothing
of the host's), and writes the instance's memory and globals out as a new module whose start
skips that work. What the initialisation may and may not do is the guest's business (the python
recipe's patch says what CPython does); this stage only runs the tool, checks what it wrote and
replaces the module in place. The tool is an npm package pinned by sha256 in `tools.toml`; its
sha256, the settings and the runtime dirs and env are part of the build's cache key.
"""

from __future__ import annotations

import os
import platform
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from .errors import BuildFailed, SourceError
from .recipe import Recipe, Snapshot

TOOL_PINS = Path(__file__).with_name("tools.toml")
TOOL = "wizer-linux-x64"
TIMEOUT_S = 600.0


def key_inputs(recipe: Recipe, snap: Snapshot) -> dict[str, Any]:
    """What of a snapshot can change the module's bytes."""
    from . import npm_data

    pin = npm_data.load_pins(TOOL_PINS)[TOOL]
    return {"tool": [pin.spec, pin.sha256], "init": snap.init, "program": snap.program,
            "env": [list(pair) for pair in snap.env],
            "runtime_dirs": [list(pair) for pair in recipe.runtime_dirs],
            "runtime_env": [list(pair) for pair in recipe.runtime_env]}


def tool(source_cache: Path) -> Path:
    """The pinned wizer binary, unpacked next to its verified tarball in the source cache."""
    from . import npm_data

    if (platform.system(), platform.machine()) != ("Linux", "x86_64"):
        raise SourceError(f"The snapshot tool pinned in {TOOL_PINS} ({TOOL}) runs on Linux "
                          f"x86_64 only, not on {platform.system()} {platform.machine()}.")
    pin = npm_data.load_pins(TOOL_PINS)[TOOL]
    tarball = npm_data.fetch(pin, source_cache)
    binary = tarball.parent / "wizer"
    if binary.is_file() and os.access(binary, os.X_OK):
        return binary
    with tarfile.open(tarball) as archive:
        member = archive.getmember("package/wizer")
        data = archive.extractfile(member)
        assert data is not None
        tmp = binary.with_name(f".wizer.{os.getpid()}.tmp")
        tmp.write_bytes(data.read())
    tmp.chmod(0o755)
    os.replace(tmp, binary)
    return binary


def command(wizer: Path, snap: Snapshot, module: Path, out: Path, prefix: Path,
            runtime_dirs: tuple[tuple[str, str], ...]) -> list[str]:
    argv = [str(wizer), "--allow-wasi", "--inherit-env", "true", "--inherit-stdio", "true",
            "--init-func", snap.init]
    for rel, guest in runtime_dirs:
        argv += ["--mapdir", f"{guest}::{prefix / rel}"]
    return [*argv, "-o", str(out), str(module)]


def run(recipe: Recipe, snap: Snapshot, program: str, prefix: Path, source_cache: Path,
        log: Path, label: str) -> dict[str, Any]:
    """Snapshot `prefix/program` in place; what was done, for the manifest."""
    module = prefix / program
    wizer = tool(source_cache)
    out = module.with_name(f".{module.name}.snapshot.tmp")
    argv = command(wizer, snap, module, out, prefix, recipe.runtime_dirs)
    env = dict(recipe.runtime_env) | dict(snap.env)
    before = module.stat().st_size
    try:
        done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        out.unlink(missing_ok=True)
        raise BuildFailed(f"The snapshot of {program} ({label}) did not finish in "
                          f"{TIMEOUT_S:.0f} s: its '{snap.init}' export never returned. Nothing "
                          "was stored.") from None
    said = (done.stdout + done.stderr).decode(errors="replace")
    with open(log, "a") as fh:
        fh.write(f"\n==> snapshot\n{' '.join(argv)}\n{said}")
    if done.returncode != 0 or not out.is_file():
        out.unlink(missing_ok=True)
        raise BuildFailed(
            f"The snapshot of {program} ({label}, recipe {recipe.path}) failed: wizer exited "
            f"with status {done.returncode} calling the export '{snap.init}'; see {log}. "
            "Nothing was stored.\n" + "\n".join(said.strip().splitlines()[-15:]))
    os.replace(out, module)
    return {"program": program, "init": snap.init, "tool": TOOL, "env": dict(snap.env),
            "size": {"before": before, "after": module.stat().st_size}}
