#!/bin/sh
# The install tree of python.wasm, without what cannot run under WASI or is not needed at run
# time: the binary in ${PREFIX}/bin, the plain stdlib tree in ${PREFIX}/share/python, and the
# empty lib-dynload landmark the startup search wants.
set -eu
root=/tmp/pyroot/usr/local
lib=$(cd $root/lib && echo python3.*)
cd $root/lib/$lib
rm -rf test idlelib tkinter turtledemo turtle.py ensurepip __phello__ pydoc_data \
       config-*-wasm32-wasi venv/scripts
find . -name __pycache__ -prune -exec rm -rf {} +
mkdir -p ${PREFIX}/bin ${PREFIX}/lib/$lib/lib-dynload ${PREFIX}/share/python
install -m 0755 /src/build-wasi/python.wasm ${PREFIX}/bin/python.wasm
cp -r $root/lib/$lib ${PREFIX}/share/python/$lib
