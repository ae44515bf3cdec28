"""The pieces of `invoke serve` that need no engine: URL → file (front controller, router),
environment, response, static validators, the recipe's [serve] table and the app arguments."""

import os
from pathlib import Path

import pytest

from tests.helpers import minimal
from wasmkiln.cgi_server import (
    Target,
    cgi_environ,
    check_router,
    parse_cgi_output,
    program_args,
    recipe_mounts,
    resolve,
)
from wasmkiln.errors import RecipeError, WasmkilnError
from wasmkiln.recipe import Recipe, Serve, load_recipe
from wasmkiln.static_files import content_type, not_modified, validators

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


FRONT = Serve(scripts=(".php",), index=("index.php", "index.html"), front_controller=True)


@pytest.fixture()
def app_site(tmp_path: Path) -> Path:
    """A front-controller site: index.php at the top, a sub-application with its own index."""
    (tmp_path / "index.php").write_text("<?php echo 1;")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "index.php").write_text("<?php echo 2;")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.html").write_text("<p>docs</p>")
    (tmp_path / "router.php").write_text("<?php echo 3;")
    return tmp_path


@pytest.mark.parametrize(("url", "expected"), [
    ("/", Target("script", "index.php")),
    ("/logo.png", Target("file", "logo.png")),  # files are still files
    ("/docs/", Target("file", "docs/index.html")),
    ("/2024/01/hello-world/", Target("script", "index.php", "/2024/01/hello-world/", True)),
    ("/wp-json/wp/v2/posts", Target("script", "index.php", "/wp-json/wp/v2/posts", True)),
    ("/shop/cart/7", Target("script", "shop/index.php", "/cart/7", True)),  # nearest index
    ("/docs/missing", Target("script", "index.php", "/docs/missing", True)),  # html: not code
    ("/.git/config", Target("missing")),  # hidden paths are never routed
    ("/nothing.php", Target("missing")),  # a missing script is missing
    ("/robots.txt", Target("script", "index.php", "/robots.txt", True)),  # the app may answer
    ("/%2e%2e/etc/passwd", Target("script", "index.php", "/etc/passwd", True)),  # clamped
])
def test_unknown_paths_go_to_the_nearest_index_script(app_site: Path, url: str,
                                                       expected: Target) -> None:
    assert resolve(app_site, url, FRONT) == expected


def test_without_a_front_controller_unknown_paths_are_missing(app_site: Path) -> None:
    assert resolve(app_site, "/2024/01/hello-world/", PHP_SITE) == Target("missing")


def test_a_router_answers_what_names_no_file(app_site: Path) -> None:
    assert resolve(app_site, "/a/b", FRONT, router="router.php") == \
        Target("script", "router.php", "/a/b", True)
    assert resolve(app_site, "/logo.png", PHP_SITE, router="router.php") == \
        Target("file", "logo.png")
    assert resolve(app_site, "/shop/", PHP_SITE, router="router.php") == \
        Target("script", "shop/index.php")


def test_check_router_names_the_option(app_site: Path) -> None:
    assert check_router(app_site, "./router.php", FRONT) == "router.php"
    with pytest.raises(WasmkilnError, match="--router nope.php: no such file"):
        check_router(app_site, "nope.php", FRONT)
    with pytest.raises(WasmkilnError, match="--router ../x.php: no such file inside"):
        check_router(app_site, "../x.php", FRONT)
    with pytest.raises(WasmkilnError, match="--router logo.png: not a script"):
        check_router(app_site, "logo.png", FRONT)


def test_an_application_target_has_no_script_file() -> None:
    env = cgi_environ(method="GET", target=Target("script", "", "/posts/7"), query="",
                      request_uri="/posts/7", headers=[], body_length=0, server_port=1,
                      remote_addr="127.0.0.1", remote_port=2, docroot="/app")
    assert (env["SCRIPT_NAME"], env["PATH_INFO"]) == ("", "/posts/7")
    assert "SCRIPT_FILENAME" not in env


def _recipe(tmp_path: Path, serve: str) -> Recipe:
    folder = tmp_path / "recipes" / "rt"
    (folder / "serve").mkdir(parents=True)
    (folder / "recipe.toml").write_text(
        minimal("rt") + "\n[serve]\n" + serve)
    return load_recipe(folder / "recipe.toml")


def test_program_args_put_the_app_in_the_recipes_arguments(tmp_path: Path) -> None:
    recipe = _recipe(tmp_path, 'app = ["/srv/a.py", "{app}"]\nmounts = { serve = "/srv" }\n')
    assert program_args(recipe, "blog:app", None) == ("/srv/a.py", "blog:app")
    assert recipe_mounts(recipe)[0].guest == "/srv" and not recipe_mounts(recipe)[0].writable
    with pytest.raises(WasmkilnError, match="serves applications, not scripts: give"):
        program_args(recipe, None, None)
    with pytest.raises(WasmkilnError, match="--router r.php with --app blog:app"):
        program_args(recipe, "blog:app", "r.php")
    scripts = _recipe(tmp_path / "b", 'scripts = [".php"]\n')
    assert program_args(scripts, None, None) == ()
    with pytest.raises(WasmkilnError, match="--app blog:app: recipe 'rt'.*no \\[serve\\] `app`"):
        program_args(scripts, "blog:app", None)


