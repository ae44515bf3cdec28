"""`invoke serve python --app MODULE:CALLABLE`: a WSGI blog built from three pure-Python PyPI
packages (bottle's routing, chevron's Mustache templates, Python-Markdown), wheels pinned by
hash, served by python.wasm through the recipe's WSGI adapter (persistent FastCGI workers, or
one instance per request), and answering exactly what the same app answers under the machine's
native python."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import sites
from tests.helpers import REPO, serve_process, serving
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e

ADAPTER = REPO / "recipes" / "python" / "serve" / "wsgi_cgi.py"


@pytest.fixture(scope="module")
def python_farm(first_build) -> Farm:
    settings, _ = first_build
    farm = Farm(settings)
    farm.build("python")
    return farm


@pytest.fixture(scope="module")
def blog(python_farm, tmp_path_factory) -> Path:
    wheels = sites.wheels(python_farm.settings.cache_dir)
    root = sites.wsgi_blog(wheels, tmp_path_factory.mktemp("blog") / "site")
    (root / "broken.py").write_text("import no_such_module\napplication = None\n")
    return root


def serve(farm: Farm, *args: str) -> subprocess.Popen[str]:
    return serve_process(farm.settings.output_dir, farm.settings.cache_dir, "python", *args)


@pytest.fixture(params=["persistent", "per-request"])
def blog_server(python_farm, blog, request) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    """The blog through persistent workers (the adapter's FastCGI loop, the default) or one
    python.wasm per request (--per-request)."""
    extra = ["--per-request"] if request.param == "per-request" else []
    server = serve(python_farm, "--app", "blog:application", "--docroot", str(blog),
                   "--port", "0", *extra)
    banner, port = serving(server)
    assert "--app blog:application" in banner, banner
    assert ("persistent workers" in banner) == (request.param == "persistent"), banner
    yield port, server
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=60)


def native(blog: Path, method: str, path: str, body: bytes = b"",
           content_type: str = "") -> bytes:
    """The same request answered by the same adapter and app under the host's python."""
    url_path, _, query = path.partition("?")
    env = {"REQUEST_METHOD": method, "PATH_INFO": url_path, "QUERY_STRING": query,
           "SCRIPT_NAME": "", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80",
           "SERVER_PROTOCOL": "HTTP/1.1", "DOCUMENT_ROOT": str(blog),
           "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": content_type,
           "PATH": os.environ.get("PATH", "/usr/bin")}
    done = subprocess.run(["python3", str(ADAPTER), "blog:application"], input=body, env=env,
                          capture_output=True, timeout=120, check=True)
    return done.stdout.partition(b"\r\n\r\n")[2]


def request(conn: http.client.HTTPConnection, method: str, path: str, body: bytes = b"",
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    conn.request(method, path, body=body or None, headers=headers or {})
    response = conn.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def test_a_wsgi_app_of_pypi_packages_answers_as_it_does_natively(blog_server, blog):
    port, _ = blog_server
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    status, headers, home = request(conn, "GET", "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=UTF-8"
    assert '<li><a href="/posts/hello">hello</a></li>' in home.decode()
    assert home == native(blog, "GET", "/")

    status, _, page = request(conn, "GET", "/posts/tables")
    assert status == 200 and "<td>wasmtime</td>" in page.decode()  # markdown's tables
    assert "<pre><code>code block" in page.decode()  # fenced code
    assert page == native(blog, "GET", "/posts/tables")

    status, headers, listed = request(conn, "GET", "/api/posts?tag=wasm")
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert json.loads(listed) == {"posts": ["hello", "tables"], "query": {"tag": "wasm"}}

    form = b"text=%2A%2Abold%2A%2A+and+_em_"
    kind = "application/x-www-form-urlencoded"
    status, _, preview = request(conn, "POST", "/preview", form, {"Content-Type": kind})
    assert status == 200 and "<p><strong>bold</strong> and <em>em</em></p>" in preview.decode()
    assert preview == native(blog, "POST", "/preview", form, kind)

    status, _, missing = request(conn, "GET", "/posts/nope")  # bottle's own 404, by the app
    assert status == 404 and b"no post nope" in missing
    # the source of the app is not served: the app answers every path
    assert request(conn, "GET", "/blog.py")[0] == 404


def test_an_app_that_fails_to_import_is_a_500_with_the_traceback_logged(python_farm, blog):
    server = serve(python_farm, "--app", "broken:application", "--docroot", str(blog),
                   "--port", "0")
    try:
        _, port = serving(server)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        status, _, body = request(conn, "GET", "/")
        assert status == 500 and b"cannot load the application broken:application" in body
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
    assert "ModuleNotFoundError: No module named 'no_such_module'" in err
    assert '"GET / HTTP/1.1" 500' in err and server.returncode == 0


def test_python_without_an_app_is_refused_in_one_paragraph(python_farm, blog):
    done = serve(python_farm, "--docroot", str(blog), "--port", "0")
    out, err = done.communicate(timeout=300)
    assert done.returncode == 1 and "Traceback" not in err and "serving" not in out
    assert "serves applications, not scripts: give `invoke serve python --app" in \
        " ".join(err.split())


def test_a_writable_docroot_keeps_the_apps_bytecode(python_farm, blog, tmp_path):
    """Read-only (the default), python.wasm cannot leave anything in the app's folder; with
    --writable it keeps __pycache__ there, as a deployed app would."""
    assert not list(blog.rglob("*.cpython-313.pyc"))  # after the read-only server's requests
    copy = tmp_path / "blog"
    subprocess.run(["cp", "-a", str(blog), str(copy)], check=True)
    server = serve(python_farm, "--app", "blog", "--docroot", str(copy), "--port", "0",
                   "--writable")
    try:
        _, port = serving(server)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        assert request(conn, "GET", "/")[0] == 200  # `blog` alone: blog:application
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
    kept = {p.name for p in copy.rglob("*.cpython-313.pyc")}
    assert {"blog.cpython-313.pyc", "bottle.cpython-313.pyc", "renderer.cpython-313.pyc"} <= kept
