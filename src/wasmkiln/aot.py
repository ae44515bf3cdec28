"""AOT stage: wasmtime-precompiled .cwasm beside each .wasm, reused only when it still fits."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from . import atomic, wasmtime_engine
from .digests import remembered_sha256
from .wasmtime_capi import Module, WasmtimeError


def cwasm_path(wasm: Path) -> Path:
    return wasm.with_suffix(".cwasm")


def _sidecar(wasm: Path) -> Path:
    return wasm.with_suffix(".cwasm.json")


def _wasm_identity(wasm: Path, known: dict[str, Any] | None) -> dict[str, Any]:
    st = wasm.stat()
    ident: dict[str, Any] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
    if known and all(known.get(k) == v for k, v in ident.items()) and "sha256" in known:
        ident["sha256"] = known["sha256"]  # unchanged file: skip re-hashing on every start
    else:
        ident["sha256"] = hashlib.sha256(wasm.read_bytes()).hexdigest()
    return ident


def status(wasm: Path) -> tuple[bool, dict[str, Any]]:
    """(fresh, record): whether the .cwasm beside `wasm` fits this engine and this module and
    still has the bytes it was written with."""
    fresh, record, _damage = _check(wasm)
    return fresh, record


def _check(wasm: Path, ledger: Path | None = None) -> tuple[bool, dict[str, Any], str | None]:
    """(fresh, record for a new compile, damage): damage says why a .cwasm that should fit
    cannot be trusted (its bytes changed since it was written); None when there is none.
    With a `ledger` (digests.remembered_sha256) an untouched .cwasm is not read again."""
    try:
        recorded = json.loads(_sidecar(wasm).read_text())
    except (OSError, ValueError):
        recorded = None
    if not isinstance(recorded, dict):
        recorded = None
    ident = _wasm_identity(wasm, (recorded or {}).get("wasm"))
    record = {"wasm": ident, "engine": wasmtime_engine.fingerprint()}
    cwasm = cwasm_path(wasm)
    fits = (recorded is not None and cwasm.is_file()
            and recorded.get("engine") == record["engine"]
            and recorded.get("wasm", {}).get("sha256") == ident["sha256"])
    if not fits:
        return False, record, None
    assert recorded is not None
    expected = recorded.get("cwasm", {}).get("sha256")
    if expected is None:
        return False, record, None  # written before .cwasm digests were recorded: recompile
    got = remembered_sha256(cwasm, ledger)
    if got != expected:
        return False, record, (f"{cwasm} does not match the sha256 recorded when it was "
                               f"compiled ({got[:16]}… instead of {expected[:16]}…)")
    return True, record, None


def compile_cwasm(wasm: Path, record: dict[str, Any]) -> Module:
    """Compile `wasm` and save the .cwasm with a record of what it fits and its own sha256."""
    module = Module.compile(wasmtime_engine.run_engine(), wasm.read_bytes())
    data = module.serialize()
    atomic.write_bytes(cwasm_path(wasm), data)
    full = {**record, "cwasm": {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}}
    atomic.write_text(_sidecar(wasm), json.dumps(full, sort_keys=True) + "\n")
    return module


def _notice(text: str) -> None:
    print(f"wasmkiln: {text}", file=sys.stderr, flush=True)


def ensure(wasm: Path) -> dict[str, Any]:
    """Compile the .cwasm if missing, stale or damaged; return what was done for the manifest."""
    fresh, record, damage = _check(wasm)
    if damage:
        _notice(f"{damage}; recompiling it")
    if not fresh:
        compile_cwasm(wasm, record)
    return {"cwasm": cwasm_path(wasm).name, "size": cwasm_path(wasm).stat().st_size,
            "reused": fresh, **record["engine"]}


# Modules this process loaded from a checked .cwasm, by the .wasm's path, with the identity of
# the three files when it was checked: hashing a 30 MB .cwasm costs ~40 ms, more than a whole
# php-cgi request, so a server pays it once, not per request.
_LOADED: dict[str, tuple[tuple[object, ...], Module]] = {}


def _identity(wasm: Path) -> tuple[object, ...] | None:
    """What changes whenever one of the files is written or replaced: any write moves ctime
    (which no caller can set back), a rename changes the inode; None if one is missing."""
    ident: list[object] = []
    for path in (wasm, cwasm_path(wasm), _sidecar(wasm)):
        try:
            st = path.stat()
        except OSError:
            return None
        ident.append((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
    return tuple(ident)


def load(wasm: Path, ledger: Path | None = None) -> Module:
    """The module from its .cwasm; a stale, foreign or damaged one is recompiled (a damaged one
    with a notice), never loaded blindly. Where the .cwasm cannot be saved (a read-only or full
    output disk) the module is compiled in memory for this run, with a notice. A .cwasm this
    process already checked and loaded, whose files have not been touched since, is reused;
    with a `ledger`, so is the digest another process took of the untouched .cwasm."""
    key = str(wasm.resolve())
    before = _identity(wasm)
    known = _LOADED.get(key)
    if known is not None and before is not None and known[0] == before:
        return known[1]
    module = _load_checked(wasm, ledger)
    if before is not None and _identity(wasm) == before:  # nothing rewrote them meanwhile
        _LOADED[key] = (before, module)
    else:
        _LOADED.pop(key, None)
    return module


def _load_checked(wasm: Path, ledger: Path | None) -> Module:
    fresh, record, damage = _check(wasm, ledger)
    if damage:
        _notice(f"{damage}; recompiling it")
    if fresh:
        try:
            return Module.deserialize_file(wasmtime_engine.run_engine(), cwasm_path(wasm))
        except WasmtimeError:
            pass  # compiled for another CPU or engine build: wasmtime refused it, so rebuild
    try:
        return compile_cwasm(wasm, record)
    except OSError as exc:
        _notice(f"cannot save the precompiled {cwasm_path(wasm)} ({exc.strerror or exc}); "
                "this run compiles the module in memory instead (slower start-up). Make "
                f"{wasm.parent} writable, or rebuild into a writable WASMKILN_OUTPUT, to keep it.")
        return Module.compile(wasmtime_engine.run_engine(), wasm.read_bytes())
