"""Resolve an application's requirements to pure-Python wheels with the host's pip, and install
them deterministically.

A WASI interpreter can load no native extension, so only wheels tagged `none-any` (pure Python)
will do: pip is asked for those alone, for the interpreter's version (`--platform any --abi none
--implementation py --python-version X.Y --only-binary=:all:`). When that fails, a second
resolution for this host names every package that has no pure wheel, in one error. Requirements
that carry `--hash` are checked by pip in its hash-checking mode (`--require-hashes`); either
way each wheel's sha256 is recorded (the SBOM lists it).

Installing is unzipping, the way a wheel is specified to be installed, without pip: the files
go into one directory (`*.data/purelib` and `platlib` into it too, scripts, headers and data
are left out), no .pyc, no INSTALLER/direct_url.json, so the result depends on the wheels'
bytes alone.
"""

from __future__ import annotations

import email.parser
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import WasmkilnError

PURE_TAGS = ["--only-binary=:all:", "--platform", "any", "--abi", "none",
             "--implementation", "py"]
# name-version(-build)?-python-abi-platform.whl (PEP 427; names escaped with _)
_WHEEL_NAME = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+)(?:-\d[^-]*)?"
                         r"-(?P<py>[^-]+)-(?P<abi>[^-]+)-(?P<plat>[^-]+)\.whl$")
PIP_TIMEOUT = 600  # seconds one pip run may take


class RequirementsError(WasmkilnError):
    """Requirements that cannot be met with pure-Python wheels, or that pip could not resolve."""


@dataclass(frozen=True)
class Wheel:
    """One resolved wheel: its project name and version (from its METADATA), file, sha256."""

    name: str
    version: str
    filename: str
    path: Path
    sha256: str

    @property
    def purl(self) -> str:
        return f"pkg:pypi/{canonical_name(self.name)}@{self.version}"


def canonical_name(name: str) -> str:
    """PEP 503's normalised project name: lowercase, runs of -_. as one '-'."""
    return re.sub(r"[-_.]+", "-", name).lower()


def is_pure(filename: str) -> bool:
    """Whether a wheel file name's tags say pure Python (abi none, platform any)."""
    match = _WHEEL_NAME.match(filename)
    return bool(match and match["abi"] == "none" and match["plat"] == "any"
                and all(t.startswith("py") for t in match["py"].split(".")))


def has_hashes(requirements_text: str) -> bool:
    return "--hash" in requirements_text


def pip_download_args(requirements: Path, dest: Path, python: str) -> list[str]:
    """The pip command that fetches only pure wheels for Python `python` (e.g. "3.13")."""
    args = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check",
            "--no-input", "--progress-bar", "off", *PURE_TAGS, "--python-version", python,
            "--dest", str(dest), "--requirement", str(requirements)]
    if has_hashes(requirements.read_text(errors="replace")):
        args.append("--require-hashes")
    return args


def resolve(requirements: Path, dest: Path, python: str) -> list[Wheel]:
    """Download pure-Python wheels for `requirements` (and everything they need) into `dest`;
    a RequirementsError names each package that has none, or what pip said."""
    if not requirements.is_file():
        raise RequirementsError(f"--requirements {requirements}: no such file.")
    dest.mkdir(parents=True, exist_ok=True)
    done = _pip(pip_download_args(requirements, dest, python))
    if done.returncode != 0:
        raise _explain(requirements, python, done.stdout + done.stderr)
    wheels = sorted((describe(p) for p in dest.glob("*.whl")),
                    key=lambda w: (canonical_name(w.name), w.filename))
    impure = [w.filename for w in wheels if not is_pure(w.filename)]
    if impure:  # pip honoured the tags; this is a guard against a misconfigured index
        raise RequirementsError(f"pip returned wheels that are not pure Python: "
                                f"{', '.join(impure)}; nothing was packaged.")
    return wheels


def describe(path: Path) -> Wheel:
    """A wheel's name and version from its METADATA, and its sha256."""
    try:
        with zipfile.ZipFile(path) as archive:
            metadata = next((n for n in archive.namelist()
                             if n.count("/") == 1 and n.endswith(".dist-info/METADATA")), None)
            if metadata is None:
                raise RequirementsError(f"{path.name} has no .dist-info/METADATA: not a wheel.")
            fields = email.parser.HeaderParser().parsestr(
                archive.read(metadata).decode("utf-8", errors="replace"))
    except zipfile.BadZipFile:
        raise RequirementsError(f"{path.name} is not a zip archive: not a wheel.") from None
    return Wheel(fields["Name"], fields["Version"], path.name, path,
                 hashlib.sha256(path.read_bytes()).hexdigest())


