#!/bin/sh
# Install what building cachesim needs on Debian (12 or later), and with
# --tests what its test suite needs too, skipping what is already there.
# Run as root (or with sudo available).
set -e
packages="autoconf automake pkg-config make gcc g++ libc6-dev binutils valgrind perl libxml2-dev zlib1g-dev gzip coreutils"
# For the tests: golang-go's `go tool pprof` reads what csann export writes;
# rustc builds the Rust programs the tests profile; clang and its libFuzzer
# runtime build the fuzz targets of tests/fuzz (about 40 MB).
test_packages="golang-go rustc clang libclang-rt-dev"
case "${1:-}" in
    --tests) packages="$packages $test_packages" ;;
    "") ;;
    *) echo "usage: install-deps.sh [--tests]" >&2; exit 2 ;;
esac
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
