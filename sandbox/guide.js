'use strict';
// What `node sandbox/cli.js --guide` prints: a new user's first steps against a running sandbox.
// Only the sandbox's public demo client is named; tokens stay inside the shell variable.
const path = require('node:path');
const { SCOPES, WINK_VERSION } = require('./index');
const { name, version } = require('../package.json');

/**
 * @param {{ url: string, tokenUrl: string, clients: { demo: { clientId: string, clientSecret: string } }, managingEntityId: string }} sb
 * @param {{ docker?: boolean }} [options] docker: the sandbox listens on every interface
 */
function guideText(sb, { docker = false } = {}) {
	const { clientId, clientSecret } = sb.clients.demo;
	const root = path.join(__dirname, '..');
	const tarball = `${name}-${version}.tgz`;
	const lines = [
		'',
		'1. Put the package into your n8n (n8n 2.x needs Node >= 24):',
		`     cd ${root} && npm run package`,
		'     mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes',
		`     npm install --omit=peer ${path.join(root, tarball)}`,
		'   then restart n8n. n8n brings n8n-workflow: --omit=peer keeps npm from installing another',
		'   copy beside the package, and the tarball (not the folder, which becomes a symlink) keeps',
		"   it from loading this repository's own.",
		'',
		'2. In n8n, create a "Wink OAuth2 API" credential:',
		'     Environment:    Custom',
		`     API Base URL:   ${sb.url}`,
		`     Token URL:      ${sb.tokenUrl}`,
		`     Client ID:      ${clientId}`,
		`     Client Secret:  ${clientSecret}   (public demo values)`,
		`     Scopes:         ${SCOPES.join(' ')}`,
		`   (all ${SCOPES.length}, separated by spaces). The credential's default scopes are read-only:`,
		'   with them Initiate Withdrawal and every other change is refused.',
		'   Managing entity for the Wink nodes:',
		`     ${sb.managingEntityId}   (Grand Azure Hotel Lisbon)`,
		'',
		'3. Or call it yourself (a token, then a GET with the Wink-Version header):',
		`     TOKEN=$(curl -s -u ${clientId}:${clientSecret} -d grant_type=client_credentials ${sb.tokenUrl} | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token')`,
		`     curl -s -H "Authorization: Bearer $TOKEN" -H "Wink-Version: ${WINK_VERSION}" ${sb.url}/api/managing-entity/${sb.managingEntityId}/payment/ledger/balance`,
		'',
		`Sandbox controls (faults, reset, stats): ${sb.url}/__sandbox`,
	];
	if (docker) {
		lines.push(
			"n8n in Docker: use this machine's address as the container sees it instead of 127.0.0.1,",
			'e.g. host.docker.internal (on Linux, start the container with --add-host=host.docker.internal:host-gateway).',
		);
	} else {
		lines.push(
			'n8n in Docker cannot reach 127.0.0.1 here: start the sandbox with `npm run sandbox -- --host 0.0.0.0`.',
		);
	}
	return lines.join('\n');
}

module.exports = { guideText };
