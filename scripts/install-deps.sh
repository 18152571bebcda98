#!/bin/sh
# Install what building and testing cachesim needs on Debian (12 or later),
# skipping what is already there.  Run as root (or with sudo available).
set -e
packages="autoconf automake pkg-config make gcc g++ libc6-dev binutils valgrind perl libxml2-dev gzip coreutils"
# For the tests only: clang and its libFuzzer runtime build the fuzz targets
# of tests/fuzz (e2e/csann_fuzz; skipped without them).  About 40 MB.
packages="$packages clang libclang-rt-dev"
missing=
for p in $packages; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && { echo "install-deps: everything needed is installed"; exit 0; }
echo "install-deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
    as_root=
elif command -v sudo >/dev/null 2>&1; then
    as_root=sudo
else
    echo "install-deps: need root (or sudo) to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
# shellcheck disable=SC2086
$as_root apt-get install -y -qq --no-install-recommends $missing
