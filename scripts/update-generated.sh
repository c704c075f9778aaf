#!/usr/bin/env bash
# `npm run openapi` / `npm run db:types`: rewrites a committed, generated file from the code that is its
# source, by running its drift test in update mode against the throwaway test servers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node22.sh
source scripts/lib/ensure-deps.sh
source scripts/test/services.sh
start_test_postgres
start_test_redis
case "${1:-}" in
  openapi) UPDATE_OPENAPI=1 npx vitest run --root packages/backend test/api/openapi.test.ts ;;
  db-types) UPDATE_DB_TYPES=1 npx vitest run --root packages/backend test/db/database-types.test.ts ;;
  *) echo "usage: update-generated.sh openapi|db-types" >&2; exit 2 ;;
esac
