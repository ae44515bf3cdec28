"""What killed runs leave behind, and where each build works: work trees are unique per build
(named after their process), and every build starts by removing those of processes that are
gone, with the staging directories and temp files they left beside outputs and images."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from . import atomic
from .settings import Settings

WORK_SUFFIX = ".work"


def new_work_dir(settings: Settings, cache_key: str) -> Path:
    """An empty work tree for one build of `cache_key`, never shared with another build."""
    settings.work_dir.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=atomic.owned(cache_key[:16]), suffix=WORK_SUFFIX,
                                 dir=settings.work_dir))


def of_dead_runs(settings: Settings) -> list[Path]:
    """Work trees, staging directories and temp files of runs that no longer run."""
    found = []
    work = settings.work_dir
    if work.is_dir():
        for entry in work.iterdir():
            if entry.name.endswith(WORK_SUFFIX) and atomic.owner_alive(entry.name):
                continue
            found.append(entry)  # a dead run's, or an older layout's
    # outputs: <root>/<name>/<version>/<variant>; images: <root>/images/<name>/<version>/…
    for parent in (*settings.output_dir.glob("*/*"), *settings.images_dir.glob("*/*")):
        if parent.is_dir():
            found += atomic.stale_entries(parent)
    return found


def remove(paths: list[Path]) -> None:
    """Remove what `of_dead_runs` found (first stop their containers: a killed farm's build
    container keeps writing into its work tree and staging directory)."""
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
