"""Zip the compiled stdlib SRC into OUT (lib/pythonXY.zip, where python.wasm looks first):
sorted entries, fixed dates and modes, so the same tree gives the same bytes. Run by the
builder's python3, which has zlib."""

import os
import sys
import zipfile

src, out = sys.argv[1], sys.argv[2]
paths = sorted(os.path.relpath(os.path.join(d, f), src) for d, _, fs in os.walk(src) for f in fs)
with zipfile.ZipFile(out, "w") as z:
    for rel in paths:
        info = zipfile.ZipInfo(rel, date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(os.path.join(src, rel), "rb") as fh:
            z.writestr(info, fh.read(), compresslevel=9)
