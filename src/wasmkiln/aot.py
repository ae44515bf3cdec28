"""AOT stage: wasmtime-precompiled .cwasm beside each .wasm, reused only when it still fits."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import wasmtime

from . import atomic, wasmtime_engine


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
    """(fresh, record): whether the .cwasm beside `wasm` fits this engine and this module."""
    try:
        recorded = json.loads(_sidecar(wasm).read_text())
    except (OSError, ValueError):
        recorded = None
    ident = _wasm_identity(wasm, (recorded or {}).get("wasm"))
    record = {"wasm": ident, "engine": wasmtime_engine.fingerprint()}
    fresh = (recorded is not None and cwasm_path(wasm).is_file()
             and recorded.get("engine") == record["engine"]
             and recorded.get("wasm", {}).get("sha256") == ident["sha256"])
    return fresh, record


def compile_cwasm(wasm: Path, record: dict[str, Any]) -> wasmtime.Module:
    module = wasmtime.Module.from_file(wasmtime_engine.engine(), str(wasm))
    atomic.write_bytes(cwasm_path(wasm), bytes(module.serialize()))
    atomic.write_text(_sidecar(wasm), json.dumps(record, sort_keys=True) + "\n")
    return module


def ensure(wasm: Path) -> dict[str, Any]:
    """Compile the .cwasm if missing or stale; return what was done for the manifest."""
    fresh, record = status(wasm)
    if not fresh:
        compile_cwasm(wasm, record)
    return {"cwasm": cwasm_path(wasm).name, "size": cwasm_path(wasm).stat().st_size,
            "reused": fresh, **record["engine"]}


def load(wasm: Path) -> wasmtime.Module:
    """The module from its .cwasm; a stale or foreign one is recompiled, never loaded blindly."""
    fresh, record = status(wasm)
    if fresh:
        try:
            return wasmtime.Module.deserialize_file(wasmtime_engine.engine(),
                                                    str(cwasm_path(wasm)))
        except wasmtime.WasmtimeError:
            pass  # compiled for another CPU or engine build: wasmtime refused it, so rebuild
    return compile_cwasm(wasm, record)
