"""Snapshot stage: pre-initialise a module, after wasm-opt and before the AOT compile.

The module is instantiated in wasmtime (the reference engine, with the farm's engine
settings) with the recipe's `[runtime]` dirs mounted read-only and its `[runtime]` env plus
the snapshot's own `env` (nothing of the host's), and the export the variant's `[snapshot]`
names is called once. Its memory and mutable globals are then written out as a new module
(the idea of Wizer, done here so the result is the same bytes on every build):

- the memory's contents become the data: one active segment per run of non-zero bytes (runs
  split at 64 zero bytes or more), the memory's minimum grown to the size it reached;
- every mutable global starts at the value it had (it is exported while the snapshot runs,
  under a name only this stage uses);
- the original segments stay, emptied and passive, so that every segment keeps its index;
- the initialisation export and the start function are gone (both have run).

What the initialisation may do is the guest's business (the python recipe's patch says what
CPython does and forgets, and what it zeroes so that no stale bytes reach the snapshot). What
it must not do, and this stage refuses: import or add memories, change a table's size, leave a
mutable global of a reference type. The runtime dirs' files get the version's
SOURCE_DATE_EPOCH as their times first (`settle_times`). The settings, the runtime dirs and
env, and this module's code are in the build's cache key.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

from . import wasm_binary as wb
from .errors import BuildFailed
from .recipe import Recipe, Snapshot

ZERO_GAP = 64  # a run of this many zero bytes or more ends a data segment
GLOBAL_EXPORT = "wasmkiln-snapshot:global:{}"  # names only the instrumented module has
TABLE_EXPORT = "wasmkiln-snapshot:table:{}"
MEMORY_EXPORT = "wasmkiln-snapshot:memory"
_AFTER_EXPORT = (wb.START, wb.ELEMENT, wb.DATA_COUNT, wb.CODE, wb.DATA)
PAGE = 65536


def key_inputs(recipe: Recipe, snap: Snapshot) -> dict[str, Any]:
    """What of a snapshot can change the module's bytes."""
    code = hashlib.sha256(Path(__file__).read_bytes()
                          + Path(wb.__file__).read_bytes()).hexdigest()
    return {"init": snap.init, "program": snap.program, "env": [list(p) for p in snap.env],
            "runtime_dirs": [list(p) for p in recipe.runtime_dirs],
            "runtime_env": [list(p) for p in recipe.runtime_env], "stage": code}


class SnapshotRefused(ValueError):
    """The module or what its initialisation did cannot be written out as a snapshot."""


class _Instrumented(NamedTuple):
    module: bytes  # with the exports below added
    mutable: list[int]  # the defined mutable globals' indices (exported as GLOBAL_EXPORT)
    tables: list[str]  # the names the tables are exported under (TABLE_EXPORT)


def _instrumented(parts: list[wb.Section], init: str) -> _Instrumented:
    """The module with its memory, its tables and each defined mutable global exported under
    names only this stage uses."""
    by_id = {s.id: s.body for s in parts}
    imported = wb.imported_counts(by_id[wb.IMPORT]) if wb.IMPORT in by_id else {}
    if imported.get(wb.MEMORY_KIND):
        raise SnapshotRefused("it imports its memory")
    memories = wb.memories(by_id[wb.MEMORY]) if wb.MEMORY in by_id else []
    if len(memories) != 1:
        raise SnapshotRefused(f"it defines {len(memories)} memories (one is supported)")
    first = imported.get(wb.GLOBAL_KIND, 0)
    defined = wb.globals_(by_id[wb.GLOBAL]) if wb.GLOBAL in by_id else []
    mutable = [first + i for i, g in enumerate(defined) if g.mutable]
    exports = wb.exports(by_id.get(wb.EXPORT, b"\0"))
    if not any(e.name == init and e.kind == wb.FUNC for e in exports):
        raise SnapshotRefused(f"it exports no function '{init}'")
    extra = [wb.Export(GLOBAL_EXPORT.format(i), wb.GLOBAL_KIND, i) for i in mutable]
    extra.append(wb.Export(MEMORY_EXPORT, wb.MEMORY_KIND, 0))
    first_table = imported.get(wb.TABLE_KIND, 0)
    tables = wb.read_uleb(by_id[wb.TABLE], 0)[0] if wb.TABLE in by_id else 0
    table_exports = [wb.Export(TABLE_EXPORT.format(i), wb.TABLE_KIND, i)
                     for i in range(first_table, first_table + tables)]
    extra += table_exports
    section = wb.Section(wb.EXPORT, wb.export_section(exports + extra))
    if wb.EXPORT in by_id:
        out = [section if s.id == wb.EXPORT else s for s in parts]
    else:
        at = next((i for i, s in enumerate(parts) if s.id in _AFTER_EXPORT), len(parts))
        out = [*parts[:at], section, *parts[at:]]
    return _Instrumented(wb.module(out), mutable, [e.name for e in table_exports])


