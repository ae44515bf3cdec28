"""PHP 8.4 for wasm32-wasip1 (CLI and CGI) with its static extensions: the smoke tests, the
sandbox (only the given env and dirs), exit statuses, and `invoke serve` running a PHP site
that uses sessions and SQLite, driven by a real HTTP client."""

from __future__ import annotations

import http.cookiejar
import io
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import REPO, make_project, settings_for
from wasmkiln import cgi_server, runtimes, wasi_run
from wasmkiln.errors import BuildFailed, PatchError
from wasmkiln.farm import Farm
from wasmkiln.toolchain import load_toolchain

pytestmark = pytest.mark.e2e

SITE = REPO / "tests" / "e2e" / "php_site"
EXTENSIONS = ["bcmath", "calendar", "Core", "ctype", "date", "dom", "exif", "fileinfo", "filter",
              "hash", "json", "libxml", "mbstring", "pcre", "PDO", "pdo_sqlite", "Phar", "random",
              "Reflection", "session", "SimpleXML", "SPL", "sqlite3", "standard", "tokenizer",
              "xml", "xmlreader", "xmlwriter", "zlib", "openssl", "sodium", "zip", "iconv", "gd",
              "intl", "Zend OPcache"]


@pytest.fixture(scope="module")
def php_farm(first_build):
    settings, _ = first_build
    return Farm(settings)


@pytest.fixture(scope="module")
def php_variants(php_farm):
    """cli and cgi in one container run: sibling variants, configured and compiled once (or
    as tests/e2e/test_app_images.py built them, the same way, earlier in the session)."""
    return {o.job.variant.name: o for o in php_farm.build_variants("php", ["cli", "cgi"])[-2:]}


@pytest.fixture(scope="module")
def php_cli(php_variants):
    return php_variants["cli"]


@pytest.fixture(scope="module")
def php_cgi(php_variants):
    return php_variants["cgi"]


def run_php(outcome, args, **kw) -> wasi_run.RunResult:
    return wasi_run.run(outcome.directory / "bin" / "php.wasm", args, use_aot=True, **kw)


def test_php_cli_lists_every_extension_and_passes_its_smoke_tests(php_cli):
    assert php_cli.manifest.engines["wasmtime"]["passed"]
    listed = run_php(php_cli, ["-m"]).stdout.decode().splitlines()  # "Zend OPcache" is one
    assert [e for e in EXTENSIONS if e not in listed] == []
    for absent in ("sockets", "posix", "pcntl"):
        assert absent not in listed
    # 35.7 MB at 8.4.24, 18.3 MB of it ICU's data: a guard against an accidental doubling
    size = {o.path: o.size for o in php_cli.manifest.outputs}["bin/php.wasm"]
    assert size < 45_000_000


def test_what_wasi_cannot_do_fails_cleanly(php_cli):
    script = r"""
    foreach (['proc_open', 'shell_exec', 'exec', 'fsockopen', 'stream_socket_client'] as $f) {
        try {
            $r = match ($f) {
                'proc_open' => proc_open('ls', [], $pipes),
                'shell_exec' => shell_exec('ls'),
                'exec' => exec('ls'),
                'fsockopen' => @fsockopen('127.0.0.1', 80),
                'stream_socket_client' => @stream_socket_client('tcp://127.0.0.1:80'),
            };
            echo $f, ' => ', var_export($r, true), "\n";
        } catch (Error $e) {
            echo $f, ' => ', get_class($e), ': ', $e->getMessage(), "\n";
        }
    }
    """
    done = run_php(php_cli, ["-r", script])
    out = done.stdout.decode()
    assert done.exit_code == 0 and done.trap is None, done
    assert "proc_open => Error: Call to undefined function proc_open()" in out
    assert "fsockopen => false" in out and "stream_socket_client => false" in out
    assert "exec => false" in out


def test_exit_statuses_reach_the_caller(php_cli):
    assert run_php(php_cli, ["-r", "exit(3);"]).exit_code == 3
    assert run_php(php_cli, ["-r", "throw new Exception('boom');"]).exit_code == 255
    big = run_php(php_cli, ["-r", "exit(200);"])
    assert big.exit_code == wasi_run.UNCARRIED_EXIT and "126" in (big.note or "")


def test_the_runtime_sees_only_the_env_and_dirs_it_is_given(php_cli, tmp_path):
    (tmp_path / "visible.txt").write_text("hi")
    script = ("echo json_encode(['env' => getenv(), 'root' => @scandir('/'), "
              "'data' => scandir('/data'), 'etc' => @file_get_contents('/etc/passwd')]);")
    done = run_php(php_cli, ["-r", script],
                   env={"ONLY": "this"}, preopens=[wasi_run.Preopen(tmp_path, "/data", False)])
    seen = json.loads(done.stdout)
    assert seen["env"] == {"ONLY": "this"}
    assert seen["data"] == [".", "..", "visible.txt"]
    assert seen["etc"] is False
    assert not seen["root"] or set(seen["root"]) <= {".", "..", "data"}


