"""`invoke serve`: an HTTP/1.1 development server on loopback that runs a recipe's program
for each request, as a CGI program (RFC 3875) or with the recipe's application adapter, in a
fresh instance per request or in persistent workers.

Per request, each request that runs code gets a fresh instance in wasmtime from the .cwasm, the
CGI/1.1 environment and the request body on stdin; its stdout (CGI headers, blank line, body)
becomes the response. At most `workers` instances run at once; connections are kept alive between
requests. The guest sees only the document root (read-only unless asked) at the recipe's
docroot, the recipe's runtime directories and serve mounts, and a scratch /tmp shared by all
requests of one server (sessions, uploads, temporary files). Which files are scripts, the index
files, the front controller, the application adapter and extra CGI variables come from the
recipe's [serve] table (`Serve`); files that are not scripts are served as they are, with
validators and 304s (`static_files`). Every request is logged in one line with its status and
time. When the recipe has a [serve.code_cache] (and the caller wants it), the server also owns a
writable cache directory, shared by its requests and removed with it, where the program keeps
what it compiled; the program's own checks decide when an entry is stale. When the recipe has
[serve.workers] (and the caller does not ask for fresh instances), requests go instead to
persistent instances (worker_pool), one request at a time each, as FastCGI: the program's own
request start-up and shutdown separate one request from the next, as under php-fpm.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import static_files, wasi_run, worker_pool
from .errors import WasmkilnError
from .recipe import Recipe, Serve
from .site_routes import Target, resolve

__all__ = ["CgiResponse", "CgiServer", "Target", "cgi_environ", "parse_cgi_output", "resolve"]

TMP_GUEST = "/tmp"
MAX_BODY = 64 << 20
KEEPALIVE_IDLE = 15.0  # seconds an idle kept-alive connection waits for its next request


def cgi_environ(*, method: str, target: Target, query: str, request_uri: str,
                headers: Iterable[tuple[str, str]], body_length: int, server_port: int,
                remote_addr: str, remote_port: int, docroot: str,
                https: bool = False) -> dict[str, str]:
    """The CGI/1.1 meta-variables for one request (RFC 3875, section 4.1), plus SCRIPT_FILENAME
    and DOCUMENT_ROOT as web servers commonly pass them; `docroot` is the guest path."""
    script_name = "/" + target.rel if target.rel else ""  # "": an application at the root
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
        "DOCUMENT_ROOT": docroot,
        "REMOTE_ADDR": remote_addr,
        "REMOTE_PORT": str(remote_port),
    }
    if target.rel:
        env["SCRIPT_FILENAME"] = f"{docroot}/{target.rel}"
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




def program_args(recipe: Recipe, app: str | None, router: str | None) -> tuple[str, ...]:
    """The program's arguments for every request: the recipe's [serve] `app` with APP in
    place of "{app}", or none (a CGI program finds its script in SCRIPT_FILENAME). Mistakes
    (an app for a recipe that serves none, a router with an app) are named here, before any
    build or listening."""
    site = recipe.serve
    assert site is not None
    if app is None:
        if not site.scripts and site.app:
            raise WasmkilnError(
                f"Recipe '{recipe.name}' ({recipe.path}) serves applications, not scripts: give "
                f"`invoke serve {recipe.name} --app ...` (its [serve] app runs "
                f"{' '.join(site.app)}).")
        return ()
    if not site.app:
        raise WasmkilnError(
            f"--app {app}: recipe '{recipe.name}' ({recipe.path}) has no [serve] `app` "
            "arguments, so it runs scripts from the docroot, not applications; leave out --app.")
    if router is not None:
        raise WasmkilnError(f"--router {router} with --app {app}: the application answers every "
                            "request itself; give one or the other.")
    if not app.strip() or any(c.isspace() for c in app):
        raise WasmkilnError(f"--app {app!r}: name the application without spaces, e.g. "
                            "MODULE:CALLABLE.")
    return tuple(arg.replace("{app}", app) for arg in site.app)


def check_router(docroot: Path, router: str, site: Serve) -> str:
    """The router script as a docroot-relative path; an error naming --router otherwise."""
    root = docroot.resolve()
    path = (root / router).resolve()
    if root not in path.parents or not path.is_file():
        raise WasmkilnError(f"--router {router}: no such file inside the docroot {root}; the "
                            "router is a script of the site, given relative to it.")
    if path.suffix not in site.scripts:
        raise WasmkilnError(f"--router {router}: not a script (the recipe runs files ending in "
                            f"{', '.join(site.scripts) or 'nothing'}).")
    return path.relative_to(root).as_posix()


def recipe_mounts(recipe: Recipe) -> list[wasi_run.Preopen]:
    """The recipe's [serve] mounts: folders of its directory, read-only, at guest paths."""
    site = recipe.serve
    return [wasi_run.Preopen(recipe.path.parent / rel, guest, False)
            for rel, guest in (site.mounts if site else ())]


class CgiServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, port: int, program: Path, docroot: Path, site: Serve, *,
                 writable: bool = False, env: dict[str, str] | None = None,
                 runtime: list[wasi_run.Preopen] | None = None,
                 log: Callable[[str], None] | None = None, workers: int | None = None,
                 router: str | None = None, args: tuple[str, ...] = (),
                 code_cache: bool = False, persistent: bool = True, pin_workers: bool = True):
        super().__init__(("127.0.0.1", port), _Handler)
        self.program, self.docroot, self.site = program, docroot.resolve(), site
        self.router, self.args = router, args
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._slots = threading.BoundedSemaphore(self.workers)
        # the runtime's environment, then the recipe's CGI extras; the request's own win
        self.extra_env = {**(env or {}), **dict(site.env)}
        self._tmp = tempfile.TemporaryDirectory(prefix="wasmkiln-serve-")
        self.preopens = [wasi_run.Preopen(self.docroot, site.docroot, writable),
                         *(runtime or []),
                         wasi_run.Preopen(Path(self._tmp.name), TMP_GUEST, True)]
        # the code cache: a directory of its own next to the scratch /tmp (which the guest's
        # scripts see as their temporary directory), alive as long as the server
        self.code_cache: Path | None = None
        self.cache_args: tuple[str, ...] = ()
        self.cache_env: dict[str, str] = {}
        if code_cache and site.code_cache is not None:
            self.code_cache = Path(self._tmp.name + "-code-cache")
            self.code_cache.mkdir(mode=0o700)
            self.preopens.append(wasi_run.Preopen(self.code_cache, site.code_cache.dir, True))
            self.cache_args = site.code_cache.args
            self.cache_env = dict(site.code_cache.env)
            self.extra_env.update(self.cache_env)
        self.log = log or (lambda line: print(line, file=sys.stderr, flush=True))
        wasi_run.load_module(program, use_aot=True)  # fail before listening, not per request
        # persistent instances: the runtime's environment, the code cache's and the workers'
        # own (which turns the program's FastCGI mode on); CGI variables go with each request
        self.pool: worker_pool.WorkerPool | None = None
        if persistent and site.workers is not None:
            worker_args = site.code_cache.worker_args if self.code_cache and site.code_cache \
                else ()
            spec = worker_pool.WorkerSpec(
                program, self.cache_args + worker_args + self.args,
                {**(env or {}), **self.cache_env, **dict(site.workers.env)},
                tuple(self.preopens), site.workers.max_requests, site.workers.timeout)
            spec.command()  # a directory a worker cannot be given is named now
            self.pool = worker_pool.WorkerPool(spec, self.workers, self.log, pin=pin_workers)

    def run_program(self, env: dict[str, str], body: bytes) -> wasi_run.RunResult:
        """The request through a persistent worker, or one fresh instance of the program;
        waits for a free worker first. worker_pool.WorkerGone when a worker died on it."""
        if self.pool is not None:
            answer = self.pool.ask(env, body)
            return wasi_run.RunResult(answer.app_status, answer.stdout, answer.stderr)
        with self._slots:
            return wasi_run.run(self.program, self.cache_args + self.args, env=env,
                                preopens=self.preopens,
                                stdin=body, argv0=self.program.stem, use_aot=True)

    def server_close(self) -> None:
        super().server_close()
        if self.pool is not None:
            self.pool.close()
        self._tmp.cleanup()
        if self.code_cache is not None:
            shutil.rmtree(self.code_cache, ignore_errors=True)

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """One log line, not a traceback: a client that hangs up mid-answer is routine."""
        failure = sys.exc_info()[1]
        if isinstance(failure, ConnectionError | TimeoutError):
            return
        self.log(f"{client_address[0]} error: {type(failure).__name__}: {failure}")

    def start_background(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="wasmkiln-serve", daemon=True)
        thread.start()
        return thread


class _BadRequest(Exception):
    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status = status


