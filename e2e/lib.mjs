// What every e2e suite shares: the n8n CLI and server, checks, and workflow/credential builders.
// A suite is a file in e2e/suites/ exporting `default async function (ctx)`; check.mjs runs them.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

export const { E2E_NODE, E2E_N8N, N8N_USER_FOLDER } = process.env;
/** The n8n version under test (run.sh exports it); 1.x and 2.x differ in a few CLI/env names. */
export const N8N_VERSION = process.env.N8N_VERSION ?? '2.41.1';
export const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);

const results = [];
const children = new Set();

export function check(name, ok, detail = '') {
	results.push(ok);
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `\n     ${detail}` : ''}`);
	return ok;
}
export const summary = () => ({
	passed: results.filter(Boolean).length,
	failed: results.filter((ok) => !ok).length,
});

export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

export const env = {
	...process.env,
	PATH: `${dirname(E2E_NODE ?? 'node')}:${process.env.PATH}`,
	N8N_USER_FOLDER,
	// A throwaway folder's key; npm start passes its folder's own random key (scripts/start.sh).
	N8N_ENCRYPTION_KEY: process.env.N8N_ENCRYPTION_KEY || 'n8n-e2e-throwaway-key',
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

export function killGroup(child, signal = 'SIGKILL') {
	try {
		process.kill(-child.pid, signal);
	} catch {}
}
/** Ends every n8n process still running (on stop, failure or exit). */
export function killAll() {
	for (const child of children) killGroup(child);
}
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		killAll();
		process.exit(1);
	});
}

/**
 * Runs one n8n CLI command; its own process group so a stop also ends its task runner.
 * Output goes to a file, not a pipe: n8n exits right after printing a run, and a large run
 * written to a pipe is cut short at exit (seen with 3,000 ledger entries).
 */
export function n8n(args, timeoutMs = 180_000, extraEnv = {}) {
	return new Promise((resolve) => {
		const dir = mkdtempSync(join(tmpdir(), 'n8n-cli-'));
		const file = join(dir, 'out.txt');
		const fd = openSync(file, 'w');
		const child = spawn(E2E_NODE, [E2E_N8N, ...args], {
			env: { ...env, ...extraEnv },
			detached: true,
			stdio: ['ignore', fd, fd],
		});
		closeSync(fd);
		children.add(child);
		const timer = setTimeout(() => killGroup(child), timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			children.delete(child);
			const out = readFileSync(file, 'utf8');
			rmSync(dir, { recursive: true, force: true });
			resolve({ code, out });
		});
	});
}

// `n8n execute` prints log lines, then the run as JSON.stringify(data, null, 2): a "{" line up
// to the next "}" line at column 0.
export function runJson(out) {
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

export const itemsOf = (run, node) =>
	(run?.data?.resultData?.runData?.[node]?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);

export const tail = (out) => out.trim().split('\n').slice(-15).join('\n     ');

export async function execute(workflowId) {
	const { code, out } = await n8n(['execute', `--id=${workflowId}`]);
	return { code, out, run: runJson(out) };
}

/** Imports credentials and workflows through n8n's CLI (plain data: n8n encrypts it). */
export async function importData(name, creds, workflows) {
	const credFile = join(N8N_USER_FOLDER, `${name}-credentials.json`);
	const wfFile = join(N8N_USER_FOLDER, `${name}-workflows.json`);
	// The credential file holds secrets in plain text: readable by the owner only, and gone after.
	writeFileSync(credFile, JSON.stringify(creds), { mode: 0o600 });
	writeFileSync(wfFile, JSON.stringify(workflows), { mode: 0o600 });
	const result = {};
	try {
		if (creds.length) result.creds = await n8n(['import:credentials', `--input=${credFile}`]);
		if (workflows.length) result.workflows = await n8n(['import:workflow', `--input=${wfFile}`]);
	} finally {
		rmSync(credFile, { force: true });
		rmSync(wfFile, { force: true });
	}
	return result;
}

/** importData, checked: every credential and workflow imported. */
export async function importAll(name, creds, workflows) {
	const r = await importData(name, creds, workflows);
	let ok = true;
	if (r.creds) {
		ok =
			check(
				`${name}: n8n import:credentials`,
				r.creds.code === 0 && new RegExp(`imported ${creds.length} credential`).test(r.creds.out),
				tail(r.creds.out),
			) && ok;
	}
	return (
		check(
			`${name}: n8n import:workflow`,
			r.workflows?.code === 0 &&
				new RegExp(`imported ${workflows.length} workflow`).test(r.workflows.out),
			tail(r.workflows?.out ?? ''),
		) && ok
	);
}

/** A Wink credential as a user types it, pointing at the sandbox. */
export function credential(sb, id, name, scopes, extra = {}) {
	return {
		id,
		name,
		type: 'winkOAuth2Api',
		data: {
			environment: 'custom',
			customApiUrl: sb.url,
			customTokenUrl: sb.tokenUrl,
			clientId: sb.clients.demo.clientId,
			clientSecret: sb.clients.demo.clientSecret,
			winkScopes: scopes.join(' '),
			authentication: 'header',
			...extra,
		},
	};
}

/** A Wink node of `type` (e.g. 'winkSettlement') using the credential `cred`. */
export function winkNode(type, name, cred, parameters, y = 0) {
	return {
		id: `node-${name}`,
		name,
		type: `n8n-nodes-wink.${type}`,
		typeVersion: 1,
		position: [300, y],
		parameters,
		credentials: { winkOAuth2Api: { id: cred.id, name: cred.name } },
	};
}

/** A workflow whose `nodes` run one after the other, the first being its trigger. */
export function pipeline(id, name, nodes) {
	const connections = {};
	nodes
		.slice(1)
		.forEach(
			(n, i) =>
				(connections[nodes[i].name] = { main: [[{ node: n.name, type: 'main', index: 0 }]] }),
		);
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** n8n's core Webhook node: POST /webhook/<path>, answering with every item of the last node. */
export function webhookNode(path, y = 0) {
	return {
		id: `node-webhook-${path}`,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, y],
		webhookId: `wink-e2e-${path}`,
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
	};
}

/**
 * Runs a long-lived n8n command (`start`, `worker`, `webhook`) until `readyUrl` answers 200.
 * `stop()` ends it (SIGTERM, then SIGKILL after 10 s); `closed` settles when it exits; `log()` is
 * what it printed (the last `maxLog` characters).
 */
export async function serveN8n(args, extraEnv, readyUrl, { onLog, maxLog = Infinity } = {}) {
	const proc = spawn(E2E_NODE, [E2E_N8N, ...args], {
		env: { ...env, ...extraEnv },
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	children.add(proc);
	const closed = new Promise((r) => proc.once('close', r));
	let log = '';
	const onData = (d) => {
		log = (log + d).slice(-maxLog);
		onLog?.(d);
	};
	proc.stdout.on('data', onData);
	proc.stderr.on('data', onData);
	const stop = async () => {
		killGroup(proc, 'SIGTERM');
		const timeout = new Promise((r) => setTimeout(() => r(false), 10_000));
		if (!(await Promise.race([closed.then(() => true), timeout]))) killGroup(proc);
		children.delete(proc);
	};
	const deadline = Date.now() + 180_000;
	while (
		!(await fetch(readyUrl).then(
			(r) => r.ok,
			() => false,
		))
	) {
		if (Date.now() > deadline || proc.exitCode !== null) {
			await stop();
			throw new Error(`n8n ${args[0]} did not get ready:\n${log.slice(-2000)}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return { pid: proc.pid, closed, stop, log: () => log };
}

