"""Running a WASI command through wasmtime's C API directly: the few calls a run needs, declared
with ctypes against the shared library the wasmtime package ships.

Why not wasmtime-py for this: importing it declares bindings for the whole C API and pulls in
typing, pathlib and platform, ~30 ms before anything runs, a quarter of `wasmkiln run`'s start
(README, "Starting a program"). A run needs an engine with the farm's settings, a module from
a .cwasm (or from wasm bytes), a WASI context, a linker, `_start`, and the exit status or trap
message; that is what is here. Compiling (aot.py) still uses wasmtime-py, through the same
library and the same settings (wasmtime_engine.SETTINGS), so a .cwasm either side writes, the
other loads. The declarations follow the C headers of the wasmtime version installed (its
`_bindings.py` is generated from them); the unit tests run real modules through every call.
"""

from __future__ import annotations

import ctypes
import os
import sys
from ctypes import POINTER, byref, c_bool, c_char_p, c_int, c_size_t, c_uint8, c_uint64, c_void_p
from importlib.util import find_spec
from pathlib import Path
from typing import Any

_PLATFORM_LIBRARY = {"linux": "_libwasmtime.so", "darwin": "_libwasmtime.dylib",
                     "win32": "_wasmtime.dll"}
_MACHINE = {"amd64": "x86_64", "arm64": "aarch64"}


def package_dir() -> Path:
    """Where the wasmtime package is installed, found without importing it."""
    spec = find_spec("wasmtime")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the wasmtime package is not installed (pip install wasmtime)")
    return Path(next(iter(spec.submodule_search_locations)))


def library_path() -> Path:
    """The C library inside the wasmtime package, where wasmtime-py's own loader looks."""
    if hasattr(os, "uname"):
        machine = os.uname().machine.lower()
    else:  # Windows: no uname; platform says what wasmtime-py's loader reads
        import platform

        machine = platform.machine().lower()
    machine = _MACHINE.get(machine, machine)
    return package_dir() / f"{sys.platform}-{machine}" / _PLATFORM_LIBRARY[sys.platform]


class _ByteVec(ctypes.Structure):  # wasm_byte_vec_t, wasm_name_t, wasm_message_t
    _fields_ = [("size", c_size_t), ("data", POINTER(c_uint8))]


class _Instance(ctypes.Structure):  # wasmtime_instance_t
    _fields_ = [("store_id", c_uint64), ("private", c_size_t)]


class _Func(ctypes.Structure):  # wasmtime_func_t
    _fields_ = [("store_id", c_uint64), ("private", c_void_p)]


class _ExternUnion(ctypes.Union):  # wasmtime_extern_union_t: 24 bytes, 8-aligned
    _fields_ = [("func", _Func), ("size", c_uint64 * 3)]


class _Extern(ctypes.Structure):  # wasmtime_extern_t
    _fields_ = [("kind", c_uint8), ("of", _ExternUnion)]


_EXTERN_FUNC = 0
_P = c_void_p  # every other C API object is opaque: a pointer is all Python holds

# name: (result, argument types)
_SIGNATURES: dict[str, tuple[object, list[object]]] = {
    "wasm_config_new": (_P, []),
    "wasm_engine_new_with_config": (_P, [_P]),
    "wasmtime_config_wasm_exceptions_set": (None, [_P, c_bool]),
    "wasmtime_config_max_wasm_stack_set": (None, [_P, c_size_t]),
    "wasmtime_config_async_stack_size_set": (None, [_P, c_size_t]),
    "wasmtime_module_deserialize_file": (_P, [_P, c_char_p, POINTER(_P)]),
    "wasmtime_module_deserialize": (_P, [_P, c_char_p, c_size_t, POINTER(_P)]),
    "wasmtime_module_new": (_P, [_P, c_char_p, c_size_t, POINTER(_P)]),
    "wasmtime_module_serialize": (_P, [_P, POINTER(_ByteVec)]),
    "wasmtime_module_delete": (None, [_P]),
    "wasmtime_store_new": (_P, [_P, c_void_p, c_void_p]),
    "wasmtime_store_context": (_P, [_P]),
    "wasmtime_store_delete": (None, [_P]),
    "wasi_config_new": (_P, []),
    "wasi_config_delete": (None, [_P]),
    "wasi_config_set_argv": (c_bool, [_P, c_size_t, POINTER(c_char_p)]),
    "wasi_config_set_env": (c_bool, [_P, c_size_t, POINTER(c_char_p), POINTER(c_char_p)]),
    "wasi_config_inherit_stdin": (None, [_P]),
    "wasi_config_inherit_stdout": (None, [_P]),
    "wasi_config_inherit_stderr": (None, [_P]),
    "wasi_config_set_stdin_file": (c_bool, [_P, c_char_p]),
    "wasi_config_set_stdout_file": (c_bool, [_P, c_char_p]),
    "wasi_config_set_stderr_file": (c_bool, [_P, c_char_p]),
    "wasi_config_preopen_dir": (c_bool, [_P, c_char_p, c_char_p, c_bool]),
    "wasmtime_context_set_wasi": (_P, [_P, _P]),
    "wasmtime_linker_new": (_P, [_P]),
    "wasmtime_linker_define_wasi": (_P, [_P]),
    "wasmtime_linker_instantiate": (_P, [_P, _P, _P, POINTER(_Instance), POINTER(_P)]),
    "wasmtime_linker_delete": (None, [_P]),
    "wasmtime_instance_export_get": (c_bool, [_P, POINTER(_Instance), c_char_p, c_size_t,
                                              POINTER(_Extern)]),
    "wasmtime_extern_delete": (None, [POINTER(_Extern)]),
    "wasmtime_func_call": (_P, [_P, POINTER(_Func), c_void_p, c_size_t, c_void_p, c_size_t,
                                POINTER(_P)]),
    "wasmtime_error_exit_status": (c_bool, [_P, POINTER(c_int)]),
    "wasmtime_error_message": (None, [_P, POINTER(_ByteVec)]),
    "wasmtime_error_delete": (None, [_P]),
    "wasm_trap_message": (None, [_P, POINTER(_ByteVec)]),
    "wasm_trap_delete": (None, [_P]),
    "wasm_byte_vec_delete": (None, [POINTER(_ByteVec)]),
}


