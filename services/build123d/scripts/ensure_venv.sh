#!/usr/bin/env bash
# Creates or refreshes services/build123d/.venv; a no-op while the requirement files are unchanged.
set -euo pipefail

SERVICE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$SERVICE_DIR/.venv"
STAMP="$VENV/.requirements.sha256"

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
    [ -n "$candidate" ] || continue
    command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# The previews draw through the OS's OSMesa, and Text needs fonts that fontconfig can find: install them where
# this machine lets us (as root with apt), else say what is missing and go on.
source "$SERVICE_DIR/../../scripts/lib/os-packages.sh"
ensure_os_packages "/usr/lib/*/libOSMesa.so.8:libosmesa6" "fc-list:fontconfig" \
  "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf:fonts-liberation" \
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core" || true

wanted="$(cd "$SERVICE_DIR" && cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)"
up_to_date() { [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$wanted" ]; }
up_to_date && exit 0

# npm start and npm test may both get here at once: one installs, the other waits and finds it done.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$SERVICE_DIR/.venv.lock"
  flock 9
  up_to_date && exit 0
fi

if ! PY="$(find_python)"; then
  found="$(command -v python3 >/dev/null 2>&1 && python3 -c 'import platform; print(platform.python_version())' || echo 'none')"
  echo "ensure_venv: the build123d render service needs Python >= 3.11 (python3 found: $found). Install Python 3.11+ or set PYTHON=/path/to/python3.11." >&2
  exit 1
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "ensure_venv: creating $VENV with $PY" >&2
  "$PY" -m venv "$VENV"
fi

echo "ensure_venv: installing requirements into $VENV" >&2
"$VENV/bin/python" -m pip install --disable-pip-version-check --quiet \
  -r "$SERVICE_DIR/requirements.txt" -r "$SERVICE_DIR/requirements-dev.txt"
echo "$wanted" >"$STAMP"
