# make install puts the tool where valgrind looks for tools, csann in bin,
# the header and the man page in place; csann's basic options behave.
. "$TOP_SRCDIR/tests/lib.sh"
make -C "$TOP_BUILDDIR" -s --no-print-directory install DESTDIR="$W/dest" >"$W/install.log" 2>&1 ||
    { cat "$W/install.log"; fail "make install failed"; }
tooldir=$(sed -n 's/^VG_TOOLDIR = //p' "$TOP_BUILDDIR/Makefile")
prefix=$(sed -n 's/^prefix = //p' "$TOP_BUILDDIR/Makefile")
platform=$(sed -n 's/^VG_PLATFORM = //p' "$TOP_BUILDDIR/Makefile")
installed=$(find "$W/dest" -name "cachesim-$platform" -type f)
[ -n "$installed" ] && [ -x "$installed" ] || fail "the tool was not installed"
case "$tooldir" in
    *'$'*) ;;   # given as ${libexecdir}/... (make distcheck): not expanded here
    *) [ "$installed" = "$W/dest$tooldir/cachesim-$platform" ] || fail "tool installed as $installed, not in $tooldir" ;;
esac
[ -x "$W/dest$prefix/bin/csann" ] || fail "csann not installed"
[ -f "$W/dest$prefix/include/cachesim.h" ] || fail "cachesim.h not installed"
[ -f "$W/dest$prefix/share/man/man1/csann.1" ] || fail "csann.1 not installed"
# The tool directory is the one the installed valgrind launches tools from
# (unless configure was told otherwise, as make distcheck does).
case "$tooldir" in
    *'$'*|"$prefix"/*) note "tool directory overridden: $tooldir" ;;
    *) valgrind -d --tool=none /bin/true 2>&1 | grep -q "launching $tooldir/none-" ||
           fail "valgrind does not load tools from $tooldir" ;;
esac
# The installed header compiles in C and C++ and does nothing natively.
printf '#include <cachesim.h>\nint main(void) { return 0; }\n' >"$W/h.c"
${CC:-gcc} -I"$W/dest$prefix/include" -o "$W/h" "$W/h.c" || fail "cachesim.h does not compile as C"
${CXX:-g++} -x c++ -I"$W/dest$prefix/include" -o "$W/hpp" "$W/h.c" || fail "cachesim.h does not compile as C++"
"$W/h" || fail "program using cachesim.h failed natively"
# csann: --help, --version, unknown option -> usage error 2.
"$CSANN" --help | grep -q "usage: csann" || fail "csann --help"
"$CSANN" --version | grep -q "csann (cachesim) " || fail "csann --version"
"$CSANN" --no-such-option >/dev/null 2>"$W/err"
[ $? -eq 2 ] || fail "csann: unknown option should exit 2"
grep -q "no-such-option" "$W/err" || fail "csann: the bad option is not named"
