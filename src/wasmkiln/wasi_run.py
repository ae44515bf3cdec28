"""Run a WASI command module in wasmtime with only the args, env and directories given."""

from __future__ import annotations

import os
import posixpath
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from . import aot, wasmtime_capi
from .errors import WasmkilnError
from .wasmtime_engine import run_engine

# What a trap (not a proc_exit) reports as exit status, like a shell reports a signal death.
TRAP_EXIT = 134
# WASI's proc_exit cannot carry statuses >= 126 (wasmtime traps); they are reported as this.
UNCARRIED_EXIT = 255
_UNCARRIED = "invalid exit status outside of [0..126)"
# Guests run on their own thread with this much native stack: room for the engine's
# max_wasm_stack (8 MiB) plus host frames, whatever the caller's thread has.
GUEST_THREAD_STACK = 64 << 20


class Preopen(NamedTuple):
    host: Path
    guest: str
    writable: bool = True


def guest_key(guest: str) -> str:
    """A guest path as wasi-libc matches it against preopens: empty and `.` components do not
    count, so `.`, `/` and `./` all name the root, and `app` is `/app`."""
    return "/" + "/".join(part for part in guest.split("/") if part not in ("", "."))


def _inside(path: str, mount: str) -> bool:
    return mount == "/" or path == mount or path.startswith(mount + "/")


def working_dir_alias(mounts: list[Preopen] | tuple[Preopen, ...], workdir: str,
                      others: list[Preopen] | tuple[Preopen, ...] = ()) -> Preopen | None:
    """The extra preopen that makes `workdir` (a guest path inside one of `mounts`) the guest's
    working directory; None when wasi-libc's own start (`/`) already is.

    WASI has no initial working directory: wasi-libc starts every program at `/` (it reads no
    PWD) and resolves a relative path as `/` + path against the preopen with the longest
    matching prefix, a preopen named `.` counting as the root. So the workdir's host directory,
    preopened once more as `.`, receives relative paths (and absolute ones under no other
    mount); getcwd() still says `/`. `others` (e.g. the recipe's runtime dirs) are only
    checked for a mount at the root, which would then be ambiguous.
    """
    if not workdir.startswith("/") and workdir != ".":
        raise WasmkilnError(
            f"--workdir {workdir}: the guest's working directory must be an absolute guest "
            "path (e.g. /app), like `docker run -w`.")
    wanted = guest_key(workdir)
    if ".." in wanted.split("/"):
        raise WasmkilnError(f"--workdir {workdir}: '..' is not allowed in the guest's working "
                            "directory; name it directly.")
    rooted = [m for m in (*mounts, *others) if guest_key(m.guest) == "/"]
    if wanted == "/":
        return None
    if rooted:
        raise WasmkilnError(
            f"--workdir {workdir}: {rooted[0].host} is mounted at the guest's root "
            f"({rooted[0].guest}), and WASI resolves relative paths as if under the root, so "
            "no other working directory can be given; mount that directory elsewhere, or use "
            "--workdir / .")
    holders = [m for m in mounts if _inside(wanted, guest_key(m.guest))]
    if not holders:
        given = ", ".join(guest_key(m.guest) for m in mounts) or "none"
        raise WasmkilnError(
            f"--workdir {workdir}: no --dir mounts it (guest paths mounted: {given}); the "
            "working directory must be a --dir's guest path or a directory under one.")
    mount = max(holders, key=lambda m: len(guest_key(m.guest)))
    below = posixpath.relpath(wanted, guest_key(mount.guest))
    host = mount.host if below == "." else mount.host / below
    if not host.is_dir():
        raise WasmkilnError(
            f"--workdir {workdir}: {host} (where {mount.guest} is mounted from) is not a "
            "directory on this machine.")
    return Preopen(host, ".", mount.writable)


def with_working_dir(preopens: list[Preopen], mounts: list[Preopen],
                     workdir: str | None) -> list[Preopen]:
    """`preopens` plus what makes the guest's working directory `workdir`, or by default the
    first of `mounts` (the `--dir` directories), like `docker run -w`."""
    others = [p for p in preopens if p not in mounts]
    if workdir is None and any(guest_key(p.guest) == "/" for p in preopens):
        return preopens  # the root is mounted: relative paths already land there
    chosen = workdir if workdir is not None else (mounts[0].guest if mounts else "/")
    alias = working_dir_alias(mounts, chosen, others)
    return preopens if alias is None else [*preopens, alias]


_MODES = {"ro": False, "rw": True}


