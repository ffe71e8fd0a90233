#!/usr/bin/env bash
# Records every request the engine tests send and checks them against
# Zendesk's OpenAPI spec with the team's oas-check tool (not shipped here).
# Usage: scripts/oas-check.sh [path/to/oas-check]
set -euo pipefail
cd "$(dirname "$0")/.."
checker="${1:-${ZD_OAS_CHECK:-../shared/tools/oas-check/oas-check}}"
log="$(mktemp)"
ZD_REQUEST_LOG="$log" npx jest test/nodes test/common test/credentials --silent
"$checker" "$log"
