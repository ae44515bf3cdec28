"""The FastCGI protocol (version 1) as a web server speaks it to a responder: one request's
records out, its answer's records in. Pure encoding and decoding; the transport is the caller's.

A request is BEGIN_REQUEST (role RESPONDER, with FCGI_KEEP_CONN so the responder waits for the
next request on the same stream), the CGI variables as PARAMS name-value pairs, the body as
STDIN, each stream ended by an empty record. The answer is STDOUT and STDERR records until
END_REQUEST, which carries the application's exit status.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass

VERSION = 1
BEGIN_REQUEST, ABORT_REQUEST, END_REQUEST, PARAMS, STDIN, STDOUT, STDERR = 1, 2, 3, 4, 5, 6, 7
RESPONDER = 1
KEEP_CONN = 1
REQUEST_COMPLETE = 0
MAX_CONTENT = 0xFFFF  # a record's content is at most this many bytes
_HEADER = struct.Struct(">BBHHBx")  # version, type, request id, content length, padding


class ProtocolError(Exception):
    """The responder's stream is not FastCGI, or ended in the middle of an answer."""


@dataclass(frozen=True)
class Answer:
    stdout: bytes
    stderr: bytes
    app_status: int


def record(kind: int, request_id: int, content: bytes = b"") -> bytes:
    """One record, padded to a multiple of 8 bytes as the specification recommends."""
    if len(content) > MAX_CONTENT:
        raise ValueError(f"a record holds at most {MAX_CONTENT} bytes, not {len(content)}")
    padding = -len(content) % 8
    return _HEADER.pack(VERSION, kind, request_id, len(content), padding) + content \
        + b"\0" * padding


def stream(kind: int, request_id: int, data: bytes) -> bytes:
    """`data` as records of `kind`, then the empty record that ends the stream."""
    chunks = [data[i:i + MAX_CONTENT] for i in range(0, len(data), MAX_CONTENT)]
    return b"".join(record(kind, request_id, c) for c in chunks) + record(kind, request_id)


def _length(n: int) -> bytes:
    return bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)


def name_values(pairs: Iterable[tuple[str, str]]) -> bytes:
    """CGI variables as FastCGI name-value pairs (lengths of 1 byte, or 4 from 128 on)."""
    out = bytearray()
    for name, value in pairs:
        n, v = name.encode("latin-1"), value.encode("latin-1", "replace")
        out += _length(len(n)) + _length(len(v)) + n + v
    return bytes(out)


def request(params: dict[str, str], body: bytes, request_id: int = 1) -> bytes:
    """A whole request: begin (keep the connection), the variables, the body."""
    begin = struct.pack(">HB5x", RESPONDER, KEEP_CONN)
    return (record(BEGIN_REQUEST, request_id, begin)
            + stream(PARAMS, request_id, name_values(params.items()))
            + stream(STDIN, request_id, body))


def read_answer(read_exactly: Callable[[int], bytes], request_id: int = 1) -> Answer:
    """Read records until END_REQUEST of `request_id`; `read_exactly(n)` returns n bytes, or
    fewer at the end of the stream (a ProtocolError here: the responder went away)."""
    out, err = bytearray(), bytearray()
    while True:
        header = read_exactly(_HEADER.size)
        if len(header) < _HEADER.size:
            raise ProtocolError("the responder's stream ended before its answer did")
        version, kind, rid, length, padding = _HEADER.unpack(header)
        if version != VERSION:
            raise ProtocolError(f"not a FastCGI record (version byte {version})")
        content = read_exactly(length + padding)[:length] if length + padding else b""
        if len(content) < length:
            raise ProtocolError("the responder's stream ended inside a record")
        if rid != request_id:
            continue  # a management record, or an answer to a request nobody waits for
        if kind == STDOUT:
            out += content
        elif kind == STDERR:
            err += content
        elif kind == END_REQUEST:
            app_status, protocol_status = struct.unpack(">iB3x", content[:8])
            if protocol_status != REQUEST_COMPLETE:
                raise ProtocolError(f"the responder refused the request (protocol status "
                                    f"{protocol_status})")
            return Answer(bytes(out), bytes(err), app_status)