class _Handler(BaseHTTPRequestHandler):
    server: CgiServer
    protocol_version = "HTTP/1.1"
    timeout = KEEPALIVE_IDLE
    _status = 0
    _logged = False
    _started = 0.0
    _what = ""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._started = time.monotonic()
        self._status, self._logged, self._what = 0, False, ""
        try:
            self._handle()
        finally:
            if not self._logged:  # the handler failed before answering
                self._access_log(0)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = do_GET  # noqa: N815

    def _access_log(self, size: int) -> None:
        """The request's line: written before the body goes out, so that a client holding the
        whole answer can count on the line being there."""
        millis = (time.monotonic() - self._started) * 1000
        self._logged = True
        self.server.log(f'{self.client_address[0]} "{self.requestline}" {self._status} '
                        f"{size} {millis:.1f}ms{self._what}")

    def _end_headers(self, size: int) -> None:
        self._access_log(size)
        self.end_headers()

    def _handle(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        try:
            body = self._read_body()  # always: a kept-alive connection must stay in step
        except _BadRequest as exc:
            self.close_connection = True
            return self._plain(exc.status, HTTPStatus(exc.status).phrase, f"{exc}\n")
        if self.server.args:  # an application answers every request
            target = Target("script", "", urllib.parse.unquote(url.path) or "/")
        else:
            target = resolve(self.server.docroot, url.path, self.server.site,
                             router=self.server.router)
        if target.kind == "missing":
            return self._plain(404, "Not Found", f"{url.path} is not here\n")
        if target.kind == "file":
            return self._static(self.server.docroot / target.rel)
        if target.routed:
            self._what = f" → /{target.rel}"
        env = {**self.server.extra_env, **cgi_environ(
            method=self.command, target=target, query=url.query, request_uri=self.path,
            headers=self.headers.items(), body_length=len(body),
            server_port=self.server.server_address[1], remote_addr=self.client_address[0],
            remote_port=self.client_address[1], docroot=self.server.site.docroot)}
        try:
            result = self.server.run_program(env, body)
        except (WasmkilnError, OSError) as exc:  # e.g. the .cwasm vanished under a rebuild
            return self._plain(502, "Bad Gateway", f"the program could not run: {exc}\n")
        except worker_pool.WorkerGone as exc:
            self.server.log(f"{self.server.program.stem}: {exc}")
            return self._plain(502, "Bad Gateway", f"{exc}\n")
        name = self.server.program.stem
        for line in result.stderr.decode(errors="replace").splitlines():
            self.server.log(f"{name}: {line}")
        if result.trap:
            return self._plain(502, "Bad Gateway", f"the CGI program trapped: {result.trap}\n")
        try:
            response = parse_cgi_output(result.stdout)
        except ValueError as exc:
            return self._plain(502, "Bad Gateway", f"{exc} (exit {result.exit_code})\n")
        headers = [(n, v) for n, v in response.headers
                   if n.lower() not in ("content-length", "connection", "transfer-encoding")]
        self._send(response.status, response.reason, headers, response.body)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        raw = self.headers.get("Content-Length")
        try:
            length = int(raw) if raw else 0
        except ValueError:
            raise _BadRequest(400, f"Content-Length {raw!r} is not a number") from None
        if length < 0:
            raise _BadRequest(400, f"Content-Length {raw!r} is negative")
        if length > MAX_BODY:
            raise _BadRequest(413, f"request body over {MAX_BODY} bytes")
        return self.rfile.read(length) if length else b""

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024).split(b";")[0].strip()
            try:
                size = int(line, 16)
            except ValueError:
                raise _BadRequest(400, "malformed chunked request body") from None
            if size == 0:
                while self.rfile.readline(1024).strip():  # trailers
                    pass
                return b"".join(chunks)
            total += size
            if total > MAX_BODY:
                raise _BadRequest(413, f"request body over {MAX_BODY} bytes")
            chunks.append(self.rfile.read(size))
            self.rfile.readline(8)  # the CRLF after each chunk

    def _static(self, path: Path) -> None:
        try:
            handle = path.open("rb")
        except OSError:
            return self._plain(404, "Not Found", f"{self.path} is not here\n")
        with handle:
            current = static_files.validators(os.fstat(handle.fileno()))
            headers = [("ETag", current.etag), ("Last-Modified", current.last_modified)]
            if self.command in ("GET", "HEAD") and static_files.not_modified(self.headers,
                                                                            current):
                self._status = 304
                self.send_response(304)
                for name, value in headers:
                    self.send_header(name, value)
                self._end_headers(0)
                return
            size = os.fstat(handle.fileno()).st_size
            self._status = 200
            self.send_response(200)
            self.send_header("Content-Type", static_files.content_type(path))
            self.send_header("Content-Length", str(size))
            for name, value in headers:
                self.send_header(name, value)
            self._end_headers(0 if self.command == "HEAD" else size)
            if self.command != "HEAD":
                shutil.copyfileobj(handle, self.wfile)

    def _plain(self, status: int, reason: str, text: str) -> None:
        self._send(status, reason, [("Content-Type", "text/plain; charset=utf-8")],
                   text.encode())

    def _send(self, status: int, reason: str, headers: list[tuple[str, str]],
              body: bytes) -> None:
        self._status = status
        self.send_response(status, reason)
        for name, value in headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.send_header("Content-Length", str(len(body)))
        self._end_headers(0 if self.command == "HEAD" else len(body))
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass  # one line per request, with its time, is written when the request is done

    def log_error(self, format: str, *args: object) -> None:  # noqa: A002
        if args and isinstance(args[-1], TimeoutError):
            return  # an idle kept-alive connection timing out is not an error
        self.server.log(f"{self.client_address[0]} {format % args}")
