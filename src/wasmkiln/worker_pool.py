"""Persistent program instances for `invoke serve`: each worker is one instance of the recipe's
program that stays up between requests and answers them as a FastCGI responder on its
stdin/stdout (the recipe's [serve.workers] says the program can).

A worker is a child process running the module from its .cwasm (`python -m wasmkiln.wasi_run`,
stdio inherited, only the server's directories and the workers' environment); the server sends
it one request at a time and reads the answer. A worker that dies (a trap, a crash, a kill) is
replaced by a fresh one for the next request; the request it was answering gets a clear error.
After `max_requests` answers a worker is retired (stdin closed, so the program ends on its own),
which bounds what one instance can accumulate. A worker that takes longer than `timeout` over
one request (a loop that never ends: WASI gives PHP no timer signal for max_execution_time) is
killed; that request gets an error saying so and the worker is replaced.

Each worker is pinned to one CPU (`pin`, the default), the least used by this pool's live
workers among the CPUs the server may run on: a guest's WASI file calls are handed by wasmtime
to a thread of its blocking pool and back, and two threads that share one CPU hand over without
waking another core (README, "Speed": fstat and the WordPress pages through pinned workers).
"""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from . import fastcgi, wasi_run

STOP_GRACE = 5.0  # seconds a retired worker gets to end before it is killed
PIPE_SAFE = 32 << 10  # a request this small fits in a pipe's buffer: written before reading


class WorkerGone(Exception):
    """The worker ended (or broke the protocol) before answering; the message says how."""


@dataclass(frozen=True)
class WorkerSpec:
    program: Path
    args: tuple[str, ...]
    env: dict[str, str]
    preopens: tuple[wasi_run.Preopen, ...]
    max_requests: int = 500
    timeout: float = 300.0  # seconds one request may take before its worker is killed
    label: str = field(default="")

    def command(self, cpu: int | None = None) -> list[str]:
        """The worker's command line; `cpu`: the one CPU it runs on (None: any)."""
        argv = [sys.executable, "-m", "wasmkiln.wasi_run"]
        if cpu is not None:
            argv += ["--cpu", str(cpu)]
        for p in self.preopens:
            if ":" in str(p.host):
                raise ValueError(f"{p.host}: a directory whose path holds ':' cannot be given "
                                 "to a worker; serve from a path without one.")
            argv += ["--dir", f"{p.host}:{p.guest}:{'rw' if p.writable else 'ro'}"]
        for key, value in self.env.items():
            argv += ["--env", f"{key}={value}"]
        return [*argv, str(self.program), *self.args]