@pytest.mark.parametrize(("serve", "message"), [
    ('app = ["/srv/a.py"]\n', "serve.app.*must name the application"),
    ('mounts = { "../etc" = "/srv" }\n', "serve.mounts.../etc.*folder of the recipe"),
    ('mounts = { scripts = "/srv" }\n', "serve.mounts.scripts.*other than scripts/"),
    ('mounts = { "." = "/srv" }\n', "serve.mounts\\..*other than scripts/"),
    ('mounts = { "./scripts" = "/srv" }\n', "serve.mounts../scripts.*other than scripts/"),
    ('mounts = { serve = "srv" }\n', "serve.mounts.serve.*absolute guest path"),
    ('mounts = { nothere = "/srv" }\n', "serve.mounts.nothere.*not a folder"),
    ('front_controller = "yes"\n', "serve.front_controller.*must be a boolean"),
    ('[serve.code_cache]\ndir = "cache"\nargs = ["x"]\n', "serve.code_cache.dir.*absolute"),
    ('[serve.code_cache]\ndir = "/"\nargs = ["x"]\n', "serve.code_cache.dir.*below /"),
    ('[serve.code_cache]\ndir = "/var/www/c"\nargs = ["x"]\n',
     "serve.code_cache.dir.*overlaps the docroot '/var/www'"),
    ('[serve.code_cache]\ndir = "/var"\nargs = ["x"]\n', "serve.code_cache.dir.*overlaps"),
    ('[serve.code_cache]\ndir = "/c"\n', "serve.code_cache.args' and 'env' are both empty"),
    ('[serve.code_cache]\ndir = "/c"\nargs = ["x"]\nsize = 3\n',
     "serve.code_cache.size.*not a known field"),
    ('[serve.workers]\nmax_requests = 5\n', "serve.workers.env.*is empty"),
    ('[serve.workers]\nenv = { FCGI = "1" }\nmax_requests = 0\n',
     "serve.workers.max_requests.*positive"),
    ('[serve.workers]\nenv = { FCGI = "1" }\nmax_requests = "5"\n',
     "serve.workers.max_requests.*must be an integer"),
    ('[serve.workers]\nenv = { FCGI = "1" }\ntimeout = 0\n',
     "serve.workers.timeout.*positive number of seconds"),
])
def test_serve_table_mistakes_are_named(tmp_path: Path, serve: str, message: str) -> None:
    with pytest.raises(RecipeError, match=message):
        _recipe(tmp_path, serve)


def test_code_cache_table_names_the_directory_in_its_arguments_and_environment(
        tmp_path: Path) -> None:
    recipe = _recipe(tmp_path, 'scripts = [".php"]\n[serve.code_cache]\ndir = "/var/cache/c"\n'
                     'args = ["-d", "cache={dir}"]\nenv = { CACHE_DIR = "{dir}/x" }\n')
    assert recipe.serve is not None and recipe.serve.code_cache is not None
    cache = recipe.serve.code_cache
    assert cache.dir == "/var/cache/c" and cache.args == ("-d", "cache=/var/cache/c")
    assert cache.env == (("CACHE_DIR", "/var/cache/c/x"),)
    assert _recipe(tmp_path / "b", 'scripts = [".php"]\n').serve.code_cache is None


def test_the_php_recipe_serves_with_opcaches_file_cache() -> None:
    recipe = load_recipe(Path(__file__).resolve().parents[2] / "recipes/php/recipe.toml")
    assert recipe.serve is not None and recipe.serve.code_cache is not None
    args = recipe.serve.code_cache.args
    assert f"opcache.file_cache={recipe.serve.code_cache.dir}" in args
    assert "opcache.file_cache_only=1" in args


def _stat(mtime: float, size: int) -> os.stat_result:
    whole = int(mtime)
    return os.stat_result((0o100644, 0, 0, 1, 0, 0, size, whole, whole, whole),
                          {"st_mtime_ns": int(mtime * 1e9)})


def test_static_validators_and_conditional_requests() -> None:
    now = validators(_stat(1_700_000_000, 42))
    assert now.last_modified == "Tue, 14 Nov 2023 22:13:20 GMT"
    assert now.etag.startswith('"') and now.etag.endswith('-2a"')
    assert not_modified({"If-None-Match": now.etag}, now)
    assert not_modified({"If-None-Match": f'"other", W/{now.etag}'}, now)
    assert not_modified({"If-None-Match": "*"}, now)
    assert not not_modified({"If-None-Match": '"other"'}, now)
    # If-None-Match wins over If-Modified-Since (RFC 9110, 13.1.3)
    assert not not_modified({"If-None-Match": '"other"',
                             "If-Modified-Since": now.last_modified}, now)
    assert not_modified({"If-Modified-Since": now.last_modified}, now)
    assert not not_modified({"If-Modified-Since": "Tue, 14 Nov 2023 22:13:19 GMT"}, now)
    assert not not_modified({"If-Modified-Since": "yesterday"}, now)
    changed = validators(_stat(1_700_000_000, 43))
    assert changed.etag != now.etag and not not_modified({"If-None-Match": now.etag}, changed)


def test_content_types() -> None:
    assert content_type(Path("a.css")) == "text/css; charset=utf-8"
    assert content_type(Path("a.png")) == "image/png"
    assert content_type(Path("a.tar.gz")) == "application/octet-stream"
    assert content_type(Path("README")) == "application/octet-stream"
