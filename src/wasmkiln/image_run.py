"""Run a packaged wasi/wasm image in wasmtime, without Docker: `invoke run --image PATH|REF`.

The image comes from an OCI image layout directory, its .tar, or a registry
(HOST[:PORT]/REPOSITORY[:TAG|@sha256:…]); every blob read is checked against its digest. Its
layers are unpacked in order (whiteouts honoured) into a fresh root that the guest sees as `/`
(read-write, and thrown away afterwards, like a container's own file system), and the program
the config's Entrypoint (else Cmd) names is run from a .cwasm kept in the cache by the
module's sha256, with Entrypoint + (the given arguments, else Cmd) as its argv and the config's
Env (plus `--env`). WorkingDir becomes where relative paths resolve (see `root_mounts`) and
reaches the guest as PWD.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import posixpath
import re
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from . import atomic, oci, wasi_run
from .errors import WasmkilnError
from .settings import RegistrySettings

DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
ACCEPTED = (oci.IMAGE_INDEX, oci.IMAGE_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST)
WHITEOUT = ".wh."
OPAQUE = ".wh..wh..opq"
_REF = re.compile(r"^(?P<host>[^/]+)/(?P<repo>[a-z0-9][a-z0-9._/-]*?)"
                  r"(?::(?P<tag>[A-Za-z0-9_][A-Za-z0-9._-]{0,127}))?"
                  r"(?:@(?P<digest>sha256:[0-9a-f]{64}))?$")


class ImageError(WasmkilnError):
    """An image that cannot be found, read or run."""


class NotAnImage(ImageError):
    """What a reference names is no wasi/wasm container image (e.g. a Wasm artifact, an SBOM)."""


@dataclass(frozen=True)
class Image:
    """A resolved wasi/wasm image: where it came from, its manifest digest and config, and a
    reader for its blobs (digest-checked)."""

    where: str
    digest: str
    manifest: dict[str, Any]
    config: dict[str, Any]
    read_blob: Callable[[str], bytes]

    @property
    def settings(self) -> dict[str, Any]:
        return dict(self.config.get("config") or {})


@dataclass(frozen=True)
class Launch:
    """What running the image means: program path in the root, argv, environment."""

    program: str
    argv: list[str]
    env: dict[str, str]
    workdir: str


# -- finding the image -------------------------------------------------------------------------

@contextlib.contextmanager
def opened(spec: str, registry: RegistrySettings | None = None) -> Iterator[Image]:
    """The image `spec` names: a layout directory or .tar (optionally `:TAG`), or a registry
    reference (reached with `registry`, default: the environment's settings)."""
    path, tag = _local(spec)
    if path is not None:
        if path.is_dir():
            yield _from_layout(path, tag, spec)
            return
        with tempfile.TemporaryDirectory(prefix="wasmkiln-image-") as tmp:
            yield _from_layout(_unpack_archive(path, Path(tmp) / "layout"), tag, spec)
        return
    yield _from_registry(spec, registry)


def _local(spec: str) -> tuple[Path | None, str | None]:
    """(path, tag) when `spec` is an existing file or directory, with an optional :TAG."""
    if Path(spec).exists():
        return Path(spec), None
    head, sep, tag = spec.rpartition(":")
    if sep and "/" not in tag and Path(head).exists():
        return Path(head), tag
    return None, None


def _unpack_archive(archive: Path, dest: Path) -> Path:
    try:
        data = archive.read_bytes()
        dest.mkdir(parents=True)
        unsafe = oci.extract_layer(data, dest, links_ok=False)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise ImageError(f"--image {archive}: not an OCI layout tar ({exc}).") from None
    if unsafe is not None:
        raise ImageError(f"--image {archive}: the archive holds {unsafe!r}, which would land "
                         "outside it; refusing to unpack it.")
    return dest


def _from_layout(layout: Path, tag: str | None, spec: str) -> Image:
    if not (layout / "index.json").is_file():
        raise ImageError(f"--image {spec}: {layout} is not an OCI image layout (it has no "
                         "index.json); give a layout directory, its .tar, or a registry "
                         "reference HOST[:PORT]/REPOSITORY[:TAG].")

    def read(digest: str) -> bytes:
        path = oci.blob_path(layout, digest)
        try:
            data = path.read_bytes()
        except OSError:
            raise ImageError(f"--image {spec}: the layout lacks blob {digest}.") from None
        return _checked(data, digest, spec)

    entries = oci.read_index(layout).get("manifests", [])
    if tag is not None:
        chosen = [e for e in entries if e.get("annotations", {}).get(oci.REF_NAME) == tag]
        if not chosen:
            raise ImageError(f"--image {spec}: the layout has no tag {tag!r}; it has "
                             f"{', '.join(_tags(entries)) or 'no tags'}.")
        return _resolve(chosen[0], read, spec)
    images: dict[str, Image] = {}
    for entry in entries:
        with contextlib.suppress(NotAnImage):  # artifacts and SBOMs beside the image
            found = _resolve(entry, read, spec)
            images.setdefault(found.digest, found)
    if len(images) == 1:
        return next(iter(images.values()))
    if not images:
        raise ImageError(f"--image {spec}: the layout holds no wasi/wasm image.")
    raise ImageError(f"--image {spec}: the layout holds {len(images)} images; name one as "
                     f"{spec}:TAG (tags: {', '.join(_tags(entries))}).")


def _tags(entries: list[dict[str, Any]]) -> list[str]:
    return [e["annotations"][oci.REF_NAME] for e in entries
            if e.get("annotations", {}).get(oci.REF_NAME)]


def parse_reference(spec: str) -> tuple[str, str, str]:
    """HOST[:PORT]/REPOSITORY[:TAG|@sha256:HEX] → (host, repository, tag or digest); the tag
    defaults to `latest`. The host must look like one (a dot, a port or localhost), as Docker
    requires, so a mistyped file name is not taken for a registry."""
    match = _REF.match(spec)
    host = match["host"] if match else ""
    if not match or not ("." in host or ":" in host or host == "localhost"):
        raise ImageError(
            f"--image {spec}: no such file or directory here, and not a registry reference "
            "HOST[:PORT]/REPOSITORY[:TAG|@sha256:…] (e.g. 127.0.0.1:5000/apps/site:latest).")
    return host, match["repo"], match["digest"] or match["tag"] or "latest"


def _from_registry(spec: str, registry: RegistrySettings | None) -> Image:
    from .registry import Reference, RegistryClient, RegistryError

    host, repository, reference = parse_reference(spec)
    client = RegistryClient(Reference(host, repository), registry)
    digest_given = reference if reference.startswith("sha256:") else None

    def read(digest: str) -> bytes:  # also called later, while the layers are unpacked
        try:
            return _checked(client.get_blob(digest), digest, spec)
        except RegistryError as exc:
            raise _pull_failed(spec, exc) from None

    try:
        data = client.get_manifest(reference, ACCEPTED)
        if data is None:
            raise ImageError(f"--image {spec}: registry {host} has no {repository}:"
                             f"{reference}.")
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        if digest_given:
            _checked(data, digest_given, spec)

        def read_manifest(wanted: str) -> bytes:
            got = client.get_manifest(wanted, ACCEPTED)
            if got is None:
                raise ImageError(f"--image {spec}: registry {host} lacks manifest {wanted}.")
            return _checked(got, wanted, spec)

        top = json.loads(data)
        return _resolve({"digest": digest, "mediaType": top.get("mediaType", "")}, read, spec,
                        read_manifest, first=data)
    except RegistryError as exc:
        raise _pull_failed(spec, exc) from None


def _pull_failed(spec: str, exc: Exception) -> ImageError:
    said = str(exc).split(" Nothing was tagged")[0]  # said for pushes too: keep a pull's part
    return ImageError(f"--image {spec}: {said} Nothing was run.")


def _resolve(descriptor: dict[str, Any], read: Callable[[str], bytes], spec: str,
             read_manifest: Callable[[str], bytes] | None = None,
             first: bytes | None = None) -> Image:
    """From a top descriptor (index or manifest) to the wasi/wasm image's manifest + config."""
    read_manifest = read_manifest or read
    digest = descriptor["digest"]
    document = json.loads(first if first is not None else read_manifest(digest))
    if document.get("mediaType") in (oci.IMAGE_INDEX, DOCKER_LIST) or "manifests" in document:
        wasm = [m for m in document.get("manifests", [])
                if m.get("platform", {}).get("os") == "wasi"
                and m["platform"].get("architecture") == "wasm"]
        if not wasm:
            raise NotAnImage(f"--image {spec}: {digest} has no wasi/wasm image in its index.")
        digest = wasm[0]["digest"]
        document = json.loads(read_manifest(digest))
    config_type = document.get("config", {}).get("mediaType")
    if config_type not in (oci.IMAGE_CONFIG, "application/vnd.docker.container.image.v1+json"):
        raise NotAnImage(f"--image {spec}: {digest} is not a container image (its config is "
                         f"{config_type}; a Wasm artifact holds a bare module, run it with "
                         "wasmtime).")
    config = json.loads(read(document["config"]["digest"]))
    if (config.get("os"), config.get("architecture")) != ("wasi", "wasm"):
        raise NotAnImage(f"--image {spec}: {digest} is a {config.get('os')}/"
                         f"{config.get('architecture')} image, not wasi/wasm.")
    return Image(spec, digest, document, config, read)


def _checked(data: bytes, digest: str, spec: str) -> bytes:
    algorithm, _, expected = digest.partition(":")
    if algorithm != "sha256" or hashlib.sha256(data).hexdigest() != expected:
        raise ImageError(f"--image {spec}: blob {digest} does not match its digest; refusing "
                         "to use it.")
    return data


# -- the root file system ----------------------------------------------------------------------

def unpack(image: Image, root: Path) -> None:
    """Apply the image's layers in order to `root` (whiteouts delete what lower layers put)."""
    root.mkdir(parents=True, exist_ok=True)
    for layer in image.manifest.get("layers", []):
        apply_layer(image.read_blob(layer["digest"]), root, f"layer {layer['digest'][:19]}")


def apply_layer(data: bytes, root: Path, what: str = "layer") -> None:
    """One layer tar (gzip or not) onto `root`: its whiteouts first, then its files; a member
    that would land outside `root` refuses the whole layer."""
    if data[:2] == b"\x1f\x8b":  # gzip: inflate once (tarfile would inflate it twice)
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise ImageError(f"The image's {what} is not a valid gzip stream ({exc}).") from None
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as tar:
        members = tar.getmembers()
        for member in members:
            parts = PurePosixPath(member.name).parts
            if PurePosixPath(member.name).is_absolute() or ".." in parts:
                raise ImageError(f"The image's {what} holds {member.name!r}, which would land "
                                 "outside its root; refusing to run it.")
        for member in members:
            name = PurePosixPath(member.name)
            if name.name == OPAQUE:
                _clear(root.joinpath(*name.parent.parts))
            elif name.name.startswith(WHITEOUT):
                _remove(root.joinpath(*name.parent.parts, name.name[len(WHITEOUT):]))
        files = [m for m in members if not PurePosixPath(m.name).name.startswith(WHITEOUT)]
        try:
            tar.extractall(root, members=files, filter="data")
        except tarfile.FilterError as exc:
            raise ImageError(f"The image's {what} holds an unsafe entry ({exc}); refusing to "
                             "run it.") from None


def _clear(directory: Path) -> None:
    if directory.is_dir() and not directory.is_symlink():
        for child in directory.iterdir():
            _remove(child)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


# -- running -----------------------------------------------------------------------------------

def launch(image: Image, args: list[str], extra_env: dict[str, str] | None = None,
           workdir: str | None = None) -> Launch:
    """The process the image describes: argv = Entrypoint + (args, else Cmd), as Docker does;
    `workdir` (like `docker run -w`) instead of the image's WorkingDir."""
    cfg = image.settings
    entrypoint, cmd = list(cfg.get("Entrypoint") or []), list(cfg.get("Cmd") or [])
    argv = entrypoint + (list(args) if args else cmd)
    if not argv:
        raise ImageError(f"--image {image.where}: its config names no Entrypoint or Cmd, so "
                         "there is no program to run; pass one after --.")
    env: dict[str, str] = {}
    for item in cfg.get("Env") or []:
        key, _, value = str(item).partition("=")
        env[key] = value
    workdir = workdir or str(cfg.get("WorkingDir") or "/")
    if not workdir.startswith("/"):
        raise ImageError(f"--workdir {workdir}: the guest's working directory must be an "
                         "absolute guest path (e.g. /app), like `docker run -w`.")
    env.setdefault("PWD", workdir)
    env.update(extra_env or {})
    program = argv[0] if argv[0].startswith("/") else posixpath.join(workdir, argv[0])
    return Launch(posixpath.normpath(program), argv, env, workdir)


def module_in(root: Path, program: str, spec: str) -> Path:
    """The host path of the image's program inside the unpacked root (never outside it)."""
    host = (root / program.lstrip("/")).resolve()
    if not host.is_relative_to(root.resolve()) or not host.is_file():
        raise ImageError(f"--image {spec}: the image has no program {program} (its Entrypoint "
                         "or Cmd names it).")
    return host


def root_mounts(root: Path, workdir: str, extra: list[wasi_run.Preopen] | None = None
                ) -> list[wasi_run.Preopen]:
    """How the guest sees the unpacked root, read-write: at `/`, or, for a WorkingDir other
    than `/`, each top-level directory at its own path plus the WorkingDir as `.` (from the
    `extra` mount holding it, if one does; else from the root).

    wasi-libc starts every program at `/` and reads no PWD; it resolves a relative path as `/`
    + path against the preopen with the longest matching prefix, `.` counting as the root. With
    the root split into its top-level directories, the paths they hold still resolve there and
    relative paths (and `/` itself) land in the WorkingDir. What this cannot show: files at the
    top of the root by absolute path, and a relative path whose first part is also a top-level
    directory's name resolves to that directory."""
    directory = posixpath.normpath("/" + workdir).lstrip("/")
    if not directory:
        return [wasi_run.Preopen(root, "/", True)]
    holders = [m for m in extra or [] if wasi_run.guest_key(m.guest) == "/" + directory
               or ("/" + directory).startswith(wasi_run.guest_key(m.guest).rstrip("/") + "/")]
    if holders:  # a --dir holds it: its host directory is the working directory
        alias = wasi_run.working_dir_alias(holders, "/" + directory)
        work_mount = alias or wasi_run.Preopen(root, ".", True)
    else:
        work = root / directory
        work.mkdir(parents=True, exist_ok=True)  # as a container runtime does
        work_mount = wasi_run.Preopen(work, ".", True)
    tops = sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink())
    return [*(wasi_run.Preopen(p, "/" + p.name, True) for p in tops), work_mount]


