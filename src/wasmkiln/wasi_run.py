"""Run a WASI command module in wasmtime with only the args, env and directories given."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import wasmtime

# What a trap (not a proc_exit) reports as exit status, like a shell reports a signal death.
TRAP_EXIT = 134


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


_ENGINE: wasmtime.Engine | None = None
_MODULES: dict[tuple[str, int, int], wasmtime.Module] = {}


def engine() -> wasmtime.Engine:
    global _ENGINE
    if _ENGINE is None:
        config = wasmtime.Config()
        config.wasm_exceptions = True  # runtimes built with -mllvm -wasm-enable-sjlj need it
        # wasmtime-py runs on a 2 MiB async stack; the wasm stack may not exceed it
        config.max_wasm_stack = 2 << 20
        _ENGINE = wasmtime.Engine(config)
    return _ENGINE


def load_module(path: Path) -> wasmtime.Module:
    st = path.stat()
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _MODULES:
        _MODULES[key] = wasmtime.Module.from_file(engine(), str(path))
    return _MODULES[key]


def run(module_path: Path, args: list[str] | tuple[str, ...] = (),
        env: dict[str, str] | None = None, preopens: list[Preopen] | tuple[Preopen, ...] = (),
        stdin: bytes | None = None, argv0: str | None = None) -> RunResult:
    """Instantiate and run `_start`; nothing of the host leaks in but what is passed here."""
    module = load_module(module_path)
    with tempfile.TemporaryDirectory(prefix="wasmkiln-run-") as tmp:
        out, err, inp = Path(tmp, "stdout"), Path(tmp, "stderr"), Path(tmp, "stdin")
        inp.write_bytes(stdin or b"")
        wasi = wasmtime.WasiConfig()
        wasi.argv = [argv0 or module_path.stem, *args]
        wasi.env = sorted((env or {}).items())
        wasi.stdin_file = str(inp)
        wasi.stdout_file = str(out)
        wasi.stderr_file = str(err)
        for p in preopens:
            wasi.preopen_dir(str(p.host), p.guest, p.writable)
        store = wasmtime.Store(engine())
        store.set_wasi(wasi)
        linker = wasmtime.Linker(engine())
        linker.define_wasi()
        code, trap = 0, None
        try:
            instance = linker.instantiate(store, module)
            start = instance.exports(store)["_start"]
            assert isinstance(start, wasmtime.Func)
            start(store)
        except wasmtime.ExitTrap as exc:
            code = exc.code
        except wasmtime.WasmtimeError as exc:  # traps and link errors
            code, trap = TRAP_EXIT, str(exc).splitlines()[0]
        return RunResult(code, out.read_bytes(), err.read_bytes(), trap)
