"""`invoke serve` as a development server, with the real php-cgi.wasm: the front controller
(pretty URLs reach index.php with REQUEST_URI and PATH_INFO intact), a router script, HTTP/1.1
keep-alive, static files with ETag/Last-Modified and 304s, chunked request bodies, the access
log, the worker bound on concurrent instances, and `invoke serve` as a process (bad options
refused in one paragraph, Ctrl-C stops it with status 0)."""

from __future__ import annotations

import dataclasses
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.helpers import serve_process, serving
from wasmkiln import cgi_server
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e

SHOW = """<?php
header('Content-Type: application/json');
echo json_encode(['script' => $_SERVER['SCRIPT_NAME'], 'uri' => $_SERVER['REQUEST_URI'],
                  'path_info' => $_SERVER['PATH_INFO'] ?? null, 'query' => $_GET,
                  'post' => $_POST, 'port' => $_SERVER['REMOTE_PORT'], 'from' => '{name}']);
"""
NAP = """<?php
$start = microtime(true);
usleep(600000);
echo json_encode([$start, microtime(true)]);
"""


@pytest.fixture(scope="module")
def php_cgi(first_build):
    settings, _ = first_build
    farm = Farm(settings)
    return farm, farm.build("php", variant="cgi")[-1]


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "shop").mkdir(parents=True)
    (root / "index.php").write_text(SHOW.replace("{name}", "index"))
    (root / "shop" / "index.php").write_text(SHOW.replace("{name}", "shop"))
    (root / "router.php").write_text(SHOW.replace("{name}", "router"))
    (root / "nap.php").write_text(NAP)
    (root / "style.css").write_text("body { color: teal }\n")
    return root


def start(php_cgi, root: Path, **options) -> tuple[cgi_server.CgiServer, list[str]]:
    _, outcome = php_cgi
    lines: list[str] = []
    recipe = outcome.job.recipe
    site = options.pop("site", recipe.serve)
    server = cgi_server.CgiServer(0, outcome.directory / "bin" / "php-cgi.wasm", root, site,
                                  env=dict(recipe.runtime_env), log=lines.append, **options)
    server.start_background()
    return server, lines


def get(conn: http.client.HTTPConnection, path: str, **kw) -> tuple[int, dict, bytes]:
    conn.request(kw.pop("method", "GET"), path, **kw)
    response = conn.getresponse()
    return response.status, dict(response.getheaders()), response.read()


@pytest.mark.parametrize("persistent", [True, False], ids=["persistent", "per-request"])
def test_front_controller_keep_alive_static_validators_and_the_access_log(php_cgi, site,
                                                                          persistent):
    server, log = start(php_cgi, site, workers=2, persistent=persistent)
    assert (server.pool is not None) == persistent
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=120)
        status, _, body = get(conn, "/2024/01/hello-world/?replytocom=3")
        seen = json.loads(body)
        assert status == 200 and seen["from"] == "index"
        assert seen["uri"] == "/2024/01/hello-world/?replytocom=3"
        assert seen["path_info"] == "/2024/01/hello-world/"
        assert seen["script"] == "/index.php" and seen["query"] == {"replytocom": "3"}
        status, _, body = get(conn, "/wp-json/wp/v2/posts")
        assert status == 200 and json.loads(body)["path_info"] == "/wp-json/wp/v2/posts"
        # the nearest index up the tree answers, as `php -S` does
        status, _, body = get(conn, "/shop/cart/7")
        assert json.loads(body)["from"] == "shop" and json.loads(body)["path_info"] == "/cart/7"
        # one connection carried every request so far: the guest saw one client port
        ports = {json.loads(get(conn, p)[2])["port"] for p in ("/", "/a", "/shop/")}
        assert ports == {seen["port"]}
        assert get(conn, "/missing.php")[0] == 404 and get(conn, "/.env")[0] == 404

        status, headers, body = get(conn, "/style.css")
        assert status == 200 and body == b"body { color: teal }\n"
        assert headers["Content-Type"] == "text/css; charset=utf-8"
        etag, modified = headers["ETag"], headers["Last-Modified"]
        status, headers, body = get(conn, "/style.css", headers={"If-None-Match": etag})
        assert (status, body, headers["ETag"]) == (304, b"", etag)
        assert get(conn, "/style.css", headers={"If-Modified-Since": modified})[0] == 304
        (site / "style.css").write_text("body { color: red }\n")
        status, headers, body = get(conn, "/style.css", headers={"If-None-Match": etag})
        assert status == 200 and body == b"body { color: red }\n" and headers["ETag"] != etag

        # a chunked body reaches the script as a complete one, and the connection stays usable
        conn.putrequest("POST", "/form?x=1")
        conn.putheader("Content-Type", "application/x-www-form-urlencoded")
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        for chunk in (b"name=Ada&", b"lang=php"):
            conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        conn.send(b"0\r\n\r\n")
        response = conn.getresponse()
        assert json.loads(response.read())["post"] == {"name": "Ada", "lang": "php"}
        assert get(conn, "/")[0] == 200
        conn.close()
    finally:
        server.shutdown()
        server.server_close()
    access = [line for line in log if line.startswith('127.0.0.1 "')]
    assert len(access) == 14, log
    assert re.fullmatch(r'127\.0\.0\.1 "GET /2024/01/hello-world/\?replytocom=3 HTTP/1\.1" 200 '
                        r'\d+ \d+\.\dms → /index\.php', access[0]), access[0]
    assert re.fullmatch(r'127\.0\.0\.1 "GET /style\.css HTTP/1\.1" 304 0 \d+\.\dms', access[9])
    assert any('"GET /missing.php HTTP/1.1" 404' in line for line in access)


