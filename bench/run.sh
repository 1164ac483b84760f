#!/bin/sh
# Thin wrapper: python3 bench/run.py with the same flags (see bench/README.md).
exec python3 "$(dirname "$0")/run.py" "$@"
