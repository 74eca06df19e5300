// The load balancer in front of the webhook processors, as a deployment has one: n8n registers
// its URL (N8N_WEBHOOK_URL) with Wink. By default it sends everything to the first processor.
// A test can `spread` deliveries round-robin, sending a repeated delivery (same body id) to another
// processor than the last one, and `loseFirstAnswer` to each delivery (the processor got it and
// started an execution, Wink saw no 200), which is what makes Wink retry.
import { createServer } from 'node:http';

export async function startFrontDoor() {
	const door = { targets: [], spread: false, loseFirstAnswer: false, sent: [] };
	const answered = new Set();
	const lastTarget = new Map();
	let next = 0;
	const server = createServer(async (req, res) => {
		const chunks = [];
		for await (const c of req) chunks.push(c);
		const body = Buffer.concat(chunks);
		let id;
		try {
			id = JSON.parse(body.toString()).id;
		} catch {}
		// One webhook's delivery: a delivery id at a path (two triggers get the same event).
		const key = id === undefined ? undefined : `${req.url.split('?')[0]} ${id}`;
		const n = door.targets.length;
		const last = lastTarget.get(key);
		const target =
			door.targets[!door.spread ? 0 : last === undefined ? next++ % n : (last + 1) % n];
		lastTarget.set(key, door.targets.indexOf(target));
		const headers = Object.fromEntries(
			Object.entries(req.headers).filter(
				([k]) => !['host', 'connection', 'content-length'].includes(k),
			),
		);
		try {
			const r = await fetch(`${target}${req.url.slice(1)}`, {
				method: req.method,
				headers,
				body: ['GET', 'HEAD'].includes(req.method) ? undefined : body,
			});
			const text = await r.text();
			const lose = door.loseFirstAnswer && key !== undefined && !answered.has(key);
			answered.add(key);
			door.sent.push({ target, id, status: r.status, text, lost: lose });
			if (lose) return req.socket.destroy();
			res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'text/plain' });
			res.end(text);
		} catch (error) {
			res.writeHead(502).end(String(error));
		}
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	door.url = `http://127.0.0.1:${server.address().port}/`;
	door.close = () => new Promise((r) => server.close(r));
	return door;
}
