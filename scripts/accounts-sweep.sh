#!/usr/bin/env bash
# `npm run accounts:sweep`: anonymises the accounts whose 30-day deletion window has ended, once, now (the
# worker also runs it daily at 02:41 UTC). Reads DATABASE_URL and STORAGE_DIR like the API.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node22.sh
source scripts/lib/ensure-deps.sh
npx tsc -b packages/backend
exec node packages/backend/dist/accounts-sweep.js
