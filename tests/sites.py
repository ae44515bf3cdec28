"""Real applications for the serving tests and benchmarks: a WordPress site on SQLite (from the
npm-pinned WordPress Playground builds) and a WSGI blog made of pure-Python PyPI packages
(wheels pinned by hash). The set-up lives here, not in the core: the server knows neither."""

from __future__ import annotations

import http.cookiejar
import re
import shutil
import subprocess
import sys
import tarfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

from wasmkiln import npm_data

DATA = Path(__file__).resolve().parent / "data"
NPM_PINS = DATA / "npm.toml"
WHEELS = DATA / "wsgi-wheels.txt"
WORDPRESS = "6.5"

WP_CONFIG = """<?php
// Written by wasmkiln's tests: SQLite through the drop-in, no network, the site's address
// taken from the request so that the same copy runs under any server and port.
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', '' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', '' );
define( 'DB_CHARSET', 'utf8' );
define( 'DB_COLLATE', '' );
{keys}
$table_prefix = 'wp_';
define( 'WP_DEBUG', false );
define( 'DISABLE_WP_CRON', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_HOME', 'http://' . $_SERVER['HTTP_HOST'] );
define( 'WP_SITEURL', 'http://' . $_SERVER['HTTP_HOST'] );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
"""
KEYS = ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT",
        "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT")


def wordpress_builds(source_cache: Path) -> Path:
    """The pinned npm tarball of WordPress builds, fetched into the source cache once."""
    return npm_data.fetch(npm_data.load_pins(NPM_PINS)["wordpress-builds"], source_cache)


def wordpress_site(tarball: Path, dest: Path, version: str = WORDPRESS) -> Path:
    """A fresh, not yet installed WordPress in `dest`: the release zip, the SQLite integration
    plugin with its db.php drop-in, and a wp-config.php for it."""
    members = {f"package/src/wordpress/wp-{version}.zip": "wordpress.zip",
               "package/src/sqlite-database-integration/sqlite-database-integration.zip":
                   "sqlite.zip"}
    work = dest.parent / f".{dest.name}.zips"
    work.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as tar:
        for member, name in members.items():
            source = tar.extractfile(member)
            if source is None:
                raise FileNotFoundError(f"{tarball} holds no {member}")
            with source, open(work / name, "wb") as out:
                shutil.copyfileobj(source, out)
    with zipfile.ZipFile(work / "wordpress.zip") as zipped:
        zipped.extractall(dest)
    # Playground's build carries its own installed database and config: start from nothing
    (dest / "wp-content" / "database" / ".ht.sqlite").unlink(missing_ok=True)
    plugins = dest / "wp-content" / "plugins"
    with zipfile.ZipFile(work / "sqlite.zip") as zipped:
        top = zipped.namelist()[0].split("/")[0]
        zipped.extractall(plugins)
    plugin = plugins / "sqlite-database-integration"
    shutil.rmtree(plugin, ignore_errors=True)
    (plugins / top).rename(plugin)
    dropin = (plugin / "db.copy").read_text()
    dropin = dropin.replace("{SQLITE_IMPLEMENTATION_FOLDER_PATH}",
                            "' . __DIR__ . '/plugins/sqlite-database-integration")
    dropin = dropin.replace("{SQLITE_PLUGIN}", "sqlite-database-integration/load.php")
    (dest / "wp-content" / "db.php").write_text(dropin)
    keys = "\n".join(f"define( '{k}', 'wasmkiln-test-{k.lower()}' );" for k in KEYS)
    (dest / "wp-config.php").write_text(WP_CONFIG.replace("{keys}", keys))
    shutil.rmtree(work)
    return dest


PASSWORD = "wasm-kiln-Passw0rd!"


class _Keep(urllib.request.HTTPRedirectHandler):
    """Redirects are looked at, not followed."""

    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


class Browser:
    """An HTTP client with a cookie jar, as a person with a browser would be."""

    def __init__(self, base: str) -> None:
        self.base, self.jar = base, http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  _Keep)

    def open(self, path: str, form: dict[str, str] | None = None, *, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else body
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=600) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, dict(answer.headers), answer.read().decode(errors="replace")


def _expect(step: str, status: int, wanted: int, page: str) -> None:
    if status != wanted:
        raise AssertionError(f"WordPress {step}: HTTP {status}, not {wanted}: {page[-1500:]}")


