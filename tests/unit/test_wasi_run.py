"""The WASI runner on real (tiny) modules in the real wasmtime engine."""

from pathlib import Path

import wasmtime

from wasmkiln import wasi_run

# proc_exit(argc + 40): the exit status carries what the guest saw.
EXIT_WITH_ARGC = """
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (call $sizes (i32.const 0) (i32.const 4)))
    (call $exit (i32.add (i32.load (i32.const 0)) (i32.const 40)))))
"""

# path_open on preopen fd 3; exit 0 if it opened, 1 if not; trap if there is no fd 3 at all.
OPEN_IN_PREOPEN = """
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "secret.txt")
  (func (export "_start")
    (call $exit (i32.ne (i32.const 0)
      (call $open (i32.const 3) (i32.const 0) (i32.const 16) (i32.const 10) (i32.const 0)
                  (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 8))))))
"""


def _module(tmp_path: Path, wat: str) -> Path:
    path = tmp_path / "m.wasm"
    path.write_bytes(wasmtime.wat2wasm(wat))
    return path


def test_exit_status_and_args_reach_the_caller(tmp_path):
    result = wasi_run.run(_module(tmp_path, EXIT_WITH_ARGC), ["a", "b"])
    assert result.exit_code == 43 and result.trap is None


def test_only_given_directories_are_visible(tmp_path):
    secret = tmp_path / "host"
    secret.mkdir()
    (secret / "secret.txt").write_text("x")
    module = _module(tmp_path, OPEN_IN_PREOPEN)
    given = wasi_run.run(module, preopens=[wasi_run.Preopen(secret, "/data")])
    assert given.exit_code == 0
    denied = wasi_run.run(module)
    assert denied.exit_code == 1


EXIT_200 = """
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (call $exit (i32.const 200))))
"""


def test_exit_status_wasi_cannot_carry_is_mapped_and_explained(tmp_path):
    result = wasi_run.run(_module(tmp_path, EXIT_200))
    assert result.exit_code == 255 and result.trap is None
    assert "cannot carry" in result.note


def test_aot_cwasm_is_reused_and_invalidated(tmp_path):
    from wasmkiln import aot

    module = _module(tmp_path, EXIT_WITH_ARGC)
    first = aot.ensure(module)
    assert not first["reused"] and aot.cwasm_path(module).is_file()
    assert aot.ensure(module)["reused"]
    assert wasi_run.run(module, ["x"], use_aot=True).exit_code == 42  # argv0 + "x"

    # a different module under the same name: the old .cwasm must not be used
    module.write_bytes(wasmtime.wat2wasm(EXIT_200))
    assert not aot.status(module)[0]
    assert wasi_run.run(module, use_aot=True).exit_code == 255

    # a .cwasm from another engine (here: garbage with a valid sidecar) is refused and rebuilt
    aot.ensure(module)
    aot.cwasm_path(module).write_bytes(b"not a module for this wasmtime")
    assert wasi_run.run(module, use_aot=True).exit_code == 255
    assert aot.cwasm_path(module).read_bytes()[:4] == b"\x7fELF"  # rebuilt: wasmtime's format

    # a sidecar naming another wasmtime version makes the artifact stale
    side = module.with_suffix(".cwasm.json")
    side.write_text(side.read_text().replace('"wasmtime": "', '"wasmtime": "0.0-other-'))
    assert not aot.status(module)[0]


# proc_exit(number of environment variables the guest sees)
EXIT_WITH_ENV_COUNT = """
(module
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (call $sizes (i32.const 0) (i32.const 4)))
    (call $exit (i32.load (i32.const 0)))))
"""


def test_guest_sees_only_the_env_it_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_TOKEN", "host only")
    module = _module(tmp_path, EXIT_WITH_ENV_COUNT)
    assert wasi_run.run(module).exit_code == 0
    assert wasi_run.run(module, env={"A": "1", "B": "2"}).exit_code == 2


RECURSE = """
(module
  (func $deep (param i32) (result i32)
    (i32.add (call $deep (i32.add (local.get 0) (i32.const 1))) (i32.const 1)))
  (func (export "_start") (drop (call $deep (i32.const 0))))
  (memory (export "memory") 1))
"""


def test_stack_exhaustion_is_a_reported_trap_not_a_crash(tmp_path):
    result = wasi_run.run(_module(tmp_path, RECURSE))
    assert result.exit_code == wasi_run.TRAP_EXIT
    assert result.trap is not None and "call stack exhausted" in result.trap


def test_guests_get_the_8_mib_wasm_stack_cpython_needs(tmp_path):
    # 8 MiB of wasm stack: a recursion 2 MiB could not hold now finishes
    deep = """
    (module
      (func $deep (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (call $deep (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
      (func (export "_start") (drop (call $deep (i32.const 300000))))
      (memory (export "memory") 1))
    """
    assert wasi_run.run(_module(tmp_path, deep)).exit_code == 0


def test_engines_with_other_settings_and_the_pooling_allocator_run_modules():
    from wasmkiln import wasmtime_engine

    other = {**wasmtime_engine.SETTINGS, "cranelift_opt_level": "speed_and_size"}
    assert wasmtime_engine.fingerprint(other) != wasmtime_engine.fingerprint()
    engine = wasmtime_engine.make_engine(other, pooling=True)
    module = wasmtime.Module(engine, wasmtime.wat2wasm(EXIT_WITH_ARGC))
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    pre = linker.instantiate_pre(module)
    codes = []
    for argv in (["a"], ["a", "b"]):  # two instances from one InstancePre, one pool
        store = wasmtime.Store(engine)
        wasi = wasmtime.WasiConfig()
        wasi.argv = argv
        store.set_wasi(wasi)
        start = pre.instantiate(store).exports(store)["_start"]
        assert isinstance(start, wasmtime.Func)
        try:
            start(store)
        except wasmtime.ExitTrap as exc:
            codes.append(exc.code)
    assert codes == [41, 42]
