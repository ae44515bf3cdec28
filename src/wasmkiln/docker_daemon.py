"""Find a Docker daemon, or start one when this machine can; fail in one clear paragraph."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import docker
import docker.errors

from .errors import DockerUnavailable
from .settings import DockerSettings

_START_TIMEOUT = 60.0


def _ping() -> docker.DockerClient | None:
    try:
        client = docker.from_env(timeout=600)
        client.ping()
        return client
    except (docker.errors.DockerException, OSError):
        return None


def connect(log_dir: Path, config: DockerSettings | None = None) -> docker.DockerClient:
    """A client for a live daemon; starts `dockerd` in the background if none answers and
    `config` allows it (default: the settings read from the environment now)."""
    config = config or DockerSettings.from_env()
    client = _ping()
    if client is not None:
        return client
    host = config.where
    dockerd = shutil.which("dockerd")
    why = ""
    if not config.may_start:
        why = "starting one was not allowed (WASMKILN_NO_DOCKERD is set)"
    elif config.host:
        why = "DOCKER_HOST names a remote daemon, which wasmkiln does not start"
    elif dockerd is None:
        why = "no dockerd program is installed (apt-get install docker.io)"
    elif os.geteuid() != 0:
        why = "starting dockerd needs root; ask for it or start Docker yourself"
    else:
        log_dir.mkdir(parents=True, exist_ok=True)
        log = log_dir / "dockerd.log"
        with open(log, "ab") as fh:
            subprocess.Popen([dockerd], stdout=fh, stderr=fh, stdin=subprocess.DEVNULL,
                             start_new_session=True)
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            client = _ping()
            if client is not None:
                print(f"wasmkiln: started a Docker daemon (log: {log})", flush=True)
                return client
            time.sleep(0.5)
        why = f"dockerd was started but did not answer within {_START_TIMEOUT:.0f} s (see {log})"
    raise DockerUnavailable(
        f"No Docker daemon answers at {host}, and none could be started: {why}. Builds run "
        "inside builder containers, so wasmkiln needs one; nothing was built or changed."
    )

