"""Registry credentials, looked up the way docker and oras users expect.

Order: WASMKILN_REGISTRY_USERNAME/WASMKILN_REGISTRY_PASSWORD; then the Docker config file
($DOCKER_CONFIG/config.json or ~/.docker/config.json): a credential helper named for the host
(`credHelpers`), the default store (`credsStore`), or an inline `auths` entry.
"""

from __future__ import annotations

import base64
import json
import subprocess
from dataclasses import dataclass

from .errors import WasmkilnError
from .settings import RegistrySettings


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str
    origin: str  # where they came from, for messages (never the secret)


def lookup(host: str, settings: RegistrySettings) -> Credentials | None:
    if settings.username and settings.password:
        return Credentials(settings.username, settings.password,
                           "WASMKILN_REGISTRY_USERNAME/PASSWORD")
    path = settings.config_file
    try:
        config = json.loads(path.read_text())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise WasmkilnError(f"Docker config file {path} cannot be read as JSON ({exc}).") from None
    helper = config.get("credHelpers", {}).get(host) or config.get("credsStore")
    if helper:
        found = _from_helper(helper, host)
        if found is not None:
            return found
    for key, entry in config.get("auths", {}).items():
        if _host_of(key) == host and isinstance(entry, dict) and entry.get("auth"):
            try:
                user, _, password = base64.b64decode(entry["auth"]).decode().partition(":")
            except ValueError:
                raise WasmkilnError(f"Docker config file {path}: auths.{key}.auth is not "
                                    "base64 of USER:PASSWORD.") from None
            return Credentials(user, password, f"{path} (auths.{key})")
    return None


def _host_of(key: str) -> str:
    """auths keys may be bare hosts or URLs like https://index.docker.io/v1/."""
    key = key.split("://", 1)[-1]
    return key.split("/", 1)[0]


def _from_helper(helper: str, host: str) -> Credentials | None:
    program = f"docker-credential-{helper}"
    try:
        done = subprocess.run([program, "get"], input=host, capture_output=True, text=True,
                              timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    try:
        data = json.loads(done.stdout)
        return Credentials(data["Username"], data["Secret"], f"credential helper {program}")
    except (ValueError, KeyError, TypeError):
        return None
