"""Whether a process that left something behind (a temp file, a build container) still runs."""

from __future__ import annotations

import os


def alive(pid: int) -> bool:
    """True if `pid` is a running process on this host (ours or another user's)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
