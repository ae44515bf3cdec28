"""The python recipe's `snapshot` variant (patch 3.13/0004, wasmkiln.snapshot): python.wasm
pre-initialised at build time answers every run as the plain build does, and is the snapshot
of the plain build's module, byte for byte. `invoke test --slow` runs this tier."""

from __future__ import annotations

import shutil

import pytest

from wasmkiln import smoke, snapshot, wasi_run
from wasmkiln.farm import Farm

pytestmark = pytest.mark.e2e

RUNS = [
    (["-c", "import sys; print(sys.argv, sys.path[:2])", "a"], {}, None),
    (["-c", "import os; print(os.environ.get('PROBE'), sorted(os.environ))"], {"PROBE": "x"},
     None),
    (["-c", "raise SystemExit(3)"], {}, None),
    (["-c", "1/0"], {}, None),
    (["-"], {}, b"import sys; print('stdin', sys.argv)\n"),
    (["-X", "dev", "-c", "import sys; print(sys.flags.dev_mode)"], {}, None),
    (["-I", "-c", "import sys; print(sys.flags.isolated, sys.path[:1])"], {}, None),
    (["-O", "-c", "print(__debug__)"], {}, None),
    (["-B", "-c", "import sys; print(sys.dont_write_bytecode)"], {}, None),
    (["-c", "import sys; print(sys.path[:2])"], {"PYTHONPATH": "/nowhere"}, None),
    (["-c", "import json, sqlite3, zlib, hashlib; print(json.dumps([sqlite3.sqlite_version]))"],
     {}, None),
    (["--version"], {}, None),
    (["-c", "import random; print(random.random() != random.random())"], {}, None),
]


@pytest.fixture(scope="module")
def builds(first_build):
    settings, _ = first_build
    farm = Farm(settings)
    return farm.build("python")[-1], farm.build("python", variant="snapshot")[-1]


def _run(outcome, args, env, stdin):
    return wasi_run.run(outcome.directory / "bin/python.wasm", args,
                        env=dict(outcome.job.recipe.runtime_env) | env,
                        preopens=smoke.runtime_preopens(outcome.job, outcome.directory),
                        stdin=stdin, use_aot=True)


def test_the_snapshot_answers_every_run_as_the_plain_build(builds):
    plain, snap = builds
    assert snap.manifest.stages["snapshot"]["init"] == "wasmkiln.initialize"
    assert all(v["passed"] for v in snap.manifest.engines.values()), snap.manifest.engines
    for args, env, stdin in RUNS:
        want, got = _run(plain, args, env, stdin), _run(snap, args, env, stdin)
        assert (got.exit_code, got.stdout, got.stderr) == (
            want.exit_code, want.stdout, want.stderr), args
    # what differs, by design: the snapshot's hash seed is fixed
    flag = ["-c", "import sys; print(sys.flags.hash_randomization)"]
    assert _run(plain, flag, {}, None).stdout == b"1\n"
    assert _run(snap, flag, {}, None).stdout == b"0\n"


def test_the_snapshot_is_the_plain_modules_snapshot_byte_for_byte(builds, tmp_path):
    # the plain build's module, snapshotted from a copy of the plain build's runtime dirs
    # (other inodes, other times, settled as the stage settles them), is the variant's module
    plain, snap = builds
    job = snap.job
    dirs = []
    for rel, guest in job.recipe.runtime_dirs:
        shutil.copytree(plain.directory / rel, tmp_path / rel)
        dirs.append((tmp_path / rel, guest))
    snapshot.settle_times([host for host, _ in dirs], job.version.source_date_epoch)
    again = snapshot.preinitialise(
        (plain.directory / "bin/python.wasm").read_bytes(), job.variant.snapshot.init,
        dict(job.recipe.runtime_env), dirs, tmp_path / "snapshot.log")
    assert again == (snap.directory / "bin/python.wasm").read_bytes()
