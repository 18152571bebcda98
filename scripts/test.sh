#!/bin/sh
# Install what is missing, build, and run the whole test suite.  The last
# line printed is "N passed, N failed"; any failure exits non-zero.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh" --tests
"$top/scripts/build.sh"
exec make -C "$top" -s --no-print-directory check
