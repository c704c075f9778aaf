#!/usr/bin/env bash
# `npm run eval -- --provider P --model M [--tasks GLOB]`: the eval suite against a configured provider.
# Needs no database; starts the render service from the venv unless BUILD123D_URL points at one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node22.sh
source scripts/lib/ensure-deps.sh
bash services/build123d/scripts/ensure_venv.sh >&2
npx tsc -b packages/backend >&2
exec node packages/backend/dist/eval/cli.js "$@"
