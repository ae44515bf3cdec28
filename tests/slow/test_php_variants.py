"""The PHP builds CI does not make (it builds 8.4's cli and cgi): 8.4's minimal variant, with
PHP's always-on extensions only, and 8.2's cli and cgi variants; each from scratch, smoke-tested
in wasmtime by the build, then checked here for what sets it apart."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import fresh_settings
from wasmkiln import smoke, wasi_run
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e

ALWAYS_ON = {"Core", "date", "hash", "json", "pcre", "random", "Reflection", "SPL", "standard"}


@pytest.fixture(scope="module")
def farm(docker_client, source_cache, tmp_path_factory):
    return Farm(fresh_settings(tmp_path_factory.mktemp("php-variants"), source_cache))


def _php(outcome, program, args, stdin=None):
    return wasi_run.run(outcome.directory / program, args,
                        preopens=smoke.runtime_preopens(outcome.job, outcome.directory),
                        stdin=stdin, use_aot=True)


def _passed(outcome):
    results = outcome.manifest.smoke
    assert results and all(s["passed"] for s in results), results
    assert outcome.manifest.engines["wasmtime"]["passed"]


def test_minimal_variant_has_the_always_on_extensions_only(farm):
    outcome = farm.build("php", "8.4", variant="minimal")[-1]
    _passed(outcome)
    done = _php(outcome, "bin/php.wasm", ["-m"])
    modules = {line for line in done.stdout.decode().splitlines()
               if line and not line.startswith("[")}
    assert modules == ALWAYS_ON, done.stdout
    done = _php(outcome, "bin/php.wasm", ["-r", "echo json_encode(['n' => array_sum(range(1, "
                                                "10))]), ' ', preg_replace('/a+/', 'b', 'caat'), "
                                                "' ', hash('sha256', ''), PHP_EOL;"])
    assert done.stdout.decode().split() == [
        '{"n":55}', "cbt",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"]


@pytest.mark.parametrize("variant, program", [("cli", "bin/php.wasm"),
                                              ("cgi", "bin/php-cgi.wasm")])
def test_php_82_variants_build_and_run(farm, variant, program):
    outcome = farm.build("php", "8.2", variant=variant)[-1]
    _passed(outcome)
    args = ["-q"] if variant == "cgi" else ["-r", "echo PHP_VERSION, ' ', PHP_SAPI, PHP_EOL;"]
    stdin = b"<?php echo PHP_VERSION, ' ', PHP_SAPI, PHP_EOL;" if variant == "cgi" else None
    done = _php(outcome, program, args, stdin)
    assert done.stdout.decode().split() == ["8.2.32", "cgi-fcgi" if variant == "cgi" else "cli"]
