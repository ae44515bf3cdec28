"""Debian's source archive as a mirror: where the pool keeps a source package's .orig tarball."""

from __future__ import annotations

import re
from pathlib import Path

from .recipe import DebianSource

DEFAULT_ARCHIVE = "http://deb.debian.org/debian"
_APT_DIR = Path("/etc/apt")


def pool_dir(package: str) -> str:
    head = package[:4] if package.startswith("lib") and len(package) > 3 else package[0]
    return f"pool/main/{head}/{package}"


def orig_names(debian: DebianSource, filename: str) -> list[str]:
    """File names the pool may use: the recipe's explicit one, else the usual .orig forms."""
    if debian.orig:
        return [debian.orig]
    stem = f"{debian.package}_{debian.upstream_version}.orig.tar"
    suffix = Path(filename).suffix
    guesses = [f"{stem}{s}" for s in (".xz", ".gz", ".bz2")]
    guesses.sort(key=lambda name: not name.endswith(suffix))  # the upstream's compression first
    return guesses


def apt_archives(apt_dir: Path = _APT_DIR) -> list[str]:
    """Debian archive base URLs that apt on this machine is configured with, in file order."""
    uris: list[str] = []
    files = [apt_dir / "sources.list", *sorted((apt_dir / "sources.list.d").glob("*"))]
    for path in files:
        try:
            text = path.read_text()
        except (OSError, UnicodeDecodeError):
            continue
        if path.suffix == ".sources":
            uris += [u for line in text.splitlines() if line.startswith("URIs:")
                     for u in line.split()[1:]]
        else:
            for line in text.splitlines():
                m = re.match(r"\s*deb(?:-src)?\s+(?:\[[^\]]*\]\s+)?(\S+)", line)
                if m:
                    uris.append(m.group(1))
    seen: list[str] = []
    for uri in uris:
        uri = uri.rstrip("/")
        # only Debian's own archive layout has the pool we need; third-party repos are skipped
        if re.search(r"/debian(-security)?$", uri) and uri not in seen:
            seen.append(uri)
    return seen or [DEFAULT_ARCHIVE]


def candidate_urls(debian: DebianSource, filename: str, archives: list[str]) -> list[str]:
    return [f"{base}/{pool_dir(debian.package)}/{name}"
            for base in archives for name in orig_names(debian, filename)]
