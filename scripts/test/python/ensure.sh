#!/usr/bin/env bash
# Creates or refreshes .tools/test-python (schemathesis, kubernetes-validate); a no-op while requirements.txt is
# unchanged. Prints the venv's python on stdout.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../../lib/python-venv.sh"
venv="$(cd "$here/../../.." && pwd)/.tools/test-python"
ensure_python_venv "$venv" "$here/requirements.txt" >&2
echo "$venv/bin/python"
