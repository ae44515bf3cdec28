"""CPython built for wasm32-wasip1 with zlib, sqlite3, bz2 and lzma from the dependency recipes:
its smoke tests, `invoke run` with only the stdlib preopened, and a fixed subset of CPython's own
test suite (the full slice is `invoke upstream-tests python`, the slow tier)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers import REPO
from wasmkiln import wasi_run
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def python_build(first_build):
    settings, _ = first_build
    farm = Farm(settings)
    return farm, farm.build("python")[-1]


def test_python_wasm_passes_its_smoke_tests_on_every_engine(python_build):
    _, outcome = python_build
    assert [s["name"] for s in outcome.manifest.smoke][:2] == ["version", "imports"]
    assert outcome.manifest.engines["wasmtime"]["passed"]
    sizes = {o.path: o.size for o in outcome.manifest.outputs}
    assert sizes["bin/python.wasm"] < 12_000_000 and sizes["lib/python313.zip"] < 8_000_000
    built = {o.job.name for o in python_build[0].build("python")}
    assert built == {"zlib", "sqlite", "bzip2", "xz", "openssl", "python"}


def test_invoke_run_python_with_only_the_stdlib_preopened(python_build):
    farm, _ = python_build
    env = dict(os.environ, WASMKILN_OUTPUT=str(farm.settings.output_dir))
    done = subprocess.run([sys.executable, "-m", "invoke", "run", "python", "--", "-c",
                           "import os, sys; print(sys.version); "
                           "print(sorted(os.listdir('/usr/local/lib')), os.path.exists('/etc'))"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no "Could not find platform independent libraries"
    assert done.stdout.startswith("3.13.15")
    # the sandbox holds the stdlib mount and nothing of the host
    assert "['python3.13', 'python313.zip'] False" in done.stdout


def test_a_script_that_raises_exits_1_with_the_traceback(python_build, tmp_path):
    farm, _ = python_build
    (tmp_path / "boom.py").write_text("def f():\n    raise ValueError('boom')\nf()\n")
    result = farm_run(farm, ["/w/boom.py"], [f"{tmp_path}:/w:ro"])
    assert result.exit_code == 1
    assert b"ValueError: boom" in result.stderr and b'File "/w/boom.py", line 2' in result.stderr


def test_without_the_stdlib_mount_python_says_what_is_missing(python_build):
    _, outcome = python_build
    done = wasi_run.run(outcome.directory / "bin/python.wasm", ["-c", "pass"], use_aot=True)
    assert done.exit_code == 1
    assert b"No module named 'encodings'" in done.stderr


def test_cpython_regrtest_fast_subset_passes(python_build):
    farm, _ = python_build
    report = farm.upstream_tests("python", fast=True)
    assert report["suite"] == "regrtest" and report["units_total"] == 5
    failing = [(u["name"], u["result"], u["notes"].get("tail", "")[-600:])
               for u in report["units"] if not u["ok"]]
    assert not failing, failing
    assert report["passed"] > 300 and report["failed"] == 0


def farm_run(farm: Farm, args: list[str], dirs: list[str]) -> wasi_run.RunResult:
    """Farm.run captures nothing (it passes stdio through); run the same way, captured."""
    from wasmkiln import smoke
    from wasmkiln.farm import parse_dirs
    outcome = farm.build("python")[-1]
    return wasi_run.run(outcome.directory / "bin/python.wasm", args,
                        preopens=smoke.runtime_preopens(outcome.job, outcome.directory)
                        + parse_dirs(dirs), use_aot=True)


def test_python_image_carries_the_stdlib_and_its_environment(python_build, tmp_path):
    import gzip
    import io
    import json
    import tarfile

    from wasmkiln import oci, package
    farm, outcome = python_build
    built = [(o.job, o.manifest, o.directory) for o in farm.build("python")]
    packaged = package.build_package(built, tmp_path)
    summary = packaged.summary
    manifest = json.loads(oci.blob_path(packaged.layout, summary["image"]["manifest"])
                          .read_bytes())
    config = json.loads(oci.blob_path(packaged.layout, manifest["config"]["digest"]).read_bytes())
    assert config["config"]["Entrypoint"] == ["/python.wasm"]
    assert "PYTHONHOME=/usr/local" in config["config"]["Env"]
    layer = gzip.decompress(oci.blob_path(packaged.layout, summary["image"]["layer"]).read_bytes())
    with tarfile.open(fileobj=io.BytesIO(layer)) as tar:
        names = set(tar.getnames())
    assert {"python.wasm", "usr/local/lib/python313.zip",
            "usr/local/lib/python3.13/lib-dynload"} <= names
    assert not any(n.startswith("usr/local/share") for n in names)
    bom = json.loads(packaged.sbom.read_text())
    assert {"source:python", "source:zlib", "source:sqlite", "source:bzip2", "source:xz"} <= {
        c["bom-ref"] for c in bom["components"]}
