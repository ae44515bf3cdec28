"""Run requests through a WSGI application (PEP 3333): one as a CGI program (RFC 3875), or
many as a FastCGI responder on stdin/stdout.

`invoke serve python --app MODULE:CALLABLE` starts python.wasm with this file and the app's
name. As a CGI program (`invoke serve --per-request`: a fresh python.wasm per request) the CGI
environment and the request body arrive as for any CGI program, and wsgiref's CGIHandler writes
the status line, headers and body to stdout. With WASMKILN_WSGI_FASTCGI=1 (the recipe's
[serve.workers]: a persistent worker) the app is imported once and answers request after
request, each read as FastCGI records from stdin and answered on stdout; as under any WSGI
server, what the app keeps in its modules lives as long as the worker. The site's folder (the
docroot, DOCUMENT_ROOT) comes first on sys.path, so its modules and any packages unpacked into
it import as they would from the working directory.
"""

import importlib
import io
import os
import struct
import sys
from wsgiref.handlers import BaseCGIHandler, CGIHandler

HEADER = struct.Struct(">BBHHBx")  # FastCGI: version, type, request id, length, padding
BEGIN_REQUEST, END_REQUEST, PARAMS, STDIN, STDOUT, STDERR = 1, 3, 4, 5, 6, 7
KEEP_CONN = 1


def load(spec):
    module_name, _, attribute = spec.partition(":")
    target = importlib.import_module(module_name)
    for part in (attribute or "application").split("."):
        target = getattr(target, part)
    return target


def read_exactly(n):
    data = b""
    while len(data) < n:
        chunk = os.read(0, n - len(data))
        if not chunk:
            return data
        data += chunk
    return data


def write_all(data):
    view = memoryview(data)
    while view:
        view = view[os.write(1, view):]


def record(kind, request_id, content=b""):
    padding = -len(content) % 8
    return HEADER.pack(1, kind, request_id, len(content), padding) + content + b"\0" * padding


def stream(kind, request_id, data):
    parts = [record(kind, request_id, data[i:i + 0xFFFF]) for i in range(0, len(data), 0xFFFF)]
    return b"".join(parts) + record(kind, request_id)


def name_values(data):
    """FastCGI name-value pairs → a dict of native strings (PEP 3333: latin-1)."""
    pairs, pos = {}, 0
    while pos < len(data):
        lengths = []
        for _ in range(2):
            if data[pos] < 128:
                lengths.append(data[pos])
                pos += 1
            else:
                lengths.append(struct.unpack(">I", data[pos:pos + 4])[0] & 0x7FFFFFFF)
                pos += 4
        name = data[pos:pos + lengths[0]].decode("latin-1")
        pos += lengths[0]
        pairs[name] = data[pos:pos + lengths[1]].decode("latin-1")
        pos += lengths[1]
    return pairs


def next_request():
    """(request id, environ, body, keep the connection) of the next request; None at the end."""
    request_id, keep, params, body = None, False, b"", b""
    params_done = body_done = False
    while not (params_done and body_done):
        header = read_exactly(HEADER.size)
        if len(header) < HEADER.size:
            return None
        _, kind, rid, length, padding = HEADER.unpack(header)
        content = read_exactly(length + padding)[:length]
        if kind == BEGIN_REQUEST:
            request_id, keep = rid, bool(content[2] & KEEP_CONN)
        elif rid != request_id:
            continue
        elif kind == PARAMS:
            params_done = not content
            params += content
        elif kind == STDIN:
            body_done = not content
            body += content
    return request_id, name_values(params), body, keep


def serve_fastcgi(app):
    while True:
        request = next_request()
        if request is None:
            return
        request_id, environ, body, keep = request
        out, err = io.BytesIO(), io.BytesIO()
        BaseCGIHandler(io.BytesIO(body), out, err, environ, multithread=False,
                       multiprocess=True).run(app)
        answer = stream(STDOUT, request_id, out.getvalue())
        if err.getvalue():
            answer += stream(STDERR, request_id, err.getvalue())
        write_all(answer + record(END_REQUEST, request_id, struct.pack(">iB3x", 0, 0)))
        if not keep:
            return


def failing_app(message):
    """An app that answers every request with a 500 saying why the real one did not load."""
    def app(environ, start_response):
        start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
        return [message.encode()]
    return app


def main():
    root = os.environ.get("DOCUMENT_ROOT", "/app")
    sys.path.insert(0, root)
    os.chdir(root)
    try:
        app = load(sys.argv[1])
    except Exception as exc:  # the server shows this as a 500 and logs the traceback
        import traceback
        traceback.print_exc()
        app = failing_app(f"cannot load the application {sys.argv[1]}: {exc!r}\n")
    if os.environ.get("WASMKILN_WSGI_FASTCGI") == "1":
        serve_fastcgi(app)
    else:
        CGIHandler().run(app)


main()
