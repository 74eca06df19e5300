// `npm start` itself, as a user runs it: in the background on free ports with its own user folder;
// n8n answers, the credential and the examples are there over n8n's REST API, one example runs,
// Ctrl-C leaves no process behind, and a second start reuses the first one's install.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, freePort, login, n8n, runJson, tail } from '../lib.mjs';
import sandboxModule from '../../sandbox/index.js';

const { CLIENTS } = sandboxModule;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `npm start` in its own process group (as a terminal runs it) until it says it is ready. */
async function npmStart(env) {
	const child = spawn('npm', ['start'], {
		cwd: ROOT,
		env: { ...process.env, ...env },
		detached: true,
	});
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	const exited = new Promise((r) => child.once('close', r));
	const ready = await Promise.race([
		new Promise((r) => {
			const poll = setInterval(
				() => /Press Ctrl\+C/.test(out) && (clearInterval(poll), r(true)),
				200,
			);
			exited.then(() => (clearInterval(poll), r(false)));
		}),
		new Promise((r) => setTimeout(() => r(false), 600_000)),
	]);
	/** Ctrl-C: SIGINT to the whole foreground group; true when it ended within 30 s. */
	const ctrlC = async () => {
		try {
			process.kill(-child.pid, 'SIGINT');
		} catch {}
		return await Promise.race([
			exited.then(() => true),
			new Promise((r) => setTimeout(() => r(false), 30_000)),
		]);
	};
	const kill = () => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {}
	};
	return { ready, out: () => out, ctrlC, kill };
}

/** Processes that run with this n8n user folder (n8n, its task runner, the start script). */
function processesOf(folder) {
	const found = [];
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		try {
			if (
				readFileSync(`/proc/${pid}/environ`, 'utf8')
					.split('\0')
					.includes(`N8N_USER_FOLDER=${folder}`)
			)
				found.push(pid);
		} catch {}
	}
	return found;
}

