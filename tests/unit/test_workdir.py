"""The guest's working directory: which extra preopen makes a guest path the place relative
paths resolve (pure path logic; tests/e2e/test_console.py runs it in python.wasm)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wasmkiln.errors import WasmkilnError
from wasmkiln.wasi_run import Preopen, guest_key, with_working_dir, working_dir_alias


@pytest.mark.parametrize(("guest", "key"), [
    (".", "/"), ("/", "/"), ("./", "/"), ("", "/"), ("app", "/app"), ("./app/", "/app"),
    ("/app//src/./x", "/app/src/x"), ("/a/../b", "/a/../b"),
])
def test_guest_paths_compare_as_wasi_libc_matches_them(guest, key):
    assert guest_key(guest) == key


def _dirs(tmp_path: Path, *names: str) -> list[Path]:
    made = []
    for name in names:
        (tmp_path / name).mkdir(parents=True, exist_ok=True)
        made.append(tmp_path / name)
    return made


def test_the_first_dir_is_the_working_directory_by_default(tmp_path):
    data, src = _dirs(tmp_path, "data", "src")
    runtime = Preopen(tmp_path, "/usr/local/lib", False)
    mounts = [Preopen(data, "/data", True), Preopen(src, "/app", False)]
    got = with_working_dir([runtime, *mounts], mounts, None)
    assert got[:3] == [runtime, *mounts]
    assert got[3] == Preopen(data, ".", True)


def test_no_dirs_means_no_working_directory_and_slash_opts_out(tmp_path):
    (data,) = _dirs(tmp_path, "data")
    runtime = [Preopen(tmp_path, "/usr/local/lib", False)]
    assert with_working_dir(runtime, [], None) == runtime
    mounts = [Preopen(data, "/data")]
    assert with_working_dir(mounts, mounts, "/") == mounts
    assert with_working_dir(mounts, mounts, ".") == mounts


def test_workdir_below_a_mount_maps_to_the_host_subdirectory_with_its_mode(tmp_path):
    proj, sub = _dirs(tmp_path, "proj", "proj/src/pkg")
    outer = Preopen(tmp_path, "/w", True)
    inner = Preopen(proj, "/w/proj", False)  # the longest guest prefix holds the workdir
    alias = working_dir_alias([outer, inner], "/w/proj/src/pkg/")
    assert alias == Preopen(sub, ".", False)
    assert working_dir_alias([outer, inner], "/w") == Preopen(tmp_path, ".", True)


def test_a_dir_already_mounted_at_the_root_needs_no_alias(tmp_path):
    (data,) = _dirs(tmp_path, "data")
    mounts = [Preopen(data, ".")]
    assert with_working_dir(mounts, mounts, None) == mounts
    # another --dir first, but the root is mounted: the old behaviour, nothing added
    (other,) = _dirs(tmp_path, "other")
    two = [Preopen(other, "/o"), Preopen(data, "/")]
    assert with_working_dir(two, two, None) == two


@pytest.mark.parametrize(("workdir", "said"), [
    ("app", "must be an absolute guest path"),
    ("/nowhere", "no --dir mounts it (guest paths mounted: /data)"),
    ("/data/missing", "is not a directory on this machine"),
    ("/data/../etc", "'..' is not allowed"),
    ("/datax", "no --dir mounts it"),  # a prefix of the string is not a parent directory
])
def test_a_workdir_that_cannot_be_given_is_refused_naming_it(tmp_path, workdir, said):
    (data,) = _dirs(tmp_path, "data")
    with pytest.raises(WasmkilnError) as caught:
        working_dir_alias([Preopen(data, "/data")], workdir)
    assert said in str(caught.value) and f"--workdir {workdir}" in str(caught.value)


def test_an_explicit_workdir_with_the_root_mounted_is_refused(tmp_path):
    data, root = _dirs(tmp_path, "data", "root")
    with pytest.raises(WasmkilnError, match="mounted at the guest's root"):
        working_dir_alias([Preopen(data, "/data")], "/data", others=[Preopen(root, "/")])


def test_the_module_runner_takes_dirs_env_and_workdir_before_the_module(tmp_path, capsys):
    import wasmtime

    from tests.unit.test_wasi_run import EXIT_WITH_ARGC, OPEN_IN_PREOPEN
    from wasmkiln import wasi_run

    (data,) = _dirs(tmp_path, "data")
    (data / "secret.txt").write_text("x")
    opener, counter = tmp_path / "open.wasm", tmp_path / "argc.wasm"
    opener.write_bytes(wasmtime.wat2wasm(OPEN_IN_PREOPEN))
    counter.write_bytes(wasmtime.wat2wasm(EXIT_WITH_ARGC))
    # fd 3 is the first --dir; options after the module are the module's (argc 3 → 43)
    assert wasi_run.main(["--dir", f"{data}:/data:ro", "--env", "A=1", str(opener)]) == 0
    assert wasi_run.main(["--workdir", "/", str(counter), "--dir", "x"]) == 43
    assert wasi_run.main(["--dir", f"{data}:/d", "--workdir", "/elsewhere", str(counter)]) == 1
    assert "--workdir /elsewhere: no --dir mounts it" in capsys.readouterr().err
    assert wasi_run.main(["--dir"]) == 1 and "--dir needs a value" in capsys.readouterr().err
