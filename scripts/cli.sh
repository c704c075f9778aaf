#!/usr/bin/env bash
# `npm run cli -- …`: the chat3d CLI under Node 22, with paths relative to where npm was run.
set -euo pipefail
cli="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/packages/cli/bin/chat3d.js"
source "$(dirname "${BASH_SOURCE[0]}")/node22.sh"
cd "${INIT_CWD:-$PWD}"
exec node "$cli" "$@"
