"""Talking to one OCI registry repository through oras-py: blobs and manifests by digest, tags,
credentials, and retries with backoff on transient failures (connection errors, 429, 5xx).

oras' own `do_request` retries five times with 3**n-second sleeps and its manifest upload
re-serialises JSON (which would change digests); this client keeps oras' HTTP session and
auth backends but sends exact bytes and owns the retry policy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import oras.auth
import oras.provider
import requests

from . import registry_auth
from .errors import WasmkilnError
from .settings import RegistrySettings

TRANSIENT_STATUS = {429, 500, 502, 503, 504}
LOOPBACK = ("localhost", "127.0.0.1", "[::1]")


class RegistryError(WasmkilnError):
    """A registry refused or failed a request (after retries where it could be transient)."""


@dataclass(frozen=True)
class Reference:
    """HOST[:PORT]/REPOSITORY, the place one recipe's tags live."""

    host: str
    repository: str

    @classmethod
    def parse(cls, text: str) -> Reference:
        scheme, sep, _rest = text.partition("://")
        if sep:
            raise WasmkilnError(
                f"Registry reference {text!r} starts with {scheme}://, but references name no "
                "scheme: write HOST[:PORT]/REPOSITORY (e.g. ghcr.io/acme/wasm). Registries on "
                "127.0.0.1/localhost are spoken to over plain HTTP, others over HTTPS unless "
                "WASMKILN_REGISTRY_INSECURE=1 is set."
            )
        host, _, repository = text.partition("/")
        if not repository or ("." not in host and ":" not in host and host != "localhost"):
            raise WasmkilnError(
                f"Registry reference {text!r} must look like HOST[:PORT]/REPOSITORY "
                "(e.g. ghcr.io/acme/wasm or 127.0.0.1:5000/wasmkiln)."
            )
        if repository != repository.lower() or ":" in repository or "@" in repository:
            raise WasmkilnError(
                f"Registry reference {text!r}: the repository part must be lowercase and carry "
                "no tag or digest (wasmkiln chooses the tags)."
            )
        return cls(host, repository.strip("/"))

    def child(self, name: str) -> Reference:
        return Reference(self.host, f"{self.repository}/{name}")

    def __str__(self) -> str:
        return f"{self.host}/{self.repository}"


@dataclass
class Stats:
    blobs_uploaded: int = 0
    bytes_uploaded: int = 0
    blobs_present: int = 0
    manifests_uploaded: int = 0
    manifests_present: int = 0
    tags_set: list[str] = field(default_factory=list)
    tags_unchanged: list[str] = field(default_factory=list)


class _Oras(oras.provider.Registry):
    """oras' Registry with its retry decorator taken off (RegistryClient retries instead)."""

    def do_request(self, url: str, method: str = "GET", data: Any = None,
                   headers: dict[str, str] | None = None, json: Any = None,
                   stream: bool = False) -> requests.Response:
        undecorated = oras.provider.Registry.do_request.__wrapped__
        return undecorated(self, url, method, data, headers, json, stream)


