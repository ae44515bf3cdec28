"""The WASI runner on real (tiny) modules in the real wasmtime engine."""

import re
from pathlib import Path

import pytest
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


# Traps whose reason wasmtime gives after the backtrace, in a cause chain of one or two links.
UNREACHABLE_TWO_CALLS_DOWN = """
(module
  (memory (export "memory") 1)
  (func $fail (unreachable))
  (func $middle (call $fail))
  (func (export "_start") (call $middle)))
"""

LOAD_PAST_THE_END = """
(module
  (memory (export "memory") 1)
  (func $load_past_end (result i32) (i32.load (i32.const 70000)))
  (func (export "_start") (drop (call $load_past_end))))
"""

CALL_THROUGH_WRONG_TYPE = """
(module
  (memory (export "memory") 1)
  (type $takes_i32 (func (param i32)))
  (table 1 funcref)
  (elem (i32.const 0) $gives_i32)
  (func $gives_i32 (result i32) (i32.const 1))
  (func $dispatch (call_indirect (type $takes_i32) (i32.const 5) (i32.const 0)))
  (func (export "_start") (call $dispatch)))
"""

# 40 frames deep before trapping: the reason comes after a long backtrace
DEEP_THEN_UNREACHABLE = """
(module
  (memory (export "memory") 1)
  (func $down (param i32)
    (if (i32.eqz (local.get 0)) (then unreachable)
      (else (call $down (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "_start") (call $down (i32.const 40))))
"""


@pytest.mark.parametrize("wat,reason,frame", [
    (UNREACHABLE_TWO_CALLS_DOWN, "wasm trap: wasm `unreachable` instruction executed", "fail"),
    (LOAD_PAST_THE_END, "wasm trap: out of bounds memory access; memory fault at wasm address "
                        "0x11170 in linear memory of size 0x10000", "load_past_end"),
    (CALL_THROUGH_WRONG_TYPE, "wasm trap: indirect call type mismatch", "dispatch"),
    (DEEP_THEN_UNREACHABLE, "wasm trap: wasm `unreachable` instruction executed", "down"),
    (RECURSE, "wasm trap: call stack exhausted", "deep"),
])
def test_a_trap_summary_says_why_and_where(tmp_path, wat, reason, frame):
    result = wasi_run.run(_module(tmp_path, wat))
    assert result.exit_code == wasi_run.TRAP_EXIT
    assert result.trap is not None and result.trap.startswith(reason + ", in "), result.trap
    function = result.trap.removeprefix(reason + ", in ")
    assert re.fullmatch(rf"{frame}( \(0x[0-9a-f]+\))?", function), result.trap


def test_a_trap_summary_of_a_stripped_module_names_the_function_by_index(tmp_path):
    module = tmp_path / "stripped.wasm"
    module.write_bytes(_without_names(wasmtime.wat2wasm(UNREACHABLE_TWO_CALLS_DOWN)))
    result = wasi_run.run(module)
    assert result.trap is not None
    assert re.fullmatch(r"wasm trap: wasm `unreachable` instruction executed, "
                        r"in <wasm function 0> \(0x[0-9a-f]+\)", result.trap), result.trap


def test_a_link_error_is_kept_whole(tmp_path):
    missing = '(module (import "env" "absent" (func)) (memory (export "memory") 1) ' \
              '(func (export "_start")))'
    result = wasi_run.run(_module(tmp_path, missing))
    assert result.trap == "unknown import: `env::absent` has not been defined"


def _without_names(wasm: bytes) -> bytes:
    """The module without its custom sections (the "name" section among them), as a stripped
    release build is."""
    kept, at = bytearray(wasm[:8]), 8
    while at < len(wasm):
        section_id, (size, after) = wasm[at], _leb128(wasm, at + 1)
        if section_id != 0:
            kept += wasm[at:after + size]
        at = after + size
    return bytes(kept)


