"""Benchmark: real applications through `invoke serve`, against native servers, in one run.

- WordPress 6.5 on SQLite (tests/sites.py; installed through the wasm server, pretty
  permalinks): median latency of the home page and of a REST call (/wp-json/wp/v2/posts),
  like with like, twice: php-cgi.wasm without opcache vs the machine's native `php -S` without
  opcache, then php-cgi.wasm with the server's code cache (opcache's file cache, what `invoke
  serve php` does by default) vs `php -S` with opcache (in its shared memory, one process for
  all requests), on a copy of the same installed site; each time php-cgi.wasm serves both ways,
  one fresh instance per request and persistent FastCGI workers (the default);
- the WSGI blog (bottle + chevron + Markdown): python.wasm through the recipe's adapter (one
  instance per request, and persistent FastCGI workers) vs the same app under native python,
  both as a persistent wsgiref server (what `flask run` is) and as one native python process
  per request (the same isolation model as the per-request wasm server, without HTTP).

Requests alternate between the two sides (A-B order) over kept-alive connections after two
warm-up requests each. Results also go to build-output/bench/apps.json (apps-NAME.json with
`--only NAME`).
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import save

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.sites: the app set-ups

from tests import sites  # noqa: E402

from wasmkiln import cgi_server  # noqa: E402
from wasmkiln.farm import Farm  # noqa: E402
from wasmkiln.settings import Settings  # noqa: E402

ROUNDS = 15
# how php-cgi.wasm serves: a fresh instance per request, or persistent FastCGI workers
MODES = {"per_request": False, "persistent": True}
ADAPTER = Path(__file__).resolve().parents[1] / "recipes/python/serve/wsgi_cgi.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


def timed_get(conn: http.client.HTTPConnection, path: str) -> float:
    t0 = time.monotonic()
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    took = time.monotonic() - t0
    if response.status != 200 or not body:
        raise RuntimeError(f"GET {path} on port {conn.port}: HTTP {response.status}")
    return took


def compare(paths: list[str], wasm_ports: dict[str, int],
            native_port: int) -> dict[str, dict[str, float]]:
    """Median milliseconds per path on every server, requests alternating between them, and
    each wasm server's ratio to the native one ("wasm" alone when there is one wasm server)."""
    sides = {name: http.client.HTTPConnection("127.0.0.1", port, timeout=600)
             for name, port in {**wasm_ports, "native": native_port}.items()}
    result = {}
    for path in paths:
        times: dict[str, list[float]] = {side: [] for side in sides}
        for conn in sides.values():
            for _ in range(2):
                timed_get(conn, path)  # warm-up
        for _ in range(ROUNDS):
            for side, conn in sides.items():
                times[side].append(timed_get(conn, path))
        median = {side: statistics.median(t) for side, t in times.items()}
        row: dict[str, float] = {f"{side}_ms": round(m * 1000, 1) for side, m in median.items()}
        for side in wasm_ports:
            row["ratio" if side == "wasm" else f"{side}_ratio"] = \
                round(median[side] / median["native"], 2)
        result[path] = row
    return result


