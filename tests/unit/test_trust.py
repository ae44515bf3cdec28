"""Pure logic behind the farm's guarantees: settings, --dir/--env, recipe and plan checks made
before any work, layer paths, locks, AOT artifact digests, exit statuses."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import pytest
import wasmtime

from tests.helpers import count_file_hashing, make_project, minimal, settings_for
from tests.unit.test_wasi_run import EXIT_WITH_ARGC
from wasmkiln import aot, build_lock, cli, oci, versionspec, wasi_run
from wasmkiln.errors import PatchError, RecipeError, WasmkilnError
from wasmkiln.farm import parse_dirs, parse_env
from wasmkiln.patches import series
from wasmkiln.plan import Planner
from wasmkiln.recipe import load_recipe
from wasmkiln.registry import Reference
from wasmkiln.settings import Settings
from wasmkiln.toolchain import load_toolchain


@pytest.mark.parametrize("name,value", [("WASMKILN_JOBS", "x"), ("WASMKILN_JOBS", "0"),
                                        ("WASMKILN_JOBS", "-2"), ("WASMKILN_JOBS", "1.5"),
                                        ("WASMKILN_DOWNLOAD_TIMEOUT", "soon"),
                                        ("WASMKILN_DOWNLOAD_DEADLINE", "nan")])
def test_a_bad_setting_is_named_in_one_paragraph(monkeypatch, tmp_path, name, value):
    make_project(tmp_path)
    monkeypatch.setenv(name, value)
    with pytest.raises(WasmkilnError) as err:
        Settings.from_env(tmp_path)
    assert f"{name}={value!r}" in str(err.value) and "\n" not in str(err.value)


def test_good_settings_are_read(monkeypatch, tmp_path):
    make_project(tmp_path)
    monkeypatch.setenv("WASMKILN_JOBS", "3")
    monkeypatch.setenv("WASMKILN_DOWNLOAD_DEADLINE", "2.5")
    s = Settings.from_env(tmp_path)
    assert (s.jobs, s.download_deadline) == (3, 2.5)


def test_dir_modes_are_ro_or_rw_and_nothing_else(tmp_path):
    ro, rw, plain = parse_dirs([f"{tmp_path}:/a:ro", f"{tmp_path}:/b:rw", f"{tmp_path}:/c"])
    assert (ro.writable, rw.writable, plain.writable) == (False, True, True)
    for bad in (f"{tmp_path}:/a:RO", f"{tmp_path}:/a:r0", f"{tmp_path}:/a:", f"{tmp_path}:/a:ro:x"):
        with pytest.raises(WasmkilnError, match="ro|HOST"):
            parse_dirs([bad])


@pytest.mark.parametrize("spec", ["A B=1", "A\nB=1", "=1", "1A=x", "NOEQUALS", "A=\0"])
def test_env_keys_are_names(spec):
    with pytest.raises(WasmkilnError, match="--env"):
        parse_env([spec])


def test_env_values_may_hold_anything_but_nul():
    assert parse_env(["A=b=c d", "_X="]) == {"A": "b=c d", "_X": ""}


@pytest.mark.parametrize("spec", ["banana", ">=banana", "<x2"])
def test_constraints_must_name_versions(spec):
    with pytest.raises(ValueError, match="bad version constraint"):
        versionspec.parse_spec(spec)


def test_recipe_run_must_be_a_declared_output(tmp_path):
    root = make_project(tmp_path, recipes={"demo": 'run = "bin/nope.wasm"\n' + minimal("demo")})
    with pytest.raises(RecipeError, match="nope.wasm.*bin/x.wasm"):
        load_recipe(root / "recipes/demo/recipe.toml")


def test_dependency_named_with_a_word_is_refused_at_load(tmp_path):
    root = make_project(tmp_path, recipes={"demo": minimal("demo").replace(
        "[variants.default]", '[deps]\nzlib = "banana"\n\n[variants.default]')})
    with pytest.raises(RecipeError, match="deps.zlib.*banana"):
        load_recipe(root / "recipes/demo/recipe.toml")


@pytest.mark.parametrize("dest", ["/../etc", "/usr/../../x", "/a/.."])
def test_package_destinations_cannot_climb_out(tmp_path, dest):
    root = make_project(tmp_path, recipes={"demo": minimal(
        "demo", extra=f'\n[package]\nfiles = {{ "lib" = "{dest}" }}\n')})
    with pytest.raises(RecipeError, match="climb"):
        load_recipe(root / "recipes/demo/recipe.toml")


def test_package_destinations_are_normalised(tmp_path):
    root = make_project(tmp_path, recipes={"demo": minimal(
        "demo", extra='\n[package]\nfiles = { "lib" = "/usr//local/./lib/" }\n')})
    assert load_recipe(root / "recipes/demo/recipe.toml").package.files == (
        ("lib", "/usr/local/lib"),)


def test_unknown_opt_level_is_refused_when_planning(tmp_path):
    root = make_project(tmp_path, recipes={"demo": minimal("demo")})
    s = settings_for(root)
    from wasmkiln.recipe import RecipeBook
    planner = Planner(RecipeBook(s.recipes_dir), s.patches_dir, load_toolchain(s.toolchain_file))
    with pytest.raises(RecipeError, match="O9.*Nothing was built"):
        planner.job("demo", opt_level="O9")
    assert planner.job("demo", opt_level="Oz").optimise.level == "Oz"


@pytest.mark.parametrize("where", ["/tmp/elsewhere", "../zlib/1.0", "1.0/../../zlib/1.0"])
def test_patch_series_lives_under_the_recipes_own_folder(tmp_path, where):
    root = make_project(tmp_path, recipes={"demo": minimal("demo").replace(
        '[versions."1.0"]', f'[versions."1.0"]\npatches = "{where}"')})
    recipe = load_recipe(root / "recipes/demo/recipe.toml")
    with pytest.raises(PatchError, match="folder name under"):
        series(root / "patches", recipe, recipe.versions["1.0"])


def test_layers_refuse_links_leaving_the_tree_and_keep_links_inside(tmp_path):
    tree = tmp_path / "prefix"
    (tree / "lib").mkdir(parents=True)
    (tree / "lib/real.txt").write_text("inside")
    (tree / "lib/alias.txt").symlink_to("real.txt")
    entries = {e.path: e for e in oci.entries_from(tree / "lib", "/usr//lib/", root=tree)}
    assert entries["/usr/lib/alias.txt"].source.read_text() == "inside"
    host = tmp_path / "host-secret"
    host.write_text("host bytes")
    (tree / "lib/leak").symlink_to(host)
    with pytest.raises(oci.UnsafeEntry, match="outside"):
        oci.entries_from(tree / "lib", "/lib", root=tree)
    with pytest.raises(oci.UnsafeEntry, match=r"\.\."):
        oci.entries_from(tree / "lib/real.txt", "/../real.txt", root=tree)


def test_a_registry_reference_with_a_scheme_is_explained():
    with pytest.raises(WasmkilnError, match="http://.*no scheme"):
        Reference.parse("http://127.0.0.1:5000/wasm")


def test_the_lock_makes_a_second_holder_wait_and_says_so(tmp_path):
    lock = build_lock.lock_file(tmp_path, "zlib/1.3.1/default")
    said: list[str] = []
    got: list[bool] = []
    with build_lock.held(lock, said.append) as first_waited:
        assert not first_waited
        other = threading.Thread(target=lambda: got.append(
            build_lock.held(lock, said.append).__enter__()))
        other.start()
        other.join(timeout=0.5)
        assert other.is_alive() and said and "pid" in said[0]  # blocked, and said by whom
    other.join(timeout=5)
    assert got == [True]


def test_a_cwasm_with_flipped_bytes_is_recompiled_with_a_notice(tmp_path, capsys):
    module = tmp_path / "m.wasm"
    module.write_bytes(wasmtime.wat2wasm(EXIT_WITH_ARGC))
    aot.ensure(module)
    cwasm = aot.cwasm_path(module)
    data = bytearray(cwasm.read_bytes())
    data[len(data) // 2] ^= 0xFF
    cwasm.write_bytes(bytes(data))
    assert not aot.status(module)[0]
    assert wasi_run.run(module, ["x"], use_aot=True).exit_code == 42
    assert "does not match the sha256 recorded" in capsys.readouterr().err
    assert aot.status(module)[0]  # rewritten, and now trusted again
    assert aot.ensure(module)["reused"]


def test_a_loaded_cwasm_is_hashed_once_per_process_until_a_file_changes(tmp_path, capsys,
                                                                        monkeypatch):
    module = tmp_path / "m.wasm"
    module.write_bytes(wasmtime.wat2wasm(EXIT_WITH_ARGC))
    aot.ensure(module)
    hashed = count_file_hashing(monkeypatch)
    first = aot.load(module)
    assert aot.load(module) is first and len(hashed) == 1  # a server's second request
    cwasm = aot.cwasm_path(module)
    data = bytearray(cwasm.read_bytes())
    data[len(data) // 2] ^= 0xFF
    cwasm.write_bytes(bytes(data))  # in place: same inode, same size
    assert wasi_run.run(module, ["x"], use_aot=True).exit_code == 42
    assert "does not match the sha256 recorded" in capsys.readouterr().err
    assert len(hashed) == 2 and aot.status(module)[0]


def test_a_cwasm_that_cannot_be_saved_runs_from_memory_with_a_notice(tmp_path, capsys,
                                                                     monkeypatch):
    module = tmp_path / "m.wasm"
    module.write_bytes(wasmtime.wat2wasm(EXIT_WITH_ARGC))

    def read_only(*_a, **_k):
        raise OSError(errno.EROFS, "Read-only file system", str(aot.cwasm_path(module)))

    monkeypatch.setattr(aot.atomic, "write_bytes", read_only)
    assert wasi_run.run(module, ["x"], use_aot=True).exit_code == 42
    assert "in memory" in capsys.readouterr().err
    assert not aot.cwasm_path(module).exists()


def test_os_errors_become_one_paragraph_naming_the_path():
    text = cli.describe_os_error(OSError(errno.ENOSPC, "No space left on device", "/out/x"))
    assert "/out/x" in text and "No space left" in text and "\n" not in text


def test_interrupts_exit_with_128_plus_the_signal():
    import signal
    cli._STOPPED_BY.clear()
    assert cli.interrupted_status() == 130
    cli._STOPPED_BY.append(signal.SIGTERM)
    assert cli.interrupted_status() == 143
    cli._STOPPED_BY.clear()


def test_path_parts_of_layers(tmp_path: Path):
    assert oci.normalise_image_path("//a/./b/") == "/a/b"
    assert oci.normalise_image_path("/") == "/"
