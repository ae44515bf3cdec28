"""Run a packaged wasi/wasm image in a real OCI runtime: crun with its WasmEdge handler, the
way containerd or podman would run a `module.wasm.image/variant=compat` image.

The image is read from an OCI layout (ours or one `skopeo copy` wrote), its layers unpacked into
a bundle's rootfs, a runtime config.json written from the image config, and crun started inside
the engines container (crun must create namespaces, so that container gets CAP_SYS_ADMIN; it
has no network).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import docker

from . import oci
from .errors import WasmkilnError

BUNDLE = "/bundle"


def resolve_image(layout: Path, tag: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(manifest, config) of the wasi/wasm image a tag names in a layout."""
    entries = oci.read_index(layout)["manifests"]
    named = [e for e in entries if e.get("annotations", {}).get(oci.REF_NAME) == tag]
    if not named and len(entries) == 1:
        named = entries
    if not named:
        raise WasmkilnError(f"OCI layout {layout} has no image tagged {tag!r}.")
    descriptor = named[0]
    document = json.loads(oci.blob_path(layout, descriptor["digest"]).read_bytes())
    if document.get("mediaType") == oci.IMAGE_INDEX:
        wasm = [m for m in document["manifests"]
                if m.get("platform", {}).get("os") == "wasi"
                and m["platform"].get("architecture") == "wasm"]
        if not wasm:
            raise WasmkilnError(f"OCI layout {layout}: {tag} has no wasi/wasm image.")
        document = json.loads(oci.blob_path(layout, wasm[0]["digest"]).read_bytes())
    config = json.loads(oci.blob_path(layout, document["config"]["digest"]).read_bytes())
    return document, config


def unpack(layout: Path, manifest: dict[str, Any], rootfs: Path) -> None:
    """Extract the image's layers in order into rootfs, refusing paths that leave it."""
    rootfs.mkdir(parents=True, exist_ok=True)
    for layer in manifest["layers"]:
        unsafe = oci.extract_layer(oci.blob_path(layout, layer["digest"]).read_bytes(), rootfs)
        if unsafe is not None:
            raise WasmkilnError(f"Layer {layer['digest']} holds an unsafe path "
                                f"{unsafe!r}; refusing to unpack it.")


def runtime_config(image_config: dict[str, Any], args: list[str]) -> dict[str, Any]:
    """An OCI runtime spec for crun: the image's entrypoint + args, no network namespace."""
    cfg = image_config.get("config", {})
    argv = list(cfg.get("Entrypoint") or []) + (args or list(cfg.get("Cmd") or []))
    return {
        "ociVersion": "1.0.2",
        "process": {"terminal": False, "user": {"uid": 0, "gid": 0}, "args": argv,
                    "env": list(cfg.get("Env") or []) or ["PATH=/"],
                    "cwd": cfg.get("WorkingDir") or "/", "noNewPrivileges": True},
        "root": {"path": "rootfs", "readonly": False},
        "hostname": "wasm",
        "annotations": {"module.wasm.image/variant": "compat"},
        "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
                   {"destination": "/dev", "type": "tmpfs", "source": "tmpfs",
                    "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]}],
        "linux": {"namespaces": [{"type": t} for t in ("pid", "ipc", "uts", "mount")]},
    }


def run(client: docker.DockerClient, engines_image: str, layout: Path, tag: str,
        args: list[str], bundle: Path) -> tuple[int, str]:
    """Unpack `tag` from `layout` into `bundle` and run it with crun; (exit code, output)."""
    manifest, config = resolve_image(layout, tag)
    unpack(layout, manifest, bundle / "rootfs")
    for mountpoint in ("dev", "proc"):  # a scratch image has neither; crun mounts onto them
        (bundle / "rootfs" / mountpoint).mkdir(exist_ok=True)
    (bundle / "config.json").write_text(json.dumps(runtime_config(config, args), indent=2))
    container = client.containers.create(
        engines_image, ["crun", "--cgroup-manager=disabled", "run", "--bundle", BUNDLE,
                        f"wasmkiln-{os.getpid()}"],
        volumes={str(bundle): {"bind": BUNDLE, "mode": "rw"}}, network_mode="none",
        cap_add=["SYS_ADMIN"], security_opt=["seccomp=unconfined", "apparmor=unconfined"],
        labels={"io.wasmkiln.job": "oci-runtime"}, detach=True)
    try:
        container.start()
        code = int(container.wait().get("StatusCode", 1))
        return code, container.logs().decode(errors="replace")
    finally:
        with contextlib.suppress(docker.errors.DockerException):
            container.remove(force=True)
