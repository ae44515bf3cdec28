"""The build manifest as a typed record: what is written reads back equal; junk is refused."""

from __future__ import annotations

import json

import pytest

from wasmkiln import store

MANIFEST = store.BuildManifest(
    name="zlib", version="1.3.1", variant="default", cache_key="ab" * 32,
    inputs={"recipe": "zlib"}, source={"url": "https://x/z.tgz", "sha256": "cd" * 32},
    outputs=(store.StoredOutput("bin/minigzip.wasm", "ef" * 32, 1234),),
    toolchain=store.ToolchainRecord("wasmkiln/builder:1", "sha256:" + "1" * 64,
                                    {"clang-19": "1:19"}, "wasm32-wasip1"),
    timings_s={"total": 1.5},
    stages={"smoke": [{"name": "t", "passed": True}], "engines": {"wasmtime": {"passed": True}}})


def test_a_manifest_round_trips_through_json(tmp_path):
    (tmp_path / store.MANIFEST).write_text(json.dumps(MANIFEST.to_json()))
    again = store.read_manifest(tmp_path)
    assert again == MANIFEST
    assert again.smoke == [{"name": "t", "passed": True}] and again.optimise == {}
    assert again.output("bin/minigzip.wasm").size == 1234
    with pytest.raises(KeyError, match="has no output bin/nope.wasm"):
        again.output("bin/nope.wasm")
    assert "directory" not in MANIFEST.to_json()  # where it is stored is not what it records


@pytest.mark.parametrize("broken", [
    [], {"schema": "other/1"},
    {**MANIFEST.to_json(), "outputs": [{"path": "x"}]},
    {**MANIFEST.to_json(), "toolchain": "clang"},
])
def test_what_is_not_a_manifest_reads_as_none(tmp_path, broken):
    (tmp_path / store.MANIFEST).write_text(json.dumps(broken))
    assert store.read_manifest(tmp_path) is None
    with pytest.raises(ValueError, match="not a wasmkiln build manifest"):
        store.BuildManifest.from_json(broken)
