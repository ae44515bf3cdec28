import hashlib
import http.server
import io
import tarfile
import threading
from pathlib import Path

import pytest

from tests import helpers
from tests.helpers import make_project, minimal, settings_for
from wasmkiln import debian_archive, sources
from wasmkiln.errors import SourceError
from wasmkiln.recipe import DebianSource, load_recipe


def _tarball() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        data = b"int main(void){return 0;}\n"
        info = tarfile.TarInfo("demo-1.0/main.c")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


TARBALL = _tarball()
SHA = hashlib.sha256(TARBALL).hexdigest()


@pytest.fixture
def http_server(tmp_path):
    """A real HTTP server on loopback serving tmp_path/www."""
    www = tmp_path / "www"
    www.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(www), **kw)

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield www, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _recipe(root: Path, url: str, sha: str = SHA, debian: str = ""):
    text = minimal("demo", sha=sha).replace("http://127.0.0.1:9/demo-1.0.tar.gz", url)
    text = text.replace("[variants.default]", debian + "\n[variants.default]")
    make_project(root, recipes={"demo": text})
    recipe = load_recipe(root / "recipes/demo/recipe.toml")
    return recipe, recipe.versions["1.0"]


def _closed_port_url() -> str:
    return "http://127.0.0.1:9/demo-1.0.tar.gz"


def test_upstream_download_is_verified_and_cached(tmp_path, http_server):
    www, base = http_server
    (www / "demo-1.0.tar.gz").write_bytes(TARBALL)
    recipe, version = _recipe(tmp_path / "p", f"{base}/demo-1.0.tar.gz")
    settings = settings_for(tmp_path / "p")
    got = sources.fetch(settings, recipe, version, quiet=True)
    assert got.path == settings.source_cache / SHA / "demo-1.0.tar.gz"
    assert got.path.read_bytes() == TARBALL and got.origin.startswith("http://127.0.0.1")
    (www / "demo-1.0.tar.gz").unlink()
    assert sources.fetch(settings, recipe, version).origin == "cache"


def test_falls_back_to_local_mirror_then_debian_archive(tmp_path, http_server):
    www, base = http_server
    recipe, version = _recipe(
        tmp_path / "p", _closed_port_url(),
        debian='debian = { package = "demo", version = "1:1.0-3" }')
    # Debian's pool layout under the fake archive root
    pool = www / "debian/pool/main/d/demo"
    pool.mkdir(parents=True)
    (pool / "demo_1.0.orig.tar.gz").write_bytes(TARBALL)
    settings = settings_for(tmp_path / "p", debian_archives=(f"{base}/debian",))
    got = sources.fetch(settings, recipe, version, quiet=True)
    assert got.origin.endswith("/debian/pool/main/d/demo/demo_1.0.orig.tar.gz")

    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "demo-1.0.tar.gz").write_bytes(TARBALL)
    settings2 = settings_for(tmp_path / "p", cache_dir=tmp_path / "c2", mirror_dirs=(mirror,),
                             debian_archives=(f"{base}/debian",))
    assert sources.fetch(settings2, recipe, version).origin == str(mirror / "demo-1.0.tar.gz")


def test_wrong_sha256_on_a_mirror_is_refused_and_nothing_is_cached(tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "demo-1.0.tar.gz").write_bytes(TARBALL + b"tampered")
    recipe, version = _recipe(tmp_path / "p", _closed_port_url())
    settings = settings_for(tmp_path / "p", mirror_dirs=(mirror,), use_debian=False)
    with pytest.raises(SourceError) as err:
        sources.fetch(settings, recipe, version)
    msg = str(err.value)
    assert "sha256 mismatch" in msg and SHA in msg and "recipe.toml" in msg
    assert "upstream http://127.0.0.1:9/demo-1.0.tar.gz: unreachable" in msg
    assert not settings.source_cache.exists() or not any(settings.source_cache.rglob("*.*"))


def test_every_mirror_unreachable_lists_each_one(tmp_path):
    recipe, version = _recipe(tmp_path / "p", _closed_port_url(),
                              debian='debian = { package = "demo", version = "1.0-1" }')
    settings = settings_for(tmp_path / "p", mirror_dirs=(tmp_path / "empty",),
                            debian_archives=("http://127.0.0.1:9/debian",))
    with pytest.raises(SourceError) as err:
        sources.fetch(settings, recipe, version)
    msg = str(err.value)
    assert msg.count("unreachable") >= 2 and "not present" in msg
    assert "Debian archive (demo 1.0-1)" in msg
    assert not any(settings.source_cache.rglob("*")) if settings.source_cache.exists() else True


