#!/bin/sh
# Ruby's installer, as `make install-local install-ext` runs it, without the relink a second
# make would do in a tarball tree (it regenerates the fake rbconfig, enc.mk and ext/extinit.c,
# then links and asyncifies ruby again: ~3 min). Runs in the configured source tree after `make`.
#
# Debian's baseruby carries rubygems-integration's operating_system.rb, which moves
# Gem.default_dir to /var/lib/gems: an empty one first on RUBYLIB keeps upstream's
# /usr/local/lib/ruby/gems. Left out: man pages, headers, libruby-static.a and the bundled gems
# (debug and rbs need C extensions this static build does not link).
set -eu
mkdir -p /tmp/gemshadow/rubygems/defaults
: > /tmp/gemshadow/rubygems/defaults/operating_system.rb
RUBYLIB=/tmp/gemshadow /usr/bin/ruby3.3 --disable=gems -I. -r./wasm32-wasi-fake -I./lib \
  ./tool/rbinstall.rb --make=make --dest-dir=/tmp/rubyroot --extout=.ext --ext-build-dir=./ext \
  --data-mode=0644 --prog-mode=0755 --mantype=man --gnumake \
  --install=local --install=ext --exclude=man --exclude=hdr --exclude=bundled-gems
root=/tmp/rubyroot/usr/local
mkdir -p "${PREFIX}/bin" "${PREFIX}/usr/local/lib"
install -m 0755 ruby "${PREFIX}/bin/ruby.wasm"
cp -r "$root/lib/ruby" "${PREFIX}/usr/local/lib/ruby"
find "${PREFIX}/usr" -name '*.a' -delete
