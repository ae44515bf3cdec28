"""What lets `wasmkiln run` start fast without trusting stale data: the run parser's forms, the
remembered builder digest (renamed by every input it is rendered from) and the digest ledger
(an untouched file is not read again; any write, rename or fresh file is)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import REPO, count_file_hashing
from wasmkiln import digests, run_command, run_memo, store, toolchain
from wasmkiln.errors import RecipeError
from wasmkiln.plan import Planner
from wasmkiln.recipe import RecipeBook
from wasmkiln.toolchain import RememberedDigest, load_toolchain

# -- the parser: what it takes, and what it leaves to invoke --------------------------------


def test_run_parser_reads_every_spelling_of_runs_options():
    got = run_command.parse(["python", "-v", "3.13", "--variant=default", "--dir", ".",
                             "-d", "src:/app:ro", "--env=A=1", "-e", "B=x=y", "-w", "/app",
                             "--", "-c", "print(1)", "--", "-v"])
    assert got == run_command.RunRequest(
        name="python", args=("-c", "print(1)", "--", "-v"), version="3.13", variant="default",
        dirs=(".", "src:/app:ro"), env=("A=1", "B=x=y"), workdir="/app")
    assert run_command.parse(["--name", "zlib"]) == run_command.RunRequest(name="zlib")
    assert run_command.parse(["zlib", "--", "-d"]) == run_command.RunRequest("zlib", ("-d",))


@pytest.mark.parametrize("words", [
    [],                                     # no recipe: invoke says what is missing
    ["--", "-c", "pass"],
    ["python", "extra"],                    # invoke reads a second word as another task
    ["--image", "layout", "--", "x"],       # images are run by tasks.run's other branch
    ["python", "-i"],
    ["python", "--help"],
    ["python", "--version"],                # a value missing
    ["python", "--version", "--", "x"],
    ["python", "--workdir", "-x"],          # a value that looks like an option
    ["python", "--version=", "--", "x"],
    ["python", "-v", "1", "-v", "2"],       # a single option given twice
    ["python", "-dx"],                      # bundled short flags
    ["python", "--verbose"],
])
def test_run_parser_leaves_other_forms_to_invoke(words):
    assert run_command.parse(words) is None


# -- the remembered builder digest -------------------------------------------------------------

@pytest.fixture
def templates(tmp_path, monkeypatch) -> Path:
    """A copy of the templates the digest is rendered from, which a test may edit."""
    copy = tmp_path / "templates"
    shutil.copytree(toolchain.TEMPLATES, copy)
    monkeypatch.setattr(toolchain, "TEMPLATES", copy)
    return copy


def _remembered(pinned: toolchain.Toolchain, memo: Path | None) -> str:
    """The digest as a build that goes ahead takes it: asked for, then kept."""
    digest = RememberedDigest(pinned, memo)
    value = digest()
    digest.keep()
    return value


def test_the_remembered_digest_is_the_rendered_one_and_an_edit_renames_it(tmp_path, templates,
                                                                          monkeypatch):
    memo = tmp_path / "memo"
    pinned = load_toolchain(REPO / "toolchain.toml")
    assert _remembered(pinned, memo) == pinned.digest
    assert len(list((memo / "builder-digest").iterdir())) == 1

    renders: list[str] = []
    real_render = toolchain.Toolchain._render

    def counting(self, template, **values):
        renders.append(template)
        return real_render(self, template, **values)

    monkeypatch.setattr(toolchain.Toolchain, "_render", counting)
    rendered = pinned.digest
    renders.clear()
    assert _remembered(pinned, memo) == rendered and renders == []  # no render, no jinja2

    # a template edit, a changed pin: other inputs, another entry, the new render's digest
    dockerfile = templates / "Dockerfile.j2"
    dockerfile.write_text(dockerfile.read_text() + "# one more line\n")
    edited = _remembered(pinned, memo)
    assert renders == ["Dockerfile.j2"] and edited != rendered and edited == pinned.digest
    repinned = pinned._replace(pinned=(*pinned.pinned, ("extra-tool", "1.0")))
    assert _remembered(repinned, memo) == repinned.digest != edited
    assert len(list((memo / "builder-digest").iterdir())) == 3


def test_the_digest_is_filed_only_when_kept_and_taken_only_when_asked_for(tmp_path,
                                                                          monkeypatch):
    memo = tmp_path / "memo"
    pinned = load_toolchain(REPO / "toolchain.toml")
    refused = RememberedDigest(pinned, memo)
    assert refused() == pinned.digest
    assert not memo.exists()  # asked for, never kept: a refused request leaves no file

    renders: list[str] = []
    monkeypatch.setattr(toolchain.Toolchain, "_render",
                        lambda self, template, **values: renders.append(template) or "")
    unasked = RememberedDigest(pinned, memo)
    unasked.keep()  # nothing asked for: nothing rendered, nothing written
    assert renders == [] and not memo.exists()


def test_a_damaged_or_unwritable_memo_still_gives_the_rendered_digest(tmp_path):
    pinned = load_toolchain(REPO / "toolchain.toml")
    memo = tmp_path / "memo"
    _remembered(pinned, memo)
    (entry,) = (memo / "builder-digest").iterdir()
    entry.write_text("not a digest\n")
    assert _remembered(pinned, memo) == pinned.digest
    assert entry.read_text().strip() == pinned.digest  # rewritten
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    assert _remembered(pinned, blocked) == pinned.digest  # nothing can be written there
    assert _remembered(pinned, None) == pinned.digest


def test_planner_keys_are_the_same_with_a_remembered_digest(tmp_path):
    pinned = load_toolchain(REPO / "toolchain.toml")
    book = RecipeBook(REPO / "recipes")
    plain = Planner(book, REPO / "patches", pinned)
    remembered = Planner(book, REPO / "patches", pinned, RememberedDigest(pinned, tmp_path))
    for name in ("zlib", "python"):
        assert plain.job(name).cache_key == remembered.job(name).cache_key


def test_a_refused_plan_asks_for_no_digest():
    asked: list[str] = []
    pinned = load_toolchain(REPO / "toolchain.toml")
    planner = Planner(RecipeBook(REPO / "recipes"), REPO / "patches", pinned,
                      lambda: asked.append("digest") or "0" * 64)
    with pytest.raises(RecipeError, match="'O9'"):
        planner.job("zlib", opt_level="O9")
    assert asked == []
    planner.job("zlib")
    planner.job("sqlite")
    assert asked == ["digest"]  # once per planner


# -- the digest ledger --------------------------------------------------------------------------

@pytest.fixture
def hashing(monkeypatch) -> list[Path]:
    """Every file digests.file_sha256 reads; files count as settled as soon as written."""
    read = count_file_hashing(monkeypatch)
    monkeypatch.setattr(digests, "SETTLED_NS", 0)
    return read


def _rewrite_keeping_size_and_mtime(path: Path, data: bytes) -> None:
    st = path.stat()
    path.write_bytes(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # ctime still moves


def test_an_untouched_file_is_read_once_and_any_write_or_replacement_reads_it_again(
        tmp_path, hashing):
    ledger = tmp_path / "ledger"
    big = tmp_path / "module.cwasm"
    big.write_bytes(b"a" * 4096)
    first = digests.remembered_sha256(big, ledger)
    assert first == digests.remembered_sha256(big, ledger) == digests.file_sha256(big)
    assert hashing.count(big) == 2  # the first call and the check above; not the second call

    hashing.clear()
    _rewrite_keeping_size_and_mtime(big, b"b" * 4096)
    changed = digests.remembered_sha256(big, ledger)
    assert hashing == [big] and changed != first and changed == digests.file_sha256(big)

    digests.remembered_sha256(big, ledger)
    other = tmp_path / "other"
    other.write_bytes(b"c" * 4096)
    os.utime(other, ns=(big.stat().st_atime_ns, big.stat().st_mtime_ns))
    other.replace(big)  # same path, size and mtime; another inode
    hashing.clear()
    replaced = digests.remembered_sha256(big, ledger)
    assert hashing == [big] and replaced == digests.file_sha256(big) != changed


def test_a_file_changed_moments_ago_is_not_remembered(tmp_path, hashing, monkeypatch):
    monkeypatch.setattr(digests, "SETTLED_NS", 2_000_000_000)
    ledger = tmp_path / "ledger"
    fresh = tmp_path / "fresh"
    fresh.write_bytes(b"x")
    digests.remembered_sha256(fresh, ledger)
    digests.remembered_sha256(fresh, ledger)
    assert hashing == [fresh, fresh] and not ledger.exists()


def test_no_ledger_or_an_unwritable_one_always_hashes(tmp_path, hashing):
    path = tmp_path / "f"
    path.write_bytes(b"data")
    blocked = tmp_path / "blocked"
    blocked.write_text("")  # a file where the ledger directory would be
    for ledger in (None, None, blocked, blocked):
        assert digests.remembered_sha256(path, ledger) == digests.file_sha256(path)
    assert hashing.count(path) == 8


def test_a_ledger_entry_for_another_path_or_identity_is_not_believed(tmp_path, hashing):
    ledger = tmp_path / "ledger"
    path = tmp_path / "f"
    path.write_bytes(b"data")
    digests.remembered_sha256(path, ledger)
    (entry,) = ledger.iterdir()
    recorded = json.loads(entry.read_text())
    for wrong in ({"path": "/elsewhere"}, {"stat": [0, 0, 4, 0, 0]}, {"sha256": 7}):
        entry.write_text(json.dumps({**recorded, **wrong}))
        hashing.clear()
        assert digests.remembered_sha256(path, ledger) == recorded["sha256"]
        assert hashing == [path]
    entry.write_text("{not json")
    assert digests.remembered_sha256(path, ledger) == recorded["sha256"]


def test_a_stored_output_damaged_in_place_is_found_with_a_ledger(tmp_path, hashing):
    pinned = load_toolchain(REPO / "toolchain.toml")
    job = Planner(RecipeBook(REPO / "recipes"), REPO / "patches", pinned).job("zlib")
    root = tmp_path / "build-output"
    directory = job.output_dir(root)
    for number, path in enumerate(job.steps.outputs):
        (directory / path).parent.mkdir(parents=True, exist_ok=True)
        (directory / path).write_bytes(f"output {number}\n".encode() * 100)
    manifest = store.BuildManifest(
        name=job.name, version=job.version.version, variant=job.variant.name,
        cache_key=job.cache_key, inputs=job.key_inputs, source={},
        outputs=store.describe_outputs(directory, job.steps.outputs),
        toolchain=store.ToolchainRecord("b", "i", {}, "t"), timings_s={},
        stages={})
    (directory / store.MANIFEST).write_text(json.dumps(manifest.to_json()))
    ledger = tmp_path / "ledger"
    assert store.inspect(job, root, ledger)[0] == manifest
    hashing.clear()
    assert store.inspect(job, root, ledger)[0] == manifest and hashing == []
    out = directory / job.steps.outputs[0]
    data = bytearray(out.read_bytes())
    data[0] ^= 0xFF
    _rewrite_keeping_size_and_mtime(out, bytes(data))
    hit, damage = store.inspect(job, root, ledger)
    assert hit is None and damage is not None and "does not match the sha256" in damage


# -- the remembered resolution of a run -----------------------------------------------------


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A copy of the project's recipes/patches/toolchain.toml and of wasmkiln's own code."""
    root = tmp_path / "project"
    for part in ("recipes", "patches"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "toolchain.toml", root / "toolchain.toml")
    package = tmp_path / "package"
    shutil.copytree(run_memo.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(run_memo, "PACKAGE", package)
    return root


def test_the_run_memo_key_names_every_input_planning_reads(project, tmp_path):
    output = tmp_path / "out"
    request = ("python", None, None)

    def key(req: tuple[str | None, ...] = request, out: Path = output) -> str:
        return run_memo.inputs_key(project, out, req)

    first = key()
    assert key() == first
    (run_memo.PACKAGE / "__pycache__").mkdir()
    (run_memo.PACKAGE / "__pycache__" / "x.pyc").write_bytes(b"bytecode")
    assert key() == first  # compiled bytecode is not an input

    seen = {first}

    def changed() -> None:
        now = key()
        assert now not in seen
        seen.add(now)

    for other in (("python", "3.11", None), ("python", None, "default"), ("zlib", None, None)):
        assert key(other) not in seen
    assert key(out=tmp_path / "elsewhere") not in seen
    recipe = project / "recipes" / "xz" / "recipe.toml"  # a dependency's recipe
    recipe.write_text(recipe.read_text() + "\n# comment\n")
    changed()
    (project / "patches" / "python" / "3.13" / "9999-new.patch").write_text("why\n")
    changed()
    (project / "recipes" / "python" / "scripts" / "install-tree.sh").write_text("true\n")
    changed()
    toml = project / "toolchain.toml"
    toml.write_text(toml.read_text() + "\n")
    changed()
    (run_memo.PACKAGE / "plan.py").write_text("PIPELINE_FORMAT = 2\n")
    changed()
    (run_memo.PACKAGE / "templates" / "build.sh.j2").write_text("#!/bin/sh\n")
    changed()
    (project / "recipes" / "xz" / "recipe.toml").unlink()
    changed()


def test_a_remembered_resolution_reads_back_equal_and_junk_reads_as_none(tmp_path):
    resolved = run_memo.ResolvedRun(
        label="python 3.13.15 (default)", cache_key="ab" * 32, directory=tmp_path / "d",
        program=tmp_path / "d" / "bin" / "python.wasm",
        runtime_dirs=((tmp_path / "d" / "lib", "/usr/local/lib"),),
        runtime_env=(("PYTHONHOME", "/usr/local"),))
    memo = tmp_path / "memo"
    assert run_memo.recall(memo, "k") is None
    run_memo.remember(memo, "k", resolved)
    assert run_memo.recall(memo, "k") == resolved
    (memo / "run" / "k.json").write_text('{"label": 1}')
    assert run_memo.recall(memo, "k") is None
    blocked = tmp_path / "file"
    blocked.write_text("")
    run_memo.remember(blocked, "k", resolved)  # an unwritable memo: nothing kept, no error
    assert run_memo.recall(blocked, "k") is None