def test_debian_pool_paths_and_apt_configuration(tmp_path):
    deb = DebianSource("libxml2", "2.9.14+dfsg-1.3")
    assert debian_archive.pool_dir("libxml2") == "pool/main/libx/libxml2"
    assert debian_archive.pool_dir("php8.4") == "pool/main/p/php8.4"
    assert deb.upstream_version == "2.9.14+dfsg"
    assert debian_archive.orig_names(deb, "x.tar.xz")[0] == "libxml2_2.9.14+dfsg.orig.tar.xz"
    apt = tmp_path / "apt"
    (apt / "sources.list.d").mkdir(parents=True)
    (apt / "sources.list").write_text("deb [arch=amd64] http://mirror.example/debian trixie main\n"
                                      "deb https://packages.cloud.google.com/apt cloud main\n")
    (apt / "sources.list.d/debian.sources").write_text(
        "Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm\n")
    assert debian_archive.apt_archives(apt) == ["http://mirror.example/debian",
                                                "http://deb.debian.org/debian"]


def test_unpack_strips_the_top_directory(tmp_path):
    archive = tmp_path / "a.tar.gz"
    archive.write_bytes(TARBALL)
    sources.unpack(archive, tmp_path / "src", 1)
    assert (tmp_path / "src/main.c").read_text().startswith("int main")


def _monorepo(tmp_path):
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:gz") as tar:
        for name in ("top/a/keep/x.c", "top/a/keep/sub/y.h", "top/a/other/z.c", "top/b/w.c",
                     "top/a/keeper/no.c"):
            info = tarfile.TarInfo(name)
            info.size = 2
            tar.addfile(info, io.BytesIO(b"x\n"))
    archive = tmp_path / "mono.tar.gz"
    archive.write_bytes(data.getvalue())
    return archive


@pytest.mark.parametrize("with_tar", [True, False])
def test_unpack_takes_only_the_members_asked_for(tmp_path, monkeypatch, with_tar):
    """A recipe's `members` pick folders of a big archive (the LLVM monorepo); GNU tar and the
    tarfile fallback agree, and a member the archive lacks is a SourceError naming it."""
    archive = _monorepo(tmp_path)
    if not with_tar:
        monkeypatch.setattr(sources.shutil, "which", lambda _name: None)
    dest = tmp_path / "src"
    sources.unpack(archive, dest, 1, ("a/keep", "b/w.c"))
    got = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    assert got == ["a/keep/sub/y.h", "a/keep/x.c", "b/w.c"]
    with pytest.raises(SourceError) as missing:
        sources.unpack(archive, tmp_path / "other", 1, ("a/gone",))
    assert "holds no a/gone" in str(missing.value) and "mono.tar.gz" in str(missing.value)


def test_a_damaged_cache_entry_is_dropped_and_fetched_again(tmp_path, http_server, capsys):
    www, base = http_server
    (www / "demo-1.0.tar.gz").write_bytes(TARBALL)
    recipe, version = _recipe(tmp_path / "p", f"{base}/demo-1.0.tar.gz")
    settings = settings_for(tmp_path / "p")
    first = sources.fetch(settings, recipe, version)
    first.path.write_bytes(TARBALL[:-10] + b"0123456789")  # same size, other bytes
    again = sources.fetch(settings, recipe, version)
    assert again.origin == f"{base}/demo-1.0.tar.gz"  # not "cache": it was fetched again
    assert hashlib.sha256(again.path.read_bytes()).hexdigest() == SHA
    assert "removed it and fetching it again" in capsys.readouterr().err
    assert sources.fetch(settings, recipe, version).origin == "cache"


@pytest.fixture
def trickling_server():
    with helpers.trickling_server(TARBALL, 0.5) as url:
        yield url


def test_a_trickling_mirror_is_given_up_at_the_deadline_then_the_next_is_tried(
        tmp_path, trickling_server):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "demo-1.0.tar.gz").write_bytes(TARBALL)
    recipe, version = _recipe(tmp_path / "p", f"{trickling_server}/demo-1.0.tar.gz")
    settings = settings_for(tmp_path / "p", mirror_dirs=(mirror,), use_debian=False,
                            download_timeout=5.0, download_deadline=1.5)
    got = sources.fetch(settings, recipe, version)
    assert got.origin == str(mirror / "demo-1.0.tar.gz")
    settings_alone = settings_for(tmp_path / "q", use_debian=False, download_timeout=5.0,
                                  download_deadline=1.5)
    recipe, version = _recipe(tmp_path / "q", f"{trickling_server}/demo-1.0.tar.gz")
    with pytest.raises(SourceError, match="gave up after 1.5 s"):
        sources.fetch(settings_alone, recipe, version)
    assert not any(settings_alone.source_cache.rglob("*.tmp"))
