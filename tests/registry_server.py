"""Real OCI registries for tests: Debian's docker-registry (CNCF distribution) on loopback with
htpasswd auth, and an HTTP relay in front of it that can cut the connection mid-publish."""

from __future__ import annotations

import http.client
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

USER, PASSWORD = "kiln", "s3cret-pw"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Registry:
    host: str
    process: subprocess.Popen[bytes]
    storage: Path

    def tags(self, repository: str) -> list[str]:
        """Tags as the registry itself lists them (404 → none)."""
        r = requests.get(f"http://{self.host}/v2/{repository}/tags/list",
                         auth=(USER, PASSWORD), timeout=10)
        return [] if r.status_code == 404 else sorted(r.json().get("tags") or [])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_registry(workdir: Path) -> Registry:
    workdir.mkdir(parents=True, exist_ok=True)
    htpasswd = subprocess.run(["htpasswd", "-Bbn", USER, PASSWORD], check=True,
                              capture_output=True, text=True).stdout
    (workdir / "htpasswd").write_text(htpasswd)
    port = free_port()
    (workdir / "config.yml").write_text(f"""\
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: {workdir / "data"}
http:
  addr: 127.0.0.1:{port}
auth:
  htpasswd:
    realm: wasmkiln-tests
    path: {workdir / "htpasswd"}
""")
    log = open(workdir / "registry.log", "wb")  # noqa: SIM115 - lives as long as the process
    process = subprocess.Popen(["docker-registry", "serve", str(workdir / "config.yml")],
                               stdout=log, stderr=subprocess.STDOUT)
    host = f"127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://{host}/v2/", timeout=1).status_code == 401:
                return Registry(host, process, workdir / "data")
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"docker-registry did not start; see {workdir / 'registry.log'}")


class CuttingRelay:
    """Forwards HTTP requests to a registry; once `cut_after` blob uploads went through it drops
    every connection without answering, as a network cut would."""

    def __init__(self, upstream: str, cut_after: int) -> None:
        self.upstream, self.cut_after = upstream, cut_after
        self.blob_puts = 0
        relay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if relay.blob_puts >= relay.cut_after:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                conn = http.client.HTTPConnection(relay.upstream, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                conn.request(self.command, self.path, body=body, headers=headers)
                answer = conn.getresponse()
                data = answer.read()
                if self.command == "PUT" and "/blobs/uploads/" in self.path:
                    relay.blob_puts += 1
                self.send_response(answer.status, answer.reason)
                for key, value in answer.getheaders():
                    if key.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = _forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.host = f"127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
