"""The fault tier: the farm's guarantees tried the way they break, as real processes (invoke
on the command line) against the real Docker daemon, real files and real HTTP servers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import docker_client, fresh_settings, source_cache  # noqa: F401
from tests.helpers import REPO
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e


def env_for(out: Path, cache: Path, root: Path = REPO, **extra: str) -> dict[str, str]:
    env = dict(os.environ, WASMKILN_OUTPUT=str(out), WASMKILN_CACHE=str(cache),
               WASMKILN_ROOT=str(root), **extra)
    env.pop("WASMKILN_SIGNING_KEY", None)
    return env


def invoke(args: list[str], env: dict[str, str], stdin: bytes | None = None,
           timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`invoke ARGS` as a separate process, as a user runs it (stdout as latin-1 text, so
    binary output survives: .encode("latin-1") gives the bytes back)."""
    done = subprocess.run([sys.executable, "-m", "invoke", *args], cwd=REPO, env=env,
                          input=stdin, capture_output=True, timeout=timeout)
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("latin-1"),
                                       done.stderr.decode(errors="replace"))


def start_invoke(args: list[str], env: dict[str, str], **kw: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "invoke", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)  # type: ignore


def one_paragraph(stderr: str) -> str:
    """The error paragraph the CLI printed (after any progress lines), unwrapped."""
    assert "Traceback" not in stderr, stderr
    assert stderr.startswith("error: ") or "\nerror: " in stderr, stderr
    return " ".join(stderr[stderr.find("error: "):].split())


def outputs_of(directory: Path) -> dict[str, str]:
    """Each declared output's sha256, read back from the files (not from the manifest)."""
    import json

    from wasmkiln.store import file_sha256
    manifest = json.loads((directory / "manifest.json").read_text())
    return {o["path"]: file_sha256(directory / o["path"]) for o in manifest["outputs"]}


@pytest.fixture(scope="session")
def clean_zlib(docker_client, source_cache, tmp_path_factory):  # noqa: F811
    """zlib built once from scratch in its own output tree: what every stored zlib must equal."""
    settings = fresh_settings(tmp_path_factory.mktemp("clean"), source_cache)
    outcome = Farm(settings).build("zlib")[-1]
    return outcome.directory, outputs_of(outcome.directory)


@pytest.fixture
def own_zlib(clean_zlib, tmp_path):
    """(output root, stored zlib dir, its clean outputs): a copy of the clean build in an
    output tree of this test's own, free to damage."""
    import shutil
    directory, clean = clean_zlib
    out = tmp_path / "out"
    shutil.copytree(directory, out / "zlib/1.3.1/default", symlinks=True)
    return out, out / "zlib/1.3.1/default", clean
