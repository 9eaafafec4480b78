#!/usr/bin/env bash
# Runs schemathesis (the property-based API fuzzer from PyPI) from a project-local virtualenv:
# created with `python3 -m venv` on first use under node_modules/.cache/schemathesis, the pinned
# version installed into it, reused afterwards. Arguments go to `st` unchanged:
#   tools/schemathesis.sh run http://127.0.0.1:8080/api/v1/openapi.json --checks all
set -euo pipefail

VERSION="4.32.5"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="$ROOT/node_modules/.cache/schemathesis"
# Every package schemathesis pulls in is pinned too (pip freeze of a working install), so a new
# Hypothesis release cannot change what the test does.
CONSTRAINTS="$ROOT/tools/schemathesis.constraints.txt"
STAMP="$VENV/.installed-$VERSION-$(sha256sum "$CONSTRAINTS" | cut -c1-12)"

mkdir -p "$(dirname "$VENV")"
# One installer at a time: a second caller waits, then finds the stamp.
exec 9>"$VENV.lock"
flock 9
if [ ! -f "$STAMP" ]; then
  echo "schemathesis: installing $VERSION into $VENV" >&2
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c "$CONSTRAINTS" "schemathesis==$VERSION" >&2
  touch "$STAMP"
fi
flock -u 9
exec 9>&-

# Global options go before the command: `st --config-file … run …`.
exec "$VENV/bin/st" --config-file "$ROOT/tools/schemathesis.toml" "$@"
