#!/usr/bin/env bash
# `npm start`: everything Chat3D needs on one machine, from a fresh clone. See README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node22.sh
source scripts/lib/ensure-deps.sh
node scripts/lib/build-if-stale.mjs
bash services/build123d/scripts/ensure_venv.sh
exec node scripts/start.mjs
