"""Test helpers: throwaway wasmkiln projects built from real recipes and small variations."""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from wasmkiln import digests
from wasmkiln.settings import DockerSettings, RegistrySettings, Settings

REPO = Path(__file__).resolve().parents[1]


def make_project(root: Path, recipes: dict[str, str] | None = None,
                 copy_recipes: tuple[str, ...] = (), patches: dict[str, str] | None = None
                 ) -> Path:
    """A project dir with the real toolchain.toml, chosen real recipes and extra files."""
    (root / "recipes").mkdir(parents=True, exist_ok=True)
    (root / "patches").mkdir(exist_ok=True)
    shutil.copy(REPO / "toolchain.toml", root / "toolchain.toml")
    for name in copy_recipes:
        shutil.copytree(REPO / "recipes" / name, root / "recipes" / name, dirs_exist_ok=True)
        if (REPO / "patches" / name).is_dir():
            shutil.copytree(REPO / "patches" / name, root / "patches" / name, dirs_exist_ok=True)
    for name, text in (recipes or {}).items():
        (root / "recipes" / name).mkdir(parents=True, exist_ok=True)
        (root / "recipes" / name / "recipe.toml").write_text(text)
    for rel, text in (patches or {}).items():
        path = root / "patches" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def settings_for(root: Path, **overrides: object) -> Settings:
    """Settings for a test project; registry and Docker settings from the environment as it is
    now (as Settings.from_env reads them), so a test's monkeypatched credentials apply."""
    base = dict(root=root, output_dir=root / "build-output", cache_dir=root / ".cache",
                mirror_dirs=(), debian_archives=(), use_upstream=True, use_debian=True,
                download_timeout=5.0, jobs=2, registry=RegistrySettings.from_env(),
                docker=DockerSettings.from_env())
    base.update(overrides)
    return Settings(**base)  # type: ignore[arg-type]


def env_now(settings: Settings) -> Settings:
    """`settings` (e.g. a session's, made before a test set credentials) with the registry and
    Docker settings read from the environment as it is now."""
    return settings._replace(registry=RegistrySettings.from_env(),
                             docker=DockerSettings.from_env())


MINIMAL = """\
name = "{name}"
description = "test recipe"
license = "MIT"

[versions."1.0"]
url = "http://127.0.0.1:9/{name}-1.0.tar.gz"
sha256 = "{sha}"

[variants.default]
outputs = ["bin/x.wasm"]
"""


def minimal(name: str, sha: str = "0" * 64, extra: str = "") -> str:
    return MINIMAL.format(name=name, sha=sha) + extra


@contextlib.contextmanager
def trickling_server(payload: bytes, interval: float) -> Iterator[str]:
    """A real HTTP server on loopback that announces `payload` and then sends it one byte every
    `interval` seconds (a mirror that never times out a read, yet never finishes)."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self.send_response(200)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            for i in range(len(payload)):
                try:
                    self.wfile.write(payload[i:i + 1])
                    self.wfile.flush()
                except OSError:
                    return
                threading.Event().wait(interval)

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def serve_process(output_dir: Path, cache_dir: Path, name: str,
                  *args: str) -> subprocess.Popen[str]:
    """`invoke serve NAME ARGS…` as a process of its own, on the given store."""
    env = dict(os.environ, WASMKILN_OUTPUT=str(output_dir), WASMKILN_CACHE=str(cache_dir))
    return subprocess.Popen([sys.executable, "-m", "invoke", "serve", name, *args], cwd=REPO,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def serving(server: subprocess.Popen[str]) -> tuple[str, int]:
    """Wait for a serve process's `serving …` banner: the banner and the port it names."""
    assert server.stdout is not None
    banner = ""
    while not banner.startswith("serving"):
        banner = server.stdout.readline()
        assert banner, server.stderr.read() if server.stderr else "no banner"
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", banner)
    assert found, banner
    return banner, int(found.group(1))


def count_file_hashing(monkeypatch) -> list[Path]:
    """Every path digests.file_sha256 reads from now on (it still hashes them)."""
    read: list[Path] = []
    real = digests.file_sha256

    def counting(path: Path) -> str:
        read.append(path)
        return real(path)

    monkeypatch.setattr(digests, "file_sha256", counting)
    return read
