"""Reading run-tests.php's JUnit report into per-directory counts."""

from pathlib import Path

from tests.helpers import REPO
from wasmkiln import runtimes
from wasmkiln.recipe import load_recipe
from wasmkiln.runtimes.php import SUITE, parse_junit, summary, wasi_limits, write_wrapper

LIMITS = wasi_limits(runtimes.test_data(load_recipe(REPO / "recipes/php/recipe.toml")))

REPORT = """<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="php" tests="5">
<testsuite name="Zend">
<testcase name='Zend/tests/a.phpt (adds)' time='0.1'>
</testcase>
<testcase name='Zend/tests/b.phpt (fails)' time='0.1'>
<failure type='FAILED' message='output differs'>diff</failure>
</testcase>
<testcase name='Zend/tests/f.phpt (fiber)' time='0.1'>
<failure type='FAILED' message='output differs'>Fatal error: Uncaught Error:
Fibers are not available on WebAssembly/WASI</failure>
</testcase>
<testcase name='Zend/tests/c.phpt (skipped)' time='0'>
<skipped>needs sockets</skipped>
</testcase>
<testcase name='ext/standard/tests/strings/d.phpt (borked)' time='0'>
<error type='BORKED' message='no --FILE--'/>
</testcase>
<testcase name='ext/standard/tests/strings/e.phpt (warns)' time='0'>
<warning>leak</warning>
</testcase>
</testsuite>
</testsuites>
"""


def test_cases_are_read_with_their_result():
    cases = parse_junit(REPORT, LIMITS)
    assert [(c["file"], c["result"]) for c in cases] == [
        ("Zend/tests/a.phpt", "pass"), ("Zend/tests/b.phpt", "fail"),
        ("Zend/tests/f.phpt", "fail"), ("Zend/tests/c.phpt", "skip"),
        ("ext/standard/tests/strings/d.phpt", "fail"),
        ("ext/standard/tests/strings/e.phpt", "pass")]
    assert cases[3]["message"] == "needs sockets"
    assert [c["cause"] for c in cases if c["result"] == "fail"] == [
        "other", "no fibers (wasm cannot switch stacks)", "other"]


def test_summary_counts_per_directory_and_the_pass_rate_leaves_skips_out():
    units, extra = summary(parse_junit(REPORT, LIMITS),
                           ["Zend/tests", "ext/standard/tests/strings"])
    assert [(u.name, u.passed, u.failed, u.skipped) for u in units] \
        == [("Zend/tests", 1, 2, 1), ("ext/standard/tests/strings", 1, 1, 0)]
    assert [f["test"] for f in units[0].notes["failures"]] == [
        "Zend/tests/b.phpt", "Zend/tests/f.phpt"]
    assert not units[0].ok  # b.phpt's failure is no WASI limit
    assert extra["failure_causes"] == {"other": 2, "no fibers (wasm cannot switch stacks)": 1}
    report = runtimes.report(SUITE, units, extra, 1.0)
    assert report["pass_rate"] == 0.4
    assert report["details"]["pass_rate_outside_wasi_limits"] == 0.5


def test_wrapper_is_an_executable_shell_script(tmp_path: Path):
    w = write_wrapper(tmp_path / "php wasm.wasm", tmp_path / "php-wasm")
    assert w.stat().st_mode & 0o111
    assert "'" + str(tmp_path / "php wasm.wasm") + "'" in w.read_text()


def test_a_sign_may_name_the_test_whose_failure_was_read_by_hand():
    report = """<testsuites><testsuite name="openssl">
<testcase name='ext/openssl/tests/openssl_pkcs7_sign_basic.phpt (sign)' time='0.1'>
<failure type='FAILED' message='output differs'>008+ bool(true)</failure>
</testcase>
<testcase name='ext/openssl/tests/other_sign_basic.phpt (sign)' time='0.1'>
<failure type='FAILED' message='output differs'>008+ bool(true)</failure>
</testcase></testsuite></testsuites>"""
    causes = [c["cause"] for c in parse_junit(report, LIMITS)]
    assert causes[0].startswith("an empty path opens the working directory under WASI")
    assert causes[1] == "other"
