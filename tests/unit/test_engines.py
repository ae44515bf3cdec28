import json
import subprocess
from pathlib import Path

import wasmtime

from wasmkiln.engines import chains, script, wasm_features
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


def _test(name: str, dirs: tuple[str, ...] = (), previous: bool = False) -> SmokeTest:
    return SmokeTest(name, "bin/x.wasm", dirs=dirs, stdin_from_previous=previous)


def test_chains_keep_stdin_links_and_the_shared_scratch_dir_in_order():
    tests = [
        _test("version"),                       # 0: alone
        _test("compress"),                      # 1
        _test("decompress", previous=True),     # 2: reads 1's stdout
        _test("write", dirs=("/data",)),        # 3: the scratch chain
        _test("plain"),                         # 4: alone, though between scratch tests
        _test("read", dirs=("/data",)),         # 5: reads what 3 wrote
        _test("of read", previous=True),        # 6: reads 5's stdout: joins the scratch chain
        _test("list", dirs=("/other",)),        # 7: another guest path, the same scratch dir
    ]
    assert chains(tests) == [[3, 5, 6, 7], [1, 2], [0], [4]]


def test_chains_of_independent_tests_are_one_test_each_and_none_for_no_tests():
    assert chains([_test("a"), _test("b")]) == [[0], [1]]
    assert chains([]) == []
    # a first test cannot read a previous one: nothing to join it to
    assert chains([_test("a", previous=True)]) == [[0]]


def _run(text: str, tmp_path: Path) -> list[tuple[int, str]]:
    """Run a matrix script with the engines replaced by a stub that echoes its stdin, then
    "ran", and logs when it started and ended; the (time, start|end) events, in order."""
    stub = tmp_path / "bin"
    stub.mkdir()
    for engine in ("wasmedge", "node"):
        (stub / engine).write_text(
            '#!/bin/bash\necho "start $(date +%s%N)" >> "$LOG"\n'
            'cat\nsleep 0.3\necho ran\necho "end $(date +%s%N)" >> "$LOG"\n')
        (stub / engine).chmod(0o755)
    work = tmp_path / "work"
    (work / "stdin").mkdir(parents=True)
    for i in range(4):
        (work / "stdin" / str(i)).write_text("")
    text = text.replace("/work/", f"{work}/")
    subprocess.run(["bash", "-c", text], check=True, env={
        "PATH": f"{stub}:/usr/bin:/bin", "LOG": str(tmp_path / "log")})
    log = (tmp_path / "log").read_text().split("\n")
    return sorted((int(line.split()[1]), line.split()[0]) for line in log if line)


def _peak(events: list[tuple[int, str]]) -> int:
    running = peak = 0
    for _, kind in events:
        running += 1 if kind == "start" else -1
        peak = max(peak, running)
    return peak


def test_lanes_run_independent_chains_at_once_and_every_test_exactly_once(tmp_path):
    tests = [SmokeTest(f"t{i}", "bin/x.wasm", args=(f"arg{i}",),
                       stdin_from_previous=i == 1) for i in range(4)]
    events = _run(script(tests, {"bin/x.wasm": set()}, lanes=2), tmp_path)
    work = tmp_path / "work"
    assert len([e for e in events if e[1] == "start"]) == 8  # 4 tests x 2 engines, none twice
    assert _peak(events) == 4  # two lanes per engine
    for engine in ("wasmedge", "node"):
        assert [(work / engine / f"{i}.code").read_text() for i in range(4)] == ["0\n"] * 4
        # test 1 read test 0's whole stdout (the stub echoes its stdin): it ran after test 0
        assert (work / engine / "1.out").read_text() == "ran\nran\n"


def test_one_lane_runs_each_engines_tests_one_at_a_time(tmp_path):
    tests = [SmokeTest(f"t{i}", "bin/x.wasm", args=(f"arg{i}",)) for i in range(3)]
    assert _peak(_run(script(tests, {"bin/x.wasm": set()}, lanes=1), tmp_path)) == 2
