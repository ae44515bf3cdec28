"""Finding 1 (concurrent builds of one job) and 9 (interrupts, leftovers of killed runs)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.faults.conftest import env_for, invoke, outputs_of, start_invoke
from tests.helpers import REPO
from wasmkiln import container_build

pytestmark = pytest.mark.e2e


def test_two_forced_builds_at_once_store_exactly_a_clean_build(clean_zlib, source_cache,
                                                               tmp_path):
    _, clean = clean_zlib
    env = env_for(tmp_path / "out", source_cache)
    first = start_invoke(["build", "zlib", "--force"], env)
    second = start_invoke(["build", "zlib", "--force"], env)
    results = [p.communicate(timeout=600) for p in (first, second)]
    codes = [first.returncode, second.returncode]
    said = b"".join(err for _, err in results).decode()
    assert codes == [0, 0], said
    assert "Traceback" not in said
    assert "being built by another wasmkiln process" in said and "waiting" in said
    stored = tmp_path / "out/zlib/1.3.1/default"
    assert outputs_of(stored) == clean
    listed = invoke(["list"], env)
    assert any(r.split()[:4] == ["zlib*", "1.3.1", "default", "cached"]
               for r in listed.stdout.splitlines())
    assert not [p for p in stored.parent.iterdir() if p.name.startswith(".")]
    assert not [p for p in (source_cache / "work").iterdir()
                if f".pid{first.pid}." in p.name or f".pid{second.pid}." in p.name]


def test_the_readmes_pipeline_on_an_empty_output_builds_once(clean_zlib, source_cache,
                                                             tmp_path):
    _, clean = clean_zlib
    env = env_for(tmp_path / "out", source_cache)
    line = "python -m invoke run zlib | python -m invoke run zlib -- -d"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", f"echo hi | {line}"], cwd=REPO,
                          env=dict(env, PATH=f"{Path(os.sys.executable).parent}:{env['PATH']}"),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "hi\n" and "Traceback" not in done.stderr
    assert outputs_of(tmp_path / "out/zlib/1.3.1/default") == clean


def _wait_for_container(docker_client, prefix: str, timeout: float = 300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [c for c in docker_client.containers.list(
            filters={"label": container_build.LABEL}) if c.name.startswith(prefix)]
        if found:
            return found[0]
        time.sleep(0.3)
    raise AssertionError(f"no container {prefix}* started")


def test_ctrl_c_while_building_exits_130_and_leaves_nothing(docker_client, clean_zlib,
                                                            source_cache, tmp_path):
    env = env_for(tmp_path / "out", source_cache)
    proc = start_invoke(["build", "zlib", "--force"], env)
    container = _wait_for_container(docker_client, "wasmkiln-zlib-")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "was interrupted" in " ".join(err.decode().split())
    assert container.id not in {c.id for c in docker_client.containers.list(all=True)}
    variant_dir = tmp_path / "out/zlib/1.3.1"
    assert not variant_dir.exists() or not list(variant_dir.iterdir())


def test_ctrl_c_while_running_exits_130(clean_zlib, source_cache, tmp_path):
    directory, _ = clean_zlib
    env = env_for(directory.parents[2], source_cache)
    # the guest blocks reading a stdin that never ends
    proc = start_invoke(["run", "zlib"], env, stdin=subprocess.PIPE)
    time.sleep(4)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err.decode()


def test_what_a_killed_build_left_is_swept_by_the_next_build_of_any_job(
        docker_client, clean_zlib, source_cache, tmp_path):
    env = env_for(tmp_path / "out", source_cache)
    proc = start_invoke(["build", "zlib", "--force"], env)
    container = _wait_for_container(docker_client, "wasmkiln-zlib-")
    time.sleep(1)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    parent = tmp_path / "out/zlib/1.3.1"
    staging = [p for p in parent.iterdir() if p.name.endswith(".staging")]
    work = [p for p in (source_cache / "work").iterdir() if f".pid{proc.pid}." in p.name]
    assert staging and work, "the killed build left nothing to sweep: the test proves nothing"
    assert container.id in {c.id for c in docker_client.containers.list(all=True)}

    other = invoke(["build", "bzip2"], env)  # another job entirely
    assert other.returncode == 0, other.stderr
    assert not any(p.exists() for p in staging + work)
    assert container.id not in {c.id for c in docker_client.containers.list(all=True)}
