"""A training run of python.wasm's profile-guided build (the python recipe's [variants.pgo]):
run the named modules of CPython's own test suite, the ones upstream's `make profile-opt`
trains with (Lib/test/libregrtest/pgo.py), in this instrumented interpreter.

The tests are the source tree's Lib/test, mounted at TESTS and imported as the `test` package
from there (the folder must be named `test`: a package's load_tests discovers its modules by
their path below TESTS' parent); the standard library itself comes from the zip, as in any
run. Nothing here reads a
clock or prints a time (regrtest and unittest's text runner print durations, whose digits
would make the profile differ from build to build): each module's tests run with a silent
result, and the counts are printed. Failures and skips are expected under WASI and do not fail
the run; a module that does not import is named and skipped.
"""

import importlib.util
import sys
import unittest

TESTS = "/srv/cpython-tests/test"

spec = importlib.util.spec_from_file_location("test", f"{TESTS}/__init__.py",
                                              submodule_search_locations=[TESTS])
package = importlib.util.module_from_spec(spec)
sys.modules["test"] = package
spec.loader.exec_module(package)

from test import support  # noqa: E402  (the package is the mounted one only from here)

support.use_resources = []  # as regrtest without -u: no network, cpu-hungry or GUI tests
support.verbose = 0

for name in sys.argv[1:]:
    try:
        suite = unittest.defaultTestLoader.loadTestsFromName(f"test.{name}")
    except Exception as exc:  # noqa: BLE001  (a module WASI cannot import: say which)
        print(f"{name}: not loaded ({type(exc).__name__})")
        continue
    result = unittest.TestResult()
    suite.run(result)
    print(f"{name}: {result.testsRun} run, {len(result.failures)} failed, "
          f"{len(result.errors)} errors, {len(result.skipped)} skipped")