def _segments(memory: bytes) -> list[bytes]:
    """Active segments for every run of non-zero bytes of `memory`."""
    out, start = [], 0
    for gap in re.finditer(rb"\x00{%d,}" % ZERO_GAP, memory):
        if gap.start() > start:
            out.append(wb.active_segment(start, memory[start:gap.start()]))
        start = gap.end()
    if start < len(memory):
        out.append(wb.active_segment(start, memory[start:]))
    return out


def rewrite(parts: list[wb.Section], init: str, memory: bytes,
            values: dict[int, int | float]) -> bytes:
    """The original module with `memory` as its data and the mutable globals at `values`."""
    by_id = {s.id: s.body for s in parts}
    imported = wb.imported_counts(by_id[wb.IMPORT]) if wb.IMPORT in by_id else {}
    first = imported.get(wb.GLOBAL_KIND, 0)
    old = wb.data_segments(by_id[wb.DATA]) if wb.DATA in by_id else []
    segments = [seg if not active else wb.passive_segment() for active, seg in old]
    segments += _segments(memory)
    _, high = wb.memories(by_id[wb.MEMORY])[0]
    pages = len(memory) // PAGE
    out: list[wb.Section] = []
    for section in parts:
        body = section.body
        if section.id == wb.START:
            continue
        if section.id == wb.MEMORY:
            body = wb.memory_section([(pages, high)])
        elif section.id == wb.GLOBAL:
            body = wb.global_section([
                g._replace(init=wb.const_expr(g.valtype, values[first + i]))
                if g.mutable else g for i, g in enumerate(wb.globals_(body))])
        elif section.id == wb.EXPORT:
            body = wb.export_section([e for e in wb.exports(body) if e.name != init])
        elif section.id == wb.DATA_COUNT:
            body = wb.uleb(len(segments))
        elif section.id == wb.DATA:
            body = wb.vector(segments)
        out.append(wb.Section(section.id, body))
    if wb.DATA not in by_id:
        out.append(wb.Section(wb.DATA, wb.vector(segments)))
        if wb.DATA_COUNT in by_id:
            raise SnapshotRefused("it has a data count section but no data section")
    return wb.module(_in_order(out))


def _in_order(parts: list[wb.Section]) -> list[wb.Section]:
    """Custom sections stay where they were; a data section that was missing goes last of the
    known ones (before trailing custom sections)."""
    data = [s for s in parts if s.id == wb.DATA]
    rest = [s for s in parts if s.id != wb.DATA]
    if not data:
        return rest
    at = max((i + 1 for i, s in enumerate(rest) if s.id != wb.CUSTOM), default=len(rest))
    return rest[:at] + data + rest[at:]


