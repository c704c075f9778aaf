#!/usr/bin/env bash
# Creates or refreshes the venv of the local S3-compatible test server (moto) under .tools/s3-server and
# prints the path of its `moto_server`; a no-op while the pinned requirements are unchanged.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/scripts/lib/python-venv.sh"
ensure_python_venv "$root/.tools/s3-server" "$root/scripts/test/s3-server-requirements.txt" >&2
echo "$root/.tools/s3-server/bin/moto_server"