def test_a_router_answers_what_names_no_file(php_cgi, site):
    routed = cgi_server.check_router(site, "router.php", php_cgi[1].job.recipe.serve)
    server, _ = start(php_cgi, site, router=routed)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=120)
        seen = json.loads(get(conn, "/blog/post-1")[2])
        assert (seen["from"], seen["script"], seen["path_info"]) == \
            ("router", "/router.php", "/blog/post-1")
        assert json.loads(get(conn, "/shop/")[2])["from"] == "shop"  # scripts run themselves
        assert get(conn, "/style.css")[2] == b"body { color: teal }\n"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("persistent", [True, False], ids=["persistent", "per-request"])
def test_the_code_cache_compiles_once_and_recompiles_an_edited_script(php_cgi, site,
                                                                      persistent):
    """opcache through the server: the first request stores the compiled script (in the file
    cache; a persistent worker also in its memory), the next one runs the stored form (the text
    changed, the mtime did not), a new mtime makes opcache compile again; the directory goes
    with the server, and without the option there is none."""
    page = site / "page.php"
    old = time.time() - 100  # older than opcache.file_update_protection (2 s)

    def write(text: str, mtime: float) -> None:
        page.write_text(f"<?php echo '{text}';\n")
        os.utime(page, (mtime, mtime))

    write("first", old)
    server, log = start(php_cgi, site, code_cache=True, persistent=persistent)
    cache = server.code_cache
    try:
        assert cache is not None and cache.is_dir()
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=120)
        assert get(conn, "/page.php")[2] == b"first"
        stored = list(cache.glob("*/var/www/page.php.bin"))
        assert len(stored) == 1, sorted(cache.rglob("*"))
        write("second", old)
        assert get(conn, "/page.php")[2] == b"first"  # the compiled form from the cache
        write("second", old + 50)
        assert get(conn, "/page.php")[2] == b"second"  # stale entry: compiled again
        # where opcache keeps scripts: in a persistent worker, its own memory (hits count up
        # from the second request on), file cache behind it; per request, the file cache only
        status = site / "status.php"
        status.write_text("<?php $s = opcache_get_status(false); echo json_encode(["
                          "$s['file_cache_only'] ?? false, "
                          "$s['opcache_statistics']['hits'] ?? null]);\n")
        os.utime(status, (old, old))
        seen = [json.loads(get(conn, "/status.php")[2]) for _ in range(3)]
        if persistent:  # one more hit per request (page.php's hits came before)
            assert [only for only, _ in seen] == [False] * 3, seen
            assert seen[1][1] == seen[0][1] + 1 and seen[2][1] == seen[1][1] + 1, seen
        else:
            assert seen == [[True, None]] * 3, seen
    finally:
        server.shutdown()
        server.server_close()
    assert not cache.exists() and not any("Warning" in line for line in log), log
    plain, _ = start(php_cgi, site, persistent=persistent)
    try:
        assert plain.code_cache is None and plain.cache_args == ()
        conn = http.client.HTTPConnection("127.0.0.1", plain.server_address[1], timeout=120)
        assert get(conn, "/page.php")[2] == b"second"
    finally:
        plain.shutdown()
        plain.server_close()


def _overlap(intervals: list[tuple[float, float]]) -> int:
    """The most intervals running at one instant."""
    edges = sorted([(s, 1) for s, _ in intervals] + [(e, -1) for _, e in intervals])
    running = most = 0
    for _, step in edges:
        running += step
        most = max(most, running)
    return most


