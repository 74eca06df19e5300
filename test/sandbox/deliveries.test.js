'use strict';
// The sandbox's webhook routes and deliveries, over HTTP: a receiver stands in for an n8n.
const http = require('node:http');
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { startSandbox } = require('../../sandbox');
const { EVENTS } = require('../../sandbox/deliveries');

// Wink's event catalogue sits beside the project (../shared) in development and CI, not in a clone.
const CATALOGUE = join(__dirname, '..', '..', '..', 'shared', 'wink-api', 'webhook-events.json');

let sb;
let receiver;
let headers;
/** Each request the receiver got, and the statuses it answers with in turn (then 200). */
const got = [];
let answers = [];

beforeAll(async () => {
	sb = await startSandbox({ port: 0, deliveryRetryDelaysMs: [20, 20] });
	receiver = http.createServer((req, res) => {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			got.push({ url: req.url, type: req.headers['content-type'], body: JSON.parse(body) });
			const status = answers.shift() ?? 200;
			if (status === 'hang') return; // never answers: the delivery times out
			res.writeHead(status);
			res.end();
		});
	});
	await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
	await sb.close();
	receiver.closeAllConnections();
	await new Promise((r) => receiver.close(r));
});
beforeEach(async () => {
	// A fresh token each time: one test resets the sandbox, which forgets issued tokens.
	const basic = Buffer.from(`${sb.clients.demo.clientId}:${sb.clients.demo.clientSecret}`).toString(
		'base64',
	);
	const token = await fetch(sb.tokenUrl, {
		method: 'POST',
		headers: {
			authorization: `Basic ${basic}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: 'grant_type=client_credentials&scope=account.read account.write account.remove payment.write',
	}).then((r) => r.json());
	headers = {
		authorization: `Bearer ${token.access_token}`,
		'wink-version': '2.0',
		'content-type': 'application/json',
	};
	sb.clearDeliveries();
	for (const list of Object.values(sb.state.webhooks ?? {})) list.length = 0;
	sb.configureDeliveries({ retryDelaysMs: [20, 20], timeoutMs: 10000 });
	got.length = 0;
	answers = [];
});

const me = () => sb.managingEntityId;
const hookUrl = (path = '/hook') => `http://127.0.0.1:${receiver.address().port}${path}`;
const api = (method, path, body) =>
	fetch(`${sb.url}/api/managing-entity/${me()}${path}`, {
		method,
		headers,
		body: body && JSON.stringify(body),
	}).then(async (r) => ({ status: r.status, body: await r.json() }));
const control = (method, path, body) =>
	fetch(`${sb.controlUrl}${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body && JSON.stringify(body),
	}).then(async (r) => ({ status: r.status, body: await r.json() }));
const webhook = (overrides = {}) => ({
	name: 'n8n',
	entity: { identifier: me(), name: 'Grand Azure Hotel Lisbon' },
	enabled: true,
	eventUrl: hookUrl('/hook?token=s3cret'),
	eventList: ['ledger.entry.create'],
	...overrides,
});

describe('webhook routes', () => {
	test('create (201), list, load, update (PATCH), delete, with real state', async () => {
		const created = await api('POST', '/webhook', webhook());
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			name: 'n8n',
			enabled: true,
			ownerIdentifier: me(),
			version: 0,
		});
		expect((await api('GET', '/webhook/list')).body).toEqual([created.body]);
		const id = created.body.id;
		const updated = await api(
			'PATCH',
			`/webhook/${id}`,
			webhook({ enabled: false, eventList: [] }),
		);
		expect(updated.body).toMatchObject({ id, enabled: false, eventList: [], version: 1 });
		expect((await api('GET', `/webhook/${id}`)).body).toEqual(updated.body);
		expect((await api('DELETE', `/webhook/${id}`)).body).toEqual({
			id,
			success: true,
			message: 'Record successfully removed',
		});
		expect((await api('GET', `/webhook/${id}`)).status).toBe(404);
		expect((await api('DELETE', `/webhook/${id}`)).status).toBe(404);
	});

	test('UpsertWebhookRequest: every property is required, entity is {identifier, name}', async () => {
		const { status, body } = await api('POST', '/webhook', {
			name: 'x',
			eventUrl: hookUrl(),
			eventList: [],
		});
		expect(status).toBe(400);
		expect(body.errors.map((e) => e.field)).toEqual(['enabled', 'entity']);
		const bad = await api('POST', '/webhook', webhook({ entity: { identifier: me() } }));
		expect(bad.body.errors).toEqual([
			{ field: 'entity.name', message: 'entity.name must be a non-blank string' },
		]);
	});

	(existsSync(CATALOGUE) ? test : test.skip)(
		"every event the sandbox delivers is in Wink's catalogue, with its label",
		() => {
			const catalogue = new Map(
				JSON.parse(readFileSync(CATALOGUE, 'utf8')).map((e) => [e.key, e.label]),
			);
			for (const [key, label] of Object.entries(EVENTS))
				expect([key, catalogue.get(key)]).toEqual([key, label]);
		},
	);

	test('event list: the keys the sandbox delivers, as KeyValuePairs', async () => {
		const { body } = await api('GET', '/webhook/event/list');
		expect(body).toContainEqual({ value: 'ledger.entry.create', label: 'Ledger entry created' });
		expect(body).toContainEqual({ value: 'payee.create', label: 'Payee created' });
	});
});

describe('deliveries', () => {
	test('a withdrawal delivers ledger.entry.create to enabled, subscribed webhooks only', async () => {
		await api('POST', '/webhook', webhook());
		await api('POST', '/webhook', webhook({ eventUrl: hookUrl('/all'), eventList: [] }));
		await api('POST', '/webhook', webhook({ eventUrl: hookUrl('/off'), enabled: false }));
		await api(
			'POST',
			'/webhook',
			webhook({ eventUrl: hookUrl('/other'), eventList: ['payee.create'] }),
		);
		const withdrawal = await api(
			'POST',
			`/payment/withdrawal?destinationKind=BankAccount&destinationIdentifier=${sb.ids.bankAccountIds.EUR}`,
		);
		expect(withdrawal.status).toBe(200);
		await sb.settleDeliveries();
		expect(got.map((g) => g.url).sort()).toEqual(['/all', '/hook?token=s3cret']);
		const [{ body, type }] = got;
		expect(type).toBe('application/json');
		expect(body).toMatchObject({
			event: 'ledger.entry.create',
			managingEntityIdentifier: me(),
			data: { referenceIdentifier: withdrawal.body.id, type: 'DEBIT' },
		});
		expect(got[0].body.id).toBe(got[1].body.id);
	});

	test('adding a bank account delivers payee.create with the new account', async () => {
		await api('POST', '/webhook', webhook({ eventList: ['payee.create'] }));
		const added = await api('POST', '/bank-account', {
			countryCode: 'PT',
			currencyCode: 'EUR',
			accountHolderName: 'X',
			accountNumber: 'PT50000',
		});
		await sb.settleDeliveries();
		expect(got.map((g) => [g.body.event, g.body.data.identifier])).toEqual([
			['payee.create', added.body.bankAccounts.at(-1).identifier],
		]);
	});

	test('retries a delivery that did not get a 200 (also a 204, and a timeout), then gives up', async () => {
		await api('POST', '/webhook', webhook());
		answers = [500, 204];
		sb.deliver({ event: 'ledger.entry.create', data: { n: 1 } });
		await sb.settleDeliveries();
		expect(sb.deliveries[0]).toMatchObject({
			status: 'delivered',
			attempts: [{ status: 500 }, { status: 204 }, { status: 200 }],
		});
		expect(new Set(got.map((g) => JSON.stringify(g.body))).size).toBe(1);

		sb.clearDeliveries();
		sb.configureDeliveries({ timeoutMs: 100 });
		answers = [503, 'hang', 502];
		sb.deliver({ event: 'ledger.entry.create' });
		await sb.settleDeliveries();
		expect(sb.deliveries[0]).toMatchObject({
			status: 'failed',
			attempts: [{ status: 503 }, { error: 'timeout' }, { status: 502 }],
		});
	});

	test("the delivery log never shows the URL's query (it carries the receiver's token)", async () => {
		await api('POST', '/webhook', webhook());
		sb.deliver({ event: 'ledger.entry.create' });
		await sb.settleDeliveries();
		expect(sb.deliveries[0].url).toBe(hookUrl('/hook'));
		expect(JSON.stringify((await control('GET', '/deliveries')).body)).not.toContain('s3cret');
	});

	test('reset cancels pending retries', async () => {
		await api('POST', '/webhook', webhook());
		sb.configureDeliveries({ retryDelaysMs: [200] });
		answers = [500];
		sb.deliver({ event: 'ledger.entry.create' });
		await new Promise((r) => setTimeout(r, 50));
		sb.reset();
		await new Promise((r) => setTimeout(r, 300));
		expect(got).toHaveLength(1);
		expect(sb.deliveries).toEqual([]);
	});
});

describe('/__sandbox controls', () => {
	test('deliver, list, redeliver (same body) and configure over HTTP', async () => {
		await api('POST', '/webhook', webhook({ eventList: [] }));
		const sent = await control('POST', '/deliveries', {
			event: 'booking.create',
			data: { code: 'BK-1' },
			id: 'evt-fixed',
		});
		expect(sent.status).toBe(201);
		await sb.settleDeliveries();
		expect(got[0].body).toMatchObject({
			id: 'evt-fixed',
			event: 'booking.create',
			data: { code: 'BK-1' },
		});
		const again = await control('POST', `/deliveries/${sent.body[0].id}/redeliver`);
		expect(again.status).toBe(200);
		await sb.settleDeliveries();
		expect(got[1].body).toEqual(got[0].body);
		expect((await control('GET', '/deliveries')).body[0].attempts).toHaveLength(2);
		expect((await control('POST', '/deliveries/config', { retryDelaysMs: [1, 2] })).body).toEqual({
			retryDelaysMs: [1, 2],
			timeoutMs: 10000,
		});
		expect((await control('POST', '/deliveries/config', { retryDelaysMs: 'soon' })).status).toBe(
			400,
		);
		expect((await control('POST', '/deliveries', {})).status).toBe(400);
	});

	test('move a withdrawal on, add a ledger entry (delivers ledger.entry.create)', async () => {
		await api('POST', '/webhook', webhook());
		const [pending] = sb.state.withdrawals[me()].filter((w) => w.status === 'PENDING');
		const version = pending.version;
		const moved = await control('POST', `/withdrawals/${pending.id}/status`, {
			status: 'COMPLETED',
		});
		expect(moved.body).toMatchObject({
			id: pending.id,
			status: 'COMPLETED',
			completedAt: expect.any(String),
			version: version + 1,
		});
		expect(
			(await control('POST', `/withdrawals/${pending.id}/status`, { status: 'DONE' })).status,
		).toBe(400);
		const entry = await control('POST', '/ledger', { amount: 12.5, currency: 'GBP' });
		expect(entry.status).toBe(201);
		expect(sb.state.ledger[me()][0]).toEqual(entry.body);
		await sb.settleDeliveries();
		expect(got.map((g) => g.body.data.id)).toEqual([entry.body.id]);
	});
});
