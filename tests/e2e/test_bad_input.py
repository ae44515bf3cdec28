"""Bad input on the real pipeline: clear one-paragraph errors, outputs and caches untouched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.e2e.conftest import fresh_settings
from tests.helpers import REPO, make_project
from wasmkiln import builder, container_build
from wasmkiln.errors import BuildFailed, PatchError
from wasmkiln.farm import Farm
from wasmkiln.recipe import RecipeBook
from wasmkiln.toolchain import load_toolchain

pytestmark = pytest.mark.e2e


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def _cli(args: list[str], env: dict[str, str], cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def _zlib_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", copy_recipes=("zlib",))


def test_failing_compile_shows_log_tail_and_keeps_the_previous_output(
        docker_client, source_cache, tmp_path):
    root = _zlib_project(tmp_path)
    settings = fresh_settings(tmp_path, source_cache, root=root)
    good = Farm(settings).build("zlib")[-1]
    before = _snapshot(good.directory)

    recipe = root / "recipes/zlib/recipe.toml"
    recipe.write_text(recipe.read_text().replace(
        'make = ["libz.a", "minigzip"]', 'make = ["libz.a", "minigzip", "no-such-target"]'))
    with pytest.raises(BuildFailed) as err:
        Farm(settings).build("zlib")
    msg = str(err.value)
    assert "Build of zlib 1.3.1 (default) failed in the builder container" in msg
    assert "No rule to make target" in msg and "no-such-target" in msg
    log = settings.logs_dir / "zlib-1.3.1-default.log"
    assert str(log) in msg and "no-such-target" in log.read_text()
    assert _snapshot(good.directory) == before
    assert not [p for p in good.directory.parent.iterdir() if p.name.startswith(".")]


def test_patch_that_does_not_apply_names_the_patch_and_builds_nothing(
        docker_client, source_cache, tmp_path):
    root = _zlib_project(tmp_path)
    recipe = root / "recipes/zlib/recipe.toml"
    recipe.write_text(recipe.read_text().replace(
        'debian = { package = "zlib"', 'patches = "1.3"\ndebian = { package = "zlib"'))
    (root / "patches/zlib/1.3").mkdir(parents=True)
    (root / "patches/zlib/1.3/0001-stale.patch").write_text(
        "Why: a patch written against some other zlib.\n\n"
        "--- a/zutil.c\n+++ b/zutil.c\n@@ -1,3 +1,3 @@\n-/* not what zutil.c says */\n"
        "+/* changed */\n context that is not there\n another line\n")
    settings = fresh_settings(tmp_path, source_cache, root=root)
    with pytest.raises(PatchError) as err:
        Farm(settings).build("zlib")
    msg = str(err.value)
    assert "Patch 1.3/0001-stale.patch" in msg and "zutil.c" in msg
    assert "+/* changed */" in msg
    assert not (settings.output_dir / "zlib").exists()
    assert not any(settings.work_dir.iterdir()) if settings.work_dir.exists() else True


def test_no_docker_daemon_and_none_can_be_started(tmp_path):
    env = dict(os.environ, DOCKER_HOST=f"unix://{tmp_path}/no-docker.sock",
               WASMKILN_OUTPUT=str(tmp_path / "out"), WASMKILN_CACHE=str(tmp_path / "cache"))
    settings = fresh_settings(tmp_path, tmp_path / "unused")
    zlib = Farm(settings).book.get("zlib").versions["1.3.1"].source
    done = _cli(["fetch", "zlib"], env)  # so the build gets as far as needing Docker
    assert done.returncode == 0, done.stderr
    result = _cli(["build", "zlib"], env)
    assert result.returncode == 1
    message = _unwrapped(result.stderr)
    assert "error: No Docker daemon answers at unix://" in message
    assert "DOCKER_HOST names a remote daemon" in message
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out/zlib").exists()
    assert (tmp_path / "cache/sources" / zlib.sha256 / zlib.filename).is_file()


def _unwrapped(text: str) -> str:
    """The CLI wraps its paragraph at 100 columns; where it breaks depends on path lengths."""
    return " ".join(text.split())


def test_unknown_recipe_is_one_paragraph_on_the_cli(tmp_path):
    env = dict(os.environ, WASMKILN_OUTPUT=str(tmp_path / "out"))
    result = _cli(["build", "cobol"], env)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("error: Unknown recipe 'cobol'")
    message = _unwrapped(result.stderr)
    known = ", ".join(RecipeBook(REPO / "recipes").names())
    assert f"Known recipes: {known}." in message and "Traceback" not in message


def test_interrupted_build_leaves_no_partial_entry_and_no_container(
        docker_client, source_cache, tmp_path):
    out = tmp_path / "out"
    env = dict(os.environ, WASMKILN_OUTPUT=str(out), WASMKILN_CACHE=str(source_cache))
    proc = subprocess.Popen([sys.executable, "-m", "invoke", "build", "sqlite", "--force"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    label = f"{container_build.LABEL}"
    deadline = time.monotonic() + 300
    running = []
    while time.monotonic() < deadline and not running:
        running = [c for c in docker_client.containers.list(filters={"label": label})
                   if c.name.startswith("wasmkiln-sqlite-")]
        time.sleep(0.5)
    assert running, "the sqlite build container never started"
    time.sleep(3)  # let it get into the compile
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signal.SIGTERM, stderr
    said = " ".join(stderr.split())
    assert "was interrupted" in said and "no partial output was stored" in said
    variant_dir = out / "sqlite/3.46.1"
    assert not (variant_dir / "default").exists()
    assert not list(variant_dir.glob(".*")) if variant_dir.exists() else True
    left = [c.name for c in docker_client.containers.list(all=True, filters={"label": label})
            if c.name == running[0].name]
    assert left == []


def test_list_shows_every_recipe_version_variant_and_cache_state(tmp_path):
    env = dict(os.environ, WASMKILN_OUTPUT=str(tmp_path / "out"))
    result = _cli(["list"], env)
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()[2:] if line.strip()]
    assert any(r[:4] == ["zlib*", "1.3.1", "default", "missing"] for r in rows)
    assert any(r[:4] == ["sqlite*", "3.46.1", "default", "missing"] for r in rows)


def test_leftover_containers_of_dead_farms_go_and_those_of_live_ones_stay(docker_client,
                                                                           tmp_path):
    """Two farms building the same job share its cache key: a farm clears what a killed run
    left, never the container of another farm that is still building."""
    image = builder.ensure_builder(docker_client, load_toolchain(REPO / "toolchain.toml"),
                                   tmp_path)
    job = SimpleNamespace(name="leftover", cache_key=f"test-leftover-{uuid.uuid4().hex}")
    gone = subprocess.Popen(["true"])
    gone.wait()
    other = subprocess.Popen(["sleep", "120"])
    made = {}
    try:
        for who, pid in (("dead", gone.pid), ("live", other.pid), ("unlabelled", None)):
            labels = {container_build.LABEL: job.cache_key}
            if pid is not None:
                labels[container_build.OWNER_LABEL] = str(pid)
            made[who] = docker_client.containers.create(image, ["true"], labels=labels).id
        container_build.remove_dead(docker_client)
        left = {c.id for c in docker_client.containers.list(
            all=True, filters={"label": f"{container_build.LABEL}={job.cache_key}"})}
        assert left == {made["live"]}
    finally:
        other.kill()
        other.wait()
        for c in docker_client.containers.list(
                all=True, filters={"label": f"{container_build.LABEL}={job.cache_key}"}):
            c.remove(force=True)
