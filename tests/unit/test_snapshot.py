"""The snapshot stage's rewriting (wasmkiln.snapshot, wasmkiln.wasm_binary) on small modules
written in WAT and run in wasmtime: what the initialisation left is what the new module
starts with, and what cannot be snapshotted is refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest
import wasmtime

from wasmkiln import snapshot
from wasmkiln import wasm_binary as wb

COUNTER = """
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1 10)
  (global $count (mut i32) (i32.const 5))
  (global $wide (mut i64) (i64.const -1))
  (global $ratio (mut f64) (f64.const 0.5))
  (global $fixed i32 (i32.const 7))
  (data (i32.const 16) "before")
  (start $started)
  (func $started (global.set $count (i32.add (global.get $count) (i32.const 1))))
  (func (export "init")
    (global.set $count (i32.mul (global.get $count) (i32.const 10)))
    (global.set $wide (i64.const -123456789012))
    (global.set $ratio (f64.const 2.25))
    (i32.store8 (i32.const 16) (i32.const 66))           ;; "Before"
    (drop (memory.grow (i32.const 2)))
    (i32.store (i32.const 70000) (i32.const 0x6c6b6977)))  ;; "wikl" on a grown page
  (func (export "count") (result i32) (global.get $count))
  (func (export "wide") (result i64) (global.get $wide))
  (func (export "ratio") (result f64) (global.get $ratio))
  (func (export "fixed") (result i32) (global.get $fixed))
  (func (export "fail") (call $exit (i32.const 3))))
"""


def _snap(wat: str, init: str = "init", tmp: Path | None = None) -> bytes:
    log = (tmp or Path("/tmp")) / "snapshot.log"
    return snapshot.preinitialise(wasmtime.wat2wasm(wat), init, {}, [], log)


def _instance(module: bytes):
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    store.set_wasi(wasmtime.WasiConfig())
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    return store, linker.instantiate(store, wasmtime.Module(engine, module)).exports(store)


def test_the_new_module_starts_where_the_initialisation_ended(tmp_path):
    out = _snap(COUNTER, tmp=tmp_path)
    store, exports = _instance(out)
    # the start function ran once before init (5+1), init multiplied (60); neither runs again
    assert exports["count"](store) == 60
    assert exports["wide"](store) == -123456789012
    assert exports["ratio"](store) == 2.25
    assert exports["fixed"](store) == 7
    memory = exports["memory"]
    assert memory.read(store, 16, 22) == b"Before"
    assert memory.read(store, 70000, 70004) == b"wikl"
    assert memory.size(store) == 3  # grown to what init left, its maximum kept
    names = {e.name for e in wb.exports(next(s.body for s in wb.sections(out)
                                              if s.id == wb.EXPORT))}
    assert "init" not in names and not any(n.startswith("wasmkiln-snapshot") for n in names)
    ids = [s.id for s in wb.sections(out)]
    assert wb.START not in ids
    limits = wb.memories(next(s.body for s in wb.sections(out) if s.id == wb.MEMORY))
    assert limits == [(3, 10)]


def test_the_same_module_and_initialisation_give_the_same_bytes(tmp_path):
    assert _snap(COUNTER, tmp=tmp_path) == _snap(COUNTER, tmp=tmp_path)


def test_segment_indices_survive_for_memory_init(tmp_path):
    # a passive segment stays where it was, so memory.init finds it after the snapshot
    wat = """
    (module
      (memory (export "memory") 1)
      (data (i32.const 0) "active")
      (data $p "passive")
      (func (export "init") (i32.store8 (i32.const 0) (i32.const 65)))
      (func (export "copy") (memory.init $p (i32.const 100) (i32.const 0) (i32.const 7))))
    """
    out = _snap(wat, tmp=tmp_path)
    store, exports = _instance(out)
    assert exports["memory"].read(store, 0, 6) == b"Active"
    exports["copy"](store)
    assert exports["memory"].read(store, 100, 107) == b"passive"


def test_zero_runs_split_segments():
    memory = b"ab" + bytes(snapshot.ZERO_GAP) + b"cd" + bytes(10) + b"e" + bytes(200)
    segments = snapshot._segments(memory)
    assert segments == [wb.active_segment(0, b"ab"),
                        wb.active_segment(2 + snapshot.ZERO_GAP, b"cd" + bytes(10) + b"e")]


@pytest.mark.parametrize(("wat", "init", "said"), [
    ('(module (memory 1) (func (export "other")))', "init", "exports no function 'init'"),
    ('(module (import "env" "m" (memory 1)) (func (export "init")))', "init",
     "imports its memory"),
    ('(module (func (export "init")))', "init", "defines 0 memories"),
    ('(module (memory 1) (table 1 funcref) (func (export "init") '
     '(drop (table.grow (ref.null func) (i32.const 2)))))', "init", "grew table 0"),
])
def test_what_cannot_be_snapshotted_is_refused(tmp_path, wat, init, said):
    with pytest.raises(snapshot.SnapshotRefused) as refused:
        _snap(wat, init, tmp_path)
    assert said in str(refused.value)


def test_an_initialisation_that_exits_is_the_engines_error(tmp_path):
    with pytest.raises(wasmtime.ExitTrap):
        _snap(COUNTER, "fail", tmp_path)


def test_leb128_round_trips():
    for value in (0, 1, 63, 64, 127, 128, 2**31 - 1, 2**40):
        assert wb.read_uleb(wb.uleb(value), 0) == (value, len(wb.uleb(value)))
    assert wb.sleb(-1) == b"\x7f" and wb.sleb(63) == b"\x3f" and wb.sleb(64) == b"\xc0\x00"
    assert wb.const_expr(wb.I32, 0xFFFFFFFF) == b"\x41\x7f\x0b"  # the bits of -1


def test_runtime_dirs_get_the_epoch_as_their_times(tmp_path):
    (tmp_path / "lib/sub").mkdir(parents=True)
    (tmp_path / "lib/sub/a.py").write_text("x")
    (tmp_path / "lib/b.zip").write_bytes(b"z")
    snapshot.settle_times([tmp_path / "lib", tmp_path / "missing"], 315532800)
    for path in (tmp_path / "lib", tmp_path / "lib/sub", tmp_path / "lib/sub/a.py",
                 tmp_path / "lib/b.zip"):
        assert path.stat().st_mtime == 315532800, path
