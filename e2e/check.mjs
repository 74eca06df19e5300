// Runs the Wink nodes inside a real n8n (CLI, headless) against the in-process Wink sandbox.
// Started by e2e/run.sh, which provides E2E_NODE, E2E_N8N and a prepared N8N_USER_FOLDER.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import sandboxModule from '../sandbox/index.js';

const { E2E_NODE, E2E_N8N, N8N_USER_FOLDER } = process.env;
if (!E2E_NODE || !E2E_N8N || !N8N_USER_FOLDER) {
	console.error('Run me through e2e/run.sh: it installs n8n and prepares N8N_USER_FOLDER.');
	process.exit(2);
}
const results = [];
let current; // the running n8n child, killed if we are stopped

function check(name, ok, detail = '') {
	results.push(ok);
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `\n     ${detail}` : ''}`);
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

const env = {
	...process.env,
	PATH: `${dirname(E2E_NODE)}:${process.env.PATH}`,
	N8N_USER_FOLDER,
	N8N_ENCRYPTION_KEY: 'n8n-e2e-throwaway-key',
	DB_TYPE: 'sqlite',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	// `execute` logs the failed run's JSON at info level.
	N8N_LOG_LEVEL: 'info',
	N8N_LOG_OUTPUT: 'console',
	N8N_RUNNERS_MODE: 'internal',
	N8N_RUNNERS_BROKER_PORT: String(await freePort()),
};

// Runs one n8n CLI command; its own process group so a stop also ends its task runner.
function n8n(args, timeoutMs = 180_000) {
	return new Promise((resolve) => {
		const child = spawn(E2E_NODE, [E2E_N8N, ...args], { env, detached: true });
		current = child;
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		const timer = setTimeout(() => killGroup(child), timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			current = undefined;
			resolve({ code, out });
		});
	});
}

function killGroup(child) {
	try {
		process.kill(-child.pid, 'SIGKILL');
	} catch {}
}
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		if (current) killGroup(current);
		process.exit(1);
	});
}

// `n8n execute` prints log lines, then the run as JSON.stringify(data, null, 2): a "{" line up
// to the next "}" line at column 0.
function runJson(out) {
	const lines = out.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (lines[i] !== '{') continue;
		const end = lines.indexOf('}', i);
		if (end < 0) break;
		try {
			const json = JSON.parse(lines.slice(i, end + 1).join('\n'));
			if (json?.data?.resultData) return json;
		} catch {}
	}
	return undefined;
}

const itemsOf = (run, node) =>
	(run?.data?.resultData?.runData?.[node]?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);

const tail = (out) => out.trim().split('\n').slice(-15).join('\n     ');

async function execute(workflowId) {
	const { code, out } = await n8n(['execute', `--id=${workflowId}`]);
	return { code, out, run: runJson(out) };
}

const sb = await sandboxModule.startSandbox({ port: 0 });
try {
	await main();
} catch (error) {
	check('e2e run finished', false, error.stack);
} finally {
	if (current) killGroup(current);
	await sb.close();
}
const failed = results.filter((ok) => !ok).length;
console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

async function main() {
	const { ids, clients } = sb;
	const me = ids.managingEntityId;
	const work = N8N_USER_FOLDER;

	const credential = (id, name, scopes, extra = {}) => ({
		id,
		name,
		type: 'winkOAuth2Api',
		// Plain data: import:credentials encrypts objects itself.
		data: {
			environment: 'custom',
			customApiUrl: sb.url,
			customTokenUrl: sb.tokenUrl,
			clientId: clients.demo.clientId,
			clientSecret: clients.demo.clientSecret,
			scopes,
			authentication: 'header',
			...extra,
		},
	});
	const FULL = 'winkE2eCredFull1';
	const NARROW = 'winkE2eCredNarrw';
	const fullScopes = ['account.read', 'payment.read', 'payment.write', 'accounting.read'];
	const creds = [
		// The balance node leaves Managing Entity empty: this default must be used.
		credential(FULL, 'Wink sandbox', fullScopes, { managingEntityId: me }),
		credential(NARROW, 'Wink sandbox account.read only', ['account.read']),
	];

	const winkNode = (name, credId, parameters, y = 0) => ({
		id: `node-${name}`,
		name,
		type: 'n8n-nodes-wink.winkSettlement',
		typeVersion: 1,
		position: [300, y],
		parameters,
		credentials: { winkOAuth2Api: { id: credId, name: creds.find((c) => c.id === credId).name } },
	});
	const byId = { __rl: true, mode: 'id', value: me };
	const workflow = (id, name, nodes) => ({
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'node-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...nodes,
		],
		connections: { Start: { main: [nodes.map((n) => ({ node: n.name, type: 'main', index: 0 }))] } },
	});
	const READS = 'winkE2eReads0001';
	const WITHDRAW = 'winkE2eWithdraw1';
	const SCOPE = 'winkE2eScope0001';
	const workflows = [
		workflow(READS, 'e2e reads', [
			winkNode('Balance', FULL, { operation: 'getBalance', managingEntity: { __rl: true, mode: 'list', value: '' } }),
			winkNode('Ledger', FULL, { operation: 'getTransactions', managingEntity: byId, returnAll: true }, 200),
		]),
		workflow(WITHDRAW, 'e2e withdrawal', [
			winkNode('Withdraw', FULL, {
				operation: 'initiateWithdrawal',
				managingEntity: byId,
				destinationKind: 'BankAccount',
				destinationIdentifier: ids.bankAccountIds.EUR,
			}),
		]),
		workflow(SCOPE, 'e2e wrong scope', [
			winkNode('Ledger', NARROW, { operation: 'getTransactions', managingEntity: byId, returnAll: true }),
		]),
	];
	const credFile = join(work, 'e2e-credentials.json');
	const wfFile = join(work, 'e2e-workflows.json');
	writeFileSync(credFile, JSON.stringify(creds));
	writeFileSync(wfFile, JSON.stringify(workflows));

	let r = await n8n(['import:credentials', `--input=${credFile}`]);
	check('n8n import:credentials', r.code === 0 && /imported 2 credentials/.test(r.out), tail(r.out));
	r = await n8n(['import:workflow', `--input=${wfFile}`]);
	check('n8n import:workflow', r.code === 0 && /imported 3 workflows/.test(r.out), tail(r.out));

	const requests = sb.stats.requests;
	const since = (mark) => requests.slice(mark);

	// (a) + (b): balance and the whole ledger, in one run.
	const ledger = sb.state.ledger[me].map((e) => e.id);
	let mark = requests.length;
	let x = await execute(READS);
	check('reads workflow ran', x.code === 0 && x.run?.status === 'success', tail(x.out));
	const balance = itemsOf(x.run, 'Balance');
	const currencies = balance.map((b) => b.currencyCode).sort().join(',');
	check('(a) Get Available Balance: 3 items EUR, GBP, USD', balance.length === 3 && currencies === 'EUR,GBP,USD', `got ${currencies}`);
	const got = itemsOf(x.run, 'Ledger').map((e) => e.id);
	const unique = new Set(got);
	check(
		`(b) Get Ledger Transactions, Return All: all ${ledger.length} entries exactly once`,
		ledger.length === 3000 && got.length === ledger.length && unique.size === got.length && ledger.every((id) => unique.has(id)),
		`sandbox has ${ledger.length}, n8n returned ${got.length} (${unique.size} distinct)`,
	);
	const pages = since(mark).filter((q) => q.operationId === 'getTransactionHistory');
	check(`(b) ledger walked in ${pages.length} pages of 100, no retries`, pages.length === Math.floor(ledger.length / 100) + 1 && pages.every((q) => q.status === 200 && q.query.size === '100'));

	// (c) withdrawal: moves money, so exactly one POST.
	mark = requests.length;
	x = await execute(WITHDRAW);
	const [wd] = itemsOf(x.run, 'Withdraw');
	check(
		'(c) Initiate Withdrawal to the EUR bank account: PENDING',
		x.code === 0 && wd?.status === 'PENDING' && wd?.currencyCode === 'EUR' && wd?.bankAccountIdentifier === ids.bankAccountIds.EUR,
		wd ? JSON.stringify(wd) : tail(x.out),
	);
	const posts = since(mark).filter((q) => q.method === 'POST' && q.operationId !== 'token');
	check('(c) sandbox saw exactly one withdrawal POST', posts.length === 1 && posts[0].operationId === 'initiateWithdrawal', `${posts.length} POSTs`);

	// (d) a credential without accounting.read.
	x = await execute(SCOPE);
	const error = x.run?.data?.resultData?.error;
	const text = `${error?.message ?? ''} ${error?.description ?? ''}`;
	check(
		"(d) wrong-scope credential fails: Missing scope ... 'accounting.read'",
		x.code !== 0 && x.run?.status === 'error' && /Missing scope/.test(error?.message) && text.includes("'accounting.read'"),
		error ? text : tail(x.out),
	);

	// (e) n8n itself ran the client-credentials exchange, and every API call said Wink-Version 2.0.
	const tokens = requests.filter((q) => q.operationId === 'token');
	const api = requests.filter((q) => q.operationId !== 'token' && !q.path.startsWith('/__sandbox'));
	check(
		`(e) n8n fetched the tokens itself (${sb.stats.tokensIssued} issued, Basic auth, scopes from the credential)`,
		sb.stats.tokensIssued >= 1 &&
			tokens.every((q) => /^Basic /.test(q.headers.authorization ?? '') && q.body?.grant_type === 'client_credentials') &&
			tokens.some((q) => q.body?.scope === fullScopes.join(' ')) &&
			tokens.some((q) => q.body?.scope === 'account.read'),
		JSON.stringify(tokens.map((q) => ({ status: q.status, scope: q.body?.scope }))),
	);
	check(
		`(e) all ${api.length} API requests carried Wink-Version: 2.0 and a Bearer token`,
		api.length > 0 && api.every((q) => q.headers['wink-version'] === '2.0' && /^Bearer /.test(q.headers.authorization ?? '')),
	);
	// n8n keeps the token in its credential store: two executions, one token.
	const fullTokens = tokens.filter((q) => q.body?.scope === fullScopes.join(' ')).length;
	check('(e) the token was stored by n8n and reused by the next execution', fullTokens === 1, `${fullTokens} tokens for that credential`);

	await credentialTest(creds[0]);
}

// (f) The credential's Test button: POST /rest/credentials/test as the editor UI sends it.
async function credentialTest(cred) {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}/rest`;
	const server = spawn(E2E_NODE, [E2E_N8N, 'start'], {
		env: { ...env, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_SECURE_COOKIE: 'false' },
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	current = server;
	let log = '';
	server.stdout.on('data', (d) => (log += d));
	server.stderr.on('data', (d) => (log += d));
	try {
		const deadline = Date.now() + 120_000;
		for (;;) {
			const ready = await fetch(`http://127.0.0.1:${port}/healthz/readiness`).then((r) => r.ok, () => false);
			if (ready) break;
			if (Date.now() > deadline || server.exitCode !== null) throw new Error(`n8n start did not get ready:\n${log.slice(-2000)}`);
			await new Promise((r) => setTimeout(r, 500));
		}
		// The auth cookie is bound to a browser id header, as in the UI.
		const headers = { 'content-type': 'application/json', 'browser-id': 'n8n-e2e' };
		const setup = await fetch(`${base}/owner/setup`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ email: 'e2e@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2e-throwaway-1' }),
		});
		headers.cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
		check('(f) n8n owner set up over REST', setup.ok && headers.cookie.startsWith('n8n-auth='), `HTTP ${setup.status}`);
		// What the UI holds for a saved credential: its data with the secret redacted.
		const saved = await fetch(`${base}/credentials/${cred.id}?includeData=true`, { headers }).then((r) => r.json());
		const test = async (data) => {
			const res = await fetch(`${base}/credentials/test`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ credentials: { id: cred.id, name: cred.name, type: cred.type, data } }),
			});
			return (await res.json())?.data ?? {};
		};
		const mark = sb.stats.requests.length;
		const ok = await test(saved.data.data);
		const seen = sb.stats.requests.slice(mark);
		check(
			'(f) credential Test: "Connection successful!" after a token and GET /api/managing-entity/list',
			ok.status === 'OK' &&
				seen.some((q) => q.operationId === 'token' && q.status === 200) &&
				seen.some((q) => q.path === '/api/managing-entity/list' && q.status === 200 && q.headers['wink-version'] === '2.0'),
			JSON.stringify(ok),
		);
		const bad = await test({ ...saved.data.data, clientSecret: 'not-the-secret' });
		check('(f) credential Test with a wrong secret fails at the token', bad.status === 'Error' && /access token/i.test(bad.message ?? ''), JSON.stringify(bad));
		const narrow = await test({ ...saved.data.data, scopes: ['payment.read'] });
		check(
			"(f) credential Test without account.read names the scope",
			narrow.status === 'Error' && (narrow.message ?? '').includes("'account.read'"),
			JSON.stringify(narrow),
		);
	} finally {
		try {
			process.kill(-server.pid, 'SIGTERM');
		} catch {}
		const stopped = await Promise.race([new Promise((r) => server.once('close', () => r(true))), new Promise((r) => setTimeout(() => r(false), 10_000))]);
		if (!stopped) killGroup(server);
		current = undefined;
	}
}
