"""The runtime seam: suites found by recipe name, test data from tests.toml, one report schema,
and QuickJS's file preparation (pure file work, no engine)."""

from __future__ import annotations

import pytest

from tests.helpers import REPO, make_project, minimal
from wasmkiln import runtimes
from wasmkiln.errors import RecipeError, WasmkilnError
from wasmkiln.recipe import RecipeBook, load_recipe
from wasmkiln.runtimes import quickjs


def test_suites_are_found_by_recipe_name_and_only_there():
    book = RecipeBook(REPO / "recipes")
    assert {"php", "python", "quickjs"} <= set(runtimes.available())
    assert runtimes.suite_for(book.get("python")).name == "regrtest"
    with pytest.raises(WasmkilnError, match="'zlib' has no upstream test runner"):
        runtimes.suite_for(book.get("zlib"))


def test_every_tests_toml_names_its_selections():
    for name in RecipeBook(REPO / "recipes").names():
        data = runtimes.test_data(load_recipe(REPO / "recipes" / name / "recipe.toml"))
        if name in runtimes.available():
            assert data.default and data.fast and set(data.fast) <= set(data.default), name


def test_a_malformed_tests_toml_is_named(tmp_path):
    root = make_project(tmp_path, recipes={"demo": minimal("demo")})
    (root / "recipes/demo/tests.toml").write_text('fast = "test_x"\n')
    with pytest.raises(RecipeError, match="tests.toml: 'fast' must be a list"):
        runtimes.test_data(load_recipe(root / "recipes/demo/recipe.toml"))


def _data(tmp_path, text):
    root = make_project(tmp_path / "p", recipes={"demo": minimal("demo")})
    (root / "recipes/demo/tests.toml").write_text(text)
    return runtimes.test_data(load_recipe(root / "recipes/demo/recipe.toml"))


QJS = '''
default = ["a.js", "a.js (as shipped)"]
fast = ["a.js"]
not_tests = ["assert.js"]
[[edits]]
file = "a.js"
old = "needs_processes();"
new = ""
[[left_out]]
unit = "a.js (as shipped)"
file = "a.js"
fails_with = "not supported on WASI"
why = "processes"
'''


def test_quickjs_units_are_cut_down_by_their_edits_or_run_as_shipped(tmp_path):
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "a.js").write_text("ok();\nneeds_processes();\n")
    (tests / "assert.js").write_text("")
    data = _data(tmp_path, QJS)
    quickjs.check_inventory(tests, data)
    assert quickjs.prepared(tests, "a.js", data, tmp_path / "r1") == "a.js"
    assert (tmp_path / "r1/a.js").read_text() == "ok();\n\n"
    quickjs.prepared(tests, "a.js (as shipped)", data, tmp_path / "r2")
    assert "needs_processes" in (tmp_path / "r2/a.js").read_text()

    (tests / "new_upstream.js").write_text("")
    with pytest.raises(WasmkilnError, match="new_upstream.js"):
        quickjs.check_inventory(tests, data)
    (tests / "a.js").write_text("ok();\n")  # upstream dropped what the edit removes
    with pytest.raises(WasmkilnError, match="changed upstream"):
        quickjs.prepared(tests, "a.js", data, tmp_path / "r3")


def test_rubys_bootstraptest_lines_become_rows():
    from wasmkiln.runtimes import ruby
    ok = ruby.parse("test_attr.rb", "..\nPASS all 3 tests\n", 0, 1.0)
    assert (ok.ok, ok.passed, ok.failed, ok.result) == (True, 3, 0, "PASS")
    bad = ruby.parse("test_block.rb", "F..\nFAIL 1/58 tests failed\n", 1, 1.0)
    assert (bad.ok, bad.passed, bad.failed) == (False, 57, 1) and "FAIL 1/58" in bad.notes["tail"]
    crash = ruby.parse("test_x.rb", "Traceback …", 1, 1.0)
    assert (crash.ok, crash.result) == (False, "CRASH")