export default async function start() {
	const folder = mkdtempSync(join(tmpdir(), 'wink-start-'));
	const env = {
		WINK_START_FOLDER: folder,
		N8N_PORT: String(await freePort()),
		WINK_SANDBOX_PORT: String(await freePort()),
	};
	let run;
	try {
		// A folder an earlier npm start made with the e2e's public key, holding a user's credential.
		const PUBLIC_KEY = 'n8n-e2e-throwaway-key';
		// (Its header name is not a password field, so n8n's REST API shows it once decrypted.)
		const oldCred = {
			id: 'oldUserCred01',
			name: 'Old user key',
			type: 'httpHeaderAuth',
			data: { name: 'X-Old-User', value: 'old-user-value-1' },
		};
		const seedFile = join(folder, 'seed-credentials.json');
		writeFileSync(seedFile, JSON.stringify([oldCred]));
		const seeded = await n8n(['import:credentials', `--input=${seedFile}`], 180_000, {
			N8N_USER_FOLDER: folder,
			N8N_ENCRYPTION_KEY: PUBLIC_KEY,
		});
		rmSync(seedFile);
		check(
			'npm start: an old folder with the public key is prepared',
			seeded.code === 0,
			tail(seeded.out),
		);

		run = await npmStart(env);
		const out = run.out();
		check('npm start: says it is ready', run.ready, tail(out));
		if (!run.ready) return;
		const url = out.match(/is ready in \d+s, with this package installed: +(\S+)/)?.[1];
		const [, email, password] = out.match(/Log in with +(\S+) \/ (\S+)/) ?? [];
		check(
			"npm start: n8n's readiness URL answers",
			(await fetch(`${url}/healthz/readiness`).catch(() => ({}))).ok === true,
			url,
		);
		const { rest, ok } = await login(url, { email, password });
		check('npm start: the printed login works', ok);
		// The sandbox's fixed test pair (sandbox/oauth.js), for a credential the user types in.
		const pair = out.match(/Sandbox client +ID (\S+) +secret (\S+)/)?.slice(1) ?? [];
		check(
			'npm start: prints the sandbox client ID and secret',
			pair.join() === [CLIENTS.demo.clientId, CLIENTS.demo.clientSecret].join(),
			pair.join(' '),
		);

		const creds = (await rest('GET', '/credentials')).json?.data ?? [];
		const cred = creds.find((c) => c.name === 'Wink Sandbox' && c.type === 'winkOAuth2Api');
		const data =
			cred && (await rest('GET', `/credentials/${cred.id}?includeData=true`)).json?.data?.data;
		check(
			'npm start: credential "Wink Sandbox", Custom environment, every scope, the sandbox URL',
			data?.environment === 'custom' &&
				data.winkScopes?.split(' ').length === 12 &&
				data.customApiUrl === `http://127.0.0.1:${env.WINK_SANDBOX_PORT}`,
			JSON.stringify({ ...data, clientSecret: undefined }),
		);
		const old = creds.find((c) => c.id === oldCred.id);
		const oldData =
			old && (await rest('GET', `/credentials/${old.id}?includeData=true`)).json?.data?.data;
		check(
			"npm start: the old folder's credential was re-encrypted and still reads",
			oldData?.name === oldCred.data.name,
			JSON.stringify({ found: !!old, fields: Object.keys(oldData ?? {}) }),
		);
		const keyFile = join(folder, 'encryption-key');
		const key = readFileSync(keyFile, 'utf8');
		const settings = join(folder, '.n8n', 'config');
		const settingsKey = JSON.parse(readFileSync(settings, 'utf8')).encryptionKey;
		const mode = (f) => (statSync(f).mode & 0o777).toString(8);
		check(
			"npm start: the folder's own random key (owner-only key and settings files), not the public one",
			key.length >= 40 &&
				key !== PUBLIC_KEY &&
				settingsKey === key &&
				mode(keyFile) === '600' &&
				mode(settings) === '600',
			`key length ${key.length}, settings key is the file's: ${settingsKey === key}, modes ${mode(keyFile)} ${mode(settings)}`,
		);
		const left = readdirSync(folder).filter((f) => /-(credentials|workflows)\.json$/.test(f));
		check(
			'npm start: no import file (plain credentials) left in the folder',
			left.length === 0,
			left.join(', '),
		);
		const { mcpToken } = JSON.parse(readFileSync(join(folder, 'wink-start.json'), 'utf8'));
		check(
			'npm start: the banner says where the MCP token is and does not print it',
			!!mcpToken &&
				!out.includes(mcpToken) &&
				out.includes(`require('${join(folder, 'wink-start.json')}').mcpToken`),
		);
		const examples = readdirSync(join(ROOT, 'examples'))
			.filter((f) => f.endsWith('.json'))
			.map((f) => JSON.parse(readFileSync(join(ROOT, 'examples', f), 'utf8')).name);
		const names = ((await rest('GET', '/workflows')).json?.data ?? []).map((w) => w.name);
		check(
			`npm start: the ${examples.length} example workflows are there`,
			examples.every((n) => names.includes(n)),
			names.join(', '),
		);

		// One example, run in this n8n's data (its sandbox answers), then seen by the server.
		const x = await n8n(['execute', '--id=winkExSafePayout'], 180_000, {
			N8N_USER_FOLDER: folder,
			N8N_ENCRYPTION_KEY: key,
		});
		const run1 = runJson(x.out);
		// Version 2: the item is on Initiated or Not initiated (the example's sandbox decides which).
		const [outcome] = (
			run1?.data?.resultData?.runData?.['Initiate withdrawal']?.[0]?.data?.main ?? []
		)
			.flat()
			.filter(Boolean)
			.map((i) => i.json);
		check(
			'npm start: the Safe payout example runs against its sandbox',
			x.code === 0 && typeof outcome?.initiated === 'boolean',
			tail(x.out),
		);
		const executions = (await rest('GET', '/executions')).json?.data?.results ?? [];
		check(
			'npm start: n8n lists that execution as a success',
			executions.some((e) => e.workflowId === 'winkExSafePayout' && e.status === 'success'),
			JSON.stringify(executions).slice(0, 500),
		);

		await stopAndCheck(run, folder, env, 'npm start');

		// Again: nothing downloaded or imported, the same login.
		run = await npmStart(env);
		const again = run.out();
		check(
			'second npm start: ready, reusing the n8n install and the imported data',
			run.ready &&
				!/Downloading n8n|Importing/.test(again) &&
				again.includes(`Log in with     ${email} / ${password}`),
			tail(again),
		);
		check(
			'second npm start: the login works',
			run.ready && (await login(url, { email, password })).ok,
		);
		await stopAndCheck(run, folder, env, 'second npm start');
		run = undefined;
	} finally {
		if (run) run.kill();
		rmSync(folder, { recursive: true, force: true });
	}
}

async function stopAndCheck(run, folder, env, name) {
	const ended = await run.ctrlC();
	const out = run.out();
	check(
		`${name}: Ctrl-C stops n8n and the sandbox`,
		ended &&
			/Stopped n8n \(process group \d+\)/.test(out) &&
			out.includes('Stopped the Wink sandbox.'),
		tail(out),
	);
	const left = processesOf(folder);
	const open = [];
	for (const port of [env.N8N_PORT, env.WINK_SANDBOX_PORT]) {
		if (
			await fetch(`http://127.0.0.1:${port}/`).then(
				() => true,
				() => false,
			)
		)
			open.push(port);
	}
	check(
		`${name}: no process left behind, both ports closed`,
		left.length === 0 && open.length === 0,
		`processes ${left.join(' ')}; open ports ${open.join(' ')}`,
	);
}