def _leb128(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        value |= (byte & 0x7F) << shift
        at += 1
        shift += 7
        if byte < 0x80:
            return value, at


def test_what_wasmtime_py_compiles_with_the_settings_the_c_api_engine_runs(tmp_path):
    # the farm compiles and runs through wasmtime_capi; benchmarks and tools may still use
    # wasmtime-py's engine(): one SETTINGS, so a .cwasm either writes, the other loads
    from wasmkiln import wasmtime_capi, wasmtime_engine

    wasm = wasmtime.wat2wasm(EXIT_WITH_ARGC)
    by_py = bytes(wasmtime.Module(wasmtime_engine.engine(), wasm).serialize())
    module = wasmtime_capi.Module.deserialize(wasmtime_engine.run_engine(), by_py)
    with pytest.raises(wasmtime_capi.Exited) as exited:
        wasmtime_capi.run_command(wasmtime_engine.run_engine(), module, ["a", "b"], [], [],
                                  None)
    assert exited.value.code == 42
    by_c = wasmtime_capi.Module.compile(wasmtime_engine.run_engine(), wasm).serialize()
    wasmtime.Module.deserialize(wasmtime_engine.engine(), by_c)  # raises if it does not fit
    # an engine with other settings refuses the .cwasm rather than running it
    other = wasmtime_capi.Engine({**wasmtime_engine.SETTINGS, "wasm_exceptions": False},
                                 wasmtime_engine.ASYNC_STACK)
    with pytest.raises(wasmtime_capi.WasmtimeError):
        wasmtime_capi.Module.deserialize(other, by_c)


def test_a_setting_the_c_api_engine_cannot_apply_is_refused_not_ignored():
    from wasmkiln import wasmtime_capi

    with pytest.raises(wasmtime_capi.WasmtimeError, match="cranelift_opt_level"):
        wasmtime_capi.Engine({"cranelift_opt_level": "speed"}, 1 << 20)


def test_the_runner_pins_itself_to_the_cpu_given_and_refuses_one_it_may_not_use(tmp_path):
    """`--cpu N` (what `invoke serve` gives each worker): the runner's process runs on CPU N,
    and so does every thread it starts afterwards (the guest's, wasmtime's); a CPU the process
    may not use is refused in one line before anything runs."""
    import os
    import subprocess
    import sys
    import time

    # a guest that blocks on stdin until the test has looked at the process's threads
    module = _module(tmp_path, """
(module
  (import "wasi_snapshot_preview1" "fd_read"
    (func $read (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 1))
    (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))))
""")
    cpu = max(os.sched_getaffinity(0))
    runner = subprocess.Popen([sys.executable, "-m", "wasmkiln.wasi_run", "--cpu", str(cpu),
                               str(module)], stdin=subprocess.PIPE)
    try:
        tasks = Path(f"/proc/{runner.pid}/task")
        deadline = time.monotonic() + 30
        while len(list(tasks.iterdir())) < 2:  # the guest's thread has started
            assert time.monotonic() < deadline, "the guest never started"
            time.sleep(0.05)
        for task in tasks.iterdir():
            assert os.sched_getaffinity(int(task.name)) == {cpu}, task.name
    finally:
        assert runner.stdin is not None
        runner.stdin.close()
        assert runner.wait(timeout=30) == 0
    refused = subprocess.run([sys.executable, "-m", "wasmkiln.wasi_run", "--cpu", "4096",
                              str(module)], capture_output=True, text=True,
                             stdin=subprocess.DEVNULL)
    assert refused.returncode == 1
    assert "--cpu 4096: give one of the CPUs this process may run on" in refused.stderr


def test_workers_go_to_the_cpu_their_live_siblings_use_least():
    from wasmkiln.worker_pool import least_used

    assert least_used([0, 1], []) == 0
    assert least_used([0, 1], [0]) == 1
    assert least_used([0, 1], [0, 1]) == 0
    assert least_used([0, 1, 2], [1, 0, None, 2, 0]) == 1  # None: a worker started unpinned
    assert least_used([2, 5], [2]) == 5  # only the CPUs the server may use
    assert least_used([], [0]) is None  # no affinity on this system: unpinned
