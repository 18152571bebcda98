# configure names the Debian package to install when the Valgrind SDK or
# libxml2 or zlib cannot be found.
. "$TOP_SRCDIR/tests/lib.sh"
[ -x "$TOP_SRCDIR/configure" ] || fail "no configure script in $TOP_SRCDIR"
mkdir -p "$W/none" "$W/vgonly" "$W/vgxml"
# A private copy of what configure reads before it fails, so that this also
# works when the source tree itself is configured.
for d in b1 b2 b3; do
    mkdir -p "$W/$d/vgtool"
    cp "$TOP_SRCDIR/configure" "$W/$d/" && cp -r "$TOP_SRCDIR/build-aux" "$W/$d/" &&
        cp "$TOP_SRCDIR/vgtool/main.c" "$W/$d/vgtool/" || fail "cannot copy configure"
done
vgpc=$(pkg-config --variable=pcfiledir valgrind)/valgrind.pc
cp "$vgpc" "$W/vgonly/"
( cd "$W/b1" && PKG_CONFIG_LIBDIR="$W/none" PKG_CONFIG_PATH= ./configure >log 2>&1 ) &&
    fail "configure succeeded without the Valgrind SDK"
grep -q "install the Debian package valgrind" "$W/b1/log" || { tail "$W/b1/log"; fail "no hint about the valgrind package"; }
( cd "$W/b2" && PKG_CONFIG_LIBDIR="$W/vgonly" PKG_CONFIG_PATH= ./configure >log 2>&1 ) &&
    fail "configure succeeded without libxml2"
grep -q "install the Debian package libxml2-dev" "$W/b2/log" || { tail "$W/b2/log"; fail "no hint about libxml2-dev"; }
# zlib, for csann export's gzip-compressed pprof files.
cp "$vgpc" "$(pkg-config --variable=pcfiledir libxml-2.0)/libxml-2.0.pc" "$W/vgxml/" ||
    fail "cannot copy valgrind.pc and libxml-2.0.pc"
( cd "$W/b3" && PKG_CONFIG_LIBDIR="$W/vgxml" PKG_CONFIG_PATH= ./configure >log 2>&1 ) &&
    fail "configure succeeded without zlib"
grep -q "install the Debian package zlib1g-dev" "$W/b3/log" || { tail "$W/b3/log"; fail "no hint about zlib1g-dev"; }
