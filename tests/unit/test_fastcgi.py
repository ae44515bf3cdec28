"""The FastCGI records wasmkiln's server sends and reads (pure encoding and decoding)."""

from __future__ import annotations

import io
import struct

import pytest

from wasmkiln import fastcgi


def _records(data: bytes) -> list[tuple[int, int, bytes]]:
    out, pos = [], 0
    while pos < len(data):
        version, kind, rid, length, padding = struct.unpack(">BBHHBx", data[pos:pos + 8])
        assert version == 1 and (8 + length + padding) % 8 == 0
        out.append((kind, rid, data[pos + 8:pos + 8 + length]))
        pos += 8 + length + padding
    return out


def test_a_request_begins_keeps_the_connection_and_ends_each_stream():
    records = _records(fastcgi.request({"SCRIPT_FILENAME": "/var/www/index.php"}, b"a=1", 3))
    kinds = [k for k, _, _ in records]
    assert kinds == [fastcgi.BEGIN_REQUEST, fastcgi.PARAMS, fastcgi.PARAMS, fastcgi.STDIN,
                     fastcgi.STDIN]
    assert all(rid == 3 for _, rid, _ in records)
    role, flags = struct.unpack(">HB5x", records[0][2])
    assert (role, flags) == (fastcgi.RESPONDER, fastcgi.KEEP_CONN)
    assert records[1][2] == b"\x0f\x12SCRIPT_FILENAME/var/www/index.php"
    assert (records[2][2], records[3][2], records[4][2]) == (b"", b"a=1", b"")


def test_long_names_and_values_take_four_byte_lengths_and_big_bodies_split():
    pairs = fastcgi.name_values([("HTTP_COOKIE", "c" * 200)])
    assert pairs[:5] == b"\x0b\x80\x00\x00\xc8" and pairs.endswith(b"c" * 200)
    body = bytes(range(256)) * 600  # 153,600 bytes: three records and the end
    stdin = [c for k, _, c in _records(fastcgi.stream(fastcgi.STDIN, 1, body))]
    assert [len(c) for c in stdin] == [65535, 65535, 22530, 0] and b"".join(stdin) == body


def _answer(*records: bytes) -> io.BytesIO:
    return io.BytesIO(b"".join(records))


def test_an_answer_collects_stdout_and_stderr_until_end_request():
    end = struct.pack(">iB3x", 7, fastcgi.REQUEST_COMPLETE)
    got = fastcgi.read_answer(_answer(
        fastcgi.record(fastcgi.STDOUT, 1, b"Status: 404\r\n\r\n"),
        fastcgi.record(fastcgi.STDERR, 1, b"PHP Notice: x"),
        fastcgi.record(fastcgi.STDOUT, 2, b"someone else's"),
        fastcgi.record(fastcgi.STDOUT, 1, b"gone"), fastcgi.record(fastcgi.STDOUT, 1),
        fastcgi.record(fastcgi.END_REQUEST, 1, end)).read)
    assert got == fastcgi.Answer(b"Status: 404\r\n\r\ngone", b"PHP Notice: x", 7)


@pytest.mark.parametrize("cut", [0, 5, 8, 12])
def test_a_stream_that_ends_early_is_a_protocol_error(cut):
    data = fastcgi.record(fastcgi.STDOUT, 1, b"partial answer")[:cut] if cut else b""
    with pytest.raises(fastcgi.ProtocolError, match="ended"):
        fastcgi.read_answer(_answer(data).read)


def test_a_refused_request_and_a_foreign_stream_are_named():
    refused = fastcgi.record(fastcgi.END_REQUEST, 1, struct.pack(">iB3x", 0, 3))
    with pytest.raises(fastcgi.ProtocolError, match="refused"):
        fastcgi.read_answer(_answer(refused).read)
    with pytest.raises(fastcgi.ProtocolError, match="not a FastCGI record"):
        fastcgi.read_answer(_answer(b"HTTP/1.1 200 OK\r\n\r\n").read)