def install(wheels: list[Wheel], target: Path) -> None:
    """Unpack the wheels into `target` (a site-packages directory), refusing members that
    would land outside it and two wheels that both ship the same file."""
    owner: dict[str, str] = {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel.path) as archive:
            for info in sorted(archive.infolist(), key=lambda i: i.filename):
                if info.is_dir():
                    continue
                rel = _installed_path(info.filename)
                if rel is None:
                    continue
                parts = PurePosixPath(rel).parts
                if PurePosixPath(rel).is_absolute() or ".." in parts or not parts:
                    raise RequirementsError(f"{wheel.filename} holds {info.filename!r}, which "
                                            "would land outside site-packages; refused.")
                if rel in owner:
                    raise RequirementsError(f"{wheel.filename} and {owner[rel]} both install "
                                            f"{rel}; drop one of them from the requirements.")
                owner[rel] = wheel.filename
                out = target.joinpath(*parts)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(archive.read(info))


def _installed_path(member: str) -> str | None:
    """Where a wheel member goes relative to site-packages (None: not installed)."""
    first, _, rest = member.partition("/")
    if not first.endswith(".data"):
        return member
    kind, _, inner = rest.partition("/")
    return inner if kind in ("purelib", "platlib") and inner else None


# -- explaining a failed resolution ------------------------------------------------------------

def _explain(requirements: Path, python: str, pip_output: str) -> RequirementsError:
    """Name each package without a pure wheel (found by resolving for this host and asking for
    a pure wheel of each impure pick), or fall back to pip's own last words."""
    said = _pip_said(pip_output)
    mismatched = re.findall(r"^\s+(\S+) from \S+.*\n\s+Expected sha256 (\w+)\n\s+Got\s+(\w+)",
                            pip_output, re.M)
    if mismatched:
        listed = "; ".join(f"{what}: the file has sha256 {got}, the requirements say {want}"
                           for what, want, got in mismatched)
        return RequirementsError(
            f"--requirements {requirements}: pip's hash check failed for {listed}. Nothing was "
            "packaged; if the versions were updated on purpose, update their hashes.")
    unhashed = re.findall(r"^\s+(\S+ --hash=sha256:\w+)", pip_output, re.M)
    if unhashed and "Hashes are required" in pip_output:
        return RequirementsError(
            f"--requirements {requirements}: some requirements carry hashes, so every package "
            "needs one (pip's hash-checking mode), dependencies too; add these lines, with the "
            f"hashes of the files pip was served: {'; '.join(unhashed)}. Nothing was packaged.")
    lacking = _packages_without_pure_wheels(requirements, python)
    if lacking:
        listed = "; ".join(f"{name} {version} (it has {what})" for name, version, what in lacking)
        return RequirementsError(
            f"--requirements {requirements}: {len(lacking)} package(s) have no pure-Python "
            f"wheel for Python {python}, and a WASI interpreter cannot load native code: "
            f"{listed}. Nothing was packaged. Choose pure-Python alternatives (a py3-none-any "
            "wheel on the package index), or vendor a pure-Python fallback into the app.")
    return RequirementsError(
        f"--requirements {requirements}: pip could not resolve them to pure-Python wheels for "
        f"Python {python}; nothing was packaged. pip said: {said}")


def _packages_without_pure_wheels(requirements: Path, python: str
                                  ) -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory(prefix="wasmkiln-pip-") as tmp:
        report = Path(tmp) / "report.json"
        host = _pip([sys.executable, "-m", "pip", "install", "--disable-pip-version-check",
                     "--no-input", "--dry-run", "--ignore-installed", "--quiet",
                     "--report", str(report), "--requirement", str(requirements)])
        if host.returncode != 0 or not report.is_file():
            return []
        picks = json.loads(report.read_text()).get("install", [])
        lacking = []
        for pick in picks:
            url = pick.get("download_info", {}).get("url", "")
            filename = url.rsplit("/", 1)[-1]
            if is_pure(filename):
                continue
            meta = pick.get("metadata", {})
            name, version = meta.get("name", filename), meta.get("version", "?")
            probe = _pip([sys.executable, "-m", "pip", "download", "--disable-pip-version-check",
                          "--no-input", "--no-deps", *PURE_TAGS, "--python-version", python,
                          "--dest", str(Path(tmp) / "probe"), f"{name}=={version}"])
            if probe.returncode != 0:
                what = ("only platform-specific wheels" if filename.endswith(".whl")
                        else "no wheel for this platform, only a source distribution")
                lacking.append((name, version, what))
        return sorted(lacking, key=lambda found: canonical_name(found[0]))


def _pip(args: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=PIP_TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise RequirementsError(f"pip did not finish within {PIP_TIMEOUT} s "
                                f"({' '.join(args[3:5])}); is the package index reachable?"
                                ) from None


def _pip_said(output: str) -> str:
    """pip's ERROR lines (or its last lines), joined."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line.removeprefix("ERROR: ") for line in lines if line.startswith("ERROR:")]
    return " ".join(errors or lines[-3:])[:1200]
