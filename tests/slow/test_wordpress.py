"""WordPress served by php-cgi.wasm on every PHP version of the recipe (8.4 and 8.2): the
end-to-end WordPress test (tests/e2e/test_serve_wordpress.py, 8.4 only in CI) with its
fixtures, parametrised here over both versions."""

from __future__ import annotations

import pytest

from tests.e2e.test_serve_wordpress import (  # noqa: F401 (fixtures and the test, reused)
    test_wordpress_installs_logs_in_and_publishes_through_pretty_permalinks,
    wordpress,
    wordpress_tarball,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(params=["8.4", "8.2"])
def php_version(request) -> str:
    return request.param


@pytest.fixture(params=[False, True], ids=["compiled-per-request", "code-cache"])
def code_cache(request) -> bool:
    """Without and with the server's code cache (opcache's file cache, on both versions)."""
    return request.param
