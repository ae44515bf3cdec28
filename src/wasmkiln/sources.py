"""Fetch source archives from mirrors into a content-addressed cache, verifying sha256."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from . import debian_archive
from .digests import file_sha256
from .errors import SourceError
from .progress import ByteProgress
from .recipe import Recipe, Source, Version
from .settings import Settings

_CHUNK = 1 << 16


@dataclass(frozen=True)
class Fetched:
    path: Path
    sha256: str
    origin: str  # where this copy came from ("cache" when it was already there)


@dataclass(frozen=True)
class Mirror:
    label: str
    location: str  # URL or local path

    def open(self, timeout: float) -> tuple[BinaryIO, int | None]:
        if "://" not in self.location:
            fh = open(self.location, "rb")  # noqa: SIM115 - closed by the caller
            return fh, os.fstat(fh.fileno()).st_size
        req = urllib.request.Request(self.location, headers={"User-Agent": "wasmkiln/0.1"})
        resp = urllib.request.urlopen(req, timeout=timeout)  # noqa: S310 - recipe URLs
        length = resp.headers.get("Content-Length")
        return resp, int(length) if length and length.isdigit() else None


def cache_path(settings: Settings, source: Source) -> Path:
    return settings.source_cache / source.sha256 / source.filename


def mirrors_for(settings: Settings, recipe: Recipe, version: Version) -> list[Mirror]:
    """Upstream first, then local mirror directories, then Debian's source archive."""
    src = version.source
    found: list[Mirror] = []
    if settings.use_upstream:
        found.append(Mirror("upstream", src.url))
    for folder in settings.mirror_dirs:
        for candidate in (folder / src.filename, folder / recipe.name / src.filename,
                          folder / src.sha256):
            if candidate.is_file():
                found.append(Mirror(f"local mirror {folder}", str(candidate)))
                break
        else:
            found.append(Mirror(f"local mirror {folder}", str(folder / src.filename)))
    if settings.use_debian and src.debian is not None:
        archives = list(settings.debian_archives) or debian_archive.apt_archives()
        for url in debian_archive.candidate_urls(src.debian, src.filename, archives):
            found.append(Mirror(f"Debian archive ({src.debian.package} {src.debian.version})", url))
    return found


def fetch(settings: Settings, recipe: Recipe, version: Version, quiet: bool = False) -> Fetched:
    """Return the verified source archive, downloading it on a cache miss."""
    src = version.source
    final = cache_path(settings, src)
    if final.is_file():
        held = file_sha256(final)
        if held == src.sha256:
            return Fetched(final, src.sha256, "cache")
        # the cache is a copy like any mirror: a damaged entry is dropped and fetched again
        print(f"wasmkiln: the cached source {final} has sha256 {held}, not the {src.sha256} "
              f"that {recipe.path} pins; removed it and fetching it again", file=sys.stderr,
              flush=True)
        final.unlink(missing_ok=True)
    problems: list[str] = []
    mirrors = mirrors_for(settings, recipe, version)
    for mirror in mirrors:
        try:
            got = _download(mirror, final, src.sha256, settings.download_timeout,
                            settings.download_deadline, quiet)
        except _MirrorFailed as exc:
            problems.append(f"{mirror.label} {mirror.location}: {exc}")
            continue
        return Fetched(got, src.sha256, mirror.location)
    if not mirrors:
        problems.append("no mirror is enabled (upstream and Debian disabled, no mirror dirs)")
    raise SourceError(
        f"Could not fetch the source of '{recipe.name}' {version.version} ({src.filename}, "
        f"sha256 {src.sha256}) named in {recipe.path}: "
        + "; ".join(problems)
        + ". Nothing was added to the source cache. Put the file in a directory listed in "
        "WASMKILN_MIRROR_DIRS, or fix the url/sha256 in the recipe."
    )


class _MirrorFailed(Exception):
    pass


@contextlib.contextmanager
def _temp_beside(final: Path) -> Iterator[Path]:
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            final.parent.rmdir()  # only succeeds if nothing landed