def test_php_own_tests_fast_subset_passes(php_farm, php_cli):
    """run-tests.php (native php driving php.wasm in wasmtime) over the CI subset; the full set
    is `invoke upstream-tests php`, the slow tier."""
    report = php_farm.upstream_tests("php", fast=True)
    fast = runtimes.test_data(php_farm.book.get("php")).fast
    assert report["suite"] == "run-tests" and report["unit"] == "directory"
    assert [u["name"] for u in report["units"]] == list(fast)
    assert report["passed"] > 200
    assert report["pass_rate"] >= 0.95, report
    assert Path(report["saved"]).is_file()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture()
def site_server(php_cgi, tmp_path):
    docroot = tmp_path / "site"
    shutil.copytree(SITE, docroot)
    program = php_cgi.directory / "bin" / "php-cgi.wasm"
    lines: list[str] = []
    server = cgi_server.CgiServer(0, program, docroot, php_cgi.job.recipe.serve,
                                  env=dict(php_cgi.job.recipe.runtime_env), log=lines.append)
    server.start_background()
    yield f"http://127.0.0.1:{server.server_address[1]}", docroot, lines
    server.shutdown()
    server.server_close()


def test_serve_runs_a_php_site_with_sessions_and_sqlite(site_server):
    base, _, log = site_server
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)

    first = browser.open(base + "/")
    assert first.status == 200 and "<h1>Guestbook</h1>" in first.read().decode()

    form = urllib.parse.urlencode({"name": "Ada", "message": "hello from wasm"}).encode()
    with pytest.raises(urllib.error.HTTPError) as posted:
        browser.open(base + "/", data=form)
    assert posted.value.code == 302
    assert posted.value.headers["Location"] == "/?signed=1"
    assert any(c.name == "PHPSESSID" for c in jar)

    page = browser.open(base + posted.value.headers["Location"]).read().decode()
    assert "Welcome back, Ada (1 entries)" in page
    assert "<li>Ada: hello from wasm</li>" in page

    form = urllib.parse.urlencode({"name": "Grace", "message": "second"}).encode()
    with pytest.raises(urllib.error.HTTPError):
        browser.open(base + "/", data=form)
    page = browser.open(base + "/").read().decode()
    assert "Welcome back, Grace (2 entries)" in page
    assert page.index("Ada: hello") < page.index("Grace: second")

    stranger = urllib.request.urlopen(base + "/").read().decode()  # no cookie: no session
    assert "Welcome back" not in stranger and "Grace: second" in stranger

    with pytest.raises(urllib.error.HTTPError) as bad:
        browser.open(base + "/", data=b"name=&message=")
    assert bad.value.code == 422

    assert urllib.request.urlopen(base + "/hello.html").read() == b"<p>static</p>\n"
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(base + "/nothing.php")
    assert missing.value.code == 404
    assert any("POST / HTTP/1.1" in line for line in log)


def test_served_scripts_see_only_cgi_variables_and_a_read_only_docroot(site_server):
    base, docroot, _ = site_server
    seen = json.loads(urllib.request.urlopen(base + "/env.php?x=1").read())
    assert seen["env"]["QUERY_STRING"] == "x=1"
    assert seen["env"]["SCRIPT_FILENAME"] == "/var/www/env.php"
    assert not {"PATH", "HOME", "USER"} & set(seen["env"])
    assert seen["etc"] is False
    assert seen["write"] is False and not (docroot / "written.txt").exists()


# -- bad input -------------------------------------------------------------------------------

# php and every recipe it depends on, directly or through another library
PHP_RECIPES = ("zlib", "sqlite", "libxml2", "bzip2", "xz", "openssl", "libsodium", "libzip",
               "oniguruma", "libpng", "libjpeg-turbo", "icu", "php")


def _php_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", copy_recipes=PHP_RECIPES)


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def test_a_version_without_its_patch_series_names_the_missing_series(tmp_path, first_build):
    root = _php_project(tmp_path)
    recipe = root / "recipes/php/recipe.toml"
    recipe.write_text(recipe.read_text().replace(
        '[versions."8.2.32"]', '[versions."8.3.99"]\nurl = "https://www.php.net/distributions/'
        'php-8.3.99.tar.xz"\nsha256 = "' + "1" * 64 + '"\npatches = "8.3"\n\n'
        '[versions."8.2.32"]'))
    settings = settings_for(root, output_dir=tmp_path / "out", cache_dir=first_build[0].cache_dir)
    with pytest.raises(PatchError) as err:
        Farm(settings).build("php", "8.3")
    msg = str(err.value)
    assert "'php' version 8.3.99" in msg and "'8.3'" in msg and "patches/php/8.3" in msg
    assert not (tmp_path / "out" / "php").exists()


