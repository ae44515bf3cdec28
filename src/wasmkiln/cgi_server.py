"""`invoke serve`: an HTTP server on loopback that runs a recipe's CGI program per request.

Each request gets a fresh instance in wasmtime from the .cwasm, the CGI/1.1 environment
(RFC 3875) and the request body on stdin; its stdout (CGI headers, blank line, body) becomes
the response. The guest sees only the document root (read-only unless asked) at the recipe's
docroot, the recipe's runtime directories, and a scratch /tmp shared by all requests of one
server (sessions, uploads, temporary files). Which files are scripts, the index files and any
extra CGI variables come from the recipe's [serve] table (`Serve`); files that are not scripts
are served as they are, without running anything.
"""

from __future__ import annotations

import mimetypes
import posixpath
import sys
import tempfile
import threading
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import wasi_run
from .recipe import Serve

TMP_GUEST = "/tmp"
MAX_BODY = 64 << 20


@dataclass(frozen=True)
class Target:
    """What a request path names under the document root."""

    kind: str  # "script", "file" or "missing"
    rel: str = ""  # path of the file relative to the docroot, "/"-separated
    path_info: str = ""  # what follows the script in the URL (CGI PATH_INFO)


def resolve(docroot: Path, url_path: str, site: Serve) -> Target:
    """Map a URL path to a script or a static file under `docroot`; never outside it."""
    clean = posixpath.normpath("/" + urllib.parse.unquote(url_path))
    parts = [p for p in clean.split("/") if p]
    if any(p.startswith(".") for p in parts):
        return Target("missing")
    root = docroot.resolve()
    # the first path prefix that is a script wins: /app.php/extra → app.php + PATH_INFO /extra
    for i in range(1, len(parts) + 1):
        candidate = root.joinpath(*parts[:i])
        if candidate.suffix in site.scripts and candidate.is_file():
            rest = "/".join(parts[i:])
            return _inside(root, candidate, "script", "/" + rest if rest else "")
    here = root.joinpath(*parts)
    if here.is_dir():
        for name in site.index:
            if (here / name).is_file():
                kind = "script" if name.endswith(tuple(site.scripts)) else "file"
                return _inside(root, here / name, kind, "")
        return Target("missing")
    if here.is_file():
        return _inside(root, here, "file", "")
    return Target("missing")


def _inside(root: Path, path: Path, kind: str, path_info: str) -> Target:
    real = path.resolve()
    if real != root and root not in real.parents:  # a symlink pointing out of the docroot
        return Target("missing")
    return Target(kind, real.relative_to(root).as_posix(), path_info)


def cgi_environ(*, method: str, target: Target, query: str, request_uri: str,
                headers: Iterable[tuple[str, str]], body_length: int, server_port: int,
                remote_addr: str, remote_port: int, docroot: str,
                https: bool = False) -> dict[str, str]:
    """The CGI/1.1 meta-variables for one request (RFC 3875, section 4.1), plus SCRIPT_FILENAME
    and DOCUMENT_ROOT as web servers commonly pass them; `docroot` is the guest path."""
    script_name = "/" + target.rel
    env = {
        "GATEWAY_INTERFACE": "CGI/1.1",
        "SERVER_SOFTWARE": "wasmkiln",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_ADDR": "127.0.0.1",
        "SERVER_PORT": str(server_port),
        "REQUEST_METHOD": method,
        "REQUEST_URI": request_uri,
        "QUERY_STRING": query,
        "SCRIPT_NAME": script_name,
        "SCRIPT_FILENAME": f"{docroot}/{target.rel}",
        "DOCUMENT_ROOT": docroot,
        "REMOTE_ADDR": remote_addr,
        "REMOTE_PORT": str(remote_port),
    }
    if target.path_info:
        env["PATH_INFO"] = target.path_info
        env["PATH_TRANSLATED"] = docroot + target.path_info
    if https:
        env["HTTPS"] = "on"
    if body_length:
        env["CONTENT_LENGTH"] = str(body_length)
    for name, value in headers:
        key = name.upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            env["CONTENT_TYPE"] = value
        elif key == "CONTENT_LENGTH" or key == "PROXY":  # httpoxy: never pass HTTP_PROXY
            continue
        else:
            env["HTTP_" + key] = f"{env['HTTP_' + key]}, {value}" if "HTTP_" + key in env \
                else value
    return env


