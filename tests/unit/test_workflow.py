"""The GitHub Actions workflow: actionlint, GitHub's workflow JSON schema, and the contract
between it and `invoke matrix` (every matrix field it reads is one the matrix provides)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from tests.helpers import REPO
from wasmkiln import matrix
from wasmkiln.plan import Planner
from wasmkiln.recipe import RecipeBook
from wasmkiln.toolchain import load_toolchain

WORKFLOW = REPO / ".github/workflows/build.yml"


def _tool(name: str) -> str:
    """The dev extra's console script: beside this interpreter (a venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    assert found, f"{name} is not installed: it comes with the dev extra (./kiln installs it)"
    return found


def test_actionlint_finds_nothing():
    done = subprocess.run([_tool("actionlint"), str(WORKFLOW)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflow_matches_githubs_schema():
    done = subprocess.run([_tool("check-jsonschema"), "--builtin-schema",
                           "vendor.github-workflows", str(WORKFLOW)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _workflow():
    return YAML(typ="safe").load(WORKFLOW.read_text())


def test_every_matrix_field_the_workflow_reads_is_in_every_entry():
    build = _workflow()["jobs"]["build"]
    text = WORKFLOW.read_text()
    used = set(re.findall(r"(?<![.\w])matrix\.([a-z_]+)", text))
    assert {"recipe", "version", "variant", "cache_key", "runner", "image"} <= used
    book = RecipeBook(REPO / "recipes")
    planner = Planner(book, REPO / "patches", load_toolchain(REPO / "toolchain.toml"))
    for entry in matrix.entries(book, planner):
        assert used <= set(entry), used - set(entry)
    assert build["strategy"]["matrix"] == "${{ fromJSON(needs.plan.outputs.matrix) }}"
    assert "invoke matrix" in str(_workflow()["jobs"]["plan"]["steps"])


def test_actions_are_pinned_and_permissions_least():
    workflow = _workflow()
    for ref in re.findall(r"uses:\s*(\S+)", WORKFLOW.read_text()):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), ref
    assert workflow["permissions"] == {"contents": "read"}
    writers = {name for name, job in workflow["jobs"].items()
               if job.get("permissions", {}).get("packages") == "write"}
    assert writers == {"build", "publish"}
    assert workflow["jobs"]["publish"]["if"].startswith("startsWith(github.ref, 'refs/tags/v')")
    assert "concurrency" in workflow
    cache_key = str(workflow["jobs"]["build"]["steps"])
    assert "matrix.cache_key" in cache_key


def test_publish_signs_on_main_and_tags_with_the_repository_secret():
    publish = _workflow()["jobs"]["publish"]
    assert "refs/heads/main" in publish["if"]
    script = str(publish["steps"])
    assert "secrets.WASMKILN_SIGNING_KEY" in script and "umask 077" in script
    assert "export WASMKILN_SIGNING_KEY=" in script
    header = WORKFLOW.read_text().split("\nname:", 1)[0]
    assert "Keyless signing (recommended on GitHub)" in header and "id-token: write" in header
