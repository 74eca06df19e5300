#!/usr/bin/env node
'use strict';
// node sandbox/cli.js [--port N] [--seed N] [--log] [--guide]
const { startSandbox } = require('./index');

function parseArgs(argv) {
	const args = { guide: false, log: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => (inline !== undefined ? inline : argv[++i]);
		if (flag === '--port') args.port = value();
		else if (flag === '--seed') args.seed = value();
		else if (flag === '--guide') args.guide = true;
		else if (flag === '--log') args.log = true;
		else if (flag === '--help' || flag === '-h') args.help = true;
		else throw new Error(`Unknown option: ${argv[i]}`);
	}
	return args;
}

function toInt(value, name, min, max) {
	const n = Number(value);
	if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer between ${min} and ${max} (got '${value}')`);
	return n;
}

async function main() {
	let args;
	let port;
	let seed;
	try {
		args = parseArgs(process.argv.slice(2));
		if (args.help) {
			console.log('Usage: node sandbox/cli.js [--port N] [--seed N] [--log] [--guide]\n  Port defaults to $WINK_SANDBOX_PORT or 8787.');
			return;
		}
		port = toInt(args.port ?? process.env.WINK_SANDBOX_PORT ?? 8787, 'Port', 0, 65535);
		seed = toInt(args.seed ?? 1, 'Seed', 0, 2 ** 32 - 1);
	} catch (err) {
		console.error(err.message);
		process.exitCode = 2;
		return;
	}

	let sandbox;
	try {
		sandbox = await startSandbox({ port, seed, log: args.log });
	} catch (err) {
		console.error(err.code === 'EADDRINUSE' ? `Port ${port} is already in use; pick another with --port N.` : err.message);
		process.exitCode = 1;
		return;
	}

	console.log(`Wink sandbox listening on ${sandbox.url}`);
	if (args.guide) {
		const demo = sandbox.clients.demo;
		console.log(`
In n8n, create a "Wink OAuth2 API" credential with:
  Environment:    Custom
  API Base URL:   ${sandbox.url}
  Token URL:      ${sandbox.tokenUrl}
  Client ID:      ${demo.clientId}
  Client Secret:  ${demo.clientSecret}
Then use this managing entity id in the Wink nodes:
  ${sandbox.managingEntityId}   (Grand Azure Hotel Lisbon)

Sandbox controls (faults, reset, stats): ${sandbox.url}/__sandbox`);
	}
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
