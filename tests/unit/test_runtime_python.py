"""regrtest's output, as 3.13 and 3.11 print it, parsed into counts and a verdict."""

import hashlib
import tarfile

import pytest

from tests.helpers import REPO
from wasmkiln import runtimes
from wasmkiln.errors import PatchError
from wasmkiln.patches import Patch
from wasmkiln.recipe import load_recipe
from wasmkiln.runtimes import python as regrtest

DATA = runtimes.test_data(load_recipe(REPO / "recipes/python/recipe.toml"))

OUTPUT_313 = """\
0:00:00 [1/1] test_json
0:00:03 [1/1] test_json passed

== Tests result: SUCCESS ==

1 test OK.

Total duration: 3.2 sec
Total tests: run=172 skipped=2
Total test files: run=1/1
Result: SUCCESS
"""

OUTPUT_313_FAILED = """\
0:00:05 [1/1/1] test_zipfile failed (2 errors, 1 failure)
== Tests result: FAILURE ==
Total tests: run=310 failures=1 skipped=14
Result: FAILURE
"""

# 3.11 prints no counts; with -v unittest's summary carries them (one per test class run)
OUTPUT_311_VERBOSE = """\
0:00:00 Run tests sequentially
0:00:00 [1/1] test_bz2
testRead (test.test_bz2.BZ2FileTest.testRead) ... ok
testBigmem (test.test_bz2.BZ2DecompressorTest.testBigmem) ... skipped 'not enough memory'

----------------------------------------------------------------------
Ran 100 tests in 2.345s

OK (skipped=3)

== Tests result: SUCCESS ==

1 test OK.

Total duration: 3.0 sec
Tests result: SUCCESS
"""

OUTPUT_311_FAILED = """\
0:00:00 [1/1] test_re
test_basic (test.test_re.ReTests.test_basic) ... FAIL
----------------------------------------------------------------------
Ran 40 tests in 0.5s

FAILED (failures=2, errors=1, skipped=4)
test test_re failed
== Tests result: FAILURE ==
Tests result: FAILURE
"""


@pytest.mark.parametrize("output, code, expected", [
    # 3.13: counts from its "Total tests" line
    (OUTPUT_313, 0, ("SUCCESS", 172, 0, 2, True)),
    # 3.13: errors count as failures
    (OUTPUT_313_FAILED, 2, ("FAILURE", 310, 3, 14, False)),
    # 3.11 (verbose): counts from unittest's summary
    (OUTPUT_311_VERBOSE, 0, ("SUCCESS", 100, 0, 3, True)),
    # 3.11: failures and errors add up
    (OUTPUT_311_FAILED, 2, ("FAILURE", 40, 3, 4, False)),
])
def test_counts_and_verdict_from_either_output_format(output, code, expected):
    r = regrtest.parse("test_x", output, code, 1.0)
    assert (r.result, r.run, r.failures, r.skipped, r.ok) == expected


def test_no_verdict_is_a_crash():
    r = regrtest.parse("test_re", "Fatal Python error: Segmentation fault\n", 134, 0.1)
    assert (r.result, r.ok) == ("CRASH", False)


def test_only_versions_without_test_counts_run_verbose():
    assert regrtest.flags("3.11.2") == ["-v"]
    assert regrtest.flags("3.13.15") == []
    assert regrtest.flags("3.14.0") == []


def test_limits_apply_to_their_versions_only():
    assert [limit.module for limit in regrtest.left_out("test_pathlib", "3.11.2", DATA)] == [
        "test_pathlib"]
    assert regrtest.left_out("test_pathlib", "3.13.15", DATA) == []
    sqlite = regrtest.left_out("test_sqlite3", "3.13.15", DATA)
    assert len(sqlite) == 1 and len(sqlite[0].tests) == 7


def test_the_report_says_what_was_left_out_and_shimmed_for_its_version():
    ok = regrtest.parse("test_sqlite3", OUTPUT_313, 0, 1.0)
    details = regrtest.details([ok], "3.11.2", DATA)
    assert set(details["left_out"]) == {"test_sqlite3"}
    assert details["shims"]["test_sqlite3"]["module"] == "_testcapi"
    assert regrtest.details([ok], "3.13.15", DATA)["shims"] == {}


def test_rows_count_passed_tests_without_skips_and_failures():
    unit = regrtest.as_unit(regrtest.parse("test_x", OUTPUT_313_FAILED, 2, 1.0))
    assert (unit.name, unit.ok, unit.passed, unit.failed, unit.skipped) == (
        "test_x", False, 310 - 14 - 3, 3, 14)
    report = runtimes.report(regrtest.SUITE, [unit], {}, 1.0)
    assert report["pass_rate"] == round(293 / 296, 4) and report["unit"] == "module"


def test_the_selections_are_the_recipes_data():
    assert "test_sqlite3" in DATA.fast and len(DATA.default) == 53 + 14 + 2


def _source_archive(tmp_path, module_text):
    """A CPython-shaped source archive: Python-X/Lib/test/ and one stdlib module."""
    top = tmp_path / "Python-9.9" / "Lib"
    (top / "test").mkdir(parents=True)
    (top / "m.py").write_text(module_text)
    archive = tmp_path / "Python-9.9.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tmp_path / "Python-9.9", arcname="Python-9.9")
    return archive


def _patch(tmp_path, text):
    path = tmp_path / "0001-m.patch"
    path.write_text(text)
    return Patch(path, hashlib.sha256(path.read_bytes()).hexdigest())


M_PATCH = """Why: the stdlib module as the build patched it.

--- a/Lib/m.py
+++ b/Lib/m.py
@@ -1 +1 @@
-unpatched
+patched
"""


def test_the_tests_run_against_the_patched_stdlib_as_it_was_built(tmp_path):
    archive = _source_archive(tmp_path, "unpatched\n")
    lib = regrtest.extract_tests(archive, 1, tmp_path / "out", (_patch(tmp_path, M_PATCH),))
    assert (lib / "m.py").read_text() == "patched\n"
    assert (lib / "lib-dynload").is_dir()


def test_a_series_that_does_not_fit_the_archive_is_refused(tmp_path):
    archive = _source_archive(tmp_path, "something else\n")
    with pytest.raises(PatchError, match="0001-m.patch"):
        regrtest.extract_tests(archive, 1, tmp_path / "out", (_patch(tmp_path, M_PATCH),))