def parse_dirs(specs: list[str]) -> list[Preopen]:
    """HOST[:GUEST[:MODE]] → preopens; GUEST defaults to HOST's absolute path, MODE is ro or rw
    (default rw). Anything else is refused rather than guessed (a typo must not mount rw)."""
    found = []
    for spec in specs:
        parts = spec.split(":")
        if len(parts) > 3 or not parts[0]:
            raise WasmkilnError(f"--dir {spec!r}: expected HOST[:GUEST[:MODE]] with MODE ro "
                                "or rw (a host path holding ':' cannot be mounted).")
        mode = parts[2] if len(parts) == 3 else "rw"
        if mode not in _MODES:
            raise WasmkilnError(f"--dir {spec!r}: the mode is {mode!r}; it must be ro "
                                "(read-only) or rw (read-write), in lowercase.")
        host = Path(parts[0]).expanduser().resolve()
        guest = parts[1] if len(parts) > 1 and parts[1] else str(host)
        if not host.is_dir():
            raise WasmkilnError(f"--dir {spec}: {host} is not a directory on this machine.")
        found.append(Preopen(host, guest, _MODES[mode]))
    return found


_ENV_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def parse_env(specs: list[str]) -> dict[str, str]:
    """KEY=VALUE → the guest's environment; keys are names (letters, digits, _), values have
    no NUL byte."""
    env = {}
    for spec in specs:
        key, sep, value = spec.partition("=")
        if not sep or not _ENV_KEY.fullmatch(key):
            raise WasmkilnError(f"--env {spec!r}: expected KEY=VALUE where KEY is letters, "
                                "digits and _ (not starting with a digit), with no spaces.")
        if "\0" in value:
            raise WasmkilnError(f"--env {key}: the value holds a NUL byte, which no "
                                "environment can carry.")
        env[key] = value
    return env


class RunResult(NamedTuple):
    exit_code: int
    stdout: bytes
    stderr: bytes
    trap: str | None = None
    note: str | None = None


_JIT: dict[tuple[str, int, int], wasmtime_capi.Module] = {}


def load_module(path: Path, use_aot: bool, ledger: Path | None = None) -> wasmtime_capi.Module:
    """The module at `path`: from its checked .cwasm (aot.load), or compiled now and kept for
    this process while the file is unchanged. A module wasmtime cannot compile (not wasm, or
    a feature it lacks) is a WasmkilnError naming the file."""
    if use_aot:
        return aot.load(path, ledger)
    st = path.stat()
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _JIT:
        try:
            _JIT[key] = wasmtime_capi.Module.compile(run_engine(), path.read_bytes())
        except wasmtime_capi.WasmtimeError as exc:
            raise WasmkilnError(f"{path}: wasmtime cannot compile it: {exc}") from None
    return _JIT[key]


def run(module_path: Path, args: list[str] | tuple[str, ...] = (),
        env: dict[str, str] | None = None, preopens: list[Preopen] | tuple[Preopen, ...] = (),
        stdin: bytes | None = None, argv0: str | None = None, use_aot: bool = False,
        inherit_stdio: bool = False, ledger: Path | None = None) -> RunResult:
    """Instantiate and run `_start`; nothing of the host leaks in but what is passed here.

    With `inherit_stdio` the guest uses this process's stdin/stdout/stderr and the result holds
    no output; otherwise stdin is `stdin` and the output is captured. `ledger`: where digests
    of untouched files are remembered between processes (digests.remembered_sha256).
    """
    module = load_module(module_path, use_aot, ledger)
    argv = [argv0 or module_path.stem, *args]
    if inherit_stdio:
        return _start(module_path, module, argv, env, preopens, None)
    import tempfile  # only captured output needs files (and tempfile costs a `run` ~3 ms)

    with tempfile.TemporaryDirectory(prefix="wasmkiln-run-") as tmp:
        out, err, inp = Path(tmp, "stdout"), Path(tmp, "stderr"), Path(tmp, "stdin")
        inp.write_bytes(stdin or b"")
        result = _start(module_path, module, argv, env, preopens, (str(inp), str(out), str(err)))
        return RunResult(result.exit_code, out.read_bytes(), err.read_bytes(), result.trap,
                         result.note)


def _start(module_path: Path, module: wasmtime_capi.Module, argv: list[str],
           env: dict[str, str] | None, preopens: list[Preopen] | tuple[Preopen, ...],
           stdio: tuple[str, str, str] | None) -> RunResult:
    """Call the module's `_start` on a big-stack thread; its exit status, or the trap."""
    code, trap, note = 0, None, None
    try:
        _on_big_stack(lambda: wasmtime_capi.run_command(
            run_engine(), module, argv, sorted((env or {}).items()),
            [(str(p.host), p.guest, p.writable) for p in preopens], stdio))
    except wasmtime_capi.Exited as exc:
        code = exc.code
    except wasmtime_capi.Trapped as exc:  # traps, link errors, exit statuses WASI can't carry
        text = str(exc)
        if _UNCARRIED in text:
            code = UNCARRIED_EXIT
            note = (f"the program exited with a status >= 126, which WASI cannot carry; "
                    f"reported as {UNCARRIED_EXIT}")
        else:
            code, trap = TRAP_EXIT, _trap_summary(text)
    except wasmtime_capi.NotACommand:
        raise WasmkilnError(
            f"{module_path} exports no _start function, so it is not a WASI command that can "
            "be run (a library or reactor module?).") from None
    except wasmtime_capi.WasmtimeError as exc:
        raise WasmkilnError(f"{module_path}: wasmtime cannot run it: {exc}") from None
    return RunResult(code, b"", b"", trap, note)


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


