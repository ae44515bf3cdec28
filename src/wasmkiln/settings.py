"""One typed configuration object, read from the environment once, passed everywhere."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from .errors import WasmkilnError


def _find_root(start: Path) -> Path:
    for candidate in (start, *start.parents):
        if (candidate / "recipes").is_dir() and (candidate / "toolchain.toml").is_file():
            return candidate
    raise WasmkilnError(
        f"No wasmkiln project found at or above {start}: expected a directory holding "
        "recipes/ and toolchain.toml. Run from the project checkout or set WASMKILN_ROOT."
    )


def _paths(value: str | None) -> tuple[Path, ...]:
    if not value:
        return ()
    return tuple(Path(p).expanduser().resolve() for p in value.split(os.pathsep) if p)


class RegistrySettings(NamedTuple):
    """How registries are reached: plain http where asked, retries, and explicit credentials
    (when unset, registry_auth looks in the Docker config file named here)."""

    insecure: bool = False  # WASMKILN_REGISTRY_INSECURE: plain http beyond loopback
    attempts: int = 4  # WASMKILN_REGISTRY_ATTEMPTS: tries per request
    username: str | None = None  # WASMKILN_REGISTRY_USERNAME
    password: str | None = None  # WASMKILN_REGISTRY_PASSWORD (never in repr)
    # $DOCKER_CONFIG/config.json; None: ~/.docker/config.json (`config_file` is the one used)
    docker_config: Path | None = None

    def __repr__(self) -> str:
        shown = self._replace(password="***" if self.password else None)
        return "RegistrySettings(" + ", ".join(
            f"{name}={value!r}" for name, value in zip(self._fields, shown, strict=True)) + ")"

    @property
    def config_file(self) -> Path:
        return self.docker_config or Path.home() / ".docker" / "config.json"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RegistrySettings:
        env = os.environ if env is None else env
        config = env.get("DOCKER_CONFIG")
        return cls(
            insecure=env.get("WASMKILN_REGISTRY_INSECURE", "") not in ("", "0"),
            attempts=int(env_number(env, "WASMKILN_REGISTRY_ATTEMPTS", 4, int)),
            username=env.get("WASMKILN_REGISTRY_USERNAME") or None,
            password=env.get("WASMKILN_REGISTRY_PASSWORD") or None,
            docker_config=Path(config) / "config.json" if config else None,
        )


class DockerSettings(NamedTuple):
    """Which Docker daemon builds use, and whether wasmkiln may start one."""

    host: str | None = None  # DOCKER_HOST (the docker SDK reads it too); None: the local socket
    may_start: bool = True  # False when WASMKILN_NO_DOCKERD is set

    @property
    def where(self) -> str:
        return self.host or "unix:///var/run/docker.sock"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> DockerSettings:
        env = os.environ if env is None else env
        return cls(host=env.get("DOCKER_HOST") or None,
                   may_start=not env.get("WASMKILN_NO_DOCKERD"))


class Settings(NamedTuple):
    """Where things live and which mirrors to use. Environment variables override defaults."""

    root: Path
    output_dir: Path
    cache_dir: Path
    mirror_dirs: tuple[Path, ...] = ()
    # Debian archive base URLs; empty means "read them from apt's configuration".
    debian_archives: tuple[str, ...] = ()
    use_upstream: bool = True
    use_debian: bool = True
    download_timeout: float = 30.0
    # a download that has not finished after this many seconds is given up (next mirror)
    download_deadline: float = 900.0
    jobs: int = os.cpu_count() or 1
    # PEM EC P-256 private key `invoke publish` signs with (a path; the key is never read here)
    signing_key: Path | None = None
    registry: RegistrySettings = RegistrySettings()
    docker: DockerSettings = DockerSettings()
    # SOURCE_DATE_EPOCH: the packaged images' creation time; None: each recipe version's own
    source_date_epoch: int | None = None

    @property
    def recipes_dir(self) -> Path:
        return self.root / "recipes"

    @property
    def patches_dir(self) -> Path:
        return self.root / "patches"

    @property
    def toolchain_file(self) -> Path:
        return self.root / "toolchain.toml"

    @property
    def source_cache(self) -> Path:
        return self.cache_dir / "sources"

    @property
    def work_dir(self) -> Path:
        return self.cache_dir / "work"

    @property
    def memo_dir(self) -> Path:
        """Values derived from small inputs, filed under the inputs' own sha256."""
        return self.cache_dir / "memo"

    @property
    def ledger_dir(self) -> Path:
        """Digests of big files already taken, with the stat identity they were taken at."""
        return self.cache_dir / "verified"

    @property
    def logs_dir(self) -> Path:
        return self.output_dir / "logs"

    @property
    def images_dir(self) -> Path:
        return self.output_dir / "images"

    @property
    def published_dir(self) -> Path:
        """The default `invoke publish` target: one OCI image layout per recipe."""
        return self.output_dir / "published"

    @classmethod
    def from_env(cls, root: Path | None = None) -> Settings:
        env = os.environ
        root = (root or Path(env.get("WASMKILN_ROOT") or _find_root(Path.cwd()))).resolve()
        output = Path(env.get("WASMKILN_OUTPUT", root / "build-output")).resolve()
        cache = Path(env.get("WASMKILN_CACHE", root / ".wasmkiln-cache")).resolve()
        mirrors = _paths(env.get("WASMKILN_MIRROR_DIRS"))
        if not mirrors and (root / "mirror").is_dir():
            mirrors = ((root / "mirror").resolve(),)
        debian = env.get("WASMKILN_DEBIAN_ARCHIVE", "")
        return cls(
            root=root,
            output_dir=output,
            cache_dir=cache,
            mirror_dirs=mirrors,
            debian_archives=tuple(u for u in debian.split() if u and u != "none"),
            use_upstream=env.get("WASMKILN_NO_UPSTREAM", "") == "",
            use_debian=debian.strip() != "none",
            download_timeout=env_number(env, "WASMKILN_DOWNLOAD_TIMEOUT", 30.0, float),
            download_deadline=env_number(env, "WASMKILN_DOWNLOAD_DEADLINE", 900.0, float),
            jobs=int(env_number(env, "WASMKILN_JOBS", os.cpu_count() or 1, int)),
            signing_key=(Path(env["WASMKILN_SIGNING_KEY"]).expanduser()
                         if env.get("WASMKILN_SIGNING_KEY") else None),
            registry=RegistrySettings.from_env(env),
            docker=DockerSettings.from_env(env),
            source_date_epoch=_epoch(env),
        )


def _epoch(env: Mapping[str, str]) -> int | None:
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise WasmkilnError(f"The setting SOURCE_DATE_EPOCH={raw!r} is not valid: it must be a "
                            "whole number of seconds since 1970 (e.g. 1700000000), or unset.")
    return int(raw)


def env_number(env: Mapping[str, str], name: str, default: float,
            kind: type[int] | type[float]) -> float:
    """A positive number from the environment, or an error naming the setting."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = 0
    if not value > 0 or value != value or value == float("inf"):
        what = "a whole number" if kind is int else "a number of seconds"
        raise WasmkilnError(
            f"The setting {name}={raw!r} is not valid: it must be {what} greater than 0. "
            f"Unset it to use the default ({default:g}) or set it to e.g. {name}={default:g}."
        )
    return value
