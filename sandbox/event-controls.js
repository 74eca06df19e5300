'use strict';
// /__sandbox controls for the triggers: webhook deliveries, and the changes only Wink itself makes
// (a withdrawal moving on, a new ledger entry), which also deliver their events.
const crypto = require('node:crypto');
const { HttpError, badRequest, notFound } = require('./http-error');
const { newId, insertNewestFirst } = require('./routes/helpers');

const WITHDRAWAL_STATUSES = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED'];

function entityOf(state, body) {
	const id = body.managingEntityIdentifier || state.ids.managingEntityId;
	const me = state.managingEntities[id];
	if (!me) throw notFound(`Managing entity '${id}' not found`);
	return me;
}

/** Moves a withdrawal to `status` the way Wink's payout processing would (no ledger change). */
function setWithdrawalStatus(state, { managingEntityIdentifier, withdrawalId, status }) {
	const me = entityOf(state, { managingEntityIdentifier });
	if (!WITHDRAWAL_STATUSES.includes(status))
		throw badRequest(`status must be one of: ${WITHDRAWAL_STATUSES.join(', ')}`);
	const w = state.withdrawals[me.id].find((x) => x.id === withdrawalId);
	if (!w) throw notFound(`Withdrawal '${withdrawalId}' not found`);
	const now = new Date().toISOString();
	Object.assign(w, { status, lastUpdate: now, version: w.version + 1 });
	if (status !== 'PENDING' && !w.revolutPaymentId) w.revolutPaymentId = crypto.randomUUID();
	if (status === 'COMPLETED') w.completedAt = now;
	return w;
}

/** Adds a ledger entry (a sale credit unless told otherwise) and delivers ledger.entry.create. */
function addLedgerEntry(state, deliveries, body) {
	const me = entityOf(state, body);
	const amount = Number(body.amount ?? 100);
	if (!Number.isFinite(amount) || amount === 0)
		throw badRequest('amount must be a non-zero number');
	const now = new Date().toISOString();
	const reference = `BK-${newId('x').slice(-6)}`;
	const entry = {
		id: newId('le'),
		createdDate: now,
		lastUpdate: now,
		version: 0,
		accountIdentifier: me.id,
		accountName: me.name,
		description: body.description || `Sale: booking ${reference}`,
		referenceIdentifier: reference,
		referenceType: 'BOOKING_CONTRACT',
		fundsType: 'SALE',
		type: amount > 0 ? 'CREDIT' : 'DEBIT',
		accountType: 'INCOME',
		accountUsageType: 'RECEIVABLE',
		entry: { amount, currency: body.currency || 'EUR' },
		metadata: { bookingCode: reference },
	};
	insertNewestFirst(state.ledger[me.id], entry);
	deliveries.emit(me.id, 'ledger.entry.create', entry);
	return entry;
}

/** Handles `METHOD /__sandbox/...` for these controls; undefined when the path is not one of them. */
function handleEventControl(method, path, body, { state, deliveries }) {
	const key = `${method} ${path}`;
	let m;
	try {
		if (key === 'GET /__sandbox/deliveries') return { status: 200, body: deliveries.list() };
		if (key === 'DELETE /__sandbox/deliveries') {
			deliveries.clear();
			return { status: 200, body: [] };
		}
		if (key === 'POST /__sandbox/deliveries') {
			if (typeof body.event !== 'string' || !body.event.trim())
				throw badRequest('event (an event key) is required');
			const me = entityOf(state, body);
			return { status: 201, body: deliveries.emit(me.id, body.event, body.data, { id: body.id }) };
		}
		if (key === 'POST /__sandbox/deliveries/config') {
			try {
				return { status: 200, body: deliveries.configure(body) };
			} catch (e) {
				throw badRequest(e.message);
			}
		}
		if (method === 'POST' && (m = /^\/__sandbox\/deliveries\/([^/]+)\/redeliver$/.exec(path))) {
			const d = deliveries.redeliver(decodeURIComponent(m[1]));
			if (!d) throw notFound(`Delivery '${m[1]}' not found`);
			return { status: 200, body: d };
		}
		if (method === 'POST' && (m = /^\/__sandbox\/withdrawals\/([^/]+)\/status$/.exec(path))) {
			return {
				status: 200,
				body: setWithdrawalStatus(state, { ...body, withdrawalId: decodeURIComponent(m[1]) }),
			};
		}
		if (key === 'POST /__sandbox/ledger')
			return { status: 201, body: addLedgerEntry(state, deliveries, body) };
	} catch (e) {
		if (e instanceof HttpError) return { status: e.status, body: { error: e.message } };
		throw e;
	}
	return undefined;
}

module.exports = { handleEventControl, setWithdrawalStatus, addLedgerEntry, WITHDRAWAL_STATUSES };