/** A manual-trigger workflow running `nodes` side by side. */
export function workflow(id, name, nodes) {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'node-start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...nodes,
		],
		connections: {
			Start: { main: [nodes.map((n) => ({ node: n.name, type: 'main', index: 0 }))] },
		},
	};
}

/** A fetch answer as { status, json (when the body parses), text }. */
export async function answer(res) {
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {}
	return { status: res.status, json, text };
}

/**
 * A REST client of the n8n at `url`, logged in as `owner`: sets the owner up on a fresh n8n,
 * logs in on one set up before (another suite, a restart, a kept user folder).
 */
export async function login(url, owner = E2E_OWNER) {
	// The auth cookie is bound to a browser id header, as in the UI.
	const headers = { 'content-type': 'application/json', 'browser-id': 'n8n-e2e' };
	// n8n 1.x answers its readiness URL before its REST routes exist (404 until then; on a
	// loaded machine for over a minute).
	for (
		const deadline = Date.now() + 180_000;
		Date.now() < deadline;
		await new Promise((r) => setTimeout(r, 500))
	) {
		if (
			(await fetch(`${url}/rest/settings`).then(
				(r) => r.status,
				() => 0,
			)) === 200
		)
			break;
	}
	let auth = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers,
		body: JSON.stringify(owner),
	});
	if (!auth.ok) {
		// 1.123 and 2.x both read emailOrLdapLoginId.
		auth = await fetch(`${url}/rest/login`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
		});
	}
	headers.cookie = (auth.headers.get('set-cookie') ?? '').split(';')[0];
	const client = (base, hdrs) => async (method, path, body) => {
		const res = await fetch(`${base}${path}`, {
			method,
			headers: hdrs,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return answer(res);
	};
	const rest = client(`${url}/rest`, headers);
	/** n8n's public API (/api/v1) with an API key (create one with rest('POST', '/api-keys', ...)). */
	const publicApi = (apiKey) =>
		client(`${url}/api/v1`, {
			'content-type': 'application/json',
			accept: 'application/json',
			'X-N8N-API-KEY': apiKey,
		});
	return { rest, publicApi, headers, ok: auth.ok && headers.cookie.startsWith('n8n-auth=') };
}

export const E2E_OWNER = {
	email: 'e2e@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-throwaway-1',
};

/**
 * Starts `n8n start` on a free port (or `port`, e.g. to restart on the same URL), sets up the owner
 * (or logs in when it exists) and returns a logged-in REST client.
 * Its public webhook URL is its own address (1.x reads WEBHOOK_URL, 2.x N8N_WEBHOOK_URL).
 * `stop()` ends it (SIGTERM, then SIGKILL after 10 s); `closed` settles when it exits.
 */
export async function startN8n(extraEnv = {}, { port, owner = E2E_OWNER, onLog } = {}) {
	port ??= await freePort();
	const url = `http://127.0.0.1:${port}`;
	const served = await serveN8n(
		['start'],
		{
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			WEBHOOK_URL: `${url}/`,
			N8N_WEBHOOK_URL: `${url}/`,
			...extraEnv,
		},
		`${url}/healthz/readiness`,
		{ onLog, maxLog: 100_000 },
	);
	const { rest, publicApi, headers, ok } = await login(url, owner);
	return { url, port, ...served, rest, publicApi, headers, ownerReady: ok };
}