def wordpress(farm: Farm, work: Path) -> dict[str, object]:
    probe = subprocess.run(["php", "-r", "exit(extension_loaded('pdo_sqlite') ? 0 : 1);"],
                           capture_output=True)
    if probe.returncode != 0:
        raise SystemExit("bench apps: the native php has no pdo_sqlite, which the WordPress copy "
                         "served by `php -S` needs (Debian: apt-get install php-sqlite3).")
    outcome = farm.build("php", variant="cgi")[-1]
    recipe = outcome.job.recipe
    tarball = sites.wordpress_builds(farm.settings.source_cache)
    site = sites.wordpress_site(tarball, work / "wordpress")
    servers = {(persistent, cached): cgi_server.CgiServer(
        0, farm.program(outcome), site, recipe.serve, writable=True,
        env=dict(recipe.runtime_env), log=lambda line: None, code_cache=cached,
        persistent=persistent) for persistent in MODES.values() for cached in (False, True)}
    for server in servers.values():
        server.start_background()
    timings: dict[str, object] = {}
    try:
        sites.install_wordpress(sites.Browser(f"http://127.0.0.1:"
                                              f"{servers[(False, False)].server_address[1]}"))
        copy = work / "wordpress-native"
        shutil.copytree(site, copy, symlinks=True)
        version = subprocess.run(["php", "-r", "echo PHP_VERSION;"], capture_output=True,
                                 text=True, check=True).stdout
        for cached, label in ((False, "no opcache"), (True, "opcache")):
            if cached and servers[(False, True)].code_cache is None:
                timings[label] = "the recipe has no [serve.code_cache]"
                continue
            port = free_port()
            # opcache.enable, not enable_cli: php -S (the cli-server SAPI) is one of opcache's
            # server SAPIs, so enable_cli=0 leaves its opcache on
            native = subprocess.Popen(["php", "-d", f"opcache.enable={int(cached)}", "-S",
                                       f"127.0.0.1:{port}", "-t", str(copy)], cwd=copy,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_for(port)
                timings[label] = compare(
                    ["/", "/wp-json/wp/v2/posts"],
                    {mode: servers[(persistent, cached)].server_address[1]
                     for mode, persistent in MODES.items()}, port)
            finally:
                native.terminate()
                native.wait(timeout=30)
        cache = servers[(False, True)].code_cache
        entries = len(list(cache.rglob("*.bin"))) if cache else 0
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()
    return {"wasm": f"php-cgi.wasm {outcome.job.version.version}: per_request, one instance "
                    "per request; persistent, FastCGI workers ([serve.workers])",
            "native": f"php -S {version}", "median": timings,
            "code_cache_entries": entries}


NATIVE_WSGI = """
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server
sys.path.insert(0, sys.argv[1])
import blog
class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass
make_server("127.0.0.1", int(sys.argv[2]), blog.application, handler_class=Quiet).serve_forever()
"""


def wsgi(farm: Farm, work: Path) -> dict[str, object]:
    outcome = farm.build("python")[-1]
    recipe = outcome.job.recipe
    site = sites.wsgi_blog(sites.wheels(farm.settings.cache_dir), work / "blog")
    args = cgi_server.program_args(recipe, "blog:application", None)
    assert recipe.serve is not None
    # writable, so python.wasm keeps its bytecode in __pycache__ as a deployed app would
    servers = {mode: cgi_server.CgiServer(
        0, farm.program(outcome), site, recipe.serve, writable=True,
        env=dict(recipe.runtime_env),
        runtime=farm.runtime_preopens(outcome) + cgi_server.recipe_mounts(recipe),
        args=args, log=lambda line: None, persistent=persistent)
        for mode, persistent in MODES.items()}
    for server in servers.values():
        server.start_background()
    port = free_port()
    native = subprocess.Popen(["python3", "-c", NATIVE_WSGI, str(site), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {"REQUEST_METHOD": "GET", "PATH_INFO": "/posts/tables", "QUERY_STRING": "",
           "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
           "DOCUMENT_ROOT": str(site), "PATH": os.environ.get("PATH", "/usr/bin")}
    try:
        wait_for(port)
        timings = compare(["/", "/posts/tables"],
                          {mode: server.server_address[1] for mode, server in servers.items()},
                          port)
        # the same isolation as the wasm server (a fresh interpreter per request), natively:
        # one python3 process per request, alternating with wasm requests
        conn = http.client.HTTPConnection("127.0.0.1",
                                          servers["per_request"].server_address[1], timeout=600)
        wasm_times, process_times = [], []
        for _ in range(ROUNDS):
            wasm_times.append(timed_get(conn, "/posts/tables"))
            t0 = time.monotonic()
            subprocess.run(["python3", str(ADAPTER), "blog:application"], env=env, check=True,
                           capture_output=True)
            process_times.append(time.monotonic() - t0)
    finally:
        native.terminate()
        native.wait(timeout=30)
        for server in servers.values():
            server.shutdown()
            server.server_close()
    wasm, process = statistics.median(wasm_times), statistics.median(process_times)
    return {"wasm": f"python.wasm {outcome.job.version.version}: per_request, one instance "
                    "per request; persistent, FastCGI workers (the adapter's loop)",
            "native": "python3 wsgiref server (persistent)", "median": timings,
            "vs_native_process_per_request": {
                "path": "/posts/tables", "wasm_ms": round(wasm * 1000, 1),
                "native_ms": round(process * 1000, 1), "ratio": round(wasm / process, 2)}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=["wordpress", "wsgi"],
                        help="one application (default: both)")
    opts = parser.parse_args()
    settings = Settings.from_env()
    farm = Farm(settings)
    apps = {"wordpress": wordpress, "wsgi": wsgi}
    with tempfile.TemporaryDirectory(prefix="bench-apps-") as tmp:
        result: dict[str, object] = {"rounds": ROUNDS}
        for name, measure in apps.items():
            if opts.only in (None, name):
                result[name] = measure(farm, Path(tmp))
    save(settings, "apps" if opts.only is None else f"apps-{opts.only}", result)


if __name__ == "__main__":
    main()