@pytest.mark.parametrize("workers", [1, 2])
def test_workers_bound_how_many_instances_run_at_once(php_cgi, site, workers):
    """Four requests at once, each sleeping 0.6 s inside the guest: the guests' own clocks show
    exactly `workers` of them running together."""
    server, _ = start(php_cgi, site, workers=workers)
    spans: list[tuple[float, float]] = []

    def one() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=300)
        start_at, end_at = json.loads(get(conn, "/nap.php")[2])
        spans.append((start_at, end_at))

    try:
        clients = [threading.Thread(target=one) for _ in range(4)]
        for client in clients:
            client.start()
        for client in clients:
            client.join()
    finally:
        server.shutdown()
        server.server_close()
    assert len(spans) == 4
    assert _overlap(spans) == workers


@pytest.mark.parametrize("pin", [True, False], ids=["pinned", "unpinned"])
def test_each_persistent_worker_runs_on_a_cpu_of_its_own(php_cgi, site, pin):
    """Two requests at once start two workers: pinned (the default), every thread of each
    worker's process (the guest's, wasmtime's) runs on one CPU, and the two workers on two
    different ones where the server may use two; --no-pin leaves them the server's CPUs."""
    server, _ = start(php_cgi, site, workers=2, pin_workers=pin)
    mine = os.sched_getaffinity(0)
    try:
        clients = [threading.Thread(target=lambda: get(http.client.HTTPConnection(
            "127.0.0.1", server.server_address[1], timeout=300), "/nap.php")) for _ in range(2)]
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        assert server.pool is not None and server.pool.started == 2
        placed = []
        for worker in server.pool.workers():
            tasks = list(Path(f"/proc/{worker.proc.pid}/task").iterdir())
            assert len(tasks) > 1  # the guest ran on a thread of its own
            cpus = {frozenset(os.sched_getaffinity(int(task.name))) for task in tasks}
            assert len(cpus) == 1, cpus
            placed.append(set(cpus.pop()))
    finally:
        server.shutdown()
        server.server_close()
    if not pin:
        assert placed == [mine, mine]
    else:
        assert all(len(cpus) == 1 for cpus in placed)
        assert len(set.union(*placed)) == min(2, len(mine)) and set.union(*placed) <= mine


def _serve_process(php_cgi, *args: str) -> subprocess.Popen[str]:
    farm, _ = php_cgi
    return serve_process(farm.settings.output_dir, farm.settings.cache_dir, "php", *args)


def test_invoke_serve_stops_on_ctrl_c_with_status_0(php_cgi, site):
    server = _serve_process(php_cgi, "--docroot", str(site), "--port", "0", "--workers", "3")
    try:
        banner, port = serving(server)
        # the code cache (opcache's file cache) is on unless --no-code-cache
        assert f"3 persistent workers, a code cache, on http://127.0.0.1:{port}/" in banner, \
            banner
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        assert json.loads(get(conn, "/page/2")[2])["path_info"] == "/page/2"
        conn.close()
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=60)
    finally:
        server.kill() if server.poll() is None else None
    assert server.returncode == 0, err
    assert out.strip().endswith("stopped")
    assert '"GET /page/2 HTTP/1.1" 200' in err and "Traceback" not in err
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=5)


@pytest.mark.parametrize(("args", "message"), [
    (["--router", "nope.php"], "--router nope.php: no such file inside the docroot"),
    (["--router", "style.css"], "--router style.css: not a script"),
    (["--app", "blog:app"], "--app blog:app: recipe 'php'"),
    (["--workers=-2"], "--workers -2: give a positive number"),
])
def test_bad_serve_options_are_one_paragraph(php_cgi, site, args, message):
    server = _serve_process(php_cgi, "--docroot", str(site), "--port", "0", *args)
    out, err = server.communicate(timeout=300)
    assert server.returncode == 1
    assert message in " ".join(err.split()) and "Traceback" not in err
    assert "serving" not in out


STATE = """<?php
// what a request can leave behind in a persistent worker, and a proof of persistence: PHP's
// realpath cache lives as long as the process, so a path resolved by an earlier request is
// in it before this request resolves it
$known = isset(realpath_cache_get()['/var/www/lib/one.php']);
function counter() { static $n = 0; return ++$n; }
echo json_encode([
    'known' => $known, 'counter' => counter(), 'constant' => defined('LEFT_BEHIND'),
    'class' => class_exists('LeftBehind', false), 'precision' => ini_get('precision'),
    'global' => $GLOBALS['left'] ?? null, 'env' => getenv('LEFT_ENV'),
    'query' => $_GET, 'body' => strlen(file_get_contents('php://input')),
    'post' => array_keys($_POST),
]);
require __DIR__ . '/lib/one.php';
define('LEFT_BEHIND', 1);
if (true) { class LeftBehind {} }  // declared when this line runs, not hoisted at compile time
ini_set('precision', '3');
$GLOBALS['left'] = 'x';
$_SERVER['LEFT_ENV'] = 'y';
"""


