"""Run one job's build driver in a builder container and stream its log."""

from __future__ import annotations

import contextlib
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docker
import docker.errors
from docker.models.containers import Container

from . import processes
from .errors import BuildFailed, BuildInterrupted
from .plan import Job
from .progress import Status
from .toolchain import DEPS_DIR, PREFIX_DIR, SCRIPTS_DIR, SRC_DIR

LABEL = "io.wasmkiln.job"
OWNER_LABEL = "io.wasmkiln.owner-pid"  # the farm process that runs the container
DRIVER = "/opt/wasmkiln/build.sh"
# a sibling build's driver files, scratch directory and variants' output directories
SIBLING_DRIVERS = "/opt/wasmkiln/siblings/drivers"
SIBLING_SCRATCH = "/opt/wasmkiln/siblings/scratch"
SIBLING_OUTPUTS = "/opt/wasmkiln/siblings/out"


@dataclass(frozen=True)
class Mounts:
    src: Path
    deps: Path
    prefix: Path
    driver: Path
    scripts: Path
    profiles: Path | None = None  # a profile-guided build's profile (pgo.PROFILE_DIR)

    def volumes(self) -> dict[str, dict[str, str]]:
        return {**_tree_volumes(self.src, self.deps, self.scripts, self.prefix),
                str(self.driver): {"bind": DRIVER, "mode": "ro"},
                **_profile_volume(self.profiles)}


def _profile_volume(profiles: Path | None) -> dict[str, dict[str, str]]:
    """A profile-guided build's profile folder, read-only where pgo.USE_CFLAGS look."""
    if profiles is None:
        return {}
    from .pgo import PROFILE_DIR

    return {str(profiles): {"bind": PROFILE_DIR, "mode": "ro"}}


def _tree_volumes(src: Path, deps: Path, scripts: Path, prefix: Path) -> dict[str, dict[str, str]]:
    """What every build container mounts: the source tree, the dependencies' prefix, the
    recipe's scripts and the prefix it installs into, at the paths the environment names."""
    return {
        str(src): {"bind": SRC_DIR, "mode": "rw"},
        str(deps): {"bind": DEPS_DIR, "mode": "ro"},
        str(scripts): {"bind": SCRIPTS_DIR, "mode": "ro"},
        str(prefix): {"bind": PREFIX_DIR, "mode": "rw"},
    }


def container_name(job: Job) -> str:
    """Unique per farm process: two farms (two output dirs, or CI beside a developer) may build
    the same job at once on one daemon."""
    return f"wasmkiln-{job.name}-{job.cache_key[:16]}-{os.getpid()}"


def remove_dead(client: docker.DockerClient) -> int:
    """Remove the containers of farm runs that are gone (killed hard, e.g. SIGKILL): a build,
    optimise or engine container whose farm process no longer runs. A live farm's containers
    are left alone; so is a running container that names no owner. Returns how many went."""
    removed = 0
    for c in client.containers.list(all=True, filters={"label": LABEL}):
        owner = c.labels.get(OWNER_LABEL, "")  # ours count as dead: called when we are done
        if owner.isdigit():
            if int(owner) != os.getpid() and processes.alive(int(owner)):
                continue
        elif c.status == "running":
            continue
        with contextlib.suppress(docker.errors.DockerException):
            c.remove(force=True)
            removed += 1
    return removed


class Stop:
    """The containers of one build that run on several threads (the engines beside AOT, a
    variant's finish beside the next variant's compile): `stop` removes those running and any
    started after it, so a failure or Ctrl-C on one thread leaves nothing running on another."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stopped = False
        self._running: set[str] = set()

    @property
    def stopped(self) -> bool:
        return self._stopped

    def started(self, container_id: str) -> bool:
        """Note a created container; False when the build was stopped (remove it unstarted)."""
        with self._lock:
            if self._stopped:
                return False
            self._running.add(container_id)
            return True

    def ended(self, container_id: str) -> None:
        with self._lock:
            self._running.discard(container_id)

    def stop(self, client: docker.DockerClient) -> None:
        """Remove the running containers (with the caller's own client: clients are not
        shared between threads) and refuse any later one."""
        with self._lock:
            self._stopped = True
            running = list(self._running)
        for container_id in running:
            with contextlib.suppress(docker.errors.DockerException):
                client.api.remove_container(container_id, force=True)


@contextlib.contextmanager
def _container(client: docker.DockerClient, stop: Stop | None, image: str,
               command: list[str], label: str, **options: Any) -> Iterator[Container]:
    """A created container, as this user, labelled with `label` and as this process's (what
    remove_dead finds); it may start unless its build was stopped meanwhile (`stop`), and it
    is removed however the block ends."""
    container = client.containers.create(
        image, command, user=f"{os.getuid()}:{os.getgid()}", detach=True,
        labels={LABEL: label, OWNER_LABEL: str(os.getpid())}, **options)
    if stop is not None and not stop.started(container.id):
        with contextlib.suppress(docker.errors.DockerException):
            container.remove(force=True)
        raise BuildInterrupted("The build was stopped before this container started.")
    try:
        yield container
    finally:
        if stop is not None:
            stop.ended(container.id)
        with contextlib.suppress(docker.errors.DockerException):
            container.remove(force=True)


def oneshot(client: docker.DockerClient, image: str, script: str,
            volumes: dict[str, dict[str, str]], label: str,
            stop: Stop | None = None) -> tuple[int, str]:
    """Run a bash script in a network-less container as this user; (exit code, its output).
    With `stop`, the container is one of a build's that `stop.stop` removes."""
    with _container(client, stop, image, ["bash", "-c", script], label, volumes=volumes,
                    network_mode="none") as container:
        container.start()
        code = container.wait().get("StatusCode", 1)
        return code, container.logs().decode(errors="replace")


