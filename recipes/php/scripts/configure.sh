#!/bin/sh
# PHP's configure for wasm32-wasip1: every extension static; what WASI cannot do is left out
# (opcache: no mmap'd shared memory and no JIT; PCRE JIT: no executable memory; fibers: see the
# patches). configure is told there is no fork(), so proc_open() & co are left out, and to stop
# on an option it does not know (a flag of another PHP version). The compat library
# (wasi/libphpwasi.a, built before) is linked into every check, its headers first.
set -e  # not -u: PHP_CONFIGURE_EXTRA is set only by versions that need it
exec env CFLAGS="$CFLAGS -I$SRC/wasi/include" CXXFLAGS="$CXXFLAGS -I$SRC/wasi/include" \
LIBS=$SRC/wasi/libphpwasi.a ac_cv_func_fork=no \
./configure --host=${HOST_TRIPLE} --build=${BUILD_TRIPLE} --prefix=/usr/local --disable-rpath \
  --enable-option-checking=fatal \
  --disable-all --without-pear --disable-phpdbg --enable-cli --enable-cgi \
  --disable-opcache --without-pcre-jit --disable-fiber-asm --disable-zend-signals \
  $PHP_EXTENSIONS $PHP_CONFIGURE_EXTRA
