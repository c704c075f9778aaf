# Sourced: ensure_os_packages CMD:PKG… installs the Debian packages whose command is missing.
# Needs root (CI and these machines run as root); otherwise it says what to install.
ensure_os_packages() {
  local missing=() pair cmd pkg
  for pair in "$@"; do
    cmd="${pair%%:*}"; pkg="${pair#*:}"
    command -v "$cmd" >/dev/null 2>&1 || compgen -G "$cmd" >/dev/null || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing system packages: ${missing[*]}. Install them (Debian/Ubuntu: apt-get install ${missing[*]}) or point the test run at existing servers with TEST_DATABASE_URL / TEST_REDIS_URL." >&2
    return 1
  fi
  echo "Installing system packages: ${missing[*]}" >&2
  if [ -z "${CHAT3D_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    export CHAT3D_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
