#!/usr/bin/env bash
# End-to-end test in a real n8n: installs n8n once into a cache outside the repo, loads this
# package as a community package and runs workflows against the local Wink sandbox.
set -euo pipefail

# N8N_VERSION (default 2.41.1), install_n8n and install_package.
source "$(dirname "${BASH_SOURCE[0]}")/n8n-install.sh"

install_n8n
# `run.sh --install-only` fills the cache and stops (npm start and the queue run reuse it).
[ "${1:-}" = "--install-only" ] && exit 0
export N8N_VERSION
export N8N_USER_FOLDER
N8N_USER_FOLDER=$(mktemp -d "${TMPDIR:-/tmp}/n8n-e2e.XXXXXX")
CHECK_PID=
# check.mjs owns the sandbox and the n8n processes; on TERM it ends them.
cleanup() {
	if [ -n "$CHECK_PID" ]; then
		kill "$CHECK_PID" 2>/dev/null || true
		wait "$CHECK_PID" 2>/dev/null || true
	fi
	rm -rf "$N8N_USER_FOLDER"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
install_package
# E2E_ENTRY: another script to run in the prepared n8n (bench/n8n.sh uses it).
node "$ROOT/${E2E_ENTRY:-e2e/check.mjs}" &
CHECK_PID=$!
wait "$CHECK_PID" && status=0 || status=$?
CHECK_PID=
exit "$status"
