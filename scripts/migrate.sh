#!/usr/bin/env bash
# `npm run db:migrate`: brings the database at DATABASE_URL to the latest schema.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node22.sh
source scripts/lib/ensure-deps.sh
npx tsc -b packages/backend
exec node packages/backend/dist/db/migrate-cli.js
