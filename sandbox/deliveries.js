'use strict';
// Webhook deliveries. When something happens (a route in EMITS succeeded, a sandbox control) or a
// test asks, the sandbox POSTs the event to every enabled webhook of the managing entity whose
// eventList has it (an empty list means every event), and retries a delivery that did not get a 200.
//
// Not from Wink: Wink publishes neither its delivery envelope nor its retry schedule. The sandbox
// sends { id, event, createdDate, managingEntityIdentifier, data } as JSON, the same `id` on every
// retry, and retries after each delay of `retryDelaysMs` (configurable; tests use a few ms).
const crypto = require('node:crypto');

// The event keys the sandbox delivers, with the labels of Wink's webhook event catalogue.
const EVENTS = {
	'ledger.entry.create': 'Ledger entry created',
	'payee.create': 'Payee created',
	'payee.update': 'Payee updated',
	'managing_entity.manager.invited': 'Manager invited',
	'managing_entity.manager.removed': 'Manager removed',
	'managing_entity.status.updated': 'Status updated',
	'managing_entity.information.updated': 'Information updated',
	'booking.create': 'Booking created',
};

// Which route success emits which event, and its `data` (ctx = the handler's, result = its answer).
// The pairing is the sandbox's reading of the catalogue (e.g. a payout account is a "payee").
const body = (result) =>
	result && result.body !== undefined && result.status ? result.body : result;
const EMITS = {
	initiateWithdrawal: [
		'ledger.entry.create',
		({ state, me }, w) => state.ledger[me.id].find((e) => e.referenceIdentifier === w.id),
	],
	addBankAccount: ['payee.create', ({ me }) => me.bankAccounts.at(-1)],
	addRevolutPayoutAccount: ['payee.create', ({ me }) => me.revolutPayoutAccounts.at(-1)],
	upsertBankAccount: [
		'payee.update',
		({ me, params }) => me.bankAccounts.find((a) => a.identifier === params.bankAccountIdentifier),
	],
	upsertRevolutPayoutAccount: [
		'payee.update',
		({ me, params }) =>
			me.revolutPayoutAccounts.find((a) => a.identifier === params.revolutPayoutAccountIdentifier),
	],
	inviteManager: ['managing_entity.manager.invited', ({ body: b }) => b],
	removeCompanyUser: [
		'managing_entity.manager.removed',
		({ query, body: b }) => ({ ...query, ...b }),
	],
	updateManagingEntityStatus: [
		'managing_entity.status.updated',
		({ me }) => ({ id: me.id, status: me.status }),
	],
	updateProfile: ['managing_entity.information.updated', ({ me }) => me],
	createAgentBooking: ['booking.create', (_ctx, result) => body(result)],
};

const DEFAULTS = { retryDelaysMs: [1000, 5000, 30000], timeoutMs: 10000 };
const MAX_RETRIES = 10;
const MAX_RECORDS = 1000;

// The registered URL carries the receiver's secret token in its query: never shown.
const withoutQuery = (url) => String(url).split('?')[0];

function checkConfig({ retryDelaysMs, timeoutMs }) {
	if (retryDelaysMs !== undefined) {
		const ok =
			Array.isArray(retryDelaysMs) &&
			retryDelaysMs.length <= MAX_RETRIES &&
			retryDelaysMs.every((d) => Number.isFinite(d) && d >= 0 && d <= 3_600_000);
		if (!ok)
			throw new TypeError(`retryDelaysMs must be up to ${MAX_RETRIES} delays of 0 to 3600000 ms`);
	}
	if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0))
		throw new TypeError('timeoutMs must be a positive number');
}

function createDeliveries(state, options = {}) {
	checkConfig(options);
	const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
	const config = { ...DEFAULTS, ...defined(options) };
	const records = [];
	const timers = new Set();
	let inFlight = 0;
	let waiters = [];

	function settleWaiters() {
		if (inFlight > 0 || timers.size > 0) return;
		for (const resolve of waiters) resolve();
		waiters = [];
	}

	async function send(d) {
		inFlight++;
		const attempt = { at: new Date().toISOString() };
		d.attempts.push(attempt);
		try {
			const res = await fetch(d.url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'User-Agent': 'wink-sandbox' },
				body: d.body,
				signal: AbortSignal.timeout(config.timeoutMs),
			});
			attempt.status = res.status;
			await res.text();
		} catch (err) {
			attempt.error = err.name === 'TimeoutError' ? 'timeout' : err.cause?.code || err.message;
		}
		inFlight--;
		if (attempt.status === 200) d.status = 'delivered';
		else if (d.attempts.length <= config.retryDelaysMs.length && d.status !== 'cancelled') {
			d.status = 'retrying';
			const t = setTimeout(
				() => {
					timers.delete(t);
					send(d);
				},
				config.retryDelaysMs[d.attempts.length - 1],
			);
			timers.add(t);
		} else if (d.status !== 'cancelled') d.status = 'failed';
		settleWaiters();
	}

	/** Delivers `event` to the subscribed webhooks of `meId`; returns the new deliveries. */
	function emit(meId, event, data, { id } = {}) {
		const envelope = {
			id: id || `evt-${crypto.randomUUID()}`,
			event,
			createdDate: new Date().toISOString(),
			managingEntityIdentifier: meId,
			data: data ?? {},
		};
		const subscribed = ((state.webhooks || {})[meId] || []).filter(
			(w) => w.enabled && (w.eventList.length === 0 || w.eventList.includes(event)),
		);
		return subscribed.map((w) => {
			const d = {
				id: `dlv-${crypto.randomUUID()}`,
				eventId: envelope.id,
				event,
				webhookId: w.id,
				url: w.eventUrl,
				body: JSON.stringify(envelope),
				attempts: [],
				status: 'pending',
			};
			records.push(d);
			if (records.length > MAX_RECORDS) records.splice(0, records.length - MAX_RECORDS);
			send(d);
			return view(d);
		});
	}

	function view(d) {
		return {
			...d,
			url: withoutQuery(d.url),
			body: JSON.parse(d.body),
			attempts: d.attempts.map((a) => ({ ...a })),
		};
	}

	function clear() {
		for (const t of timers) clearTimeout(t);
		timers.clear();
		for (const d of records)
			if (d.status === 'retrying' || d.status === 'pending') d.status = 'cancelled';
		records.length = 0;
		settleWaiters();
	}

	return {
		emit,
		/** After a route succeeded: emits the event EMITS pairs with it, if any. */
		afterRoute(operationId, ctx, result) {
			const row = EMITS[operationId];
			if (!row || !ctx.me) return;
			const data = row[1](ctx, result);
			if (data !== undefined) emit(ctx.me.id, row[0], data);
		},
		/** Sends a delivery again, as Wink's retry of it would (same body, same event id). */
		redeliver(id) {
			const d = records.find((r) => r.id === id);
			if (!d) return undefined;
			send(d);
			return view(d);
		},
		list: () => records.map(view),
		/** Resolves once no delivery is in flight or waiting for a retry. */
		settled: () =>
			new Promise((resolve) => {
				waiters.push(resolve);
				settleWaiters();
			}),
		configure(next) {
			checkConfig(next);
			for (const key of Object.keys(DEFAULTS)) if (next[key] !== undefined) config[key] = next[key];
			return { retryDelaysMs: config.retryDelaysMs, timeoutMs: config.timeoutMs };
		},
		/** Cancels pending retries and forgets every delivery (`reset` also restores the settings). */
		reset() {
			clear();
			Object.assign(config, DEFAULTS, defined(options));
		},
		clear,
	};
}

module.exports = { createDeliveries, EVENTS, EMITS };
