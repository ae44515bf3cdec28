"""Write-then-rename helpers so no reader ever sees a half-written file or directory.

tempfile and shutil are imported where they are used: `wasmkiln run` loads this module and,
when nothing needs writing, should not pay their ~3 ms of imports."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from . import processes


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (temp file in the same dir, fsync, rename)."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=owned(path.name), suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual file mode
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def copy_file(source: Path, path: Path) -> None:
    """Copy `source` to `path` atomically (temp file in the same dir, then rename)."""
    import shutil
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=owned(path.name), suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode())


@contextlib.contextmanager
def staging_dir(final: Path) -> Iterator[Path]:
    """Yield an empty sibling directory; on success it replaces `final`, on error it vanishes."""
    import shutil
    import tempfile

    final.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=owned(final.name), suffix=".staging",
                                  dir=final.parent))
    stage.chmod(0o777 & ~_umask())
    try:
        yield stage
        replace_dir(stage, final)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def replace_dir(new: Path, final: Path) -> None:
    """Move `new` into place at `final`, discarding what was there, with no moment of mixing.
    Another process replacing the same `final` at the same time is not an error: the last
    rename wins and each reader sees one whole tree."""
    import shutil

    for _attempt in range(20):
        old = final.with_name(f"{owned(final.name)}old.staging")
        moved = False
        if final.exists():
            shutil.rmtree(old, ignore_errors=True)
            try:
                os.replace(final, old)
                moved = True
            except FileNotFoundError:
                pass  # another process moved it away first
        try:
            os.replace(new, final)
            return
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
            # another process put its tree in place between our two renames: go round again
        finally:
            if moved:
                shutil.rmtree(old, ignore_errors=True)
    raise OSError(errno.EBUSY, f"could not move {new} into place at {final}")


def stale_entries(parent: Path) -> list[Path]:
    """Staging and temp leftovers (dot-files ending .staging/.tmp) in `parent` of runs that are
    gone; those of a live process (another build writing beside this one) are not listed."""
    if not parent.is_dir():
        return []
    return [entry for entry in parent.iterdir()
            if entry.name.startswith(".") and entry.name.endswith((".staging", ".tmp"))
            and not owner_alive(entry.name)]


def sweep_stale(parent: Path) -> None:
    """Remove what `stale_entries` lists."""
    import shutil

    for entry in stale_entries(parent):
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):  # e.g. a read-only store: leave it
                entry.unlink()


_OWNER = "pid"


def owned(name: str) -> str:
    """The prefix of a temporary name that says which process made it."""
    return f".{name}.{_OWNER}{os.getpid()}."


def owner_alive(name: str) -> bool:
    """Whether the process named in a temporary name made by `owned` still runs."""
    for part in name.split("."):
        if part.startswith(_OWNER) and part[len(_OWNER):].isdigit():
            pid = int(part[len(_OWNER):])
            if pid == os.getpid():
                return False  # our own leftovers: nothing of ours is in flight at a sweep
            return processes.alive(pid)
    return False
