"""The one wasmtime engine configuration shared by running and AOT compiling."""

from __future__ import annotations

import importlib.metadata
import platform

import wasmtime

# Everything that changes compiled code goes here and into the AOT fingerprint.
SETTINGS = {
    "wasm_exceptions": True,  # runtimes built with -mllvm -wasm-enable-sjlj need it
    # wasmtime-py runs on a 2 MiB async stack; a larger wasm stack aborts the process
    "max_wasm_stack": 2 << 20,
}

_ENGINE: wasmtime.Engine | None = None


def engine() -> wasmtime.Engine:
    global _ENGINE
    if _ENGINE is None:
        config = wasmtime.Config()
        for key, value in SETTINGS.items():
            setattr(config, key, value)
        _ENGINE = wasmtime.Engine(config)
    return _ENGINE


def fingerprint() -> dict[str, object]:
    """What a precompiled module depends on: engine version, host target, engine settings."""
    return {
        "wasmtime": importlib.metadata.version("wasmtime"),
        "target": f"{platform.machine()}-{platform.system().lower()}",
        "settings": SETTINGS,
    }
