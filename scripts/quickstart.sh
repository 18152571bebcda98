#!/bin/sh
# Quick start: install what is missing, build and install cachesim, then
# profile the bundled example and annotate the result.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh"
"$top/scripts/build.sh"
if [ "$(id -u)" -eq 0 ]; then make -C "$top" install; else sudo make -C "$top" install; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cachesim-demo.XXXXXX")
cd "$work"
gcc -g -O1 -o cachedemo "$top/examples/cachedemo.c"
echo "== valgrind --tool=cachesim ./cachedemo  (in $work)"
valgrind --tool=cachesim --cachesim-out-file=cachesim.out.demo ./cachedemo
echo "== csann --auto=yes cachesim.out.demo"
csann --auto=yes cachesim.out.demo
