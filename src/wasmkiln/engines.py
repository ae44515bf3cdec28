"""The engine matrix: run a build's smoke tests on WasmEdge and Node's node:wasi as well.

wasmtime is the reference engine and runs in-process (smoke.py); the others run together in
one container of the engines image, each test's stdin, stdout, stderr and exit status passing
through files in a scratch directory, so a verdict is per engine and never a crash.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import docker

from . import container_build, driver
from .recipe import SmokeTest
from .toolchain import TEMPLATES
from .wasi_run import RunResult

OTHER_ENGINES = ("wasmedge", "node")
_MODULES = "/opt/wasmkiln/prefix"
_WORK = "/work"
_NODE_RUNNER = "/opt/wasmkiln/node_wasi.mjs"


def wasm_features(module: Path) -> set[str]:
    """Proposals a module needs that engines differ on (read from its section ids)."""
    data = module.read_bytes()
    features: set[str] = set()
    pos = 8
    while pos < len(data):
        section_id = data[pos]
        pos += 1
        size, shift = 0, 0
        while True:
            byte = data[pos]
            pos += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                break
        if section_id == 13:  # the tag section exists only with exception handling
            features.add("exceptions")
        pos += size
    return features


def _command(engine: str, test: SmokeTest, module: str, scratch: str, features: set[str],
             runtime_dirs: tuple[tuple[str, str], ...] = (),
             runtime_env: tuple[tuple[str, str], ...] = ()) -> tuple[str, ...]:
    mounted = {guest: f"{_MODULES}/{rel}" for rel, guest in runtime_dirs}
    env = {**dict(runtime_env), **dict(test.env)}
    if engine == "wasmedge":
        flags = ["--enable-exception-handling"] if "exceptions" in features else []
        for guest in test.dirs:
            flags += ["--dir", f"{guest}:{scratch}"]
        for guest, path in mounted.items():
            flags += ["--dir", f"{guest}:{path}"]
        for key, value in env.items():
            flags += ["--env", f"{key}={value}"]
        return ("wasmedge", *flags, module, *test.args)
    spec = {"args": [Path(test.program).stem, *test.args], "env": env,
            "preopens": {**{guest: scratch for guest in test.dirs}, **mounted}}
    return ("node", "--no-warnings", _NODE_RUNNER, module, json.dumps(spec))


def chains(tests: list[SmokeTest]) -> list[list[int]]:
    """The tests (by index) split into chains that may run at the same time, each in order.
    Two contracts tie tests together, as in wasmtime's reference run (smoke.run_reference): a
    test with `stdin_from_previous` reads the stdout of the test before it, and every test with
    `dirs` sees the one scratch directory all such tests share (a later one may read, or list,
    what an earlier one wrote), so all of those form one chain. Any other test stands alone.
    Longest chains first (then by their first test), so they start early."""
    parent = list(range(len(tests)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        parent[root(b)] = root(a)

    with_dirs = [i for i, test in enumerate(tests) if test.dirs]
    for i in with_dirs[1:]:
        join(with_dirs[0], i)
    for i, test in enumerate(tests):
        if test.stdin_from_previous and i > 0:
            join(i - 1, i)
    groups: dict[int, list[int]] = {}
    for i in range(len(tests)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda chain: (-len(chain), chain[0]))


def script(tests: list[SmokeTest], features: dict[str, set[str]],
           runtime_dirs: tuple[tuple[str, str], ...] = (),
           runtime_env: tuple[tuple[str, str], ...] = (), lanes: int = 1) -> str:
    """A bash script running every test on every other engine; results land in files.
    The engines run side by side, each in up to `lanes` lanes: a lane takes the next chain
    (`chains`) no other lane took (an atomic mkdir claims it) and runs its tests in order."""
    order = chains(tests)
    lanes = max(1, min(lanes, len(order)))
    lines = ["set -u"]
    for engine in OTHER_ENGINES:
        scratch = f"{_WORK}/{engine}/scratch"
        claims = f"{_WORK}/{engine}/claims"
        lines.append(driver.argv(("mkdir", "-p", scratch, claims)))
        for number, chain in enumerate(order):
            lines.append(f"{engine}_chain_{number}() {{")
            for i in chain:
                test = tests[i]
                base = f"{_WORK}/{engine}/{i}"
                stdin = f"{_WORK}/{engine}/{i - 1}.out" if test.stdin_from_previous else \
                    f"{_WORK}/stdin/{i}"
                argv = _command(engine, test, f"{_MODULES}/{test.program}", scratch,
                                features[test.program], runtime_dirs, runtime_env)
                lines.append(f"{driver.argv(argv)} < {driver.quote_arg(stdin)} "
                             f"> {driver.quote_arg(base + '.out')} "
                             f"2> {driver.quote_arg(base + '.err')}"
                             f"; echo $? > {driver.quote_arg(base + '.code')}")
            lines.append("true")  # a chain of no tests is still a function
            lines.append("}")
        lines.append(f"{engine}_lane() {{")
        lines.append(f"for n in {' '.join(str(n) for n in range(len(order)))}; do")
        lines.append(f'mkdir "{claims}/$n" 2>/dev/null && "{engine}_chain_$n"')
        lines.append("done")
        lines.append("true")
        lines.append("}")
        lines += [f"{engine}_lane &"] * lanes
    lines.append("wait")
    return "\n".join(lines) + "\n"


def run_matrix(client: docker.DockerClient, image: str, prefix: Path, tests: list[SmokeTest],
               runtime_dirs: tuple[tuple[str, str], ...] = (),
               runtime_env: tuple[tuple[str, str], ...] = (),
               stop: container_build.Stop | None = None, lanes: int = 1
               ) -> dict[str, list[RunResult]]:
    """Run `tests` (modules under `prefix`) on every other engine, each in up to `lanes` lanes
    (`script`); outcomes per engine, in the tests' order.
    Only the `.wasm` modules (and the recipe's runtime dirs) are read, never a `.cwasm`, so
    this may run while the same tree is being AOT-compiled."""
    features = {t.program: wasm_features(prefix / t.program) for t in tests}
    with tempfile.TemporaryDirectory(prefix="wasmkiln-engines-") as tmp:
        work = Path(tmp)
        (work / "stdin").mkdir()
        for i, test in enumerate(tests):
            (work / "stdin" / str(i)).write_bytes((test.stdin or "").encode())
        for engine in OTHER_ENGINES:
            (work / engine).mkdir()
        container_build.oneshot(
            client, image, script(tests, features, runtime_dirs, runtime_env, lanes),
            {str(prefix): {"bind": _MODULES, "mode": "ro"},
             str(work): {"bind": _WORK, "mode": "rw"},
             str(TEMPLATES / "node_wasi.mjs"): {"bind": _NODE_RUNNER, "mode": "ro"}},
            "engines", stop)
        return {engine: [_result(work / engine / str(i)) for i in range(len(tests))]
                for engine in OTHER_ENGINES}


def _result(base: Path) -> RunResult:
    """What one test left in <base>.code/.out/.err; a missing code means it never ran (127)."""
    def read(suffix: str) -> bytes:
        path = base.with_suffix(suffix)
        return path.read_bytes() if path.exists() else b""

    code = read(".code").strip()
    return RunResult(int(code) if code else 127, read(".out"), read(".err"))
