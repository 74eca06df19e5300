'use strict';
// Small helpers shared by route files.
const crypto = require('node:crypto');
const { badRequest, notFound } = require('../http-error');
const { sumAmounts } = require('../money');

const ME = '/api/managing-entity/{managingEntityIdentifier}';
const newId = (prefix) => `${prefix}-${crypto.randomBytes(6).toString('hex')}`;

function intQuery(query, name, fallback) {
	const raw = query[name];
	if (raw === undefined || raw === '') return fallback;
	if (!/^-?\d+$/.test(raw))
		throw badRequest(`Query parameter '${name}' must be an integer (got '${raw}')`);
	return Number(raw);
}

// One { amount, currencyCode } per currency present in the ledger, sorted by currency code.
function balances(state, managingEntityId) {
	const byCurrency = new Map();
	for (const e of state.ledger[managingEntityId] || []) {
		if (!byCurrency.has(e.entry.currency)) byCurrency.set(e.entry.currency, []);
		byCurrency.get(e.entry.currency).push(e.entry.amount);
	}
	return [...byCurrency.keys()]
		.sort()
		.map((currencyCode) => ({ amount: sumAmounts(byCurrency.get(currencyCode)), currencyCode }));
}

function balanceIn(state, managingEntityId, currencyCode) {
	return (
		balances(state, managingEntityId).find((b) => b.currencyCode === currencyCode)?.amount ?? 0
	);
}

const DESTINATION_KINDS = ['BankAccount', 'RevolutPayoutAccount'];

function resolveDestination(me, query) {
	const missing = ['destinationIdentifier', 'destinationKind'].filter((k) => !query[k]);
	if (missing.length)
		throw badRequest(`Missing required query parameter(s): ${missing.join(', ')}`);
	const { destinationIdentifier: id, destinationKind: kind } = query;
	if (!DESTINATION_KINDS.includes(kind)) {
		throw badRequest(
			`Query parameter 'destinationKind' must be one of: ${DESTINATION_KINDS.join(', ')} (got '${kind}')`,
		);
	}
	const list = kind === 'BankAccount' ? me.bankAccounts : me.revolutPayoutAccounts;
	const destination = list.find((a) => a.identifier === id);
	if (!destination) throw notFound(`${kind} '${id}' not found on managing entity '${me.id}'`);
	return { kind, destination };
}

// Keeps ledger newest-first even if the clock is behind the seed epoch.
function insertNewestFirst(list, item, dateField = 'createdDate') {
	const i = list.findIndex((x) => x[dateField] <= item[dateField]);
	if (i === -1) list.push(item);
	else list.splice(i, 0, item);
}

function touch(me, now) {
	me.version += 1;
	me.lastUpdate = now;
}

module.exports = {
	ME,
	newId,
	intQuery,
	balances,
	balanceIn,
	resolveDestination,
	insertNewestFirst,
	touch,
	DESTINATION_KINDS,
};