def run(client: docker.DockerClient, image: str, job: Job, mounts: Mounts,
        env: dict[str, str], log: Path, what: str = "") -> None:
    """Run the driver; on failure raise BuildFailed with the log's last lines and path.
    `what` tells this run apart where a build has two (" (instrumented)")."""
    status = Status(f"build {job.label}{what}")
    _drive(client, image, ["bash", DRIVER], job, mounts.volumes(), env, log, status)
    check_outputs(job, mounts.prefix, log)
    status.done(f"compiled in {status.elapsed():.1f} s")


@dataclass(frozen=True)
class SiblingMounts:
    """A sibling build (plan.siblings): the tree and dependencies as for one job, the driver
    files (driver.render_siblings), a scratch prefix the variants install into in turn, a
    scratch directory, and each variant's own output directory."""
    src: Path
    deps: Path
    drivers: Path
    scripts: Path
    prefix: Path
    scratch: Path
    outputs: tuple[Path, ...]
    profiles: Path | None = None  # the profile the siblings share (pgo.PROFILE_DIR)

    def volumes(self) -> dict[str, dict[str, str]]:
        return {
            **_tree_volumes(self.src, self.deps, self.scripts, self.prefix),
            str(self.drivers): {"bind": SIBLING_DRIVERS, "mode": "ro"},
            str(self.scratch): {"bind": SIBLING_SCRATCH, "mode": "rw"},
            **{str(out): {"bind": f"{SIBLING_OUTPUTS}/{i}", "mode": "rw"}
               for i, out in enumerate(self.outputs)},
            **_profile_volume(self.profiles),
        }


def run_siblings(client: docker.DockerClient, image: str, jobs: tuple[Job, ...],
                 mounts: SiblingMounts, env: dict[str, str], log: Path,
                 markers: dict[str, Callable[[], None]] | None = None,
                 stop: Stop | None = None) -> None:
    """Run a sibling driver: one container builds every job of `jobs`, each into its own
    output directory (mounts.outputs, in the same order); BuildFailed as `run` says. Each of
    `markers` (a line the driver prints, driver.variant_marker) calls its function when it
    comes, while the container goes on; those lines are not logged. With `stop`, the container
    is one of a build's that `stop.stop` removes."""
    label = sibling_label(jobs)
    status = Status(f"build {label}")
    _drive(client, image, ["bash", f"{SIBLING_DRIVERS}/build.sh"], jobs[0], mounts.volumes(),
           env, log, status, markers or {}, stop)
    for job, out in zip(jobs, mounts.outputs, strict=True):
        check_outputs(job, out, log)
    status.done(f"compiled {len(jobs)} variants in {status.elapsed():.1f} s")


def sibling_label(jobs: tuple[Job, ...]) -> str:
    first = jobs[0]
    return (f"{first.recipe.name} {first.version.version} "
            f"({', '.join(j.variant.name for j in jobs)})")


def _drive(client: docker.DockerClient, image: str, command: list[str], job: Job,
           volumes: dict[str, dict[str, str]], env: dict[str, str], log: Path,
           status: Status, markers: dict[str, Callable[[], None]] | None = None,
           stop: Stop | None = None) -> None:
    """Run `command` in a hermetic container named after `job`, streaming its output to `log`
    and `status`; BuildFailed (naming what `status` builds) when it exits non-zero. A line
    that is one of `markers` calls its function instead of being logged."""
    markers = markers or {}
    label = status.title.removeprefix("build ")
    tail: deque[str] = deque(maxlen=30)
    with _container(
        client, stop, image, command, job.cache_key, name=container_name(job),
        environment=env, volumes=volumes, working_dir=SRC_DIR,
        network_mode="none",  # builds are hermetic: sources come only from the fetch stage
    ) as container:
        container.start()
        pending = b""
        with open(log, "wb") as fh:
            for chunk in container.logs(stream=True, follow=True):
                pending += chunk
                *lines, pending = pending.split(b"\n")
                for raw in lines:
                    line = raw.decode(errors="replace").rstrip()
                    if line in markers:
                        fh.flush()
                        markers[line]()
                        continue
                    fh.write(raw + b"\n")
                    if line:
                        tail.append(line)
                        status.update(line.strip())
            if pending:
                fh.write(pending)
                tail.append(pending.decode(errors="replace"))
        code = container.wait().get("StatusCode", 1)
    if code != 0:
        raise BuildFailed(
            f"Build of {label} failed in the builder container (exit {code}). Full log: "
            f"{log}. The previous output, if any, is untouched. Last lines:\n" + "\n".join(tail)
        )


def check_outputs(job: Job, prefix: Path, log: Path) -> None:
    """BuildFailed unless every output `job` declares is a file under `prefix`."""
    missing = [out for out in job.steps.outputs if not (prefix / out).is_file()]
    if missing:
        raise BuildFailed(
            f"Build of {job.label} finished but did not produce {', '.join(missing)} under the "
            f"prefix, which {job.recipe.path} declares as outputs. Log: {log}."
        )
