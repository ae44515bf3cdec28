import json
from pathlib import Path

import wasmtime

from wasmkiln.engines import script, wasm_features
from wasmkiln.recipe import SmokeTest


def _write(tmp_path: Path, wat: str) -> Path:
    path = tmp_path / "m.wasm"
    path.write_bytes(wasmtime.wat2wasm(wat))
    return path


def test_exception_handling_is_detected_from_the_tag_section(tmp_path):
    uses = _write(tmp_path, '(module (tag $e (param i32)) (func (export "_start") '
                            "(throw $e (i32.const 1))))")
    assert wasm_features(uses) == {"exceptions"}
    plain = _write(tmp_path, '(module (func (export "_start")))')
    assert wasm_features(plain) == set()


def test_matrix_script_gives_each_engine_only_the_test_dirs_env_and_stdin():
    tests = [
        SmokeTest("a", "bin/x.wasm", args=("-v",), dirs=("/data",), env=(("K", "v w"),)),
        SmokeTest("b", "bin/x.wasm", args=("-d",), stdin_from_previous=True),
    ]
    text = script(tests, {"bin/x.wasm": {"exceptions"}})
    lines = text.splitlines()
    wasmedge = [line for line in lines if line.startswith('"wasmedge"')]
    assert '"--enable-exception-handling" "--dir" "/data:/work/wasmedge/scratch"' in wasmedge[0]
    assert '"--env" "K=v w"' in wasmedge[0] and '< "/work/stdin/0"' in wasmedge[0]
    assert '< "/work/wasmedge/0.out"' in wasmedge[1]  # chained from the previous test
    node = [line for line in lines if line.startswith('"node"')]
    spec = json.loads(node[0].split('"/opt/wasmkiln/prefix/bin/x.wasm" ', 1)[1]
                      .split(" < ")[0][1:-1].replace('\\"', '"'))
    assert spec == {"args": ["x", "-v"], "env": {"K": "v w"},
                    "preopens": {"/data": "/work/node/scratch"}}