def preinitialise(source: bytes, init: str, env: dict[str, str],
                  dirs: list[tuple[Path, str]], log: Path) -> bytes:
    """Run `init` in an instance of `source` and return the snapshot module. The guest's
    stdout and stderr are appended to `log`. Raises SnapshotRefused, or the engine's
    error when the initialisation traps or exits."""
    import wasmtime

    from . import wasmtime_engine

    parts = wb.sections(source)
    instrumented = _instrumented(parts, init)
    engine = wasmtime_engine.engine()
    module = wasmtime.Module(engine, instrumented.module)
    with tempfile.TemporaryDirectory(prefix="wasmkiln-snapshot-") as tmp:
        out, err = Path(tmp, "stdout"), Path(tmp, "stderr")
        config = wasmtime.WasiConfig()
        config.argv = [init]
        config.env = sorted(env.items())
        for host, guest in dirs:
            config.preopen_dir(str(host), guest, fs_mutable=False)
        config.stdout_file = str(out)
        config.stderr_file = str(err)
        store = wasmtime.Store(engine)
        store.set_wasi(config)
        linker = wasmtime.Linker(engine)
        linker.define_wasi()
        try:
            instance = linker.instantiate(store, module)
            exports = instance.exports(store)
            tables = {name: exports[name] for name in instrumented.tables}
            sizes = {}
            for table_name, table in tables.items():
                assert isinstance(table, wasmtime.Table)
                sizes[table_name] = table.size(store)
            function = exports[init]
            assert isinstance(function, wasmtime.Func)
            function(store)
        finally:
            with open(log, "a") as fh:
                fh.write(out.read_text(errors="replace") + err.read_text(errors="replace"))
        memory = exports[MEMORY_EXPORT]
        assert isinstance(memory, wasmtime.Memory)
        data = bytes(memory.read(store, 0, memory.data_len(store)))
        values: dict[int, int | float] = {}
        for index in instrumented.mutable:
            g = exports[GLOBAL_EXPORT.format(index)]
            assert isinstance(g, wasmtime.Global)
            value = g.value(store)
            if not isinstance(value, (int, float)):
                raise SnapshotRefused(f"global {index} holds a {type(value).__name__}")
            values[index] = value
        for table_name, size in sizes.items():
            table = tables[table_name]
            assert isinstance(table, wasmtime.Table)
            if table.size(store) != size:
                number = table_name.rsplit(":", 1)[1]
                raise SnapshotRefused(f"the initialisation grew table {number}")
    return rewrite(parts, init, data, values)


def settle_times(dirs: list[Path], epoch: int) -> None:
    """Every file and directory under `dirs` modified at `epoch`: what the guest learns from
    them while the snapshot is taken (CPython keeps directory and archive mtimes in its import
    caches) is then the same in every build, not the time the build wrote them."""
    import os

    for top in dirs:
        if not top.exists():
            continue
        for here, subdirs, files in os.walk(top, topdown=False):
            for entry in (*files, *subdirs):
                os.utime(Path(here, entry), (epoch, epoch), follow_symlinks=False)
        os.utime(top, (epoch, epoch), follow_symlinks=False)


def run(recipe: Recipe, snap: Snapshot, program: str, prefix: Path, log: Path,
        label: str, epoch: int) -> dict[str, Any]:
    """Snapshot `prefix/program` in place (written beside it, then renamed); what was done,
    for the manifest. The runtime dirs' times are set to `epoch` (the version's
    SOURCE_DATE_EPOCH) first."""
    from . import atomic

    module = prefix / program
    source = module.read_bytes()
    env = dict(recipe.runtime_env) | dict(snap.env)
    dirs = [(prefix / rel, guest) for rel, guest in recipe.runtime_dirs]
    settle_times([host for host, _ in dirs], epoch)
    with open(log, "a") as fh:
        fh.write(f"\n==> snapshot of {program}: calling '{snap.init}' with env "
                 f"{sorted(env)} and dirs {[g for _, g in dirs]}\n")
    import wasmtime

    try:
        result = preinitialise(source, snap.init, env, dirs, log)
    except (wasmtime.WasmtimeError, wasmtime.Trap, SnapshotRefused, wb.WasmFormatError) as exc:
        # the guest's trap or exit, a module the stage cannot rewrite: one story for the user
        said = str(exc).strip().splitlines()
        raise BuildFailed(
            f"The snapshot of {program} ({label}, recipe {recipe.path}) failed calling the "
            f"export '{snap.init}': {said[0] if said else type(exc).__name__}; the guest's "
            f"output is in {log}. Nothing was stored.\n" + "\n".join(said[1:12])) from None
    atomic.write_bytes(module, result)
    return {"program": program, "init": snap.init, "env": dict(snap.env),
            "size": {"before": len(source), "after": len(result)}}