class _Library:
    """The C library with the calls above declared; loaded on first use."""

    def __init__(self, path: Path) -> None:
        dll = ctypes.CDLL(str(path))
        for name, (result, arguments) in _SIGNATURES.items():
            function = getattr(dll, name)
            function.restype = result
            function.argtypes = arguments
            setattr(self, name, function)

    def __getattr__(self, name: str) -> Any:  # for mypy: the calls are set in __init__
        raise AttributeError(name)


_LIB: list[_Library] = []


def _lib() -> _Library:
    if not _LIB:
        _LIB.append(_Library(library_path()))
    return _LIB[0]


class WasmtimeError(Exception):
    """wasmtime refused something (a module, a link, a configuration): its own message."""


class NotACommand(WasmtimeError):
    """The module has no `_start` function to call."""


class Exited(Exception):
    """The guest called WASI's proc_exit with this status."""

    def __init__(self, code: int) -> None:
        super().__init__(f"exit status {code}")
        self.code = code


class Trapped(Exception):
    """The guest trapped (or failed in a way wasmtime reports as an error): wasmtime's whole
    message, backtrace and causes included (wasi_run summarises it)."""


def _take(vec: _ByteVec) -> bytes:
    """The bytes a C API call wrote into `vec`, which is freed."""
    data = ctypes.string_at(vec.data, vec.size)
    _lib().wasm_byte_vec_delete(byref(vec))
    return data


def _text(vec: _ByteVec, nul_terminated: bool = False) -> str:
    data = _take(vec)
    if nul_terminated and data.endswith(b"\0"):
        data = data[:-1]
    return data.decode("utf-8", errors="replace")


def _error_text(error: int) -> str:
    vec = _ByteVec()
    _lib().wasmtime_error_message(error, byref(vec))
    _lib().wasmtime_error_delete(error)
    return _text(vec)


def _check(error: int | None) -> None:
    if error:
        raise WasmtimeError(_error_text(error))


class Engine:
    """A wasmtime engine with these settings: `wasm_exceptions`, `max_wasm_stack` (the ones
    wasmtime_engine.SETTINGS holds) and the async stack size; lives as long as the process."""

    _SETTERS = {"wasm_exceptions": "wasmtime_config_wasm_exceptions_set",
                "max_wasm_stack": "wasmtime_config_max_wasm_stack_set"}

    def __init__(self, settings: dict[str, object], async_stack: int) -> None:
        lib = _lib()
        unknown = sorted(set(settings) - set(self._SETTERS))
        if unknown:
            raise WasmtimeError(f"wasmtime_capi has no setter for {', '.join(unknown)}; add "
                                "it to Engine._SETTERS so runs use the settings compiles do")
        config = lib.wasm_config_new()
        lib.wasmtime_config_async_stack_size_set(config, async_stack)
        for key, value in settings.items():
            getattr(lib, self._SETTERS[key])(config, value)
        self.pointer = lib.wasm_engine_new_with_config(config)  # takes the config