def cached_module(module: Path, cache_dir: Path) -> Path:
    """A copy of the module in the cache, named by its sha256, so its .cwasm is compiled once
    for every run of every image holding the same module."""
    digest = hashlib.sha256(module.read_bytes()).hexdigest()
    kept = cache_dir / "modules" / digest / module.name
    if not kept.is_file():
        atomic.write_bytes(kept, module.read_bytes())
    return kept


def run_image(spec: str, args: list[str], cache_dir: Path,
              preopens: list[wasi_run.Preopen] | None = None,
              extra_env: dict[str, str] | None = None,
              inherit_stdio: bool = True, stdin: bytes | None = None,
              registry: RegistrySettings | None = None,
              workdir: str | None = None) -> wasi_run.RunResult:
    """Unpack the image into a throwaway root and run its program in wasmtime; `workdir`
    instead of the image's WorkingDir."""
    with (opened(spec, registry) as image,
          tempfile.TemporaryDirectory(prefix="wasmkiln-root-") as tmp):
        root = Path(tmp) / "root"
        unpack(image, root)
        plan = launch(image, args, extra_env, workdir)
        module = cached_module(module_in(root, plan.program, spec), cache_dir)
        mounts = [*root_mounts(root, plan.workdir, preopens), *(preopens or [])]
        return wasi_run.run(module, plan.argv[1:], env=plan.env, preopens=mounts,
                            argv0=plan.argv[0], use_aot=True, inherit_stdio=inherit_stdio,
                            stdin=stdin)
