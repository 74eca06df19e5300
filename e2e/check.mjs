// Runs the Wink nodes inside a real n8n (CLI, headless) against the in-process Wink sandbox.
// Started by e2e/run.sh, which provides E2E_NODE, E2E_N8N and a prepared N8N_USER_FOLDER.
// Each file in e2e/suites/ is one suite; E2E_SUITES=a,b runs only those.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sandboxModule from '../sandbox/index.js';
import {
	E2E_N8N,
	E2E_NODE,
	N8N_USER_FOLDER,
	N8N_VERSION,
	check,
	killAll,
	summary,
} from './lib.mjs';

if (!E2E_NODE || !E2E_N8N || !N8N_USER_FOLDER) {
	console.error('Run me through e2e/run.sh: it installs n8n and prepares N8N_USER_FOLDER.');
	process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const only = (process.env.E2E_SUITES ?? '').split(',').filter(Boolean);
const suites = readdirSync(join(here, 'suites'))
	.filter((f) => f.endsWith('.mjs'))
	.sort()
	.filter((f) => !only.length || only.includes(f.replace(/\.mjs$/, '')));

const sb = await sandboxModule.startSandbox({ port: 0 });
const line = N8N_VERSION.split('.')[0];
try {
	for (const file of suites) {
		console.log(`# ${file.replace(/\.mjs$/, '')} (n8n ${N8N_VERSION})`);
		sb.reset();
		try {
			const suite = await import(join(here, 'suites', file));
			await suite.default({ sb });
		} catch (error) {
			check(`${file} finished`, false, error.stack);
		}
	}
} finally {
	killAll();
	await sb.close();
}
const { passed, failed } = summary();
console.log(`e2e ${line}.x: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
