"""The project's own error types: each carries one paragraph a user can act on."""

from __future__ import annotations


class WasmkilnError(Exception):
    """Base of every error the CLI prints as one paragraph without a traceback."""


class RecipeError(WasmkilnError):
    """A recipe file is malformed, or a recipe, version or variant does not exist."""


class SourceError(WasmkilnError):
    """No mirror produced a source archive with the expected sha256."""


class PatchError(WasmkilnError):
    """A patch series is missing or a patch does not apply."""


class DockerUnavailable(WasmkilnError):
    """No Docker daemon answers and none could be started."""


class BuilderError(WasmkilnError):
    """The base or builder image could not be produced."""


class BuildFailed(WasmkilnError):
    """The build inside the container exited non-zero or left declared outputs missing."""


class SmokeTestFailed(WasmkilnError):
    """A built module did not behave as its recipe's smoke test expects."""


class BuildInterrupted(WasmkilnError):
    """The user or the system stopped the build; nothing partial was kept."""


class SigningError(WasmkilnError):
    """A signing or verification key cannot be used (missing, unreadable, wrong kind)."""


class VerificationFailed(WasmkilnError):
    """An image's signature, attestations or rebuild did not prove what they claim."""


class PackageError(WasmkilnError):
    """A build output cannot be put into an image as it is (a link or path leaving its tree)."""
