#!/usr/bin/env bash
# `npm test`: provisions what the suites need on a fresh machine, then runs every suite — static checks,
# backend, frontend, render service, browser end-to-end — and ends with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$(date +%s)
source scripts/node22.sh
source scripts/lib/ensure-deps.sh
source scripts/test/services.sh

step() { printf '\n\033[1m▶ %s\033[0m\n' "$*"; }

step "Provisioning PostgreSQL, Redis, Chromium, the render service's venv, the test tools' venv and the S3 test server"
start_test_postgres
start_test_redis
ensure_os_packages "chromium:chromium" "fc-list:fontconfig" "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf:fonts-liberation"
bash services/build123d/scripts/ensure_venv.sh
# schemathesis (the API fuzz suite) and kubernetes-validate (deploy/k8s checks), pinned in their requirements file.
bash scripts/test/python/ensure.sh >/dev/null
# The storage tests start their own S3-compatible server (moto) from this pinned venv.
bash scripts/test/ensure-s3-server.sh >/dev/null
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"

results=".tmp/test-results"
rm -rf "$results" && mkdir -p "$results"

step "Lint, format and types"
npx eslint .
npx prettier --check . --log-level warn
npx tsc -b packages/backend packages/frontend packages/cli
npx tsc -p packages/backend/tsconfig.test.json
(cd services/build123d && .venv/bin/ruff check . && .venv/bin/mypy)

step "Build"
node scripts/lib/build-if-stale.mjs

status=0
step "Backend (API, services, migrations against PostgreSQL and Redis)"
npx vitest run --root packages/backend --reporter=default --reporter=json --outputFile.json="$PWD/$results/backend.json" || status=1

step "Frontend (components and routes)"
npx vitest run --root packages/frontend --reporter=default --reporter=json --outputFile.json="$PWD/$results/frontend.json" || status=1

step "Render service (pytest)"
(cd services/build123d && .venv/bin/python -m pytest -q --junitxml="../../$results/render.xml") || status=1

step "Browser end-to-end (Chromium)"
npx vitest run --config packages/frontend/e2e/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$PWD/$results/e2e.json" || status=1

node scripts/test/summary.mjs "$results" "$(( $(date +%s) - started ))" || status=1
exit $status
