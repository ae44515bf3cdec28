"""Profile-guided builds: what a variant's [pgo] table (recipe.Training) turns into.

A profile-guided variant is compiled with clang's `-fprofile-use` on a profile kept with the
recipe (`Training.profile`, xz-compressed): an input like a patch, in the cache key by its
digest, so the same profile gives the same bytes on every machine. Making the profile is a
separate step (`invoke train-profile`, Farm.train_profile): the variant is built
instrumented (`-fprofile-generate` on every compile line, LLVM's profile runtime from the
clang-rt-profile recipe on every link line), the instrumented program runs each training run
in wasmtime, a fresh instance per run, each writing a raw profile, and a container merges
them (`merge_script`). Training runs exercise real code (a test suite): their counts depend on
clocks, random numbers and file times, so two trainings never give quite the same profile,
which is why the profile is made once and kept, not made in every build.

Only clang's flags, llvm-profdata and the profile runtime's recipe are known here (toolchain
knowledge): no runtime by name.
"""

from __future__ import annotations

import hashlib
import lzma
import tempfile
import time
from pathlib import Path
from typing import Any

from .errors import BuildFailed, RecipeError
from .recipe import Recipe, Training
from .toolchain import DEPS_DIR

RUNTIME_RECIPE = "clang-rt-profile"  # builds RUNTIME for the instrumented build
RUNTIME = "lib/libclang_rt.profile.a"  # in the instrumented build's dependency prefix
PROFILE_DIR = "/opt/wasmkiln/pgo"  # where a container sees the profile(s) (read-only)
MERGED_NAME = "merged.profdata"
GUEST_DIR = "/wasmkiln-pgo"  # where a training run writes its raw profile (read-write)

GENERATE_CFLAGS = ("-fprofile-generate",)
GENERATE_LDFLAGS = (f"{DEPS_DIR}/{RUNTIME}",)
# A configure check compiled with the profile sees it too: its main() is not the program's
# main(), and clang's "profile out of date" warning would fail a check made with -Werror,
# configuring the build differently from the instrumented one. A function the training never
# reached, or one a later patch changed, is compiled without a profile.
USE_CFLAGS = (f"-fprofile-use={PROFILE_DIR}/{MERGED_NAME}", "-Wno-profile-instr-out-of-date",
              "-Wno-profile-instr-unprofiled")


def key_inputs(recipe: Recipe, profile: str) -> dict[str, Any]:
    """What of a profile-guided build can change its bytes: the profile (by digest; its path
    in the recipe's directory is `profile`), the flags and this stage's code. Not the training
    runs: they only make the profile."""
    path = recipe.path.parent / profile
    return {"profile": profile, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "flags": list(USE_CFLAGS),
            "stage": hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}


def unpack_profile(recipe: Recipe, keyed: dict[str, Any], dest: Path) -> Path:
    """The keyed profile, decompressed into `dest`/MERGED_NAME (what USE_CFLAGS name once
    `dest` is mounted at PROFILE_DIR); refused if it changed since it was keyed."""
    source = recipe.path.parent / keyed["profile"]
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != keyed["sha256"]:
        raise RecipeError(f"{source} changed while '{recipe.name}' was being planned; run the "
                          "build again.")
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / MERGED_NAME
    try:
        target.write_bytes(lzma.decompress(data) if source.suffix == ".xz" else data)
    except lzma.LZMAError as exc:
        raise RecipeError(f"{source} is not an xz-compressed profile ({exc}); make it again "
                          f"with `invoke train-profile {recipe.name}`.") from None
    return target


def compress(profile: bytes) -> bytes:
    """How a merged profile is kept in the recipe's directory (about a fifth of its size)."""
    return lzma.compress(profile, preset=9)


def raw_name(index: int) -> str:
    return f"run-{index:03d}.profraw"


def merge_script(profdata: str, count: int, out: str) -> str:
    """A bash script merging the raw profiles (mounted at PROFILE_DIR) into `out`/MERGED_NAME,
    in run order, leaving out functions no run reached (--sparse: they are cold either way);
    `profdata` is the toolchain's llvm-profdata."""
    raws = " ".join(f"{PROFILE_DIR}/{raw_name(i)}" for i in range(count))
    return f"set -e; {profdata} merge --sparse --output={out}/{MERGED_NAME} {raws}"


def train(recipe: Recipe, training: Training, program: str, prefix: Path, source: Path,
          raw: Path, log: Path, label: str) -> dict[str, Any]:
    """Run the instrumented `prefix/program` once per training run; each leaves
    raw/run-NNN.profraw. BuildFailed (naming the run) when one exits non-zero, traps or
    writes no profile. What was done, for train-profile's report."""
    from . import wasi_run

    module = prefix / program
    base = [wasi_run.Preopen(prefix / rel, guest, False) for rel, guest in recipe.runtime_dirs]
    base += [wasi_run.Preopen(recipe.path.parent / rel, guest, False)
             for rel, guest in training.mounts]
    base += [wasi_run.Preopen(source / rel, guest, False) for rel, guest in training.sources]
    for pre in base:
        if not pre.host.exists():
            raise BuildFailed(
                f"The training runs of {label} (recipe {recipe.path}, [pgo]) need {pre.host} "
                f"at {pre.guest}, which the instrumented build does not have. The recipe's "
                "profile was left as it was.")
    raw.mkdir(parents=True, exist_ok=True)
    runs = []
    t_all = time.monotonic()
    with open(log, "a") as fh:
        fh.write(f"\n==> training {program} (instrumented): {len(training.runs)} runs\n")
    env = dict(recipe.runtime_env) | dict(training.env)
    for index, args in enumerate(training.runs):
        env["LLVM_PROFILE_FILE"] = f"{GUEST_DIR}/{raw_name(index)}"
        t0 = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="wasmkiln-pgo-") as scratch:
            done = wasi_run.run(module, list(args), env=env, preopens=[
                *base, wasi_run.Preopen(Path(scratch), "/tmp", True),
                wasi_run.Preopen(raw, GUEST_DIR, True)])
        seconds = time.monotonic() - t0
        output = (done.stdout + done.stderr).decode(errors="replace")
        with open(log, "a") as fh:
            fh.write(f"--> run {index}: {' '.join(args)} (exit {done.exit_code}, "
                     f"{seconds:.1f} s)\n{output}")
        written = raw / raw_name(index)
        if done.exit_code != 0 or not written.is_file():
            why = (done.trap or f"exit {done.exit_code}" if done.exit_code != 0
                   else f"it wrote no {raw_name(index)}")
            tail = "\n".join(output.strip().splitlines()[-12:])
            raise BuildFailed(
                f"Training run {index} of {label} ({' '.join(args)}; recipe {recipe.path}, "
                f"[pgo] runs) failed: {why}. The instrumented build's output is in {log}. "
                f"The recipe's profile was left as it was.\n{tail}")
        runs.append({"args": list(args), "seconds": round(seconds, 2),
                     "profile_sha256": hashlib.sha256(written.read_bytes()).hexdigest()})
    return {"program": program, "runs": runs, "seconds": round(time.monotonic() - t_all, 2)}
