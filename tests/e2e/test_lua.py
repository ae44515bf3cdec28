"""Lua 5.4, the small runtime CI builds from scratch: engines, `invoke run`, its WASI limits,
an image, and a byte-identical rebuild. (That adding it changed no core module is checked in
tests/unit/test_plan.py's neighbours: the recipe and its patch are all there is.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.e2e.conftest import fresh_settings
from tests.helpers import REPO
from wasmkiln import package
from wasmkiln.farm import Farm
from wasmkiln.store import file_sha256

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def lua(docker_client, source_cache, tmp_path_factory):
    settings = fresh_settings(tmp_path_factory.mktemp("lua"), source_cache)
    outcomes = Farm(settings).build("lua")
    return settings, outcomes


def test_lua_builds_and_passes_its_smoke_tests_on_wasmtime_and_wasmedge(lua):
    _, outcomes = lua
    m = outcomes[-1].manifest
    assert all(s["passed"] for s in m.smoke) and len(m.smoke) == 9
    assert m.engines["wasmtime"]["passed"] and m.engines["wasmedge"]["passed"]
    # Node 20's V8 has no exnref, which Lua's errors (longjmp as wasm exceptions) need: its
    # verdict is recorded, not fatal
    assert "node" in m.engines
    sizes = m.optimise["sizes"]["bin/lua.wasm"]
    assert sizes["after"] < sizes["before"] and sizes["after"] < 400_000


def _invoke_run(settings, args, stdin=b""):
    env = dict(os.environ, WASMKILN_OUTPUT=str(settings.output_dir),
               WASMKILN_CACHE=str(settings.cache_dir))
    return subprocess.run([sys.executable, "-m", "invoke", "run", "lua", *args], cwd=REPO,
                          env=env, input=stdin, capture_output=True, timeout=300)


def test_invoke_run_lua(lua, tmp_path):
    settings, _ = lua
    done = _invoke_run(settings, ["--", "-e", "print(6*7)"])
    assert (done.returncode, done.stdout, done.stderr) == (0, b"42\n", b"")
    (tmp_path / "script.lua").write_text("local t = {} for i = 1, 10 do t[i] = i * i end\n"
                                         "print(table.concat(t, ','))\nos.exit(3)\n")
    script = _invoke_run(settings, ["--dir", f"{tmp_path}:/app:ro", "--", "/app/script.lua"])
    assert script.stdout == b"1,4,9,16,25,36,49,64,81,100\n" and script.returncode == 3
    refused = _invoke_run(settings, ["--", "-e", "io.popen('ls')"])
    assert refused.returncode == 1 and b"io.popen is not supported on WASI" in refused.stderr


def test_lua_image_and_a_byte_identical_rebuild(lua, docker_client, source_cache,
                                                tmp_path):
    settings, outcomes = lua
    built = [(o.job, o.manifest, o.directory) for o in outcomes]
    packaged = package.build_package(built, tmp_path / "images")
    config = json.loads((packaged.layout / "blobs/sha256" /
                         packaged.summary["image"]["config"].split(":")[1]).read_text())
    assert config["config"]["Entrypoint"] == ["/lua.wasm"]
    assert (config["os"], config["architecture"]) == ("wasi", "wasm")

    again = Farm(fresh_settings(tmp_path / "again", source_cache)).build("lua")[-1]
    first = outcomes[-1]
    for out in ("bin/lua.wasm", "bin/luac.wasm", "lib/liblua.a"):
        assert file_sha256(again.directory / out) == file_sha256(first.directory / out), out
    repackaged = package.build_package([(o.job, o.manifest, o.directory) for o in [again]],
                                       tmp_path / "images2")
    assert repackaged.summary["image"]["index"] == packaged.summary["image"]["index"]
