"""The one wasmtime engine configuration shared by running and AOT compiling.

Two engines carry it: the C API's (`run_engine()`, wasmtime_capi: what the farm compiles
.cwasm files and runs modules with, without importing wasmtime-py) and wasmtime-py's
(`engine()`, `make_engine()`: for the benchmarks that vary settings); both come from SETTINGS
and ASYNC_STACK, so what one compiles the other loads."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from . import wasmtime_capi

if TYPE_CHECKING:
    import wasmtime

# Everything that changes compiled code goes here and into the AOT fingerprint.
SETTINGS: dict[str, object] = {
    "wasm_exceptions": True,  # runtimes built with -mllvm -wasm-enable-sjlj need it
    # the stack upstream's wasmtime runner gives CPython (`ulimit -s` on Linux); wasm runs on
    # a host thread with a larger stack (wasi_run.GUEST_THREAD_STACK), never the caller's
    "max_wasm_stack": 8 << 20,
}
# wasmtime refuses a max_wasm_stack above the async stack size (2 MiB by default), and
# wasmtime-py's Config does not expose that setting; its C binding does.
ASYNC_STACK = 16 << 20
# The pooling allocator (bench/bench_engine_settings.py measures it): slots kept for this many
# instances at once, each memory up to 4 GiB of address space (reserved, not committed).
POOL_INSTANCES = 16
POOL_MEMORY_BYTES = 4 << 30

_ENGINE: list[wasmtime.Engine] = []
_RUN_ENGINE: list[wasmtime_capi.Engine] = []


def make_engine(settings: Mapping[str, object] = SETTINGS, *, pooling: bool = False,
                profiler: str | None = None) -> wasmtime.Engine:
    """An engine with these Config settings (attribute name → value), optionally the pooling
    instance allocator and a profiler ("perfmap", "jitdump"); `engine()` is the default one."""
    import wasmtime
    import wasmtime._bindings as _bindings

    config = wasmtime.Config()
    _bindings.wasmtime_config_async_stack_size_set(config.ptr(), ASYNC_STACK)
    for key, value in settings.items():
        setattr(config, key, value)
    if profiler:
        config.profiler = profiler
    if pooling:
        pool = _bindings.wasmtime_pooling_allocation_config_new()
        try:
            _bindings.wasmtime_pooling_allocation_config_total_core_instances_set(
                pool, POOL_INSTANCES)
            _bindings.wasmtime_pooling_allocation_config_total_memories_set(pool, POOL_INSTANCES)
            _bindings.wasmtime_pooling_allocation_config_total_tables_set(pool, POOL_INSTANCES)
            _bindings.wasmtime_pooling_allocation_config_total_stacks_set(pool, POOL_INSTANCES)
            _bindings.wasmtime_pooling_allocation_config_max_memory_size_set(
                pool, POOL_MEMORY_BYTES)
            _bindings.wasmtime_pooling_allocation_strategy_set(config.ptr(), pool)
        finally:
            _bindings.wasmtime_pooling_allocation_config_delete(pool)
    return wasmtime.Engine(config)


def engine() -> wasmtime.Engine:
    """wasmtime-py's engine with SETTINGS (benchmarks and tests; the farm uses run_engine)."""
    if not _ENGINE:
        _ENGINE.append(make_engine())
    return _ENGINE[0]


def run_engine() -> wasmtime_capi.Engine:
    """The C API's engine with SETTINGS: what compiles .cwasm files (aot) and runs modules
    (wasi_run)."""
    if not _RUN_ENGINE:
        _RUN_ENGINE.append(wasmtime_capi.Engine(dict(SETTINGS), ASYNC_STACK))
    return _RUN_ENGINE[0]


def fingerprint(settings: Mapping[str, object] = SETTINGS) -> dict[str, object]:
    """What a precompiled module depends on: engine version, host target, engine settings.
    (The target is what platform.machine() and platform.system() say, read from os.uname()
    without importing platform.)"""
    host = os.uname()
    return {
        "wasmtime": wasmtime_version(),
        "target": f"{host.machine}-{host.sysname.lower()}",
        "settings": dict(settings),
    }


_VERSION: list[str] = []


def wasmtime_version() -> str:
    """The installed wasmtime package's version, from the metadata installed beside the package
    (found without importing it); importlib.metadata, ~20 ms to import, only when that is not
    found exactly once."""
    if not _VERSION:
        site = wasmtime_capi.package_dir().resolve().parent
        found = [line.partition(":")[2].strip()
                 for info in site.glob("wasmtime-*.dist-info")
                 for line in _head(info / "METADATA") if line.startswith("Version:")]
        if len(found) != 1:
            import importlib.metadata

            found = [importlib.metadata.version("wasmtime")]
        _VERSION.append(found[0])
    return _VERSION[0]


def _head(metadata: Path) -> list[str]:
    """The header lines of a METADATA file (up to the first blank line); none if unreadable."""
    try:
        text = metadata.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return text.partition("\n\n")[0].splitlines()
