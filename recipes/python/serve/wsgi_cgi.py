"""Run one request through a WSGI application as a CGI program (PEP 3333 over RFC 3875).

`invoke serve python --app MODULE:CALLABLE` starts python.wasm with this file and the app's
name for every request; the CGI environment and the request body arrive as for any CGI program,
and wsgiref's CGIHandler writes the status line, headers and body to stdout. The site's folder
(the docroot, DOCUMENT_ROOT) comes first on sys.path, so its modules and any packages unpacked
into it import as they would from the working directory.
"""

import importlib
import os
import sys
from wsgiref.handlers import CGIHandler


def load(spec):
    module_name, _, attribute = spec.partition(":")
    target = importlib.import_module(module_name)
    for part in (attribute or "application").split("."):
        target = getattr(target, part)
    return target


def main():
    root = os.environ.get("DOCUMENT_ROOT", "/app")
    sys.path.insert(0, root)
    os.chdir(root)
    try:
        app = load(sys.argv[1])
    except Exception as exc:  # the server shows this as a 500 and logs the traceback
        import traceback
        traceback.print_exc()
        sys.stdout.write("Status: 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\n"
                         f"cannot load the application {sys.argv[1]}: {exc!r}\n")
        return
    CGIHandler().run(app)


main()