class RegistryClient:
    def __init__(self, ref: Reference, config: RegistrySettings | None = None,
                 insecure: bool | None = None, attempts: int | None = None,
                 backoff: float = 0.5, timeout: float = 30.0) -> None:
        """`config`: the farm's registry settings (default: read from the environment now)."""
        self.ref = ref
        self.config = config = config or RegistrySettings.from_env()
        if insecure is None:
            insecure = ref.host.rsplit(":", 1)[0] in LOOPBACK or config.insecure
        self.insecure = insecure  # plain http: loopback registries, or when asked
        self.scheme = "http" if self.insecure else "https"
        self.attempts = attempts or config.attempts
        self.backoff = backoff
        self.timeout = timeout
        self.credentials = registry_auth.lookup(ref.host, config)
        self._oras: _Oras | None = None
        self._headers: dict[str, str] = {}

    # -- connection and auth -------------------------------------------------------------
    def _client(self) -> _Oras:
        if self._oras is not None:
            return self._oras
        probe = self._send(lambda: requests.get(f"{self.base}/v2/", timeout=self.timeout),
                           "GET /v2/")
        challenge = probe.headers.get("WWW-Authenticate", "")
        backend = "token" if challenge.lower().startswith("bearer") else "basic"
        if probe.status_code == 401 and self.credentials is None:
            raise RegistryError(
                f"Registry {self.ref.host} asks for credentials and none were found: set "
                "WASMKILN_REGISTRY_USERNAME and WASMKILN_REGISTRY_PASSWORD, or log in so "
                f"{self.config.config_file} holds them."
            )
        client = _Oras(hostname=self.ref.host, insecure=self.insecure, auth_backend=backend)
        if self.credentials is not None:
            client.auth.set_basic_auth(self.credentials.username, self.credentials.password)
            if backend == "basic":  # send it up front, not after a 401 (no body sent twice)
                self._headers = client.auth.get_auth_header()
        self._oras = client
        check = self._request("GET", f"{self.base}/v2/")
        if check.status_code in (401, 403) and backend == "basic":
            raise self._denied(check, "GET /v2/")
        return client

    @property
    def base(self) -> str:
        return f"{self.scheme}://{self.ref.host}"

    def _url(self, kind: str, reference: str) -> str:
        return f"{self.base}/v2/{self.ref.repository}/{kind}/{reference}"

    def _denied(self, response: requests.Response, what: str) -> RegistryError:
        who = f"the credentials from {self.credentials.origin}" if self.credentials else \
            "anonymous access"
        return RegistryError(
            f"Registry {self.ref.host} refused {who} for {what} on {self.ref.repository} "
            f"(HTTP {response.status_code}{_registry_message(response)}). Nothing was tagged."
        )

    def _send(self, call: Any, what: str) -> requests.Response:
        """Run one HTTP call with retries on transient failures; raise after the last one."""
        problem = ""
        started = time.monotonic()
        for attempt in range(self.attempts):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = call()
            except (requests.ConnectionError, requests.Timeout) as exc:
                problem = _short(exc)
                continue
            except ValueError as exc:  # oras: "Cannot respond to request for authentication."
                raise RegistryError(f"Registry {self.ref.host}: {what} failed: {exc}") from None
            if response.status_code in TRANSIENT_STATUS:
                problem = f"HTTP {response.status_code}{_registry_message(response)}"
                continue
            return response
        raise RegistryError(
            f"Registry {self.ref.host} did not complete {what} for {self.ref.repository}: "
            f"{problem}, {self.attempts} attempts over {time.monotonic() - started:.1f} s. "
            "Nothing was tagged; blobs that did arrive are reused by the next publish."
        )

    def _request(self, method: str, url: str, what: str | None = None,
                 **kwargs: Any) -> requests.Response:
        client = self._client()
        headers = {**self._headers, **kwargs.pop("headers", {})}
        response = self._send(lambda: client.do_request(url, method, headers=dict(headers),
                                                        **kwargs), what or f"{method} {url}")
        if response.status_code in (401, 403):
            raise self._denied(response, what or f"{method} {url}")
        return response

    # -- blobs ---------------------------------------------------------------------------
    def has_blob(self, digest: str) -> bool:
        return self._request("HEAD", self._url("blobs", digest)).status_code == 200

    def put_blob(self, digest: str, data: bytes) -> None:
        start = self._request("POST", f"{self.base}/v2/{self.ref.repository}/blobs/uploads/",
                              f"starting the upload of blob {digest[:19]}",
                              headers={"Content-Type": "application/octet-stream"})
        location = start.headers.get("Location", "")
        if start.status_code != 202 or not location:
            raise RegistryError(f"Registry {self.ref.host} did not open an upload for blob "
                                f"{digest} (HTTP {start.status_code}{_registry_message(start)}).")
        if location.startswith("/"):
            location = self.base + location
        joiner = "&" if "?" in location else "?"
        done = self._request("PUT", f"{location}{joiner}digest={digest}",
                             f"uploading blob {digest[:19]}", data=data,
                             headers={"Content-Type": "application/octet-stream",
                                      "Content-Length": str(len(data))})
        if done.status_code not in (201, 204):
            raise RegistryError(f"Registry {self.ref.host} rejected blob {digest} (HTTP "
                                f"{done.status_code}{_registry_message(done)}).")

    def get_blob(self, digest: str) -> bytes:
        response = self._request("GET", self._url("blobs", digest), f"fetching blob {digest[:19]}")
        if response.status_code != 200:
            raise RegistryError(f"Registry {self.ref} has no blob {digest} "
                                f"(HTTP {response.status_code}).")
        return response.content

    # -- manifests -----------------------------------------------------------------------
    def _manifest(self, method: str, reference: str, media_types: tuple[str, ...]
                  ) -> requests.Response | None:
        """HEAD or GET a manifest: the response, or None when the registry has no such one."""
        response = self._request(method, self._url("manifests", reference),
                                 f"{method} manifest {reference}",
                                 headers={"Accept": ", ".join(media_types)})
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise RegistryError(f"Registry {self.ref}: {method} manifest {reference} gave HTTP "
                                f"{response.status_code}{_registry_message(response)}.")
        return response

    def manifest_digest(self, reference: str, media_types: tuple[str, ...]) -> str | None:
        """The digest a tag (or digest) resolves to, or None if the registry has no such one."""
        response = self._manifest("HEAD", reference, media_types)
        return None if response is None else response.headers.get("Docker-Content-Digest")

    def put_manifest(self, reference: str, media_type: str, data: bytes) -> None:
        response = self._request("PUT", self._url("manifests", reference),
                                 f"putting manifest {reference}", data=data,
                                 headers={"Content-Type": media_type})
        if response.status_code not in (200, 201):
            raise RegistryError(
                f"Registry {self.ref} rejected manifest {reference} (HTTP "
                f"{response.status_code}{_registry_message(response)}).")

    def get_manifest(self, reference: str, media_types: tuple[str, ...]) -> bytes | None:
        response = self._manifest("GET", reference, media_types)
        return None if response is None else response.content


def _registry_message(response: requests.Response) -> str:
    try:
        errors = response.json().get("errors", [])
        text = "; ".join(str(e.get("message", e.get("code", ""))) for e in errors)
    except (ValueError, AttributeError):
        return ""
    return f": {text}" if text else ""


def _short(exc: Exception) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "timed out",
                   "Connection reset", "Remote end closed"):
        if marker in text:
            return marker.lower()
    return text[:200]
