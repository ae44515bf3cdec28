"""Run a WASI command module in wasmtime with only the args, env and directories given."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import wasmtime

from . import aot
from .errors import WasmkilnError
from .wasmtime_engine import engine

# What a trap (not a proc_exit) reports as exit status, like a shell reports a signal death.
TRAP_EXIT = 134
# WASI's proc_exit cannot carry statuses >= 126 (wasmtime traps); they are reported as this.
UNCARRIED_EXIT = 255
_UNCARRIED = "invalid exit status outside of [0..126)"
# Guests run on their own thread with this much native stack: room for the engine's
# max_wasm_stack (8 MiB) plus host frames, whatever the caller's thread has.
GUEST_THREAD_STACK = 64 << 20


@dataclass(frozen=True)
class Preopen:
    host: Path
    guest: str
    writable: bool = True


@dataclass(frozen=True)
class RunResult:
    exit_code: int
    stdout: bytes
    stderr: bytes
    trap: str | None = None
    note: str | None = None


_JIT: dict[tuple[str, int, int], wasmtime.Module] = {}


def load_module(path: Path, use_aot: bool) -> wasmtime.Module:
    if use_aot:
        return aot.load(path)
    st = path.stat()
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _JIT:
        _JIT[key] = wasmtime.Module.from_file(engine(), str(path))
    return _JIT[key]


def run(module_path: Path, args: list[str] | tuple[str, ...] = (),
        env: dict[str, str] | None = None, preopens: list[Preopen] | tuple[Preopen, ...] = (),
        stdin: bytes | None = None, argv0: str | None = None, use_aot: bool = False,
        inherit_stdio: bool = False) -> RunResult:
    """Instantiate and run `_start`; nothing of the host leaks in but what is passed here.

    With `inherit_stdio` the guest uses this process's stdin/stdout/stderr and the result holds
    no output; otherwise stdin is `stdin` and the output is captured.
    """
    module = load_module(module_path, use_aot)
    with tempfile.TemporaryDirectory(prefix="wasmkiln-run-") as tmp:
        out, err, inp = Path(tmp, "stdout"), Path(tmp, "stderr"), Path(tmp, "stdin")
        wasi = wasmtime.WasiConfig()
        wasi.argv = [argv0 or module_path.stem, *args]
        wasi.env = sorted((env or {}).items())
        if inherit_stdio:
            wasi.inherit_stdin()
            wasi.inherit_stdout()
            wasi.inherit_stderr()
        else:
            inp.write_bytes(stdin or b"")
            wasi.stdin_file = str(inp)
            wasi.stdout_file = str(out)
            wasi.stderr_file = str(err)
        for p in preopens:
            wasi.preopen_dir(str(p.host), p.guest, p.writable)
        store = wasmtime.Store(engine())
        store.set_wasi(wasi)
        linker = wasmtime.Linker(engine())
        linker.define_wasi()
        code, trap, note = 0, None, None
        try:
            instance = linker.instantiate(store, module)
            start = instance.exports(store).get("_start")
            if not isinstance(start, wasmtime.Func):
                raise WasmkilnError(
                    f"{module_path} exports no _start function, so it is not a WASI command "
                    "that can be run (a library or reactor module?).")
            _on_big_stack(lambda: start(store))
        except wasmtime.ExitTrap as exc:
            code = exc.code
        except (wasmtime.WasmtimeError, wasmtime.Trap) as exc:  # traps and link errors
            text = str(exc)
            if _UNCARRIED in text:
                code = UNCARRIED_EXIT
                note = (f"the program exited with a status >= 126, which WASI cannot carry; "
                        f"reported as {UNCARRIED_EXIT}")
            else:
                code, trap = TRAP_EXIT, _trap_summary(text)
        captured = (b"", b"") if inherit_stdio else (out.read_bytes(), err.read_bytes())
        return RunResult(code, captured[0], captured[1], trap, note)


def _on_big_stack(call: Callable[[], object]) -> None:
    """Run `call` on a fresh thread with GUEST_THREAD_STACK of stack; re-raise what it raised."""
    failure: list[BaseException] = []

    def body() -> None:
        try:
            call()
        except BaseException as exc:  # handed back to the calling thread
            failure.append(exc)

    with _STACK_LOCK:
        previous = threading.stack_size(GUEST_THREAD_STACK)
        try:
            worker = threading.Thread(target=body, name="wasm-guest", daemon=True)
            worker.start()
        finally:
            threading.stack_size(previous)
    worker.join()
    if failure:
        raise failure[0]


_STACK_LOCK = threading.Lock()


def _trap_summary(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    caused = [line for line in lines if not line.startswith(("0:", "1:", "2:"))]
    return " | ".join(caused[-2:]) if caused else text[:200]


def main(argv: list[str]) -> int:
    """`python -m wasmkiln.wasi_run MODULE.wasm ARGS...`: run from the .cwasm, stdio inherited,
    no dirs and no env (the smallest whole-process runner, for benchmarks and scripts)."""
    module = Path(argv[0])
    return run(module, argv[1:], use_aot=True, inherit_stdio=True).exit_code


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
