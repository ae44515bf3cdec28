"""The CGI pieces of `invoke serve` that need no engine: URL → file, environment, response."""

from pathlib import Path

import pytest

from wasmkiln.cgi_server import Target, cgi_environ, parse_cgi_output, resolve
from wasmkiln.recipe import Serve

PHP_SITE = Serve(scripts=(".php",), index=("index.php", "index.html"))


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    (tmp_path / "index.php").write_text("<?php echo 1;")
    (tmp_path / "app.php").write_text("<?php echo 2;")
    (tmp_path / "style.css").write_text("body {}")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.html").write_text("<p>docs</p>")
    (tmp_path / "empty").mkdir()
    (tmp_path / ".env").write_text("SECRET=1")
    (tmp_path.parent / "outside.php").write_text("<?php echo 3;")
    (tmp_path / "link.php").symlink_to(tmp_path.parent / "outside.php")
    return tmp_path


@pytest.mark.parametrize(("url", "expected"), [
    ("/", Target("script", "index.php")),
    ("/app.php", Target("script", "app.php")),
    ("/app.php/users/7", Target("script", "app.php", "/users/7")),
    ("/style.css", Target("file", "style.css")),
    ("/docs/", Target("file", "docs/index.html")),
    ("/empty/", Target("missing")),
    ("/nope.php", Target("missing")),
    ("/.env", Target("missing")),
    ("/../outside.php", Target("missing")),
    ("/%2e%2e/outside.php", Target("missing")),
    ("/link.php", Target("missing")),
])
def test_resolve_maps_urls_inside_the_docroot_only(site: Path, url: str, expected: Target) -> None:
    assert resolve(site, url, PHP_SITE) == expected


def test_the_recipes_suffixes_and_index_decide_what_runs(site: Path) -> None:
    static = Serve(scripts=(".cgi",), index=("index.html",))
    assert resolve(site, "/app.php", static) == Target("file", "app.php")
    assert resolve(site, "/", static) == Target("missing")


def test_environ_follows_rfc3875() -> None:
    env = cgi_environ(method="POST", target=Target("script", "app.php", "/x"), query="a=1",
                      request_uri="/app.php/x?a=1",
                      headers=[("Content-Type", "application/x-www-form-urlencoded"),
                               ("Cookie", "PHPSESSID=abc"), ("Proxy", "evil:1"),
                               ("X-Many", "1"), ("X-Many", "2"), ("Content-Length", "9")],
                      body_length=9, server_port=8080, remote_addr="127.0.0.1", remote_port=5,
                      docroot="/var/www")
    assert env["SCRIPT_FILENAME"] == "/var/www/app.php"
    assert env["SCRIPT_NAME"] == "/app.php"
    assert env["PATH_INFO"] == "/x"
    assert env["QUERY_STRING"] == "a=1"
    assert env["CONTENT_TYPE"] == "application/x-www-form-urlencoded"
    assert env["CONTENT_LENGTH"] == "9"
    assert env["HTTP_COOKIE"] == "PHPSESSID=abc"
    assert env["HTTP_X_MANY"] == "1, 2"
    assert "REDIRECT_STATUS" not in env  # php-cgi's wish: the php recipe's [serve] env
    assert "HTTP_PROXY" not in env  # httpoxy
    assert "HTTP_CONTENT_LENGTH" not in env


def test_response_with_status_header() -> None:
    r = parse_cgi_output(b"Status: 404 Not Found\r\nContent-type: text/html\r\n\r\n<p>no</p>")
    assert (r.status, r.reason, r.body) == (404, "Not Found", b"<p>no</p>")
    assert r.headers == (("Content-type", "text/html"),)


def test_location_without_status_is_a_redirect() -> None:
    r = parse_cgi_output(b"Location: /done\nSet-Cookie: a=1\nSet-Cookie: b=2\n\n")
    assert r.status == 302
    assert [v for n, v in r.headers if n == "Set-Cookie"] == ["a=1", "b=2"]


def test_output_without_headers_is_refused() -> None:
    with pytest.raises(ValueError, match="no header block"):
        parse_cgi_output(b"PHP Fatal error: ...")
