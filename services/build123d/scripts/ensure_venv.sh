#!/usr/bin/env bash
# Creates or refreshes services/build123d/.venv; a no-op while the requirement files are unchanged.
set -euo pipefail

SERVICE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The previews draw through the OS's OSMesa, and Text needs fonts that fontconfig can find: install them where
# this machine lets us (as root with apt), else say what is missing and go on.
source "$SERVICE_DIR/../../scripts/lib/os-packages.sh"
ensure_os_packages "/usr/lib/*/libOSMesa.so.8:libosmesa6" "fc-list:fontconfig" \
  "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf:fonts-liberation" \
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core" || true

source "$SERVICE_DIR/../../scripts/lib/python-venv.sh"
ensure_python_venv "$SERVICE_DIR/.venv" "$SERVICE_DIR/requirements.txt" "$SERVICE_DIR/requirements-dev.txt"
