#!/usr/bin/env bash
# npm run bench:n8n: the real-n8n benchmark, in the n8n the e2e installed (never installs it here).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N8N_VERSION=${N8N_VERSION:-2.41.1}
CACHE=${N8N_E2E_CACHE:-$HOME/.cache/n8n-e2e}
if [ ! -f "$CACHE/n8n-$N8N_VERSION-node-24.22.3/.complete" ]; then
	echo "bench:n8n: n8n $N8N_VERSION is not installed yet; run 'bash e2e/run.sh --install-only' (or wait for the running install)" >&2
	exit 2
fi
E2E_ENTRY=bench/n8n.mjs exec bash "$ROOT/e2e/run.sh"
