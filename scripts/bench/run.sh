#!/usr/bin/env bash
# `npm run bench:<name>`: provisions PostgreSQL and Redis like the tests do, builds, runs one benchmark.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/node22.sh
source scripts/lib/ensure-deps.sh
source scripts/test/services.sh
start_test_postgres >&2
start_test_redis >&2
npx tsc -b packages/backend >&2
exec node "scripts/bench/$1.mjs" "${@:2}"
