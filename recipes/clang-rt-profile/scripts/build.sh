#!/bin/sh
# compiler-rt's profile runtime for wasm32-wasip1, as one static archive.
#
# WASI preview 1 has no flock, getpid, mmap or host name: the runtime uses them only for
# profile merging across processes (%m), continuous mode and %p/%h in LLVM_PROFILE_FILE,
# none of which a training run uses. They are renamed at compile time to stand-ins
# (wasi-stubs.c) so the archive defines no libc name: a configure check linking against it
# (a build with -fprofile-generate links it into every test program) must find exactly what
# it finds without it, or the instrumented build and the optimised one would be configured
# differently and the profile would not fit.
set -eu
out="$PREFIX/lib"
mkdir -p "$out" build
rename="-Dflock=__wasmkiln_prof_flock -Dgetpid=__wasmkiln_prof_getpid -Dmmap=__wasmkiln_prof_mmap -Dmunmap=__wasmkiln_prof_munmap -D_WASI_EMULATED_MMAN"
for f in InstrProfiling InstrProfilingBuffer InstrProfilingFile InstrProfilingInternal \
         InstrProfilingMerge InstrProfilingMergeFile InstrProfilingNameVar \
         InstrProfilingPlatformOther InstrProfilingUtil InstrProfilingValue \
         InstrProfilingVersionVar InstrProfilingWriter; do
    # shellcheck disable=SC2086
    $CC $CFLAGS $rename -DCOMPILER_RT_HAS_ATOMICS=1 -Icompiler-rt/include \
        -c "compiler-rt/lib/profile/$f.c" -o "build/$f.o"
done
$CXX $CXXFLAGS -fno-exceptions -fno-rtti -Icompiler-rt/include \
    -c compiler-rt/lib/profile/InstrProfilingRuntime.cpp -o build/InstrProfilingRuntime.o
$CC $CFLAGS -c "$SCRIPTS/wasi-stubs.c" -o build/wasi-stubs.o
# members in a fixed order, no timestamps (D): the same bytes from every build
rm -f "$out/libclang_rt.profile.a"
$AR rcD "$out/libclang_rt.profile.a" $(ls build/*.o | LC_ALL=C sort)
# the archive must define no libc name (see above)
leaked=$($NM --defined-only -g "$out/libclang_rt.profile.a" | awk 'NF == 3 {print $3}' \
         | grep -E '^(flock|getpid|mmap|munmap|gethostname|uname)$' || true)
if [ -n "$leaked" ]; then echo "libclang_rt.profile.a defines libc names: $leaked" >&2; exit 1; fi
