#!/bin/sh
# ICU for wasm32-wasip1: libicuuc, libicui18n, libicuio and libicudata (static), with the data
# cut down to what PHP's intl needs (filter-data.py says what and why).
#
# 1. A native ICU in build-host/ (gcc, static, -O0: its tools only handle small inputs):
#    ICU's cross build runs its own tools (icupkg, genrb, derb, genccode) and reads
#    build-host/config/icucross.mk. derb is built only with icuio.
# 2. The data: filter-data.py thins the prebuilt source/data/in/icudt76l.dat with those tools;
#    genccode turns the result into a C array, compiled into libicudata.a. (ICU's own data
#    packaging, pkgdata, writes assembly or ELF/COFF objects, neither of which wasm-ld takes.)
# 3. The cross build in build-wasm/: common, i18n and io only (no tools, tests, samples or
#    extras: they are programs for the build machine or need what WASI lacks).
#    - no threads: wasm32-wasip1 has none, and its libc++ is built without them; patch 0001
#      gives ICU's mutex wrapper lock-nothing stand-ins (std::mutex & co are missing);
#    - no exceptions: Debian's libc++abi for wasm32 has no __cxa_throw/__cxa_begin_catch; ICU
#      reports errors through UErrorCode and never throws (-fno-exceptions); RTTI is on
#      (ICU's dynamic_casts work with libc++abi's type_info);
#    - no mmap (U_HAVE_MMAP=0: the data is linked in; a data file would be read with stdio),
#      no tzset/timezone/tzname (WASI has no local time zone: ICU's default zone comes from
#      TZ, else is UTC; PHP's intl uses date.timezone anyway), no popen, no dlopen
#      (--disable-dyload: plugins off), UTF-8 as the default charset (as on Linux);
#    - decNumber's header includes <signal.h> for its traps, which ICU never raises: the
#      header is let through (_WASI_EMULATED_SIGNAL), no signal emulation is linked;
#    - icu_cv_host_frag=mh-linux: ICU's configure knows no WASI and would pick mh-unknown,
#      which refuses to build; the Linux fragment's make rules are plain compiler calls.
# 4. pkg-config files written here (icu-uc, icu-i18n, icu-io; ICU's own ones are made by its
#    top-level install, which wants the data packaging above): the static link needs libc++
#    and libc++abi, in Libs.private so that consumers' `pkg-config --static` gets them.
set -eu
root=$PWD
src=$root/source
datname=icudt${VERSION_MAJOR}l

# 1. native tools
mkdir -p build-host && cd build-host
env CC=gcc CXX=g++ AR=ar RANLIB=ranlib CFLAGS=-O0 CXXFLAGS=-O0 CPPFLAGS= LDFLAGS= \
    PKG_CONFIG_LIBDIR= PKG_CONFIG_PATH= \
    "$src/configure" --disable-shared --enable-static --disable-tests --disable-samples \
    --disable-extras --disable-layoutex
mkdir -p lib bin
env CFLAGS=-O0 CXXFLAGS=-O0 CPPFLAGS= LDFLAGS= sh -c \
    "make -j$JOBS all-local && make -j$JOBS -C stubdata && make -j$JOBS -C common && make -j$JOBS -C i18n && make -j$JOBS -C io && make -j$JOBS -C tools"
cd "$root"

# 2. the data
mkdir -p build-data
python3 "$SCRIPTS/filter-data.py" "$root/build-host/bin" "$src/data/in/$datname.dat" \
    "build-data/$datname.dat" "build-data/filter.txt"
# the symbol ICU looks for when the data is linked in: icudt76_dat
build-host/bin/genccode -q -d build-data -e "icudt${VERSION_MAJOR}" -f "${datname}_dat" \
    "build-data/$datname.dat"

# 3. the cross build
mkdir -p build-wasm && cd build-wasm
wasm_flags="-fno-exceptions -D_WASI_EMULATED_SIGNAL -DU_HAVE_MMAP=0 -DU_HAVE_TZSET=0 -DU_HAVE_TIMEZONE=0 -DU_HAVE_TZNAME=0 -DU_HAVE_POPEN=0 -DU_CHARSET_IS_UTF8=1"
env icu_cv_host_frag=mh-linux CFLAGS="$CFLAGS $wasm_flags" CXXFLAGS="$CXXFLAGS $wasm_flags" \
    "$src/configure" --host="$HOST_TRIPLE" --build="$BUILD_TRIPLE" --prefix="$PREFIX" \
    --with-cross-build="$root/build-host" --disable-shared --enable-static \
    --disable-dyload --disable-tools --disable-tests --disable-samples --disable-extras \
    --disable-layoutex --enable-icuio --with-data-packaging=static
mkdir -p lib
make -j"$JOBS" -C common
make -j"$JOBS" -C i18n
make -j"$JOBS" -C io
make -C common install
make -C i18n install
make -C io install
cd "$root"
$CC $CFLAGS -I"$PREFIX/include" -c "build-data/${datname}_dat.c" -o "build-data/${datname}_dat.o"
rm -f "$PREFIX/lib/libicudata.a"
$AR rcs "$PREFIX/lib/libicudata.a" "build-data/${datname}_dat.o"
install -D -m 0644 build-data/filter.txt "$PREFIX/share/icu/$VERSION/data-filter.txt"

# 4. pkg-config files
mkdir -p "$PREFIX/lib/pkgconfig"
pc() {  # name, description, Libs, Requires
    cat > "$PREFIX/lib/pkgconfig/$1.pc" <<EOF
prefix=$PREFIX
exec_prefix=\${prefix}
libdir=\${exec_prefix}/lib
includedir=\${prefix}/include

Name: $1
Description: $2
Version: $VERSION
$4
Cflags: -I\${includedir}
Libs: -L\${libdir} $3
Libs.private: -lc++ -lc++abi
EOF
}
pc icu-uc "International Components for Unicode: Common and Data libraries" "-licuuc -licudata" ""
pc icu-i18n "International Components for Unicode: Internationalization library" "-licui18n" "Requires: icu-uc"
pc icu-io "International Components for Unicode: Stream and I/O Library" "-licuio" "Requires: icu-i18n"

# 5. the smoke tests' command
$CC $CFLAGS -I"$PREFIX/include" "$SCRIPTS/icu-tool.c" -c -o build-data/icu-tool.o
$CXX $LDFLAGS build-data/icu-tool.o -o build-data/icu-tool.wasm \
    "$PREFIX/lib/libicui18n.a" "$PREFIX/lib/libicuuc.a" "$PREFIX/lib/libicudata.a"
install -D -m 0755 build-data/icu-tool.wasm "$PREFIX/bin/icu-tool.wasm"
