"""The slow tier shares the end-to-end fixtures: the real daemon, one source cache, one farm."""

from tests.e2e.conftest import docker_client, first_build, source_cache  # noqa: F401
