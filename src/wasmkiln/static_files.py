"""Static files for `invoke serve`: validators (ETag, Last-Modified) and conditional requests
(RFC 9110, section 13), so browsers revalidate with a 304 instead of downloading again."""

from __future__ import annotations

import email.utils
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class Headers(Protocol):
    def get(self, name: str, /) -> str | None: ...


@dataclass(frozen=True)
class Validators:
    etag: str  # strong: the file's mtime (ns) and size, as nginx derives its own
    last_modified: str  # IMF-fixdate
    mtime: int  # whole seconds, what Last-Modified can say


def validators(stat: os.stat_result) -> Validators:
    """The validators of a file as it is now."""
    return Validators(etag=f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"',
                      last_modified=email.utils.formatdate(stat.st_mtime, usegmt=True),
                      mtime=int(stat.st_mtime))


def not_modified(request_headers: Headers, current: Validators) -> bool:
    """Whether a GET/HEAD with these headers gets 304: If-None-Match decides when present
    (weak comparison), else If-Modified-Since (a date at or after the file's mtime)."""
    none_match = request_headers.get("If-None-Match")
    if none_match is not None:
        tags = [t.strip() for t in none_match.split(",")]
        return "*" in tags or any(_opaque(t) == _opaque(current.etag) for t in tags)
    since = request_headers.get("If-Modified-Since")
    if since:
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False  # an unparseable date is ignored, as RFC 9110 says
        return when.timestamp() >= current.mtime
    return False


def _opaque(tag: str) -> str:
    return tag[2:] if tag.startswith("W/") else tag


def content_type(path: Path) -> str:
    guessed, encoding = mimetypes.guess_type(path.name)
    if guessed is None or encoding is not None:  # a .gz is bytes to the client, not text
        return "application/octet-stream"
    if guessed.startswith("text/") or guessed in ("application/javascript", "application/json"):
        return guessed + "; charset=utf-8"
    return guessed