def _download(mirror: Mirror, final: Path, sha256: str, timeout: float, deadline: float,
              quiet: bool) -> Path:
    give_up = time.monotonic() + deadline
    try:
        stream, total = mirror.open(timeout)
    except FileNotFoundError:
        raise _MirrorFailed("not present") from None
    except urllib.error.HTTPError as exc:
        raise _MirrorFailed(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise _MirrorFailed(f"unreachable ({exc.reason})") from None
    except TimeoutError:
        raise _MirrorFailed(f"timed out after {timeout:.0f} s") from None
    except (OSError, ValueError) as exc:
        raise _MirrorFailed(f"cannot open ({exc})") from None
    show = not quiet and (total or 0) > (1 << 20)
    bar = ByteProgress(f"fetch {final.name}", total) if show else None
    digest = hashlib.sha256()
    with _temp_beside(final) as tmp, stream:
        try:
            with open(tmp, "wb") as out:
                done = 0
                # read1: whatever has arrived, so a mirror trickling bytes is still timed
                read = getattr(stream, "read1", stream.read)
                while chunk := read(_CHUNK):
                    if time.monotonic() > give_up:
                        raise _MirrorFailed(
                            f"gave up after {deadline:g} s with {done} bytes received (the "
                            "download deadline, WASMKILN_DOWNLOAD_DEADLINE)")
                    out.write(chunk)
                    digest.update(chunk)
                    done += len(chunk)
                    if bar:
                        bar.advance(done)
                out.flush()
                os.fsync(out.fileno())
        except (TimeoutError, OSError) as exc:
            raise _MirrorFailed(f"download broke off ({exc})") from None
        got = digest.hexdigest()
        if got != sha256:
            raise _MirrorFailed(f"sha256 mismatch: got {got}, the recipe pins {sha256}; "
                                "the file was discarded")
        os.replace(tmp, final)
    if bar:
        bar.done(f"{done} bytes, sha256 verified")
    return final


def unpack(archive: Path, dest: Path, strip_components: int,
           members: tuple[str, ...] = ()) -> None:
    """Extract a tarball into `dest` (which must be empty), dropping leading path parts; with
    `members` (paths after the strip), only those files or folders."""
    dest.mkdir(parents=True, exist_ok=True)
    tar_tool = shutil.which("tar")
    if tar_tool:  # GNU tar is twice as fast as tarfile here and refuses ../ and absolute paths
        # a name given to GNU tar also takes everything below it
        patterns = ["--wildcards", *("*/" * strip_components + m for m in members)]
        done = subprocess.run([tar_tool, "-xf", str(archive), "-C", str(dest),
                               f"--strip-components={strip_components}", "--no-same-owner",
                               *(patterns if members else [])],
                              capture_output=True, text=True)
        absent = bool(members) and "Not found in archive" in done.stderr  # said below
        if done.returncode != 0 and not absent:
            raise SourceError(f"Cannot unpack {archive}: {done.stderr.strip()[:400]}")
    else:
        _unpack_with_tarfile(archive, dest, strip_components, members)
    missing = [m for m in members if not (dest / m).exists()]
    if missing:
        raise SourceError(f"{archive} holds no {', '.join(missing)} (the recipe's `members`, "
                          f"after dropping {strip_components} leading path parts).")


def _unpack_with_tarfile(archive: Path, dest: Path, strip_components: int,
                         wanted: tuple[str, ...] = ()) -> None:
    import tarfile

    with tarfile.open(archive) as tar:
        members = []
        for member in tar.getmembers():
            parts = Path(member.name).parts
            if len(parts) <= strip_components:
                continue
            member.name = str(Path(*parts[strip_components:]))
            if wanted and not any(member.name == w or member.name.startswith(w + "/")
                                  for w in wanted):
                continue
            if member.islnk() and member.linkname:
                link_parts = Path(member.linkname).parts
                member.linkname = str(Path(*link_parts[strip_components:]))
            members.append(member)
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, members=members, filter="data")
        else:  # Python < 3.11.4: refuse what the data filter would refuse
            for member in members:
                if member.name.startswith("/") or ".." in Path(member.name).parts:
                    raise SourceError(f"{archive} holds an unsafe path {member.name!r}")
            tar.extractall(dest, members=members)
    # directories extracted read-only would make the tree impossible to clean up later
    for root, dirs, _files in os.walk(dest):
        for d in dirs:
            p = Path(root) / d
            p.chmod(p.stat().st_mode | 0o700)
