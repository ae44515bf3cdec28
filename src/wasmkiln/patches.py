"""Find a version's patch series and apply it in order, failing loudly on drift."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import PatchError
from .recipe import Recipe, Version

_PATCH_NAME = re.compile(r"\d{4}-[A-Za-z0-9._-]+\.patch")


@dataclass(frozen=True)
class Patch:
    path: Path
    sha256: str

    @property
    def name(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}"


def series(patches_dir: Path, recipe: Recipe, version: Version) -> tuple[Patch, ...]:
    """The patches for `version`, in order; an empty tuple when the version declares none."""
    if version.patches is None:
        return ()
    own = patches_dir / recipe.name
    folder = own / version.patches
    named = Path(version.patches)
    if (named.is_absolute() or ".." in named.parts or not version.patches.strip()
            or not folder.resolve().is_relative_to(own.resolve())):
        raise PatchError(
            f"Recipe '{recipe.name}' version {version.version} names the patch series "
            f"{version.patches!r} in {recipe.path}; a series is a folder name under {own} "
            f"(e.g. patches = \"{version.version.rsplit('.', 1)[0]}\"), not a path elsewhere."
        )
    if not folder.is_dir():
        raise PatchError(
            f"Recipe '{recipe.name}' version {version.version} names the patch series "
            f"'{version.patches}', but {folder} does not exist. Create it with the "
            f"NNNN-name.patch files this version needs, or drop 'patches' from "
            f"[versions.\"{version.version}\"] in {recipe.path}."
        )
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if not _PATCH_NAME.fullmatch(path.name):
            raise PatchError(
                f"{path} is in the patch series of '{recipe.name}' {version.version} but is not "
                "named NNNN-short-name.patch; rename it so the order is explicit."
            )
        data = path.read_bytes()
        if not _has_header(data):
            raise PatchError(
                f"Patch {path} has no header: write a few lines before the first diff saying "
                "why the patch exists and whether it can go upstream."
            )
        found.append(Patch(path, hashlib.sha256(data).hexdigest()))
    return tuple(found)


def _has_header(data: bytes) -> bool:
    for line in data.decode(errors="replace").splitlines():
        if line.startswith(("--- ", "diff ", "Index: ")):
            return False
        if line.strip():
            return True
    return False


def apply_series(patches: tuple[Patch, ...], tree: Path) -> None:
    """Apply each patch with `patch -p1`; a patch that does not apply names itself and the hunk."""
    if not patches:
        return
    tool = shutil.which("patch")
    if tool is None:
        raise PatchError("The 'patch' program is missing on this machine; install it (apt-get "
                         "install patch) or run ./kiln, which installs what the farm needs.")
    for patch in patches:
        # --fuzz=0: every context line must match (an offset is fine, ignored context is not)
        base = [tool, "-p1", "--forward", "--batch", "--fuzz=0", "--no-backup-if-mismatch",
                "-d", str(tree),
                "-i", str(patch.path)]
        dry = subprocess.run([*base, "--dry-run"], capture_output=True, text=True)
        if dry.returncode != 0:
            raise PatchError(_describe_failure(patch, dry.stdout + dry.stderr))
        real = subprocess.run(base, capture_output=True, text=True)
        if real.returncode != 0:  # dry run passed, so this is a disk or permission problem
            raise PatchError(f"Patch {patch.path} passed a dry run but failed to apply: "
                             f"{(real.stdout + real.stderr).strip()}")


def _describe_failure(patch: Patch, output: str) -> str:
    text = patch.path.read_text(errors="replace")
    failed = re.findall(r"Hunk #(\d+) FAILED at (\d+)", output)
    file_match = re.findall(r"(?:checking|patching) file (\S+)", output)
    if failed and file_match:
        # patch reports failures after the "patching file" line of the file they belong to
        target = _file_of_first_failure(output) or file_match[-1]
        number = int(failed[0][0])
        hunk = hunk_text(text, target, number) or "(hunk text not found)"
        return (
            f"Patch {patch.name} ({patch.path}) no longer applies: hunk #{number} for {target} "
            f"was rejected (expected near line {failed[0][1]}). The source has drifted from what "
            f"the patch expects; refresh the patch against this version. Rejected hunk:\n{hunk}"
        )
    if "can't find file to patch" in output or "No file to patch" in output:
        return (f"Patch {patch.name} ({patch.path}) does not apply: it names a file that is "
                f"not in the source tree. patch said: {_one_line(output)}")
    if "Reversed (or previously applied)" in output:
        return (f"Patch {patch.name} ({patch.path}) does not apply: the change is already in "
                "the source (upstream took it?); remove the patch from the series.")
    return f"Patch {patch.name} ({patch.path}) does not apply. patch said: {_one_line(output)}"


def _one_line(text: str) -> str:
    return " ".join(text.split())[:600]


def _file_of_first_failure(output: str) -> str | None:
    current = None
    for line in output.splitlines():
        m = re.match(r"(?:checking|patching) file (\S+)", line)
        if m:
            current = m.group(1)
        elif "FAILED" in line and current:
            return current
    return None


def hunk_text(patch_text: str, target: str, number: int) -> str | None:
    """The text of hunk `number` (1-based) of the file section for `target` in a unified diff."""
    in_file = False
    count = 0
    lines: list[str] = []
    for line in patch_text.splitlines():
        if line.startswith("+++ "):
            path = line[4:].split("\t")[0].strip()
            in_file = path == target or path.split("/", 1)[-1] == target
            if lines:
                break
            continue
        if not in_file:
            continue
        if line.startswith("@@"):
            count += 1
            if lines:
                break
            if count == number:
                lines.append(line)
            continue
        if lines and line.startswith(("--- ", "diff ")):
            break
        if lines:
            lines.append(line)
    return "\n".join(lines) if lines else None
