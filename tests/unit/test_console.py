"""Which project `wasmkiln` takes its tasks from, and what its start-up imports (pure logic and
a real interpreter; tests/e2e/test_console.py runs it from outside the checkout)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO
from wasmkiln.console import find_project, installed_checkout, is_project
from wasmkiln.errors import WasmkilnError


def _project(path: Path) -> Path:
    (path / "recipes").mkdir(parents=True)
    (path / "tasks.py").write_text("")
    (path / "toolchain.toml").write_text("")
    return path


def test_a_project_holds_tasks_toolchain_and_recipes(tmp_path):
    assert is_project(_project(tmp_path / "p"))
    (tmp_path / "q" / "recipes").mkdir(parents=True)
    (tmp_path / "q" / "toolchain.toml").write_text("")
    assert not is_project(tmp_path / "q")  # no tasks.py


def test_wasmkiln_root_wins_and_a_relative_one_is_the_callers(tmp_path):
    named = _project(tmp_path / "named")
    package_file = str(_project(tmp_path / "checkout") / "src/wasmkiln/__init__.py")
    assert find_project({"WASMKILN_ROOT": str(named)}, tmp_path, package_file) == named
    assert find_project({"WASMKILN_ROOT": "named"}, tmp_path, package_file) == named


def test_a_wasmkiln_root_that_is_no_project_is_refused_naming_it(tmp_path):
    with pytest.raises(WasmkilnError, match=r"WASMKILN_ROOT=/nowhere does not name"):
        find_project({"WASMKILN_ROOT": "/nowhere"}, tmp_path)


def test_the_editable_checkout_comes_before_the_working_directory(tmp_path):
    checkout = _project(tmp_path / "checkout")
    elsewhere = _project(tmp_path / "elsewhere")
    package_file = str(checkout / "src/wasmkiln/__init__.py")
    assert installed_checkout(package_file) == checkout
    assert find_project({}, elsewhere / "recipes", package_file) == checkout
    # this test run's own package is the repository's editable install
    assert installed_checkout() == REPO


def test_a_regular_install_finds_the_project_at_or_above_the_working_directory(tmp_path):
    site = tmp_path / "venv/lib/python3.11/site-packages/wasmkiln/__init__.py"
    assert installed_checkout(str(site)) is None
    project = _project(tmp_path / "work")
    (project / "data" / "deep").mkdir(parents=True)
    assert find_project({}, project / "data" / "deep", str(site)) == project
    with pytest.raises(WasmkilnError, match="No wasmkiln project found"):
        find_project({}, tmp_path / "venv", str(site))


def test_run_of_a_stored_build_imports_none_of_the_heavy_stages():
    """What `invoke run` loads before it starts the guest: the tasks, the farm, a plan."""
    probe = ("import sys, tasks\n"
             "from wasmkiln.farm import Farm\n"
             "from wasmkiln.settings import Settings\n"
             "Farm(Settings.from_env()).plan('python')\n"
             "heavy = ('docker', 'oras', 'requests', 'cryptography', 'cyclonedx', "
             "'urllib.request', 'jsonschema')\n"
             "print(sorted(m for m in heavy if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
