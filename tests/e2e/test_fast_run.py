"""`wasmkiln run` without invoke (issue 16): what it does, not how fast. It runs the stored build
(stdio, exit status, interrupts) importing no invoke, jinja2 or docker, and once its resolution
is remembered no planner either; a damaged output is still found and rebuilt; an edit to a
recipe's build tables makes the stored build stale, and `run` rebuilds it, while other edits
rebuild nothing."""

from __future__ import annotations

import gzip
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import REPO, make_project, settings_for
from wasmkiln import store
from wasmkiln.farm import Farm
from wasmkiln.settings import Settings

pytestmark = pytest.mark.e2e

TEXT = b"the fast path runs what was built, and only that\n"


def _run(env: dict[str, str], cwd: Path, args: list[str], stdin: bytes = b"",
         python_flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, *python_flags, "-m", "wasmkiln.console", "run", *args],
                          cwd=cwd, env=env, input=stdin, capture_output=True, timeout=900)


def _project(tmp_path: Path, built: Settings) -> tuple[Path, Path, dict[str, str]]:
    """A copy of the project holding zlib's recipe, and a copy of the session's zlib build."""
    root = make_project(tmp_path / "project", copy_recipes=("zlib",))
    shutil.copy(REPO / "tasks.py", root / "tasks.py")
    output = tmp_path / "build-output"
    shutil.copytree(built.output_dir / "zlib", output / "zlib", symlinks=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("WASMKILN_")}
    env.update(WASMKILN_ROOT=str(root), WASMKILN_OUTPUT=str(output),
               WASMKILN_CACHE=str(built.cache_dir))
    return root, output, env


def _stored_key(output: Path) -> str:
    manifest = store.read_manifest(output / "zlib" / "1.3.1" / "default")
    assert manifest is not None
    return manifest.cache_key


def test_wasmkiln_run_pipes_and_exits_like_the_program_and_imports_no_invoke(first_build,
                                                                           tmp_path):
    settings, _ = first_build
    _root, output, env = _project(tmp_path, settings)
    planned = _run(env, tmp_path, ["zlib"], TEXT)  # plans (nothing remembered yet) and runs
    assert planned.returncode == 0, planned.stderr.decode()[-2000:]
    assert gzip.decompress(planned.stdout) == TEXT
    done = _run(env, tmp_path, ["zlib", "--", "-d"], gzip.compress(TEXT),
                python_flags=("-X", "importtime"))
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert done.stdout == TEXT
    imported = {line.split("|")[-1].strip() for line in done.stderr.decode().splitlines()
                if line.startswith("import time:")}
    assert "wasmkiln.run_memo" in imported and "wasmkiln.wasmtime_capi" in imported
    for heavy in ("invoke", "jinja2", "docker", "oras", "importlib.metadata", "tomllib",
                  "wasmtime",  # the run goes through wasmtime's C API, not wasmtime-py
                  "wasmkiln.farm", "wasmkiln.recipe"):  # remembered: no planner either
        assert heavy not in imported, f"wasmkiln run imported {heavy}"
    # a guest's failure is its exit status, as with invoke run
    bad = _run(env, tmp_path, ["zlib", "--", "-d", "/no-such-file.gz"])
    assert bad.returncode == 1 and b"can't gzopen /no-such-file.gz" in bad.stderr
    # a form the fast path does not take still goes through invoke, which answers as before
    other = _run(env, tmp_path, ["zlib", "stray-word"])
    assert other.returncode != 0 and b"No idea what 'stray-word' is" in other.stderr
    # an interrupt while the guest runs (it waits for stdin): 130, one line, no traceback
    waiting = subprocess.Popen([sys.executable, "-m", "wasmkiln.console", "run", "zlib"],
                               cwd=tmp_path, env=env, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(3)
    waiting.send_signal(signal.SIGINT)
    _out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 130 and b"Traceback" not in err, err
    # an output damaged after its digest was remembered: found, rebuilt, and the run is right
    library = output / "zlib" / "1.3.1" / "default" / "lib" / "libz.a"
    data = bytearray(library.read_bytes())
    data[100] ^= 1
    stat = library.stat()
    library.write_bytes(bytes(data))
    os.utime(library, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size and mtime
    repaired = _run(env, tmp_path, ["zlib"], TEXT)
    assert repaired.returncode == 0, repaired.stderr.decode()[-3000:]
    assert b"stored build of zlib 1.3.1 (default) is damaged" in repaired.stderr
    assert gzip.decompress(repaired.stdout) == TEXT
    assert library.read_bytes() != bytes(data)


def test_an_edit_to_a_build_table_makes_run_rebuild_and_other_edits_do_not(first_build,
                                                                           tmp_path):
    settings, _ = first_build
    root, output, env = _project(tmp_path, settings)
    recipe_file = root / "recipes" / "zlib" / "recipe.toml"
    before = _stored_key(output)
    manifest_file = output / "zlib" / "1.3.1" / "default" / store.MANIFEST
    stamp = manifest_file.stat().st_mtime_ns

    # description is not a build table: the stored build stays current, nothing is rebuilt
    recipe_file.write_text(recipe_file.read_text().replace(
        'description = "zlib', 'description = "edited: zlib', 1))
    same = _run(env, tmp_path, ["zlib"], TEXT)
    assert same.returncode == 0, same.stderr.decode()[-2000:]
    assert gzip.decompress(same.stdout) == TEXT
    assert manifest_file.stat().st_mtime_ns == stamp and _stored_key(output) == before

    # an edit to [build]: the key changes, the stored build is stale, and run rebuilds it
    recipe_file.write_text(recipe_file.read_text().replace(
        "[build]\n", '[build]\nenv = { WASMKILN_FAST_RUN_EDIT = "1" }\n', 1))
    edited = Farm(settings_for(root, output_dir=output, cache_dir=settings.cache_dir)).plan("zlib")
    assert edited.cache_key != before
    assert store.state(edited, output) == "stale"
    rebuilt = _run(env, tmp_path, ["zlib"], TEXT)
    assert rebuilt.returncode == 0, rebuilt.stderr.decode()[-3000:]
    assert gzip.decompress(rebuilt.stdout) == TEXT
    assert _stored_key(output) == edited.cache_key
    assert store.state(edited, output) == "cached"
