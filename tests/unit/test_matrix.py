"""`invoke matrix`: entries, order, and --changed-since on a real temporary git history."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import REPO, make_project
from wasmkiln import matrix
from wasmkiln.errors import WasmkilnError
from wasmkiln.plan import Planner
from wasmkiln.recipe import RecipeBook
from wasmkiln.toolchain import load_toolchain


def _project(tmp_path):
    root = make_project(tmp_path, copy_recipes=("zlib", "sqlite"), recipes={
        "zpipe": (REPO / "tests/e2e/data/zpipe.toml").read_text()})
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t",
                                                 "commit", "-qm", "base"]):
        subprocess.run(["git", "-C", str(root), *args], check=True)
    return root


def _book(root):
    book = RecipeBook(root / "recipes")
    return book, Planner(book, root / "patches", load_toolchain(root / "toolchain.toml"))


def test_entries_cover_every_version_and_variant_dependencies_first(tmp_path):
    root = _project(tmp_path)
    book, planner = _book(root)
    found = matrix.entries(book, planner)
    labels = [(e["recipe"], e["variant"]) for e in found]
    assert set(labels) == {("sqlite", "default"), ("sqlite", "debug"), ("zlib", "default"),
                           ("zpipe", "default")}
    assert labels.index(("zlib", "default")) < labels.index(("zpipe", "default"))
    zpipe = found[labels.index(("zpipe", "default"))]
    assert zpipe["deps"] == ["zlib"] and zpipe["stage"] == 1
    assert zpipe["cache_key"] == planner.job("zpipe").cache_key
    assert {e["runner"] for e in found} == {matrix.DEFAULT_RUNNER}


@pytest.mark.parametrize(("change", "expected"), [
    ("patches/sqlite/3.46/0001-shell-stub-system-under-wasi.patch", {"sqlite"}),
    ("recipes/zlib/recipe.toml", {"zlib", "zpipe"}),  # a dependency drags its dependents in
    ("recipes/zpipe/recipe.toml", {"zpipe"}),
    ("toolchain.toml", {"zlib", "zpipe", "sqlite"}),  # the builder changes every build
    ("README.md", set()),
])
def test_changed_since_keeps_changed_recipes_and_their_dependents(tmp_path, change, expected):
    root = _project(tmp_path)
    book, _ = _book(root)
    path = root / change
    path.write_text((path.read_text() if path.exists() else "") + "\n# changed\n")
    assert matrix.changed_since(root, "HEAD", book) == expected  # uncommitted counts
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t",
                    "commit", "-qm", "change"], check=True)
    assert matrix.changed_since(root, "HEAD~1", book) == expected
    assert matrix.changed_since(root, "HEAD", book) == set()


def test_new_untracked_patch_counts_as_a_change(tmp_path):
    root = _project(tmp_path)
    book, _ = _book(root)
    (root / "patches/zlib/1.3").mkdir(parents=True)
    (root / "patches/zlib/1.3/0001-new.patch").write_text("Why: test\n")
    assert matrix.changed_since(root, "HEAD", book) == {"zlib", "zpipe"}


def test_unknown_ref_is_a_clear_error(tmp_path):
    root = _project(tmp_path)
    with pytest.raises(WasmkilnError, match=r"--changed-since v9: git could not compare"):
        matrix.changed_since(root, "v9", _book(root)[0])


def test_cli_prints_the_github_matrix_shape():
    done = subprocess.run([sys.executable, "-m", "invoke", "matrix", "--recipes", "sqlite"],
                          cwd=REPO, capture_output=True, text=True, check=True)
    data = json.loads(done.stdout)
    assert [e["variant"] for e in data["include"]] == ["debug", "default"]
    assert all(e["recipe"] == "sqlite" and e["image"] for e in data["include"])
