"""Compile the stdlib tree SRC to .pyc files under OUT: run by the native python of the same
version, hash-based .pyc (no timestamps). Tracebacks name the file where the plain tree sits
when it is mounted (/usr/local/lib/pythonX.Y/)."""

import os
import py_compile
import sys

src, out = sys.argv[1], sys.argv[2]
mounted = f"/usr/local/lib/python{os.environ['VERSION_MAJOR']}.{os.environ['VERSION_MINOR']}/"
for d, dirs, files in os.walk(src):
    for name in files:
        if name.endswith(".py"):
            rel = os.path.relpath(os.path.join(d, name), src)
            os.makedirs(os.path.dirname(os.path.join(out, rel)), exist_ok=True)
            py_compile.compile(os.path.join(d, name), cfile=os.path.join(out, rel + "c"),
                               dfile=mounted + rel, doraise=True,
                               invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
