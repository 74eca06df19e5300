// n8n in queue mode: one main, two workers and one webhook processor sharing Postgres, Redis, the
// user folder (with the packed package) and the encryption key. run.sh starts Redis and Postgres.
import { answer, env, freePort, serveN8n, startN8n } from '../lib.mjs';
import { startFrontDoor } from './front-door.mjs';

const { QUEUE_REDIS_PORT, QUEUE_PG_PORT } = process.env;

/** What every process of the cluster shares; also used by the CLI imports (lib's n8n()). */
export const queueEnv = {
	EXECUTIONS_MODE: 'queue',
	QUEUE_BULL_REDIS_HOST: '127.0.0.1',
	QUEUE_BULL_REDIS_PORT: QUEUE_REDIS_PORT,
	DB_TYPE: 'postgresdb',
	DB_POSTGRESDB_HOST: '127.0.0.1',
	DB_POSTGRESDB_PORT: QUEUE_PG_PORT,
	DB_POSTGRESDB_DATABASE: 'postgres',
	DB_POSTGRESDB_USER: 'postgres',
	DB_POSTGRESDB_PASSWORD: '',
	// Production webhooks go to the webhook processor only.
	N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
};

/**
 * Starts main (it migrates the database), then the workers and the webhook processor together,
 * behind a front door (front-door.mjs). Each process gets its own task-broker port (a second one
 * on 5679 dies) and each worker its own health-check port.
 */
export async function startCluster({ workers = 2 } = {}) {
	Object.assign(env, queueEnv);
	// The public webhook URL is the front door's; 2.x reads N8N_WEBHOOK_URL, 1.x WEBHOOK_URL.
	const door = await startFrontDoor();
	const publicUrl = { WEBHOOK_URL: door.url, N8N_WEBHOOK_URL: door.url };
	const broker = async () => ({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) });

	const t0 = Date.now();
	const main = await startN8n({ ...(await broker()), ...publicUrl });
	const started = [main];
	const seconds = { main: Math.round((Date.now() - t0) / 1000) };
	try {
		const serve = async (args, extra, port) => {
			const p = await serveN8n(
				args,
				{ ...(await broker()), ...publicUrl, ...extra },
				`http://127.0.0.1:${port}/healthz/readiness`,
			);
			started.push(p);
			return p;
		};
		/** One more `n8n webhook` process, behind the front door. */
		const startWebhookProcessor = async () => {
			const port = await freePort();
			const p = await serve(
				['webhook'],
				{ N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1' },
				port,
			);
			const url = `http://127.0.0.1:${port}/`;
			door.targets.push(url);
			return { ...p, url };
		};
		const workerPorts = await Promise.all(Array.from({ length: workers }, () => freePort()));
		const [webhook, ...workerProcs] = await Promise.all([
			startWebhookProcessor(),
			...workerPorts.map(async (port, i) => ({
				name: `worker${i + 1}`,
				...(await serve(
					['worker', '--concurrency=5'],
					{ QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port) },
					port,
				)),
			})),
		]);
		seconds.workersAndWebhook = Math.round((Date.now() - t0) / 1000) - seconds.main;
		const stop = async () => {
			await Promise.all(started.map((p) => p.stop()));
			await door.close();
		};
		return { main, workers: workerProcs, webhook, door, startWebhookProcessor, stop, seconds };
	} catch (error) {
		await Promise.all(started.map((p) => p.stop()));
		await door.close();
		throw error;
	}
}

/**
 * Activates (in 2.x: publishes) a workflow through main's REST API, as the editor does. n8n 2.41
 * answers before it activates (a publication outbox does it), so this waits for the publication
 * status: its triggers registered, webhooks served, pollers scheduled.
 */
export async function activate(main, id) {
	const wf = await main.rest('GET', `/workflows/${id}`);
	const res = await main.rest('POST', `/workflows/${id}/activate`, {
		versionId: wf.json?.data?.versionId,
	});
	if (res.status !== 200 || res.json?.data?.active !== true)
		return { ok: false, detail: res.text.slice(0, 500) };
	return publication(main, id, 'published');
}

export async function deactivate(main, id) {
	const res = await main.rest('POST', `/workflows/${id}/deactivate`, {});
	if (res.status !== 200 || res.json?.data?.active !== false)
		return { ok: false, detail: res.text.slice(0, 500) };
	return publication(main, id, 'not_published');
}

async function publication(main, id, want, maxMs = 60_000) {
	const end = Date.now() + maxMs;
	let last;
	while (Date.now() < end) {
		last = (await main.rest('GET', `/workflows/${id}/publication-status`)).json?.data;
		if (last?.status === want) return { ok: true };
		if (['failed', 'partial'].includes(last?.status)) break;
		await new Promise((r) => setTimeout(r, 250));
	}
	return { ok: false, detail: `publication status: ${JSON.stringify(last)}` };
}

const UNFINISHED = ['new', 'running', 'waiting'];

/**
 * The executions of a workflow as main lists them, each with its stored run data as text. Waits
 * (at most `maxMs`) until none is still running: in queue mode the webhook processor stores the
 * trigger's data before a worker has run the rest, so a listed execution may not have its effects yet.
 */
export async function executionsOf(main, workflowId, maxMs = 30_000) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const end = Date.now() + maxMs;
	let list;
	for (;;) {
		list =
			(await main.rest('GET', `/executions?filter=${filter}&limit=100`)).json?.data?.results ?? [];
		if (!list.some((e) => UNFINISHED.includes(e.status)) || Date.now() > end) break;
		await new Promise((r) => setTimeout(r, 250));
	}
	return Promise.all(
		list.map(async (e) => ({
			...e,
			text: String((await main.rest('GET', `/executions/${e.id}`)).json?.data?.data ?? ''),
		})),
	);
}

/** Resolves when `count()` has not changed for `quietMs` (at most `maxMs`); returns its value. */
export async function settle(count, quietMs = 2000, maxMs = 30_000) {
	const end = Date.now() + maxMs;
	let last = await count();
	let since = Date.now();
	while (Date.now() < end && Date.now() - since < quietMs) {
		await new Promise((r) => setTimeout(r, 250));
		const now = await count();
		if (now !== last) [last, since] = [now, Date.now()];
	}
	return last;
}

/** Which worker started which execution, read from the workers' info logs. */
export function executionsByWorker(cluster) {
	const out = {};
	for (const w of cluster.workers) {
		out[w.name] = [...w.log().matchAll(/Worker started execution (\d+) /g)].map((m) => m[1]);
	}
	return out;
}

/** Executions per worker started since `before` (an executionsByWorker() snapshot). */
export function countSince(cluster, before) {
	const now = executionsByWorker(cluster);
	return Object.fromEntries(
		Object.entries(now).map(([w, ids]) => [w, ids.length - (before[w]?.length ?? 0)]),
	);
}

/** POSTs JSON to a production webhook path on the webhook processor. */
export async function callWebhook(cluster, path, body) {
	const res = await fetch(`${cluster.webhook.url}webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return answer(res);
}
