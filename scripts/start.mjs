// npm start, after scripts/start.sh installed n8n and this package into N8N_USER_FOLDER: the Wink
// sandbox, a real n8n with a "Wink Sandbox" credential and the example workflows, until Ctrl-C.
import { createHash, randomBytes } from 'node:crypto';
import {
	chmodSync,
	createWriteStream,
	existsSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sandboxModule from '../sandbox/index.js';
import {
	N8N_USER_FOLDER,
	N8N_VERSION,
	credential,
	importData,
	n8n,
	startN8n,
	tail,
} from '../e2e/lib.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SANDBOX_PORT = Number(process.env.WINK_SANDBOX_PORT ?? 8787);
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
/** The credential the examples name; its id is what their nodes reference. */
const CREDENTIAL_ID = 'winkSandboxCred1';

// What earlier starts did (owner login, what was imported), kept in the user folder.
const stateFile = join(N8N_USER_FOLDER, 'wink-start.json');
/** n8n's settings file: it keeps the encryption key n8n was first started with. */
const settingsFile = join(N8N_USER_FOLDER, '.n8n', 'config');
const saved = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
const save = () => writeFileSync(stateFile, JSON.stringify(saved, null, 2), { mode: 0o600 });
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)}s`;

// lib.mjs ends its n8n processes with SIGKILL on a signal; here a stop is graceful.
for (const signal of ['SIGINT', 'SIGTERM']) process.removeAllListeners(signal);
let stopping;
let sb;
let server;
async function stop(code) {
	stopping ??= (async () => {
		if (server) {
			await server.stop();
			console.log(`Stopped n8n (process group ${server.pid}).`);
		}
		if (sb) {
			await sb.close();
			console.log('Stopped the Wink sandbox.');
		}
		process.exit(code);
	})();
	return stopping;
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// Sandbox data dated up to now, so "the last 30 days" of the examples has entries.
try {
	sb = await sandboxModule.startSandbox({ port: SANDBOX_PORT, epoch: new Date().toISOString() });
} catch (error) {
	console.error(
		error.code === 'EADDRINUSE'
			? `Port ${SANDBOX_PORT} is in use: pick another with WINK_SANDBOX_PORT=8788 npm start`
			: error.message,
	);
	process.exit(1);
}
console.log(`Wink sandbox listening on ${sb.url}`);

await rekeyOldFolder();

const examples = readdirSync(join(ROOT, 'examples'))
	.filter((f) => f.endsWith('.json'))
	.sort()
	// The bank statement example reads the sandbox's CSV at the default address: this sandbox's.
	.map((f) =>
		JSON.parse(
			readFileSync(join(ROOT, 'examples', f), 'utf8').replaceAll('http://127.0.0.1:8787', sb.url),
		),
	);
const cred = credential(sb, CREDENTIAL_ID, 'Wink Sandbox', sb.scopes, {
	managingEntityId: sb.managingEntityId,
});

// Import what is new or changed since the last start; a workflow edited in n8n is kept
// unless its example file changed. The credential follows the sandbox URL.
const hash = (data) => createHash('sha256').update(JSON.stringify(data)).digest('hex');
saved.imported ??= {};
const workflows = examples.filter((w) => saved.imported[w.id] !== hash(w));
const creds = saved.credential === hash(cred) ? [] : [cred];
// The MCP server example's endpoint token, made on the first start (n8n keeps it in the credential).
saved.mcpToken ??= randomBytes(24).toString('base64url');
const mcpCred = {
	id: 'winkMcpBearer01',
	name: 'Wink MCP token',
	type: 'httpBearerAuth',
	data: { token: saved.mcpToken },
};
if (saved.mcpCredential !== hash(mcpCred)) creds.push(mcpCred);
if (creds.length || workflows.length) {
	const started = Date.now();
	const what = [
		creds.length && creds.map((c) => `the "${c.name}" credential`).join(' and '),
		workflows.length && `${workflows.length} example workflow${workflows.length === 1 ? '' : 's'}`,
	];
	console.log(`Importing ${what.filter(Boolean).join(' and ')} into n8n...`);
	const r = await importData('wink-start', creds, workflows);
	for (const step of [r.creds, r.workflows].filter(Boolean)) {
		if (step.code !== 0) {
			console.error(`n8n import failed:\n${tail(step.out)}`);
			await stop(1);
		}
	}
	if (creds.includes(cred)) saved.credential = hash(cred);
	if (creds.includes(mcpCred)) saved.mcpCredential = hash(mcpCred);
	for (const w of workflows) saved.imported[w.id] = hash(w);
	save();
	console.log(`  done in ${seconds(started)}`);
}

// The owner login, made on the first start (n8n asks for 8+ characters, a digit and a capital).
saved.owner ??= {
	email: 'owner@wink-sandbox.local',
	firstName: 'Wink',
	lastName: 'Sandbox',
	password: `Wink-${randomBytes(9).toString('base64url')}-1`,
};
save();

// Another n8n on the port would answer the readiness check in this one's place.
const portFree = await new Promise((resolve) => {
	const probe = createServer().once('error', () => resolve(false));
	probe.listen(N8N_PORT, '127.0.0.1', () => probe.close(() => resolve(true)));
});
if (!portFree) {
	console.error(
		`Port ${N8N_PORT} is in use (another n8n?): pick another with N8N_PORT=5679 npm start`,
	);
	await stop(1);
}
const log = join(N8N_USER_FOLDER, 'n8n.log');
const logStream = createWriteStream(log, { flags: 'a' });
console.log(
	`Starting n8n ${N8N_VERSION} (its log: ${log}; a first start also creates its database)...`,
);
const started = Date.now();
try {
	server = await startN8n(
		{},
		{ port: N8N_PORT, owner: saved.owner, onLog: (d) => logStream.write(d) },
	);
} catch (error) {
	console.error(error.message);
	await stop(1);
}
if (!server.ownerReady) {
	console.error(`n8n is up but the owner login failed; delete ${N8N_USER_FOLDER} to start afresh.`);
	await stop(1);
}
server.closed.then(() => {
	if (stopping) return;
	console.error(
		`n8n exited unexpectedly; the end of its log:\n${server.log().split('\n').slice(-20).join('\n')}`,
	);
	server = undefined;
	void stop(1);
});

// n8n's settings file holds the encryption key too: owner-only, like the key file.
if (existsSync(settingsFile)) chmodSync(settingsFile, 0o600);

console.log(`
n8n ${N8N_VERSION} is ready in ${seconds(started)}, with this package installed:  ${server.url}
  Log in with     ${saved.owner.email} / ${saved.owner.password}
  Credential      "Wink Sandbox": Custom environment, every scope, the sandbox at ${sb.url}
  Sandbox client  ID ${sb.clients.demo.clientId}  secret ${sb.clients.demo.clientSecret}
                  (the sandbox's own test pair, no real secret: for a credential of your own)
  Workflows       ${examples.map((w) => w.name).join('\n                  ')}
  MCP server      ${server.url}/mcp/wink once "Wink: MCP server (read-only)" is active; its bearer
                  token: node -p "require('${stateFile}').mcpToken" (docs/ai-agents.md)
  n8n data        ${N8N_USER_FOLDER} (kept for the next npm start)

Press Ctrl+C to stop n8n and the sandbox.`);

/**
 * A folder made by an earlier npm start used the e2e's fixed, public encryption key: re-encrypt
 * its credentials with the folder's own key (scripts/start.sh), through n8n's export and import.
 */
async function rekeyOldFolder() {
	const PUBLIC_KEY = 'n8n-e2e-throwaway-key';
	const config = existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8')) : {};
	if (config.encryptionKey !== PUBLIC_KEY) return;
	console.log(
		'This folder was made with a public encryption key: re-encrypting its credentials with its own key...',
	);
	const dir = mkdtempSync(join(tmpdir(), 'wink-rekey-'));
	const file = join(dir, 'credentials.json');
	try {
		const out = await n8n(
			['export:credentials', '--all', '--decrypted', `--output=${file}`],
			180_000,
			{ N8N_ENCRYPTION_KEY: PUBLIC_KEY },
		);
		const none = /no credentials found/i.test(out.out);
		if (out.code !== 0 && !none)
			throw new Error(`n8n export:credentials failed:\n${tail(out.out)}`);
		writeFileSync(
			settingsFile,
			JSON.stringify({ ...config, encryptionKey: process.env.N8N_ENCRYPTION_KEY }, null, '\t'),
			{ mode: 0o600 },
		);
		if (!none && existsSync(file)) {
			const back = await n8n(['import:credentials', `--input=${file}`]);
			if (back.code !== 0) throw new Error(`n8n import:credentials failed:\n${tail(back.out)}`);
		}
	} catch (error) {
		console.error(`${error.message}\nDelete ${N8N_USER_FOLDER} to start afresh.`);
		await stop(1);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
