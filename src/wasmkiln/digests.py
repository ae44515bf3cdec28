"""sha256 of files, read in chunks: what every stage that verifies bytes uses; and a ledger of
digests already taken, so a process that starts a program (`wasmkiln run`) need not read 40 MB
again to learn what an untouched file holds."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from . import atomic

# A file is remembered only once its last change is this old: a write lands in a later clock
# tick than the one recorded, so it always changes the recorded ctime (the "racy file" rule).
SETTLED_NS = 2_000_000_000


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def stat_identity(st: os.stat_result) -> list[int]:
    """What any write to a file or its replacement changes: ctime moves with every write,
    chmod or rename onto it (and user space cannot set it back); a new file has a new inode."""
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def remembered_sha256(path: Path, ledger: Path | None) -> str:
    """`file_sha256(path)`, taken from the ledger directory when this machine already hashed
    the file and it has not been written, replaced or touched since (same device, inode, size,
    mtime and ctime); otherwise hashed and recorded. No ledger: always hashed."""
    if ledger is None:
        return file_sha256(path)
    where = str(path.resolve())
    entry = ledger / (hashlib.sha256(where.encode()).hexdigest()[:32] + ".json")
    before = path.stat()
    identity = stat_identity(before)
    try:
        known = json.loads(entry.read_text())
        if (isinstance(known, dict) and known.get("path") == where
                and known.get("stat") == identity and isinstance(known.get("sha256"), str)):
            return str(known["sha256"])
    except (OSError, ValueError):
        pass
    started = time.time_ns()
    digest = file_sha256(path)
    after = path.stat()
    if stat_identity(after) == identity and started - before.st_ctime_ns >= SETTLED_NS:
        _record(entry, {"path": where, "stat": identity, "sha256": digest})
    return digest


def _record(entry: Path, data: dict[str, object]) -> None:
    """Write one ledger entry (temp file + rename); a ledger that cannot be written (read-only
    or full disk) only means the next run hashes again."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(entry, json.dumps(data, sort_keys=True) + "\n")
    except OSError:
        pass
