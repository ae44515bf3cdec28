"""Merge dependencies' install trees into the one prefix a dependent build sees."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .toolchain import DEPS_DIR, PREFIX_DIR

_SKIP = {"manifest.json", "build.log"}


def assemble(dep_dirs: list[Path], dest: Path) -> None:
    """Copy each dep's tree into `dest`; pkg-config files are repointed at the deps mount."""
    dest.mkdir(parents=True, exist_ok=True)
    for directory in dep_dirs:
        for entry in sorted(directory.iterdir()):
            if entry.name in _SKIP or entry.name.startswith("."):
                continue
            target = dest / entry.name
            if entry.is_dir():
                shutil.copytree(entry, target, dirs_exist_ok=True, symlinks=True,
                                ignore=shutil.ignore_patterns("*.cwasm", "*.cwasm.json"))
            else:
                shutil.copy2(entry, target)
    for pc in dest.glob("**/*.pc"):
        text = pc.read_text()
        pc.write_text(re.sub(re.escape(PREFIX_DIR) + r"\b", DEPS_DIR, text))