_BACKTRACE = "wasm backtrace:"  # "error while executing at wasm backtrace:" since wasmtime 9
_CAUSES = "Caused by:"
_FRAME = re.compile(r"\d+:\s+(?:(?P<offset>0x[0-9a-f]+) - )?(?P<function>.+)")
_CAUSE_NUMBER = re.compile(r"\d+: ")
_MOST_CAUSES = 4


def _trap_summary(text: str) -> str:
    """One line from wasmtime's trap message: why it trapped (the "wasm trap: …" cause first,
    then the rest of the chain, e.g. the faulting address), then where: the top guest frame.

    wasmtime writes "error while executing at wasm backtrace:", the frames ("0: 0x33 -
    MODULE!FUNCTION", a source line "at FILE:LINE" under a frame when the module has debug
    information), then "Caused by:" and the cause chain, numbered when it has several links.
    A message without a backtrace (a link error) is kept whole, line by line."""
    frames: list[str] = []
    causes: list[str] = []
    section = "message"
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        if line.endswith(_BACKTRACE):
            section = "frames"
        elif line == _CAUSES:
            section = "causes"
        elif section == "frames":
            frame = _FRAME.fullmatch(line)
            if frame is not None:
                function = frame["function"].removeprefix("<unknown>!")
                frames.append(f"{function} ({frame['offset']})" if frame["offset"] else function)
            # else: a frame's source line, or a note on how to get more of them
        else:
            causes.append(_CAUSE_NUMBER.sub("", line, count=1) if section == "causes" else line)
    if not causes:
        return " ".join(text.split())[:200]
    reasons = [c for c in causes if c.startswith("wasm trap:")]
    ordered = list(dict.fromkeys(reasons + [c for c in causes if c not in reasons]))
    summary = "; ".join(ordered[:_MOST_CAUSES])
    return f"{summary}, in {frames[0]}" if frames else summary


def allowed_cpus() -> list[int]:
    """The CPUs this process may run on, in order; none where the system has no CPU affinity."""
    getter = getattr(os, "sched_getaffinity", None)
    return sorted(getter(0)) if getter is not None else []


def pin_to_cpu(spec: str) -> None:
    """`--cpu N`: this process (and every thread it starts later: the guest's, wasmtime's) runs
    on CPU N only."""
    allowed = allowed_cpus()
    if not allowed:
        raise WasmkilnError(f"--cpu {spec}: this system does not let a process choose its CPUs.")
    if not spec.isdigit() or int(spec) not in allowed:
        raise WasmkilnError(f"--cpu {spec}: give one of the CPUs this process may run on "
                            f"({', '.join(map(str, allowed))}).")
    os.sched_setaffinity(0, {int(spec)})


def main(argv: list[str]) -> int:
    """`python -m wasmkiln.wasi_run [--dir HOST[:GUEST[:MODE]]]… [--env K=V]… [--workdir G]
    [--cpu N] MODULE.wasm ARGS…`: run from the .cwasm with stdio inherited and only the
    directories and variables given (the smallest whole-process runner, for benchmarks,
    scripts and `invoke serve`'s workers), on CPU N alone if given."""
    from .cli import format_error

    options: dict[str, list[str]] = {"--dir": [], "--env": [], "--workdir": [], "--cpu": []}
    rest = list(argv)
    try:
        while rest and rest[0] in options:
            if len(rest) < 2:
                raise WasmkilnError(f"{rest[0]} needs a value.")
            options[rest[0]].append(rest[1])
            rest = rest[2:]
        if not rest:
            raise WasmkilnError("usage: python -m wasmkiln.wasi_run [--dir HOST[:GUEST[:MODE]]]… "
                                "[--env K=V]… [--workdir GUEST] [--cpu N] MODULE.wasm ARGS…")
        for cpu in options["--cpu"][-1:]:
            pin_to_cpu(cpu)
        mounts = parse_dirs(options["--dir"])
        workdir = options["--workdir"][-1] if options["--workdir"] else None
        preopens = with_working_dir(mounts, mounts, workdir)
        return run(Path(rest[0]), rest[1:], env=parse_env(options["--env"]), preopens=preopens,
                   use_aot=True, inherit_stdio=True).exit_code
    except WasmkilnError as exc:
        print(format_error(exc), file=sys.stderr)
        return 1
    except OSError as exc:  # e.g. no such module
        print(f"error: {exc.filename or rest[0]}: {exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
