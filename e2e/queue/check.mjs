// Queue-mode scenarios in a real n8n cluster (see cluster.mjs) against the in-process Wink sandbox.
// Started by e2e/queue/run.sh (Redis, Postgres, n8n cache, packed package). Each file in suites/ is
// one scenario group `default async function ({ sb, cluster, report })`; QUEUE_SUITES=a,b picks.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sandboxModule from '../../sandbox/index.js';
import { N8N_VERSION, check, killAll, summary } from '../lib.mjs';
import { startCluster } from './cluster.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const only = (process.env.QUEUE_SUITES ?? '').split(',').filter(Boolean);
const suites = readdirSync(join(here, 'suites'))
	.filter((f) => f.endsWith('.mjs'))
	.sort()
	.filter((f) => !only.length || only.includes(f.replace(/\.mjs$/, '')));

const report = { n8nVersion: N8N_VERSION, startedAt: new Date().toISOString(), workers: 2 };
const sb = await sandboxModule.startSandbox({ port: 0 });
let cluster;
try {
	const t0 = Date.now();
	cluster = await startCluster({ workers: report.workers });
	report.clusterStartSeconds = { total: Math.round((Date.now() - t0) / 1000), ...cluster.seconds };
	check(
		`cluster up: main, ${cluster.workers.length} workers, webhook processor (${report.clusterStartSeconds.total} s)`,
		cluster.main.ownerReady,
	);
	for (const file of suites) {
		const name = file.replace(/\.mjs$/, '');
		console.log(`# ${name} (n8n ${N8N_VERSION}, queue mode)`);
		sb.reset();
		report[name] = {};
		try {
			const suite = await import(join(here, 'suites', file));
			await suite.default({ sb, cluster, report: report[name] });
		} catch (error) {
			check(`${file} finished`, false, error.stack);
		}
	}
} catch (error) {
	check('queue run finished', false, error.stack);
} finally {
	await cluster?.stop().catch(() => {});
	killAll();
	await sb.close();
}
const { passed, failed } = summary();
const wall = Math.round(Date.now() / 1000 - Number(process.env.QUEUE_STARTED ?? Date.now() / 1000));
Object.assign(report, { wallSeconds: wall, passed, failed });
const out = join(here, '..', '..', 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `queue-n8n-${N8N_VERSION}.json`), `${JSON.stringify(report, null, 2)}\n`);
console.log(`queue: wall time ${wall} s (Redis, Postgres, package build included)`);
console.log(`queue: report in bench/results/queue-n8n-${N8N_VERSION}.json`);
console.log(`queue: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
