#!/bin/sh
# PHP's configure for wasm32-wasip1: every extension static; what WASI cannot do is left out
# (PCRE JIT and opcache's JIT: no executable memory; fibers: see the patches). opcache is linked
# in where the version's patches make that possible (PHP_STATIC_OPCACHE=yes, set per version in
# recipe.toml) and the variant carries extensions (not `minimal`); it then runs on its file
# cache only, since WASI has no shared memory. configure is told there is no fork(), so proc_open() & co are left out, and to stop
# on an option it does not know (a flag of another PHP version). The compat library
# (wasi/libphpwasi.a, built before) is linked into every check, its headers first.
# Every library is static: pkg-config answers with --static, so a library's own dependencies
# (libzip's bzip2/lzma/libcrypto, OpenSSL's wasi-libc emulations) reach the link and the
# configure checks that link against it.
# configure's link checks declare a function as `char f(void)`; against libzip (whose link
# pulls in libcrypto and the rest) clang's post-link wasm-opt cannot parse the signature-
# mismatch stub wasm-ld makes for that call, so the checks fail although the functions are
# there. libzip 1.7 has all of them (set_mtime 1.0, encryption 1.2, progress 1.3, cancel
# 1.6, compression_method_supported 1.7): the answers are given.
# intl is C++ on ICU: PHP links C++ with -lstdc++, the GNU library's name; the C++ library
# here is LLVM's libc++ (ICU's pkg-config files add it and libc++abi for a static link), so
# wasi/libstdc++.a is a link to it. Debian's libc++abi for wasm32 has no exception support
# (no __cxa_throw): C++ is compiled with -fno-exceptions (intl neither throws nor catches;
# ICU reports errors through UErrorCode).
# The executor: where a version sets PHP_VM, Zend/'s generated VM (zend_vm_execute.h and
# zend_vm_opcodes.h) is replaced by scripts/vm/$PHP_VM/, PHP's own generator's output for that
# version as the SWITCH kind without operand specialisation (scripts/vm/README.md: why, and
# how to make them). -Wno-uninitialized: clang's uninitialised-variable analysis of the one
# big execute_ex() is slow and warns about nothing the CALL kind does not have.
set -e  # not -u: PHP_CONFIGURE_EXTRA and PHP_VM are set only by versions that need them
if [ -n "${PHP_VM:-}" ]; then
  cp "$SCRIPTS/vm/$PHP_VM/zend_vm_execute.h" "$SCRIPTS/vm/$PHP_VM/zend_vm_opcodes.h" Zend/
  CFLAGS="$CFLAGS -Wno-uninitialized"
fi
if [ "${PHP_STATIC_OPCACHE:-}" = yes ] && [ -n "$PHP_EXTENSIONS" ]; then
  opcache="--enable-opcache --disable-opcache-jit --disable-huge-code-pages"
else
  opcache=--disable-opcache
fi
ln -sf "$WASI_SYSROOT/lib/wasm32-wasip1/libc++.a" "$SRC/wasi/libstdc++.a"
exec env CFLAGS="$CFLAGS -I$SRC/wasi/include" \
CXXFLAGS="$CXXFLAGS -I$SRC/wasi/include -fno-exceptions" LDFLAGS="$LDFLAGS -L$SRC/wasi" \
LIBS=$SRC/wasi/libphpwasi.a ac_cv_func_fork=no PKG_CONFIG="pkg-config --static" \
ac_cv_lib_zip_zip_file_set_mtime=yes ac_cv_lib_zip_zip_file_set_encryption=yes \
ac_cv_lib_zip_zip_register_progress_callback_with_state=yes \
ac_cv_lib_zip_zip_register_cancel_callback_with_state=yes \
ac_cv_lib_zip_zip_compression_method_supported=yes \
./configure --host=${HOST_TRIPLE} --build=${BUILD_TRIPLE} --prefix=/usr/local --disable-rpath \
  --enable-option-checking=fatal \
  --disable-all --without-pear --disable-phpdbg --enable-cli --enable-cgi \
  $opcache --without-pcre-jit --disable-fiber-asm --disable-zend-signals \
  $PHP_EXTENSIONS $PHP_CONFIGURE_EXTRA
