#!/usr/bin/env bash
# npm start: a real n8n with this package installed as a community package, the Wink sandbox
# beside it, a "Wink Sandbox" credential and the example workflows (scripts/start.mjs does that).
# N8N_VERSION picks the n8n line; WINK_START_FOLDER the n8n user folder kept between runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../e2e/n8n-install.sh"

install_n8n
# One folder per n8n version: a database migrated by 2.x cannot be opened by 1.x.
export N8N_VERSION
export N8N_USER_FOLDER=${WINK_START_FOLDER:-$HOME/.cache/n8n-nodes-wink/start-n8n-$N8N_VERSION}
mkdir -p "$N8N_USER_FOLDER"
# n8n encrypts credentials with this folder's own random key (owner-only file), never a known one.
KEY_FILE=$N8N_USER_FOLDER/encryption-key
if [ ! -s "$KEY_FILE" ]; then
	(umask 077 && node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64url'))" >"$KEY_FILE")
fi
chmod 600 "$KEY_FILE"
N8N_ENCRYPTION_KEY=$(cat "$KEY_FILE")
export N8N_ENCRYPTION_KEY KEY_FILE
echo "Installing this package into $N8N_USER_FOLDER/.n8n/nodes (TypeScript build, npm pack, unpack;"
echo "  then the sandbox starts and n8n imports the examples: a few quiet minutes on a first start)..."
install_package
exec node "$ROOT/scripts/start.mjs"