@dataclass(frozen=True)
class CgiResponse:
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


def parse_cgi_output(output: bytes) -> CgiResponse:
    """Split a CGI program's stdout into status, headers and body (RFC 3875, section 6).

    Raises ValueError when there is no header block, which the server answers with 502."""
    for sep in (b"\r\n\r\n", b"\n\n"):
        head, found, body = output.partition(sep)
        if found:
            break
    else:
        raise ValueError("the CGI program printed no header block (no blank line)")
    status, reason = 200, "OK"
    headers: list[tuple[str, str]] = []
    for raw in head.decode("latin-1").splitlines():
        name, colon, value = raw.partition(":")
        if not colon or not name.strip():
            raise ValueError(f"malformed CGI header line {raw!r}")
        name, value = name.strip(), value.strip()
        if name.lower() == "status":
            code, _, text = value.partition(" ")
            status, reason = int(code), text or HTTPStatus(int(code)).phrase
        else:
            headers.append((name, value))
    if status == 200 and any(n.lower() == "location" for n, _ in headers):
        status, reason = 302, "Found"
    return CgiResponse(status, reason, tuple(headers), body)


class CgiServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, program: Path, docroot: Path, site: Serve, *,
                 writable: bool = False, env: dict[str, str] | None = None,
                 runtime: list[wasi_run.Preopen] | None = None,
                 log: Callable[[str], None] | None = None):
        super().__init__(("127.0.0.1", port), _Handler)
        self.program, self.docroot, self.site = program, docroot.resolve(), site
        # the runtime's environment, then the recipe's CGI extras; the request's own win
        self.extra_env = {**(env or {}), **dict(site.env)}
        self._tmp = tempfile.TemporaryDirectory(prefix="wasmkiln-serve-")
        self.preopens = [wasi_run.Preopen(self.docroot, site.docroot, writable),
                         *(runtime or []),
                         wasi_run.Preopen(Path(self._tmp.name), TMP_GUEST, True)]
        self.log = log or (lambda line: print(line, file=sys.stderr))
        wasi_run.load_module(program, use_aot=True)  # fail before listening, not per request

    def server_close(self) -> None:
        super().server_close()
        self._tmp.cleanup()

    def start_background(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="wasmkiln-serve", daemon=True)
        thread.start()
        return thread


class _Handler(BaseHTTPRequestHandler):
    server: CgiServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._handle()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = do_GET  # noqa: N815

    def _handle(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        target = resolve(self.server.docroot, url.path, self.server.site)
        if target.kind == "missing":
            return self._plain(404, "Not Found", f"{url.path} is not here\n")
        if target.kind == "file":
            return self._static(self.server.docroot / target.rel)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._plain(413, "Content Too Large", "request body too large\n")
        body = self.rfile.read(length) if length else b""
        env = {**self.server.extra_env, **cgi_environ(
            method=self.command, target=target, query=url.query, request_uri=self.path,
            headers=self.headers.items(), body_length=len(body),
            server_port=self.server.server_address[1], remote_addr=self.client_address[0],
            remote_port=self.client_address[1], docroot=self.server.site.docroot)}
        name = self.server.program.stem
        result = wasi_run.run(self.server.program, (), env=env, preopens=self.server.preopens,
                              stdin=body, argv0=name, use_aot=True)
        for line in result.stderr.decode(errors="replace").splitlines():
            self.server.log(f"{name}: {line}")
        if result.trap:
            return self._plain(502, "Bad Gateway", f"the CGI program trapped: {result.trap}\n")
        try:
            response = parse_cgi_output(result.stdout)
        except ValueError as exc:
            return self._plain(502, "Bad Gateway", f"{exc} (exit {result.exit_code})\n")
        self.send_response(response.status, response.reason)
        for name, value in response.headers:
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def _static(self, path: Path) -> None:
        data = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0]
                         or "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _plain(self, status: int, reason: str, text: str) -> None:
        data = text.encode()
        self.send_response(status, reason)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        self.server.log(f"{self.address_string()} {format % args}")
