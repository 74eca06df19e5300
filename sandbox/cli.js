#!/usr/bin/env node
'use strict';
// node sandbox/cli.js [--port N] [--host H] [--seed N] [--rate-limit N] [--log] [--guide]
const { startSandbox } = require('./index');
const { guideText } = require('./guide');

// Listening on every interface (e.g. for n8n in Docker); this machine still reaches it on 127.0.0.1.
const EVERY_INTERFACE = new Set(['0.0.0.0', '::']);

function parseArgs(argv) {
	const args = { guide: false, log: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => (inline !== undefined ? inline : argv[++i]);
		if (flag === '--port') args.port = value();
		else if (flag === '--host') args.host = value();
		else if (flag === '--seed') args.seed = value();
		else if (flag === '--rate-limit') args.rateLimit = value();
		else if (flag === '--guide') args.guide = true;
		else if (flag === '--log') args.log = true;
		else if (flag === '--help' || flag === '-h') args.help = true;
		else throw new Error(`Unknown option: ${argv[i]}`);
	}
	return args;
}

function toInt(value, name, min, max) {
	const n = Number(value);
	if (!Number.isInteger(n) || n < min || n > max)
		throw new Error(`${name} must be an integer between ${min} and ${max} (got '${value}')`);
	return n;
}

/** Prints the guide for the Wink sandbox already listening on `port`; false when none answers there. */
async function printGuideOfRunning(port) {
	const url = `http://127.0.0.1:${port}`;
	const info = await fetch(`${url}/__sandbox/info`, { signal: AbortSignal.timeout(3000) })
		.then((r) => (r.ok ? r.json() : undefined))
		.catch(() => undefined);
	if (info?.name !== 'Wink sandbox' || !info.clients?.demo || !info.managingEntityId) return false;
	console.log(
		`A Wink sandbox is already listening on ${url} (npm start's?): the guide is for that one.`,
	);
	console.log(
		guideText({
			url,
			tokenUrl: `${url}${info.tokenPath}`,
			clients: info.clients,
			managingEntityId: info.managingEntityId,
		}),
	);
	return true;
}

async function main() {
	let args;
	let port;
	let host;
	let seed;
	let rateLimit;
	try {
		args = parseArgs(process.argv.slice(2));
		if (args.help) {
			console.log(
				'Usage: node sandbox/cli.js [--port N] [--host H] [--seed N] [--rate-limit N] [--log] [--guide]\n' +
					'  Port defaults to $WINK_SANDBOX_PORT or 8787, host to 127.0.0.1 (0.0.0.0: reachable from Docker).\n' +
					'  --rate-limit N: a gateway allows N API requests a second (one-second burst), then 429 with Retry-After.\n' +
					'  Through npm, put the options after --: npm run sandbox -- --port 9000',
			);
			return;
		}
		port = toInt(args.port ?? process.env.WINK_SANDBOX_PORT ?? 8787, 'Port', 0, 65535);
		seed = toInt(args.seed ?? 1, 'Seed', 0, 2 ** 32 - 1);
		host = args.host ?? '127.0.0.1';
		if (args.rateLimit !== undefined) rateLimit = toInt(args.rateLimit, 'Rate limit', 1, 100_000);
	} catch (err) {
		console.error(err.message);
		process.exitCode = 2;
		return;
	}

	let sandbox;
	try {
		sandbox = await startSandbox({ port, host, seed, rateLimit, log: args.log });
	} catch (err) {
		// A sandbox already there (e.g. npm start's): the guide is for that one; nothing else listens.
		if (err.code === 'EADDRINUSE' && args.guide && (await printGuideOfRunning(port))) return;
		if (err.code === 'EADDRINUSE')
			console.error(`Port ${port} is already in use; pick another: npm run sandbox -- --port N`);
		else console.error(`Cannot listen on ${host}:${port}: ${err.message}`);
		process.exitCode = 1;
		return;
	}

	const everywhere = EVERY_INTERFACE.has(host);
	const local = `http://127.0.0.1:${sandbox.port}`;
	console.log(
		`Wink sandbox listening on ${everywhere ? `every interface, port ${sandbox.port} (${local} here)` : sandbox.url}`,
	);
	if (args.guide) {
		const view = everywhere
			? { ...sandbox, url: local, tokenUrl: `${local}/oauth2/token` }
			: sandbox;
		console.log(guideText(view, { docker: everywhere }));
	}
	if (rateLimit)
		console.log(
			`Rate-limit mode: ${rateLimit} API requests a second (one-second burst), then 429 with Retry-After.`,
		);
	console.log('Press Ctrl+C to stop.');

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await sandbox.close();
		console.log('Wink sandbox stopped.');
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main();