class Module:
    """A compiled module; freed when garbage-collected."""

    def __init__(self, pointer: int) -> None:
        self.pointer = pointer

    @classmethod
    def deserialize_file(cls, engine: Engine, path: Path) -> Module:
        """From a .cwasm this wasmtime wrote for this engine's settings (WasmtimeError if not)."""
        out = c_void_p()
        _check(_lib().wasmtime_module_deserialize_file(engine.pointer, str(path).encode(),
                                                       byref(out)))
        return cls(out.value or 0)

    @classmethod
    def deserialize(cls, engine: Engine, data: bytes) -> Module:
        """From the bytes of a .cwasm (as `serialize` gives them)."""
        out = c_void_p()
        _check(_lib().wasmtime_module_deserialize(engine.pointer, bytes(data), len(data),
                                                  byref(out)))
        return cls(out.value or 0)

    @classmethod
    def compile(cls, engine: Engine, wasm: bytes) -> Module:
        """From a module's bytes (binary, not text), compiled now."""
        out = c_void_p()
        _check(_lib().wasmtime_module_new(engine.pointer, bytes(wasm), len(wasm), byref(out)))
        return cls(out.value or 0)

    def serialize(self) -> bytes:
        """The compiled code as a .cwasm holds it."""
        vec = _ByteVec()
        _check(_lib().wasmtime_module_serialize(self.pointer, byref(vec)))
        return _take(vec)

    def __del__(self) -> None:
        if self.pointer and _LIB:
            _LIB[0].wasmtime_module_delete(self.pointer)
            self.pointer = 0


def _strings(values: list[str]) -> ctypes.Array[c_char_p]:
    return (c_char_p * len(values))(*(v.encode() for v in values))


def run_command(engine: Engine, module: Module, argv: list[str], env: list[tuple[str, str]],
                preopens: list[tuple[str, str, bool]], stdio: tuple[str, str, str] | None,
                ) -> int:
    """Instantiate `module` with a WASI context holding only `argv`, `env` and `preopens`
    (host, guest, writable) and call `_start`. `stdio`: files for stdin, stdout, stderr, or
    None to inherit this process's. Returns 0 when `_start` returns; raises Exited for
    proc_exit, Trapped for a trap or a failure to link or run, NotACommand when there is no
    `_start`, WasmtimeError when the WASI context cannot be set up."""
    lib = _lib()
    wasi = lib.wasi_config_new()
    owned_wasi = True
    store = lib.wasmtime_store_new(engine.pointer, None, None)
    linker = lib.wasmtime_linker_new(engine.pointer)
    try:
        if not lib.wasi_config_set_argv(wasi, len(argv), _strings(argv)):
            raise WasmtimeError("wasmtime refused the arguments")
        names, values = _strings([k for k, _ in env]), _strings([v for _, v in env])
        if not lib.wasi_config_set_env(wasi, len(env), names, values):
            raise WasmtimeError("wasmtime refused the environment")
        if stdio is None:
            lib.wasi_config_inherit_stdin(wasi)
            lib.wasi_config_inherit_stdout(wasi)
            lib.wasi_config_inherit_stderr(wasi)
        else:
            for setter, path in zip(("wasi_config_set_stdin_file", "wasi_config_set_stdout_file",
                                     "wasi_config_set_stderr_file"), stdio, strict=True):
                if not getattr(lib, setter)(wasi, path.encode()):
                    raise WasmtimeError(f"wasmtime cannot open {path} for the guest's stdio")
        for host, guest, writable in preopens:
            if not lib.wasi_config_preopen_dir(wasi, host.encode(), guest.encode(), writable):
                raise WasmtimeError(f"wasmtime cannot preopen {host} as {guest}")
        context = lib.wasmtime_store_context(store)
        owned_wasi = False  # the store owns it from here, whatever the call says
        _check(lib.wasmtime_context_set_wasi(context, wasi))
        _check(lib.wasmtime_linker_define_wasi(linker))
        instance, trap = _Instance(), c_void_p()
        error = lib.wasmtime_linker_instantiate(linker, context, module.pointer,
                                                byref(instance), byref(trap))
        _raise_outcome(error, trap.value)
        start = _Extern()
        name = b"_start"
        if not lib.wasmtime_instance_export_get(context, byref(instance), name, len(name),
                                                byref(start)):
            raise NotACommand("no _start export")
        try:
            if start.kind != _EXTERN_FUNC:
                raise NotACommand("_start is not a function")
            trap = c_void_p()
            error = lib.wasmtime_func_call(context, byref(start.of.func), None, 0, None, 0,
                                           byref(trap))
            _raise_outcome(error, trap.value)
        finally:
            lib.wasmtime_extern_delete(byref(start))
        return 0
    finally:
        if owned_wasi:
            lib.wasi_config_delete(wasi)
        lib.wasmtime_linker_delete(linker)
        lib.wasmtime_store_delete(store)


def _raise_outcome(error: int | None, trap: int | None) -> None:
    """Exited, Trapped or nothing, from what a call returned and wrote into its trap."""
    lib = _lib()
    if trap:
        vec = _ByteVec()
        lib.wasm_trap_message(trap, byref(vec))
        lib.wasm_trap_delete(trap)
        raise Trapped(_text(vec, nul_terminated=True))
    if error:
        status = c_int()
        if lib.wasmtime_error_exit_status(error, byref(status)):
            lib.wasmtime_error_delete(error)
            raise Exited(status.value)
        raise Trapped(_error_text(error))
