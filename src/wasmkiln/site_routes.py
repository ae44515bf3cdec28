"""Which file under a document root answers a URL path: a script, a static file, the front
controller (the nearest index script up the tree, as `php -S` and nginx's
`try_files $uri $uri/ /index.php?$args` do), a router script, or nothing.

Pure path logic over the host's docroot: nothing here runs a program or names a runtime; what
counts as a script and which index files exist come from the recipe's [serve] table (`Serve`).
"""

from __future__ import annotations

import posixpath
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .recipe import Serve


@dataclass(frozen=True)
class Target:
    """What a request path names under the document root."""

    kind: str  # "script", "file" or "missing"
    rel: str = ""  # path of the file relative to the docroot, "/"-separated
    path_info: str = ""  # what follows the script in the URL (CGI PATH_INFO)
    routed: bool = False  # the path named no file: the front controller or router answers


def url_parts(url_path: str) -> list[str] | None:
    """The decoded, normalised segments of a URL path; None for a path naming a dot-file or
    climbing out (`..` that normpath could not absorb never reaches here: it is dropped)."""
    clean = posixpath.normpath("/" + urllib.parse.unquote(url_path))
    parts = [p for p in clean.split("/") if p]
    if any(p.startswith(".") for p in parts):
        return None
    return parts


def resolve(docroot: Path, url_path: str, site: Serve, *, router: str | None = None) -> Target:
    """Map a URL path to a script or a static file under `docroot`, never outside it.

    In order: the first path prefix that is a script (`/app.php/extra` → app.php with PATH_INFO
    `/extra`); a directory's index file; a file. A path naming none of these goes to `router`
    (a script relative to the docroot) when given, else, when the recipe's [serve] table asks
    for a front controller, to the nearest index script in the path's directories walking up
    to the docroot, with the rest of the path as PATH_INFO (`php -S`'s rule). A path naming a
    script that does not exist is not routed: it is missing, as nginx's usual
    `location ~ \\.php$ { try_files $uri =404; }` has it."""
    parts = url_parts(url_path)
    if parts is None:
        return Target("missing")
    root = docroot.resolve()
    for i in range(1, len(parts) + 1):
        candidate = root.joinpath(*parts[:i])
        if candidate.suffix in site.scripts and candidate.is_file():
            rest = "/".join(parts[i:])
            return _inside(root, candidate, "script", "/" + rest if rest else "")
    here = root.joinpath(*parts)
    if here.is_dir():
        for name in site.index:
            if (here / name).is_file():
                return _inside(root, here / name, "script" if _is_script(name, site) else "file",
                               "")
    elif here.is_file():
        return _inside(root, here, "file", "")
    if parts and site.scripts and parts[-1].endswith(site.scripts):
        return Target("missing")  # a script that is not there is not routed (nginx's =404)
    rest = "/" + "/".join(parts) + ("/" if url_path.endswith("/") and parts else "")
    if router is not None:
        script = root / router
        if script.is_file():
            return _routed(_inside(root, script, "script", rest))
        return Target("missing")
    if site.front_controller:
        for depth in range(len(parts), -1, -1):
            folder = root.joinpath(*parts[:depth])
            for name in site.index:
                if _is_script(name, site) and (folder / name).is_file():
                    tail = "/".join(parts[depth:])
                    info = "/" + tail + ("/" if url_path.endswith("/") and tail else "")
                    return _routed(_inside(root, folder / name, "script",
                                           info if tail else ""))
    return Target("missing")


def _is_script(name: str, site: Serve) -> bool:
    return name.endswith(tuple(site.scripts)) if site.scripts else False


def _routed(target: Target) -> Target:
    return Target(target.kind, target.rel, target.path_info, routed=target.kind != "missing")


def _inside(root: Path, path: Path, kind: str, path_info: str) -> Target:
    real = path.resolve()
    if real != root and root not in real.parents:  # a symlink pointing out of the docroot
        return Target("missing")
    return Target(kind, real.relative_to(root).as_posix(), path_info)
