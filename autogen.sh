#!/bin/sh
# Regenerate configure and Makefile.in (a git checkout has neither).
set -e
cd "$(dirname "$0")"
mkdir -p m4
exec autoreconf -fi