class Worker:
    """One running instance; not thread-safe (the pool hands it to one request at a time)."""

    def __init__(self, spec: WorkerSpec, log: Callable[[str], None],
                 cpu: int | None = None) -> None:
        self.spec, self.served, self.cpu = spec, 0, cpu
        self._stderr_tail: deque[str] = deque(maxlen=8)
        self.proc = subprocess.Popen(spec.command(cpu), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})
        name = f"{spec.label or spec.program.stem}[{self.proc.pid}]"
        assert self.proc.stderr is not None
        threading.Thread(target=self._drain, args=(self.proc.stderr, name, log),
                         name=f"{name} stderr", daemon=True).start()

    def _drain(self, pipe: IO[bytes], name: str, log: Callable[[str], None]) -> None:
        """The process's own stderr (start-up messages, traps): to the server's log."""
        for raw in pipe:
            line = raw.decode(errors="replace").rstrip()
            if line:
                self._stderr_tail.append(line)
                log(f"{name}: {line}")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def ask(self, params: dict[str, str], body: bytes) -> fastcgi.Answer:
        """Send one request and read its answer. A request larger than a pipe holds is written
        from a second thread while this one reads: the program may answer (and fill its own
        pipe) before it has read the whole body."""
        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None and stdout is not None
        payload = fastcgi.request(params, body)
        failed: list[OSError] = []

        def send() -> None:
            try:
                stdin.write(payload)
                stdin.flush()
            except (OSError, ValueError) as exc:  # ValueError: closed by stop() meanwhile
                failed.append(exc if isinstance(exc, OSError) else BrokenPipeError(str(exc)))

        timed_out = threading.Event()

        def expire() -> None:  # set before the kill: the reader sees the flag with the EOF
            timed_out.set()
            self.proc.kill()

        overdue = threading.Timer(self.spec.timeout, expire)
        overdue.daemon = True
        overdue.start()
        writer = None
        if len(payload) <= PIPE_SAFE:
            send()
        else:
            writer = threading.Thread(target=send, name="worker request body", daemon=True)
            writer.start()
        try:
            if failed:
                raise failed[0]
            answer = fastcgi.read_answer(stdout.read)
        except (OSError, fastcgi.ProtocolError) as exc:
            self.stop(kill=True)
            if timed_out.is_set():
                raise WorkerGone(f"the worker (pid {self.proc.pid}) took more than "
                                 f"{self.spec.timeout:g} s over this request and was killed; "
                                 "the next request gets a new worker") from None
            said = " | ".join(self._stderr_tail) or "nothing on stderr"
            raise WorkerGone(f"the worker (pid {self.proc.pid}) stopped before answering "
                             f"(exit {self.proc.returncode}; {exc}); it said: {said}") from None
        finally:
            overdue.cancel()
            if writer is not None:
                writer.join()
        self.served += 1
        if failed:  # it answered without taking the whole request: not one to reuse
            self.stop(kill=True)
        return answer

    def stop(self, kill: bool = False) -> None:
        """End the instance: close its stdin (the program's loop ends), kill it if it lingers."""
        with contextlib.suppress(OSError):
            assert self.proc.stdin is not None
            self.proc.stdin.close()
        if kill:
            self.proc.kill()
        try:
            self.proc.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class WorkerPool:
    """At most `size` workers answer at once; idle ones wait for the next request, the most
    recently used first (its caches are the warmest). Workers start on demand, each on the CPU
    its live siblings use least when `pin` (see the module's text)."""

    def __init__(self, spec: WorkerSpec, size: int, log: Callable[[str], None], *,
                 pin: bool = True) -> None:
        self.spec, self.size, self.log = spec, size, log
        self._slots = threading.BoundedSemaphore(size)
        self._idle: queue.LifoQueue[Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self.started = 0  # workers started so far (replacements and retirements included)
        # none where the system has no CPU affinity: workers then run where the kernel puts them
        self._cpus = wasi_run.allowed_cpus() if pin else []
        self._live: list[Worker] = []  # started and not yet seen ended, for placing the next

    def ask(self, params: dict[str, str], body: bytes) -> fastcgi.Answer:
        with self._slots:
            worker = self._take()
            answer = worker.ask(params, body)  # WorkerGone: that worker is already stopped
            if not worker.alive() or worker.served >= self.spec.max_requests:
                worker.stop()
            else:
                self._idle.put(worker)
            return answer

    def _take(self) -> Worker:
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                with self._lock:
                    self.started += 1
                    self._live = [w for w in self._live if w.alive()]
                    cpu = least_used(self._cpus, [w.cpu for w in self._live])
                    worker = Worker(self.spec, self.log, cpu)
                    self._live.append(worker)
                return worker
            if worker.alive():
                return worker
            worker.stop()  # it ended while idle (killed, or crashed): start another

    def workers(self) -> list[Worker]:
        """The idle workers now (for tests and diagnostics)."""
        return list(self._idle.queue)

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return


def least_used(cpus: list[int], used: list[int | None]) -> int | None:
    """The CPU of `cpus` that fewest of `used` (the live workers' CPUs) run on, the lowest of
    equals; None when there is none to choose."""
    if not cpus:
        return None
    load = Counter(used)
    return min(cpus, key=lambda cpu: (load[cpu], cpu))
