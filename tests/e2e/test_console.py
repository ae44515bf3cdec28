"""`wasmkiln TASK` and `./kiln TASK` from a directory outside the checkout: the caller's relative
paths, the guest's working directory (the first --dir, or --workdir), real builds in wasmtime."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO
from wasmkiln.farm import Farm
from wasmkiln.settings import Settings

pytestmark = pytest.mark.e2e

WASMKILN = Path(sys.executable).parent / "wasmkiln"  # the console script of this environment


def _outside(tmp_path: Path) -> Path:
    """A working directory that is not in (or under) the checkout, holding files to read."""
    here = tmp_path / "caller"
    (here / "sub").mkdir(parents=True)
    (here / "data.txt").write_text("read relative\n")
    (here / "sub" / "deep.txt").write_text("read from the workdir\n")
    assert REPO not in here.parents
    return here


def _wasmkiln(settings: Settings, cwd: Path, args: list[str],
              program: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "WASMKILN_ROOT"}
    env.update(WASMKILN_OUTPUT=str(settings.output_dir), WASMKILN_CACHE=str(settings.cache_dir))
    assert WASMKILN.is_file(), f"{WASMKILN} is missing: pip install -e . installs it"
    return subprocess.run([*(program or [str(WASMKILN)]), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


def test_wasmkiln_run_from_outside_the_checkout_mounts_the_callers_directory(first_build,
                                                                             tmp_path):
    settings, _ = first_build
    caller = _outside(tmp_path)
    query = "select coalesce(readfile('data.txt'), 'none');"
    done = _wasmkiln(settings, caller, ["run", "sqlite", "--dir", ".", "--", "-batch",
                                        ":memory:", query])
    assert done.returncode == 0, done.stderr
    assert done.stdout == "read relative\n\n"
    # `--workdir /` is wasi-libc's own start: relative paths then reach no mount
    root = _wasmkiln(settings, caller, ["run", "sqlite", "--dir", ".", "--workdir", "/", "--",
                                        "-batch", ":memory:", query])
    assert root.stdout.strip() == "none", root.stderr
    # a workdir below a mount, named by its guest path
    deep = _wasmkiln(settings, caller, ["run", "sqlite", "--dir", ".:/w:ro", "--workdir",
                                        "/w/sub", "--", "-batch", ":memory:",
                                        "select readfile('deep.txt');"])
    assert deep.stdout.strip() == "read from the workdir", deep.stderr


def test_a_workdir_no_dir_mounts_is_one_paragraph_before_anything_runs(first_build, tmp_path):
    settings, _ = first_build
    done = _wasmkiln(settings, _outside(tmp_path), ["run", "sqlite", "--dir", ".:/w",
                                                    "--workdir", "/elsewhere"])
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: --workdir /elsewhere: no --dir mounts it")


def test_kiln_runs_the_task_in_the_callers_directory(first_build, tmp_path):
    settings, _ = first_build
    caller = _outside(tmp_path)
    done = _wasmkiln(settings, caller, ["run", "sqlite", "--dir", ".", "--", "-batch",
                                        ":memory:", "select readfile('data.txt');"],
                     program=[str(REPO / "kiln")])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "read relative"


def test_python_script_and_its_data_by_relative_paths(first_build, tmp_path):
    settings, _ = first_build
    Farm(settings).build("python")  # stored already when test_python ran in this session
    caller = _outside(tmp_path)
    (caller / "main.py").write_text(
        "import os\n"
        "print(open('data.txt').read().strip(), sorted(os.listdir('.')))\n"
        "open('sub/written.txt', 'w').write('from the guest')\n")
    done = _wasmkiln(settings, caller, ["run", "python", "--dir", ".", "--", "main.py"])
    assert done.returncode == 0, done.stderr
    assert done.stdout == "read relative ['data.txt', 'main.py', 'sub']\n"
    assert (caller / "sub" / "written.txt").read_text() == "from the guest"
