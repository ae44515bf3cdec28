"""Builder images: the base (pulled, or bootstrapped offline) and the toolchain image on top."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
import threading
from collections import deque
from pathlib import Path

import docker
import docker.errors

from . import debian_archive
from .errors import BuilderError
from .progress import Status
from .toolchain import Toolchain

_PULL_TIMEOUT = 120.0


def _has_image(client: docker.DockerClient, ref: str) -> bool:
    try:
        client.images.get(ref)
        return True
    except docker.errors.ImageNotFound:
        return False


def _try_pull(client: docker.DockerClient, ref: str) -> str | None:
    """Pull `ref`; return None on success or the reason it failed (bounded in time)."""
    result: list[str | None] = []

    def pull() -> None:
        try:
            repo, _, tag = ref.partition(":")
            client.images.pull(repo, tag=tag or "latest")
            result.append(None)
        except docker.errors.DockerException as exc:
            result.append(str(exc).splitlines()[0][:300])

    worker = threading.Thread(target=pull, daemon=True)
    worker.start()
    worker.join(_PULL_TIMEOUT)
    if not result:
        return f"no answer within {_PULL_TIMEOUT:.0f} s"
    return result[0]


def ensure_base(client: docker.DockerClient, tc: Toolchain, log_dir: Path) -> str:
    """Make sure `tc.base_tag` exists locally; return how it was obtained."""
    if _has_image(client, tc.base_tag):
        return "present"
    reason = _try_pull(client, tc.base_image)
    if reason is None:
        client.images.get(tc.base_image).tag(*tc.base_tag.split(":", 1))
        return f"pulled {tc.base_image}"
    print(f"wasmkiln: cannot pull {tc.base_image} ({reason}); bootstrapping it offline with "
          f"debootstrap --variant=minbase {tc.suite} (about 30-60 s)", flush=True)
    bootstrap_base(client, tc, log_dir)
    return f"bootstrapped {tc.suite} with debootstrap (pull failed: {reason})"


def bootstrap_base(client: docker.DockerClient, tc: Toolchain, log_dir: Path) -> None:
    tool = shutil.which("debootstrap")
    if tool is None or os.geteuid() != 0:
        raise BuilderError(
            f"The base image {tc.base_image} cannot be pulled and cannot be bootstrapped here: "
            + ("debootstrap is not installed (apt-get install debootstrap)" if tool is None
               else "debootstrap needs root")
            + f". Load a Debian {tc.suite} image yourself and tag it {tc.base_tag}."
        )
    mirror = tc.mirror
    archives = debian_archive.apt_archives()
    if archives and archives[0] != debian_archive.DEFAULT_ARCHIVE:
        mirror = archives[0]  # a farm's own apt mirror works for debootstrap too
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / "debootstrap.log"
    with tempfile.TemporaryDirectory(prefix="wasmkiln-base-") as tmp:
        root = Path(tmp) / "root"
        with open(log, "wb") as fh:
            proc = subprocess.run([tool, "--variant=minbase", tc.suite, str(root), mirror],
                                  stdout=fh, stderr=subprocess.STDOUT)
        if proc.returncode != 0:
            raise BuilderError(
                f"debootstrap of Debian {tc.suite} from {mirror} failed (exit "
                f"{proc.returncode}); see {log}. The base image {tc.base_tag} was not created."
            )
        archive = Path(tmp) / "rootfs.tar"
        with tarfile.open(archive, "w") as tar:
            for entry in sorted(os.listdir(root)):
                tar.add(root / entry, arcname=entry)
        repo, _, tag = tc.base_tag.partition(":")
        client.api.import_image_from_file(str(archive), repository=repo, tag=tag)
    if not _has_image(client, tc.base_tag):
        raise BuilderError(
            f"docker import of the bootstrapped rootfs did not create {tc.base_tag}.")


def ensure_builder(client: docker.DockerClient, tc: Toolchain, log_dir: Path) -> str:
    """Build the toolchain image if its tag (the digest of the Dockerfile) is missing; return ID."""
    return ensure_image(client, tc, tc.dockerfile(), tc.image_tag, log_dir, "builder")


def ensure_engines(client: docker.DockerClient, tc: Toolchain, log_dir: Path) -> str:
    """The image with the other WASI engines (WasmEdge, Node) the smoke matrix runs on."""
    return ensure_image(client, tc, tc.engines_dockerfile(), tc.engines_tag, log_dir, "engines")


def ensure_verifier(client: docker.DockerClient, tc: Toolchain, log_dir: Path) -> str:
    """The image with Debian's cosign, which checks signatures independently of wasmkiln."""
    return ensure_image(client, tc, tc.verifier_dockerfile(), tc.verifier_tag, log_dir,
                        "verifier")


def ensure_image(client: docker.DockerClient, tc: Toolchain, dockerfile: str, tag: str,
                 log_dir: Path, what: str) -> str:
    """Build `dockerfile` as `tag` on top of the base unless that tag exists; return its ID."""
    try:
        return str(client.images.get(tag).id)
    except docker.errors.ImageNotFound:
        pass
    ensure_base(client, tc, log_dir)
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"{what}-{tag.rsplit(':', 1)[-1]}.log"
    status = Status(f"{what} {tag}")
    tail: deque[str] = deque(maxlen=25)
    error = None
    with open(log, "w") as fh:
        for chunk in client.api.build(fileobj=io.BytesIO(dockerfile.encode()), tag=tag, rm=True,
                                      forcerm=True, decode=True, pull=False):
            line = chunk.get("stream") or chunk.get("status") or ""
            if "error" in chunk:
                error = chunk["error"]
                line = error
            for part in line.splitlines():
                fh.write(part + "\n")
                if part.strip():
                    tail.append(part)
                    status.update(part.strip())
    if error is not None or not _has_image(client, tag):
        raise BuilderError(
            f"Building the {what} image {tag} from toolchain.toml failed: {error}. A pinned "
            "package version may have left the archive; update toolchain.toml. "
            f"Log: {log}. Last lines:\n" + "\n".join(tail)
        )
    status.done(f"built in {status.elapsed():.0f} s (log {log})")
    return str(client.images.get(tag).id)
