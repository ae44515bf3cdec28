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
    ok = ruby.parse("bootstraptest/test_attr.rb", "..\nPASS all 3 tests\n", 0, 1.0)
    assert (ok.ok, ok.passed, ok.failed, ok.result) == (True, 3, 0, "PASS")
    bad = ruby.parse("test_block.rb", "F..\nFAIL 1/58 tests failed\n", 1, 1.0)
    assert (bad.ok, bad.passed, bad.failed) == (False, 57, 1) and "FAIL 1/58" in bad.notes["tail"]
    crash = ruby.parse("test_x.rb", "Traceback …", 1, 1.0)
    assert (crash.ok, crash.result) == (False, "CRASH")


TEST_ALL_OUTPUT = """\
# Running tests:

[  1/4] TestArray#test_a = 0.00 s
[  2/4] TestArray#test_b = 0.01 s
  1) Error:
TestArray#test_b:
Errno::ENOTSUP: Not supported
    /src/tool/lib/envutil.rb:1:in `spawn'

  2) Failure:
TestArray#test_c [/src/test/ruby/test_array.rb:12]:
Expected 1 to be 2.

4 tests, 20 assertions, 1 failures, 1 errors, 1 skips
"""

CAUSES = [{"match": "Errno::ENOTSUP", "cause": "no processes"}]


def test_rubys_test_all_output_becomes_a_row_with_causes():
    from wasmkiln.runtimes import ruby
    row = ruby.parse_test_all("test/ruby/test_array.rb", TEST_ALL_OUTPUT, 2, 3.0, CAUSES)
    assert (row.ok, row.passed, row.failed, row.skipped, row.result) == (False, 1, 2, 1, "FAIL")
    known = CAUSES + [{"match": "Expected", "cause": "a known difference"}]
    explained = ruby.parse_test_all("t.rb", TEST_ALL_OUTPUT, 2, 3.0, known)
    assert (explained.ok, explained.result) == (True, "WASI")  # every failure has a cause
    assert row.notes["by_cause"] == {"no processes": 1, "unclassified": 1}
    assert [p["test"] for p in row.notes["problems"]] == ["TestArray#test_b", "TestArray#test_c"]
    clean = ruby.parse_test_all("t.rb", "3 tests, 9 assertions, 0 failures, 0 errors, 0 skips",
                                0, 1.0, CAUSES)
    assert (clean.ok, clean.passed, clean.notes) == (True, 3, {})


def test_a_test_all_file_that_kills_the_vm_names_the_test_it_was_in():
    from wasmkiln.runtimes import ruby
    died = TEST_ALL_OUTPUT.split("  1) Error")[0] + "[  3/4] TestArray#test_deep"
    row = ruby.parse_test_all("test/ruby/test_array.rb", died, 134, 1.0, CAUSES)
    assert (row.ok, row.result, row.passed, row.failed) == (False, "CRASH", 2, 1)
    assert row.notes["in"] == "TestArray#test_deep"
    unnamed = TEST_ALL_OUTPUT.split("  1) Error")[0]  # died before the next name was printed
    row = ruby.parse_test_all("test/ruby/test_array.rb", unnamed, 134, 1.0, CAUSES)
    assert row.notes["after"] == "TestArray#test_b" and "in" not in row.notes


def test_ruby_units_must_name_a_part_of_the_suite(tmp_path):
    from wasmkiln.runtimes import SuiteInput, TestData, ruby
    given = SuiteInput(tmp_path / "ruby.wasm", [], {}, tmp_path / "src.tar.xz", 1, "3.3.8",
                       TestData(tmp_path / "tests.toml", raw={"left_out": [
                           {"file": "bootstraptest/test_fork.rb", "why": "fork"}]}))
    with pytest.raises(WasmkilnError, match="names no part of Ruby's suite"):
        ruby.SUITE.run(given, ["test_attr.rb"])
    with pytest.raises(WasmkilnError, match=r"left out in .*tests.toml \(fork\)"):
        ruby.SUITE.run(given, ["bootstraptest/test_fork.rb"])


def test_a_missing_native_driver_is_named_with_how_to_install_it(monkeypatch):
    from wasmkiln.runtimes import php, ruby
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(WasmkilnError, match=r"Ruby's bootstraptest .* needs a native ruby and "
                       r"none is on PATH; install Debian's ruby"):
        ruby.native_ruby()
    with pytest.raises(WasmkilnError, match=r"needs a native php and none is on PATH; install "
                       r"Debian's php-cli"):
        php.native_php()
