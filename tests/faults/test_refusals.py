"""Findings 3 (packaging escapes), 4 (--dir modes), 5 (paragraphs, not tracebacks) and 10
(checks before work): each refused in one paragraph, exit 1, nothing written."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess

import pytest

from tests.faults.conftest import env_for, invoke, one_paragraph
from tests.helpers import REPO, make_project
from wasmkiln.toolchain import load_toolchain

pytestmark = pytest.mark.e2e


def _files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


def test_a_symlink_to_a_host_file_never_reaches_an_image(source_cache, clean_zlib, tmp_path):
    root = make_project(tmp_path / "p", copy_recipes=("zlib",))
    recipe = root / "recipes/zlib/recipe.toml"
    link = '    ["ln", "-s", "/etc/hostname", "${PREFIX}/lib/leak"],\n'
    recipe.write_text(recipe.read_text().replace('commands = [\n', 'commands = [\n' + link)
        + '\n[package]\nfiles = { "lib" = "/lib" }\n')
    env = env_for(tmp_path / "out", source_cache, root=root)
    packaged = invoke(["package", "zlib"], env)
    assert packaged.returncode == 1
    said = one_paragraph(packaged.stderr)
    assert "lib/leak resolves to /etc/hostname, outside" in said and "zlib" in said
    assert not (tmp_path / "out/images/zlib/1.3.1/default").exists()
    assert not list((tmp_path / "out/images").rglob("*.staging"))


def test_package_destinations_with_dotdot_are_refused_before_building(source_cache, tmp_path):
    root = make_project(tmp_path / "p", copy_recipes=("zlib",))
    recipe = root / "recipes/zlib/recipe.toml"
    recipe.write_text(recipe.read_text() + '\n[package]\nfiles = { "lib" = "/../escape" }\n')
    packaged = invoke(["package", "zlib"], env_for(tmp_path / "out", source_cache, root=root))
    assert packaged.returncode == 1
    assert "climb out" in one_paragraph(packaged.stderr)
    assert _files(tmp_path / "out") == []


@pytest.mark.parametrize("mode", ["RO", "r0", "readonly"])
def test_a_dir_mode_other_than_ro_or_rw_is_refused(own_zlib, source_cache, tmp_path, mode):
    (tmp_path / "d").mkdir()
    ran = invoke(["run", "zlib", "--dir", f"{tmp_path / 'd'}:/d:{mode}"],
                 env_for(own_zlib[0], source_cache), stdin=b"x")
    assert ran.returncode == 1 and ran.stdout == ""
    assert f"the mode is '{mode}'" in one_paragraph(ran.stderr)


def test_a_bad_setting_value_is_named(tmp_path):
    listed = invoke(["list"], env_for(tmp_path / "out", tmp_path / "cache", WASMKILN_JOBS="x"))
    assert listed.returncode == 1
    assert "WASMKILN_JOBS='x'" in one_paragraph(listed.stderr)


@pytest.mark.parametrize("target,expect", [
    ("oci:", "names no directory"),
    ("oci:/proc/wasmkiln", "kernel file system"),
    ("http://127.0.0.1:5000/wasm", "no scheme"),
    ("FILE", "is a file, not a directory"),
])
def test_bad_publish_targets_are_refused(own_zlib, source_cache, tmp_path, target, expect):
    if target == "FILE":
        (tmp_path / "a-file").write_text("x")
        target = f"oci:{tmp_path / 'a-file'}/sub"
    before = _files(tmp_path)
    done = invoke(["publish", "zlib", "--to", target], env_for(own_zlib[0], source_cache))
    assert done.returncode == 1
    assert expect in one_paragraph(done.stderr)
    written = set(_files(tmp_path)) - set(before)
    # the packaged image and the lock taken to reuse the build; no layout anywhere
    assert all(p.startswith(("out/images", "out/.locks")) for p in written), written


@contextlib.contextmanager
def _tmpfs(where, size="64k"):
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                   check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_full_output_disk_is_one_paragraph_and_leaves_nothing_half_written(
        source_cache, clean_zlib, tmp_path):
    with _tmpfs(tmp_path / "small", "96k") as out:
        built = invoke(["build", "zlib", "--force"], env_for(out, source_cache))
        assert built.returncode == 1
        said = one_paragraph(built.stderr)
        assert "No space left on device" in said or "failed" in said
        assert not [p for p in _files(out) if p.endswith((".staging", ".tmp"))]
        assert not (out / "zlib/1.3.1/default").exists()


def test_a_read_only_output_disk_is_one_paragraph(source_cache, tmp_path):
    with _tmpfs(tmp_path / "ro") as out:
        subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        built = invoke(["build", "zlib"], env_for(out, source_cache))
        assert built.returncode == 1
        said = one_paragraph(built.stderr)
        assert "Read-only file system" in said and str(out) in said


def test_a_stale_cwasm_record_on_a_read_only_output_still_runs(clean_zlib, source_cache,
                                                               tmp_path):
    directory, _ = clean_zlib
    with _tmpfs(tmp_path / "ro", "4m") as out:
        stored = out / "zlib/1.3.1/default"
        shutil.copytree(directory, stored, symlinks=True)
        record = stored / "bin/minigzip.cwasm.json"
        data = json.loads(record.read_text())
        data["engine"]["wasmtime"] = "0.0-another"
        record.write_text(json.dumps(data))
        subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        ran = invoke(["run", "zlib", "--", "-d"], env_for(out, source_cache),
                     stdin=subprocess.run(["gzip", "-c"], input=b"still runs\n",
                                          capture_output=True).stdout)
        assert ran.returncode == 0, ran.stderr
        assert ran.stdout == "still runs\n"
        assert "in memory" in ran.stderr and "Traceback" not in ran.stderr


def test_unknown_opt_level_is_refused_before_any_work(tmp_path):
    out = tmp_path / "out"
    built = invoke(["build", "zlib", "--opt-level", "O9"], env_for(out, tmp_path / "cache"))
    assert built.returncode == 1
    assert "'O9'" in one_paragraph(built.stderr)
    assert _files(out) == []
    assert _files(tmp_path / "cache") == []  # not even the builder digest's memo


def test_running_a_recipe_without_a_program_fails_before_building_it(tmp_path):
    out = tmp_path / "out"
    ran = invoke(["run", "bzip2"], env_for(out, tmp_path / "cache"))
    assert ran.returncode == 1
    assert "does not say which program to run" in one_paragraph(ran.stderr)
    assert _files(out) == [] and _files(tmp_path / "cache") == []


@pytest.mark.parametrize("change,expect", [
    (('run = "bin/minigzip.wasm"', 'run = "bin/nope.wasm"'), "nope.wasm"),
    (("[build]", '[deps]\nsqlite = "banana"\n\n[build]'), "banana"),
])
def test_recipe_mistakes_are_refused_before_any_work(tmp_path, change, expect):
    root = make_project(tmp_path / "p", copy_recipes=("zlib", "sqlite"))
    recipe = root / "recipes/zlib/recipe.toml"
    recipe.write_text(recipe.read_text().replace(*change))
    ran = invoke(["run", "zlib"], env_for(tmp_path / "out", tmp_path / "cache", root=root))
    assert ran.returncode == 1
    assert expect in one_paragraph(ran.stderr)
    assert _files(tmp_path / "out") == [] and _files(tmp_path / "cache") == []


@pytest.mark.parametrize("spec", ["A B=1", "A\nB=1", "=x"])
def test_env_keys_with_spaces_or_newlines_are_refused(tmp_path, spec):
    ran = invoke(["run", "zlib", "--env", spec], env_for(tmp_path / "out", tmp_path / "cache"))
    assert ran.returncode == 1
    assert "--env" in one_paragraph(ran.stderr)
    assert _files(tmp_path / "out") == [] and _files(tmp_path / "cache") == []


def test_only_a_run_that_goes_ahead_files_the_builder_digest(own_zlib, tmp_path):
    cache = tmp_path / "cache"
    env = env_for(own_zlib[0], cache)
    refused = invoke(["run", "zlib", "--env", "=x"], env)
    assert refused.returncode == 1 and _files(cache) == []
    ran = invoke(["run", "zlib", "--", "-d"], env,
                 stdin=subprocess.run(["gzip", "-c"], input=b"goes ahead\n",
                                      capture_output=True).stdout)
    assert ran.returncode == 0 and ran.stdout == "goes ahead\n", ran.stderr
    (filed,) = (cache / "memo/builder-digest").iterdir()
    assert filed.read_text().strip() == load_toolchain(REPO / "toolchain.toml").digest
