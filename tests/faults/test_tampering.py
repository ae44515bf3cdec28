"""Findings 2 (.cwasm bytes), 6 (source cache), 7 (download deadline), 8 (patch fuzz)."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import tarfile

import pytest

from tests.faults.conftest import env_for, invoke, one_paragraph, outputs_of
from tests.helpers import REPO, make_project, minimal, trickling_server
from wasmkiln.recipe import load_recipe

pytestmark = pytest.mark.e2e


def test_a_cwasm_with_flipped_bytes_is_noticed_recompiled_and_runs_right(own_zlib,
                                                                         source_cache):
    out, stored, _ = own_zlib
    cwasm = stored / "bin/minigzip.cwasm"
    data = bytearray(cwasm.read_bytes())
    for i in range(len(data) // 3, len(data) // 3 + 64):
        data[i] ^= 0x5A
    cwasm.write_bytes(bytes(data))
    env = env_for(out, source_cache)
    verified = invoke(["verify", "zlib"], env)
    assert verified.returncode == 0, verified.stderr
    assert "minigzip.cwasm does not match the sha256 recorded" in verified.stderr
    assert "recompiling it" in verified.stderr
    ran = invoke(["run", "zlib"], env, stdin=b"round trip\n")
    assert ran.returncode == 0 and ran.stderr == ""  # repaired: no second notice
    assert gzip.decompress(ran.stdout.encode("latin-1")) == b"round trip\n"


def test_a_damaged_stored_output_is_rebuilt_with_a_notice(own_zlib, source_cache):
    out, stored, clean = own_zlib
    lib = stored / "lib/libz.a"
    data = bytearray(lib.read_bytes())
    data[100] ^= 1
    lib.write_bytes(bytes(data))
    built = invoke(["build", "zlib"], env_for(out, source_cache))
    assert built.returncode == 0, built.stderr
    assert "stored build of zlib 1.3.1 (default) is damaged" in built.stderr
    assert "libz.a does not match the sha256" in built.stderr
    assert outputs_of(stored) == clean


def _zlib_source(source_cache):
    recipe = load_recipe(REPO / "recipes/zlib/recipe.toml")
    source = recipe.versions["1.3.1"].source
    return source_cache / "sources" / source.sha256 / source.filename, source


def test_a_corrupted_source_cache_entry_is_fetched_again(source_cache, clean_zlib, tmp_path):
    cached, source = _zlib_source(source_cache)
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    shutil.copy(cached, mirror / source.filename)
    cache = tmp_path / "cache"
    entry = cache / "sources" / source.sha256 / source.filename
    entry.parent.mkdir(parents=True)
    entry.write_bytes(b"\0" * cached.stat().st_size)
    env = env_for(tmp_path / "out", cache, WASMKILN_MIRROR_DIRS=str(mirror),
                  WASMKILN_NO_UPSTREAM="1", WASMKILN_DEBIAN_ARCHIVE="none")
    fetched = invoke(["fetch", "zlib"], env)
    assert fetched.returncode == 0, fetched.stderr
    assert "removed it and fetching it again" in fetched.stderr
    assert f"from {mirror / source.filename}" in fetched.stdout
    assert hashlib.sha256(entry.read_bytes()).hexdigest() == source.sha256


@pytest.fixture
def trickle():
    """A mirror that promises a file and then sends one byte every two seconds."""
    with trickling_server(b"x" * 100000, 2.0) as url:
        yield url


def test_a_trickling_mirror_is_given_up_at_the_deadline(trickle, tmp_path):
    root = make_project(tmp_path / "p", recipes={"slow": minimal("slow").replace(
        "http://127.0.0.1:9/slow-1.0.tar.gz", f"{trickle}/slow-1.0.tar.gz")})
    env = env_for(tmp_path / "out", tmp_path / "cache", root=root,
                  WASMKILN_DOWNLOAD_DEADLINE="3", WASMKILN_DEBIAN_ARCHIVE="none")
    fetched = invoke(["fetch", "slow"], env, timeout=120)
    assert fetched.returncode == 1
    said = one_paragraph(fetched.stderr)
    assert "gave up after 3 s" in said and "WASMKILN_DOWNLOAD_DEADLINE" in said
    cache = tmp_path / "cache"
    assert not [p for p in cache.rglob("*") if p.is_file()]  # no partial download, no memo


def test_a_patch_that_needs_fuzz_fails_the_build_naming_patch_and_hunk(source_cache,
                                                                      clean_zlib, tmp_path):
    cached, _ = _zlib_source(source_cache)
    with tarfile.open(cached) as tar:
        member = next(m for m in tar.getmembers()
                      if m.name.endswith("/README") and m.name.count("/") == 1)
        lines = tar.extractfile(member).read().decode().splitlines()
    # hunk at README lines 3-5 whose first context line drifted: GNU patch's default fuzz
    # would apply it anyway
    patch = ("Why: a deliberately drifted patch.\n\n--- a/README\n+++ b/README\n"
             f"@@ -3,3 +3,3 @@\n {lines[2]} (drifted)\n-{lines[3]}\n+changed\n {lines[4]}\n")
    root = make_project(tmp_path / "p", copy_recipes=("zlib",),
                        patches={"zlib/1.3/0001-drifted.patch": patch})
    recipe = root / "recipes/zlib/recipe.toml"
    recipe.write_text(recipe.read_text().replace(
        'debian = { package = "zlib"', 'patches = "1.3"\ndebian = { package = "zlib"'))
    built = invoke(["build", "zlib"], env_for(tmp_path / "out", source_cache, root=root))
    assert built.returncode == 1
    said = one_paragraph(built.stderr)
    assert "0001-drifted.patch" in said and "hunk #1 for README" in said
    assert not (tmp_path / "out/zlib/1.3.1/default").exists()
