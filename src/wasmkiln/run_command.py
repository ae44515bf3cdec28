"""`run NAME [options] -- ARGS…`: one function for `invoke run` and `wasmkiln run`, and the
fast path's parser, which reads the forms of `run` it is sure of and leaves every other to
invoke, so `wasmkiln run` starts without importing invoke (a third of its start-up)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NamedTuple, NoReturn

if TYPE_CHECKING:  # the parser stays free of wasmtime: unit tests and --help paths need none
    from .wasi_run import RunResult

# The options of tasks.run as invoke spells them (long and short names), by parameter. A form
# not listed here (--image, --help, bundled short flags, a value that looks like an option, a
# second positional) is not the fast path's: invoke parses it, and answers as it always did.
_OPTIONS = {"--name": "name", "-n": "name", "--version": "version", "-v": "version",
            "--variant": "variant", "-a": "variant", "--dir": "dir", "-d": "dir",
            "--env": "env", "-e": "env", "--workdir": "workdir", "-w": "workdir"}
_REPEATABLE = ("dir", "env")


class RunRequest(NamedTuple):
    """What `run NAME [options] -- ARGS…` asks for: the recipe, its build, the sandbox."""

    name: str
    args: tuple[str, ...] = ()
    version: str | None = None
    variant: str | None = None
    dirs: tuple[str, ...] = ()
    env: tuple[str, ...] = ()
    workdir: str | None = None


def parse(words: list[str]) -> RunRequest | None:
    """The request in the words after `run`, or None when they hold anything but one recipe
    name, the options above (`--opt value`, `--opt=value`, `-o value`) and `-- ARGS…`."""
    if "--" in words:
        cut = words.index("--")
        words, guest = words[:cut], words[cut + 1:]
    else:
        guest = []
    single: dict[str, str] = {}
    repeated: dict[str, list[str]] = {key: [] for key in _REPEATABLE}
    position = 0
    while position < len(words):
        word = words[position]
        flag, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        if not word.startswith("-"):
            if "name" in single:
                return None  # invoke would read a second word as another task's name
            single["name"] = word
            position += 1
            continue
        key = _OPTIONS.get(flag)
        if key is None:
            return None
        if not equals:
            if position + 1 >= len(words):
                return None
            value = words[position + 1]
            position += 1
        position += 1
        if not value or value.startswith("-"):
            return None
        if key in repeated:
            repeated[key].append(value)
        elif key in single:
            return None  # given twice: invoke says which one it keeps
        else:
            single[key] = value
    if "name" not in single:
        return None
    return RunRequest(name=single["name"], args=tuple(guest), version=single.get("version"),
                      variant=single.get("variant"), dirs=tuple(repeated["dir"]),
                      env=tuple(repeated["env"]), workdir=single.get("workdir"))


def run_recipe(request: RunRequest) -> RunResult:
    """Run the recipe's built program (built first when it is missing or stale) with this
    process's stdio: what `invoke run NAME` and `wasmkiln run NAME` both do. What planning
    resolved is remembered by the sha256 of its inputs (run_memo), so an unchanged project
    runs its intact stored build without loading the planner."""
    from . import run_memo, store
    from .settings import Settings

    settings = Settings.from_env()
    key = run_memo.inputs_key(settings.root, settings.output_dir,
                              (request.name, request.version, request.variant))
    resolved = run_memo.recall(settings.memo_dir, key)
    if resolved is None or store.inspect_dir(resolved.directory, resolved.cache_key,
                                             settings.ledger_dir)[0] is None:
        from .farm import Farm  # plans, says what is damaged, builds what is missing

        resolved = Farm(settings).resolve_run(request.name, request.version, request.variant,
                                              list(request.dirs), list(request.env),
                                              request.workdir)
        run_memo.remember(settings.memo_dir, key, resolved)
    return resolved.start(list(request.args), list(request.dirs), list(request.env),
                          request.workdir, settings.ledger_dir)


def finish(result: RunResult) -> NoReturn:
    """Say what the guest could not (a trap, an exit status WASI cannot carry) and exit with
    its status."""
    if result.note:
        print(f"wasmkiln: {result.note}", file=sys.stderr)
    if result.trap:
        print(f"wasmkiln: trap: {result.trap}", file=sys.stderr)
    raise SystemExit(result.exit_code)