def test_a_configure_flag_the_version_does_not_know_stops_the_build(
        tmp_path, first_build, php_cli):
    """configure runs with --enable-option-checking=fatal: a flag of another PHP version fails
    loudly instead of being ignored; the earlier php output stays as it was."""
    settings, _ = first_build
    root = _php_project(tmp_path)
    recipe = root / "recipes/php/recipe.toml"
    text = recipe.read_text()
    version_env = 'env = { PHP_STATIC_OPCACHE = "yes", PHP_VM = "8.4.24" }'
    assert text.count(version_env) == 1  # 8.4's: the flag goes into it
    recipe.write_text(text.replace(
        version_env, 'env = { PHP_STATIC_OPCACHE = "yes", PHP_VM = "8.4.24", '
        'PHP_CONFIGURE_EXTRA = "--enable-no-such-ext" }', 1))
    before = _snapshot(php_cli.directory)
    moved = settings_for(root, output_dir=settings.output_dir, cache_dir=settings.cache_dir)
    with pytest.raises(BuildFailed) as err:
        Farm(moved).build("php")
    msg = str(err.value)
    assert "Build of php 8.4.24 (cli) failed" in msg
    assert "unrecognized options: --enable-no-such-ext" in msg
    assert _snapshot(php_cli.directory) == before


def test_a_failing_dependency_recipe_is_named_and_php_is_not_built(
        tmp_path, first_build, php_cli):
    settings, _ = first_build
    root = _php_project(tmp_path)
    recipe = root / "recipes/libxml2/recipe.toml"
    recipe.write_text(recipe.read_text().replace(
        'make = ["libxml2.la", "xmllint"]', 'make = ["libxml2.la", "xmllint", "no-such-target"]'))
    before = _snapshot(php_cli.directory)
    moved = settings_for(root, output_dir=settings.output_dir, cache_dir=settings.cache_dir)
    with pytest.raises(BuildFailed) as err:
        Farm(moved).build("php")
    msg = str(err.value)
    assert "Build of libxml2 2.15.4 (default) failed" in msg and "no-such-target" in msg
    assert _snapshot(php_cli.directory) == before


NATIVE_PHP = "wasmkiln/test-php-native:trixie"


@pytest.fixture(scope="module")
def native_php84(docker_client):
    """Debian trixie's php8.4-cli in a container from the farm's own base image."""
    base = load_toolchain(REPO / "toolchain.toml").base_tag
    dockerfile = (f"FROM {base}\nRUN apt-get update && apt-get install -y --no-install-recommends"
                  " php8.4-cli php8.4-bcmath php8.4-mbstring php8.4-xml php8.4-sqlite3 php8.4-gd"
                  " && rm -rf /var/lib/apt/lists/*\n")
    docker_client.images.build(fileobj=io.BytesIO(dockerfile.encode()), tag=NATIVE_PHP, rm=True)
    return NATIVE_PHP


def test_every_extension_answers_as_native_php84_does(php_cli, docker_client, native_php84):
    scripts = REPO / "tests" / "e2e" / "php_scripts"
    wasm = run_php(php_cli, ["/s/extensions.php"],
                   preopens=[wasi_run.Preopen(scripts, "/s", False)])
    native = docker_client.containers.run(
        native_php84, ["php", "/s/extensions.php"], network_disabled=True, remove=True,
        volumes={str(scripts): {"bind": "/s", "mode": "ro"}})
    assert wasm.exit_code == 0, wasm.stderr
    got, expected = json.loads(wasm.stdout), json.loads(native)
    assert set(got) == set(expected)
    assert {k: v for k, v in got.items() if v != expected[k]} == {}


def test_both_variants_package_as_images_of_their_own_program(php_farm, php_cli, php_cgi):
    # built together (plan.siblings): each manifest names the other variant of the run
    assert (php_cli.manifest.stages["built_with"], php_cgi.manifest.stages["built_with"]) == \
        (["cgi"], ["cli"])
    cli = php_farm.package("php")
    cgi = php_farm.package("php", variant="cgi")
    assert cli.summary["image"]["program"] == "/php.wasm"
    assert cgi.summary["image"]["program"] == "/php-cgi.wasm"
    assert "8.4.24" in cli.summary["tags"] and "8.4.24-cgi" in cgi.summary["tags"]


def test_invoke_serve_and_invoke_run_as_processes(php_farm, php_cli, php_cgi, tmp_path):
    env = dict(os.environ, WASMKILN_OUTPUT=str(php_farm.settings.output_dir),
               WASMKILN_CACHE=str(php_farm.settings.cache_dir))
    ran = subprocess.run([sys.executable, "-m", "invoke", "run", "php", "--", "-r",
                          "echo PHP_VERSION; exit(7);"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=600)
    assert (ran.returncode, ran.stdout) == (7, "8.4.24"), ran.stderr
    shutil.copytree(SITE, tmp_path / "site")
    server = subprocess.Popen([sys.executable, "-m", "invoke", "serve", "php", "--docroot",
                               str(tmp_path / "site"), "--port", "0"], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        banner = server.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", banner)
        assert url, banner
        page = urllib.request.urlopen(url.group(0), timeout=60).read().decode()
        assert "<h1>Guestbook</h1>" in page and "php 8.4.24 on WASI" in page
    finally:
        server.terminate()
        server.wait(timeout=30)
