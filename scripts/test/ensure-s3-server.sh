#!/usr/bin/env bash
# Creates or refreshes the venv of the local S3-compatible test server (moto) under .tools/s3-server and
# prints the path of its `moto_server`; a no-op while the pinned requirements are unchanged.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
requirements="$root/scripts/test/s3-server-requirements.txt"
venv="$root/.tools/s3-server"
stamp="$venv/.requirements.sha256"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
up_to_date() { [ -x "$venv/bin/moto_server" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; }

if ! up_to_date; then
  mkdir -p "$root/.tools"
  # Two test files may start at once: one installs, the other waits and finds it done.
  exec 9>"$root/.tools/s3-server.lock"
  flock 9
  if ! up_to_date; then
    python="${PYTHON:-python3}"
    command -v "$python" >/dev/null 2>&1 || { echo "ensure-s3-server: python3 is needed for the S3 test server" >&2; exit 1; }
    echo "ensure-s3-server: installing the S3 test server into $venv" >&2
    rm -rf "$venv"
    "$python" -m venv "$venv" >&2
    "$venv/bin/python" -m pip install --disable-pip-version-check --quiet -r "$requirements" >&2
    echo "$wanted" >"$stamp"
  fi
fi
echo "$venv/bin/moto_server"
