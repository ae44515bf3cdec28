"""One build of an output at a time: an exclusive flock per output directory, which the kernel
releases when its holder exits for any reason (a crash or SIGKILL cannot leave it stuck)."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


def lock_file(lock_dir: Path, label: str) -> Path:
    """The lock file for `label` (e.g. "zlib/1.3.1/default"), one flat name per output."""
    return lock_dir / (re.sub(r"[^A-Za-z0-9._+-]", "_", label) + ".lock")


@contextlib.contextmanager
def held(path: Path, on_wait: Callable[[str], None]) -> Iterator[bool]:
    """Hold the lock at `path`; yield whether another process held it first (after waiting).

    `on_wait` gets a line naming the holder before this process blocks. The file is never
    deleted (deleting a lock file lets two processes hold two different files)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        if exc.errno not in _READ_ONLY:
            raise
        # a read-only store: nobody can build into it, so there is nothing to wait for;
        # reading it needs no lock (a build that finds it must write fails on its own)
        yield False
        return
    try:
        waited = False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waited = True
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "another process"
            on_wait(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}\n".encode(), 0)
        yield waited
    finally:
        os.close(fd)  # closing releases the lock