def install_wordpress(browser: Browser) -> str:
    """Install the site as its first visitor would (title, admin account), log in, and switch
    to pretty permalinks (/%postname%/); returns the dashboard page."""
    status, headers, page = browser.open("/")
    _expect("home before installing", status, 302, page)
    if not headers["Location"].endswith("/wp-admin/install.php"):
        raise AssertionError(f"WordPress sent {headers['Location']}, not its installer")
    status, _, page = browser.open("/wp-admin/install.php?step=2", {
        "weblog_title": "Kiln Blog", "user_name": "admin", "admin_password": PASSWORD,
        "admin_password2": PASSWORD, "pw_weak": "1", "admin_email": "admin@example.org",
        "blog_public": "0", "language": ""})
    _expect("install", status, 200, page)
    if "Success!" not in page:
        raise AssertionError(f"WordPress's installer did not succeed: {page[-1500:]}")
    browser.open("/wp-login.php")  # sets WordPress's test cookie, as a browser would get it
    status, headers, page = browser.open("/wp-login.php", {
        "log": "admin", "pwd": PASSWORD, "wp-submit": "Log In", "testcookie": "1",
        "redirect_to": browser.base + "/wp-admin/"})
    _expect("log in", status, 302, page)
    status, _, dashboard = browser.open("/wp-admin/")
    _expect("dashboard", status, 200, dashboard)
    status, _, form = browser.open("/wp-admin/options-permalink.php")
    _expect("permalink settings", status, 200, form)
    status, _, page = browser.open("/wp-admin/options-permalink.php", {
        "_wpnonce": form_field(form, "_wpnonce"),
        "_wp_http_referer": "/wp-admin/options-permalink.php", "selection": "/%postname%/",
        "permalink_structure": "/%postname%/", "category_base": "", "tag_base": "",
        "submit": "Save Changes"})
    _expect("saving permalinks", status, 302, page)
    return dashboard


def form_field(html: str, name: str) -> str:
    """The value of the first <input name=NAME value=...> in a page."""
    found = re.search(r'name="' + re.escape(name) + r'"[^>]*?value="([^"]*)"', html) or \
        re.search(r'value="([^"]*)"[^>]*?name="' + re.escape(name) + '"', html)
    if found is None:
        raise AssertionError(f"no form field {name!r} in the page: {html[:400]!r}")
    return found.group(1)


BLOG_APP = '''\
"""A small blog as a WSGI app: bottle routes, chevron (Mustache) templates, Markdown posts."""

import json
from pathlib import Path

import bottle
import chevron
import markdown

HERE = Path(__file__).resolve().parent
POSTS = HERE / "posts"
PAGE = """<!doctype html><title>{{title}} - wasm blog</title>
<h1>{{title}}</h1>{{{body}}}<footer>{{count}} posts</footer>"""

app = bottle.Bottle()


def posts():
    return sorted(p.stem for p in POSTS.glob("*.md"))


def page(title, body):
    return chevron.render(PAGE, {"title": title, "body": body, "count": len(posts())})


@app.get("/")
def index():
    items = "".join(f'<li><a href="/posts/{slug}">{slug}</a></li>' for slug in posts())
    return page("Home", f"<ul>{items}</ul>")


@app.get("/posts/<slug>")
def post(slug):
    path = POSTS / f"{slug}.md"
    if slug not in posts():
        bottle.abort(404, f"no post {slug}")
    return page(slug, markdown.markdown(path.read_text(), extensions=["tables", "fenced_code"]))


@app.post("/preview")
def preview():
    text = bottle.request.forms.getunicode("text") or ""
    return page("Preview", markdown.markdown(text))


@app.get("/api/posts")
def api_posts():
    bottle.response.content_type = "application/json"
    return json.dumps({"posts": posts(), "query": dict(bottle.request.query)})


application = app
'''

POSTS = {
    "hello": "# Hello\n\nThis blog runs in **python.wasm**, one instance per request.\n",
    "tables": "| engine | kind |\n|---|---|\n| wasmtime | AOT |\n\n```\ncode block\n```\n",
}


def wheels(cache: Path) -> Path:
    """The pinned wheels, downloaded once into `cache` by the host's pip (hash-checked)."""
    folder = cache / "wsgi-wheels"
    done = folder / ".complete"
    if done.is_file() and done.read_text() == WHEELS.read_text():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    staging = cache / ".wsgi-wheels.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
                    "--no-deps", "--require-hashes", "-r", str(WHEELS), "-d", str(staging)],
                   check=True, timeout=600)
    (staging / ".complete").write_text(WHEELS.read_text())
    staging.rename(folder)
    return folder


def wsgi_blog(wheel_dir: Path, dest: Path) -> Path:
    """The blog app in `dest` (the docroot): its module, posts, and the wheels unpacked beside
    it (pure Python, so they import from there on any interpreter)."""
    dest.mkdir(parents=True, exist_ok=True)
    for wheel in sorted(wheel_dir.glob("*.whl")):
        with zipfile.ZipFile(wheel) as zipped:
            zipped.extractall(dest)
    (dest / "blog.py").write_text(BLOG_APP)
    (dest / "posts").mkdir(exist_ok=True)
    for slug, text in POSTS.items():
        (dest / "posts" / f"{slug}.md").write_text(text)
    return dest
