# Sourced: installs the npm dependencies when node_modules is missing or older than the lockfile.
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ ! -f "$repo_root/node_modules/.package-lock.json" ] || [ "$repo_root/package-lock.json" -nt "$repo_root/node_modules/.package-lock.json" ]; then
  echo "Installing npm dependencies…" >&2
  (cd "$repo_root" && npm ci --no-audit --no-fund --loglevel=error) >&2 || exit 1
fi