def _state_site(site: Path) -> Path:
    (site / "lib").mkdir()
    (site / "lib" / "one.php").write_text("<?php function left_behind() { return 1; }\n")
    (site / "state.php").write_text(STATE)
    (site / "fatal.php").write_text("<?php echo 'before'; undefined_function();\n")
    (site / "bye.php").write_text("<?php header('Status: 418'); echo 'leaving'; exit(3);\n")
    return site


def test_a_persistent_worker_carries_no_request_state(php_cgi, site):
    """One worker answers every request: PHP's per-request start-up and shutdown leave no
    globals, statics, constants, classes, functions, ini changes or superglobals behind, a
    fatal error or an exit() ends only its own request, bodies over one FastCGI record arrive
    whole; the realpath cache shows it was one process throughout."""
    _state_site(site)
    server, log = start(php_cgi, site, workers=1)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=120)
        first = json.loads(get(conn, "/state.php?a=1")[2])
        assert first == {"known": False, "counter": 1, "constant": False, "class": False,
                         "precision": "14", "global": None, "env": False, "query": {"a": "1"},
                         "body": 0, "post": []}
        status, _, body = get(conn, "/fatal.php")
        assert body.startswith(b"before") and b"Fatal error" in body
        status, _, body = get(conn, "/bye.php")
        assert (status, body) == (418, b"leaving")
        # a body the script never reads (200 KB, more than a pipe holds) is consumed by PHP's
        # request shutdown: the same worker takes the next request
        status, _, body = get(conn, "/bye.php", method="POST", body=b"z" * 200_000,
                              headers={"Content-Type": "text/plain"})
        assert (status, body) == (418, b"leaving")
        # 900 fields (under max_input_vars), 77 KB: the body takes two FastCGI records
        form = "&".join(f"k{i}={'v' * 80}" for i in range(900)).encode()
        status, _, body = get(conn, "/state.php", method="POST", body=form,
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
        second = json.loads(body)
        assert status == 200 and second["body"] == len(form) and len(second["post"]) == 900
        assert second | {"body": 0, "post": []} == first | {"known": True, "query": []}
        assert server.pool is not None and server.pool.started == 1
    finally:
        server.shutdown()
        server.server_close()
    assert len([line for line in log if line.startswith('127.0.0.1 "')]) == 5, log


def test_a_worker_that_dies_is_replaced_and_workers_retire_after_max_requests(php_cgi, site):
    _state_site(site)
    _, outcome = php_cgi
    serve = outcome.job.recipe.serve
    assert serve.workers is not None
    retiring = dataclasses.replace(serve, workers=dataclasses.replace(serve.workers,
                                                                       max_requests=3))
    server, log = start(php_cgi, site, workers=1, site=retiring)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=120)
        assert get(conn, "/state.php")[0] == 200
        assert server.pool is not None
        [idle] = server.pool.workers()
        idle.proc.kill()  # killed while idle: the next request gets a new worker
        idle.proc.wait()
        assert json.loads(get(conn, "/state.php")[2])["known"] is False
        assert server.pool.started == 2

        [current] = server.pool.workers()

        def kill_soon() -> None:  # while it answers /nap.php (which sleeps 0.6 s)
            time.sleep(0.3)
            os.kill(current.proc.pid, signal.SIGKILL)

        killer = threading.Thread(target=kill_soon)
        killer.start()
        status, _, body = get(conn, "/nap.php")
        killer.join()
        assert status == 502 and b"stopped before answering" in body
        assert [json.loads(get(conn, "/state.php")[2])["known"] for _ in range(4)] == \
            [False, True, True, False]  # the 3rd answer retires a worker: a new one starts
        assert server.pool.started == 4
    finally:
        server.shutdown()
        server.server_close()
    assert any("stopped before answering" in line for line in log), log


def test_a_request_over_the_worker_timeout_is_stopped_and_the_worker_replaced(php_cgi, site):
    """WASI gives PHP no timer signal, so max_execution_time cannot stop a loop: the server
    kills the worker after [serve.workers] timeout and says so; the next request gets a new
    worker."""
    _state_site(site)
    (site / "spin.php").write_text("<?php while (true) {}\n")
    serve = php_cgi[1].job.recipe.serve
    assert serve.workers is not None
    short = dataclasses.replace(serve, workers=dataclasses.replace(serve.workers, timeout=2))
    server, log = start(php_cgi, site, workers=1, site=short)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=120)
        assert get(conn, "/state.php")[0] == 200
        status, _, body = get(conn, "/spin.php")
        assert status == 502 and b"took more than 2 s over this request and was killed" in body
        assert json.loads(get(conn, "/state.php")[2])["known"] is False  # a new worker
        assert server.pool is not None and server.pool.started == 2
    finally:
        server.shutdown()
        server.server_close()
    assert any("took more than 2 s" in line for line in log), log
