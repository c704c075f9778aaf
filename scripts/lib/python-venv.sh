# Sourced: `ensure_python_venv VENV REQUIREMENTS...` creates or refreshes a venv with Python >= 3.11 and installs
# the requirement files into it; a no-op while they are unchanged (their hash is stamped into the venv).
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

ensure_python_venv() {
  local venv="$1" stamp="$1/.requirements.sha256" wanted py found
  shift
  wanted="$(cat "$@" | sha256sum | cut -d' ' -f1)"
  python_venv_current() { [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; }
  python_venv_current && return 0
  mkdir -p "$(dirname "$venv")"
  # npm start and npm test may both get here at once: one installs, the other waits and finds it done.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$venv.lock"
    flock 9
    if python_venv_current; then exec 9>&-; return 0; fi
  fi
  if ! py="$(find_python)"; then
    found="$(command -v python3 >/dev/null 2>&1 && python3 -c 'import platform; print(platform.python_version())' || echo 'none')"
    echo "ensure_python_venv: $venv needs Python >= 3.11 (python3 found: $found). Install Python 3.11+ or set PYTHON=/path/to/python3.11." >&2
    return 1
  fi
  if [ ! -x "$venv/bin/python" ]; then
    echo "ensure_python_venv: creating $venv with $py" >&2
    "$py" -m venv "$venv" || return 1
  fi
  echo "ensure_python_venv: installing $* into $venv" >&2
  local reqs=()
  for file in "$@"; do reqs+=(-r "$file"); done
  "$venv/bin/python" -m pip install --disable-pip-version-check --quiet "${reqs[@]}" || return 1
  echo "$wanted" >"$stamp"
  command -v flock >/dev/null 2>&1 && exec 9>&-
  return 0
}
