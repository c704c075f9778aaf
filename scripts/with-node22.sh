#!/usr/bin/env bash
# Runs a command with Node.js 22 first on PATH.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node22.sh"
exec "$@"
