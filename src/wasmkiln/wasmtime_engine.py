"""The one wasmtime engine configuration shared by running and AOT compiling."""

from __future__ import annotations

import importlib.metadata
import platform

import wasmtime
import wasmtime._bindings as _bindings

# Everything that changes compiled code goes here and into the AOT fingerprint.
SETTINGS = {
    "wasm_exceptions": True,  # runtimes built with -mllvm -wasm-enable-sjlj need it
    # the stack upstream's wasmtime runner gives CPython (`ulimit -s` on Linux); wasm runs on
    # a host thread with a larger stack (wasi_run.GUEST_THREAD_STACK), never the caller's
    "max_wasm_stack": 8 << 20,
}
# wasmtime refuses a max_wasm_stack above the async stack size (2 MiB by default), and
# wasmtime-py's Config does not expose that setting; its C binding does.
ASYNC_STACK = 16 << 20

_ENGINE: wasmtime.Engine | None = None


def engine() -> wasmtime.Engine:
    global _ENGINE
    if _ENGINE is None:
        config = wasmtime.Config()
        _bindings.wasmtime_config_async_stack_size_set(config.ptr(), ASYNC_STACK)
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
