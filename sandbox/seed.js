'use strict';
// Deterministic seed data: the same seed gives the same ids, amounts and dates.
// Dates are anchored at a fixed epoch (not "now") so test expectations never drift.
const { round2, toCents, estimateFees } = require('./money');
const { seedResources } = require('./seed-resources');
const { seedApplications, seedNotifications } = require('./seed-account');

const DEFAULT_EPOCH = '2026-11-01T12:00:00.000Z';
const DAY = 86_400_000;
const LEDGER_SIZE = 3000;
const HISTORY_DAYS = 540; // ~18 months

// mulberry32: tiny, fast, good enough for fake data.
function createRng(seed) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min, max) => min + Math.floor(next() * (max - min + 1));
	const chars = (alphabet, n) =>
		Array.from({ length: n }, () => alphabet[int(0, alphabet.length - 1)]).join('');
	return {
		next,
		int,
		amount: (min, max) => round2(min + next() * (max - min)),
		pick: (list) => list[int(0, list.length - 1)],
		weighted: (rows) => {
			let r = next() * rows.reduce((s, row) => s + row.weight, 0);
			for (const row of rows) if ((r -= row.weight) < 0) return row;
			return rows[rows.length - 1];
		},
		hex: (n) => chars('0123456789abcdef', n),
		code: (n) => chars('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', n),
		digits: (n) => chars('0123456789', n),
		uuid() {
			const h = this.hex(32);
			return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
		},
	};
}

const iso = (ms) => new Date(ms).toISOString();

function city(geoNameId, name, urlName, countryCode, countryName, currencyCode, timezone, coords) {
	return {
		geoNameId,
		type: 'CITY',
		name,
		urlName,
		asciiName: name,
		location: { type: 'Point', coordinates: coords, x: coords[0], y: coords[1] },
		featureCode: 'PPLC',
		countryCode,
		timezone,
		country: { iso: countryCode, name: countryName, currencyCode },
	};
}

function managingEntity(rng, epoch, fields) {
	const created = iso(epoch - (HISTORY_DAYS + 60) * DAY);
	return {
		id: fields.id,
		createdDate: created,
		lastUpdate: iso(epoch - 3 * DAY),
		version: rng.int(3, 40),
		userIdentifier: `user-${rng.hex(10)}`,
		ownerIdentifier: 'wink',
		managers: [
			{
				email: fields.accountEmail,
				status: 'ACCEPTED',
				userIdentifier: `user-${rng.hex(10)}`,
				firstName: fields.managerFirstName,
				lastName: fields.managerLastName,
				owner: true,
				sectionGrants: [{ section: 'ALL', level: 'FULL' }],
				name: `${fields.managerFirstName} ${fields.managerLastName}`,
				active: true,
			},
		],
		ownerType: 'COMPANY',
		type: fields.type,
		name: fields.name,
		description: fields.description,
		legalName: fields.legalName,
		urlName: fields.urlName,
		uniqueId: rng.code(6).toLowerCase(),
		accountEmail: fields.accountEmail,
		accountPhoneNumber: fields.accountPhoneNumber,
		url: fields.url,
		currencyCode: fields.currencyCode,
		status: 'ACTIVE',
		city: fields.city,
		address: fields.address,
		bankAccounts: fields.bankAccounts || [],
		revolutPayoutAccounts: fields.revolutPayoutAccounts || [],
		marketingOptinAllowed: true,
		onlinePresence: [],
		verified: true,
	};
}

// Regular (non-withdrawal) ledger entry kinds with their relative frequency.
const KINDS = [
	{
		weight: 40,
		fundsType: 'SALE',
		type: 'CREDIT',
		ref: 'BOOKING_CONTRACT',
		accountType: 'INCOME',
		usage: 'RECEIVABLE',
		min: 90,
		max: 1800,
		label: 'Sale',
	},
	{
		weight: 20,
		fundsType: 'COMMISSION',
		type: 'DEBIT',
		ref: 'BOOKING_CONTRACT',
		accountType: 'EXPENSES',
		usage: 'PAYABLE',
		min: 8,
		max: 220,
		label: 'Commission',
	},
	{
		weight: 12,
		fundsType: 'TRANSACTION_FEE',
		type: 'DEBIT',
		ref: 'BOOKING_CONTRACT',
		accountType: 'EXPENSES',
		usage: 'PAYABLE',
		min: 0.5,
		max: 25,
		label: 'Transaction fee',
	},
	{
		weight: 6,
		fundsType: 'PLATFORM_FEE',
		type: 'DEBIT',
		ref: 'BOOKING_CONTRACT',
		accountType: 'EXPENSES',
		usage: 'PAYABLE',
		min: 1,
		max: 40,
		label: 'Platform fee',
	},
	{
		weight: 4,
		fundsType: 'FX_FEE',
		type: 'DEBIT',
		ref: 'BOOKING_CONTRACT',
		accountType: 'EXPENSES',
		usage: 'PAYABLE',
		min: 0.2,
		max: 15,
		label: 'FX fee',
	},
	{
		weight: 6,
		fundsType: 'SUPPLIER_AGENCY_FEE',
		type: 'CREDIT',
		ref: 'BOOKING_CONTRACT',
		accountType: 'INCOME',
		usage: 'RECEIVABLE',
		min: 5,
		max: 160,
		label: 'Supplier agency fee',
	},
	{
		weight: 4,
		fundsType: 'AFFILIATE_AGENCY_FEE',
		type: 'CREDIT',
		ref: 'BOOKING_CONTRACT',
		accountType: 'INCOME',
		usage: 'RECEIVABLE',
		min: 5,
		max: 120,
		label: 'Affiliate agency fee',
	},
	{
		weight: 4,
		fundsType: 'TRIP_PAY',
		type: 'CREDIT',
		ref: 'DEPOSIT',
		accountType: 'ASSETS',
		usage: 'CASH',
		min: 300,
		max: 2500,
		label: 'TripPay deposit',
		prefix: 'DP',
	},
	{
		weight: 2,
		fundsType: 'STRIPE_REFUND_FEE',
		type: 'DEBIT',
		ref: 'BOOKING_CONTRACT',
		accountType: 'EXPENSES',
		usage: 'PAYABLE',
		min: 0.3,
		max: 12,
		label: 'Stripe refund fee',
	},
	{
		weight: 2,
		fundsType: 'TRIP_PAY',
		type: 'DEBIT',
		ref: 'TRANSFER',
		accountType: 'ASSETS',
		usage: 'CASH',
		min: 100,
		max: 1500,
		label: 'Transfer',
		prefix: 'TR',
	},
];
const CURRENCIES = [
	{ code: 'EUR', weight: 60 },
	{ code: 'USD', weight: 25 },
	{ code: 'GBP', weight: 15 },
];

// Seeded withdrawals, newest first: [days ago, status, currency].
const WITHDRAWAL_PLAN = [
	[2, 'PENDING', 'EUR'],
	[5, 'PROCESSING', 'USD'],
	[19, 'COMPLETED', 'GBP'],
	[34, 'FAILED', 'EUR'],
	[61, 'COMPLETED', 'EUR'],
	[108, 'COMPLETED', 'USD'],
	[171, 'COMPLETED', 'GBP'],
	[233, 'FAILED', 'USD'],
	[302, 'COMPLETED', 'EUR'],
	[395, 'COMPLETED', 'USD'],
];

function ledgerEntry(me, id, createdMs, fields) {
	return {
		id,
		createdDate: iso(createdMs),
		lastUpdate: iso(createdMs),
		version: 0,
		accountIdentifier: me.id,
		accountName: me.name,
		...fields,
	};
}

function seed(seedValue = 1, options = {}) {
	const rng = createRng(seedValue);
	const epoch = Date.parse(options.epoch || DEFAULT_EPOCH);
	const used = new Set();
	const uid = (prefix, n = 12) => {
		let id;
		do id = `${prefix}-${rng.hex(n)}`;
		while (used.has(id));
		used.add(id);
		return id;
	};

	const eurAccount = {
		identifier: uid('ba'),
		countryCode: 'PT',
		currencyCode: 'EUR',
		accountHolderName: 'Grand Azure Hotelaria, Lda.',
		swiftCode: 'BCOMPTPL',
		routingNumber: null,
		accountNumber: `PT50 0033 0000 ${rng.digits(4)} ${rng.digits(4)} ${rng.digits(4)} ${rng.digits(1)}`,
		address: {
			address1: 'Avenida da Liberdade 185',
			city: 'Lisboa',
			postalCode: '1250-141',
			countryCode: 'PT',
			country: 'Portugal',
			fullAddress: 'Avenida da Liberdade 185, 1250-141 Lisboa, Portugal',
		},
		revolutCounterpartyId: rng.uuid(),
	};
	const usdAccount = {
		identifier: uid('ba'),
		countryCode: 'US',
		currencyCode: 'USD',
		accountHolderName: 'Grand Azure Hospitality Inc.',
		swiftCode: 'CHASUS33',
		routingNumber: '021000021',
		accountNumber: rng.digits(12),
		address: {
			address1: '350 Fifth Avenue',
			address2: 'Suite 4100',
			city: 'New York',
			state: 'NY',
			postalCode: '10118',
			countryCode: 'US',
			country: 'United States',
			fullAddress: '350 Fifth Avenue, Suite 4100, New York, NY 10118, United States',
		},
		revolutCounterpartyId: rng.uuid(),
	};
	const revolutAccount = {
		identifier: uid('rpa'),
		profileType: 'business',
		accountHolderName: 'Grand Azure Hotel Lisbon',
		revtag: 'grandazurelisbon',
		currencyCode: 'GBP',
		revolutCounterpartyId: rng.uuid(),
	};

	const main = managingEntity(rng, epoch, {
		id: uid('me'),
		type: 'HOTEL',
		name: 'Grand Azure Hotel Lisbon',
		legalName: 'Grand Azure Hotelaria, Lda.',
		description: 'Boutique 5-star hotel on Avenida da Liberdade with 86 rooms and a rooftop pool.',
		urlName: 'grand-azure-hotel-lisbon-portugal',
		accountEmail: 'finance@grandazure.example',
		accountPhoneNumber: '+351 21 000 4185',
		url: 'https://grandazure.example',
		currencyCode: 'EUR',
		managerFirstName: 'Inês',
		managerLastName: 'Carvalho',
		city: city(
			'2267057',
			'Lisbon',
			'lisbon-portugal',
			'PT',
			'Portugal',
			'EUR',
			'Europe/Lisbon',
			[-9.13333, 38.71667],
		),
		address: eurAccount.address,
		bankAccounts: [eurAccount, usdAccount],
		revolutPayoutAccounts: [revolutAccount],
	});
	const agency = managingEntity(rng, epoch, {
		id: uid('me'),
		type: 'TRAVEL_AGENT',
		name: 'Atlas Journeys Travel',
		legalName: 'Atlas Journeys LLC',
		description: 'Independent travel agency specialising in Iberian city breaks.',
		urlName: 'atlas-journeys-travel-new-york',
		accountEmail: 'accounts@atlasjourneys.example',
		accountPhoneNumber: '+1 212 555 0142',
		url: 'https://atlasjourneys.example',
		currencyCode: 'USD',
		managerFirstName: 'Marcus',
		managerLastName: 'Bell',
		city: city(
			'5128581',
			'New York City',
			'new-york-city-united-states',
			'US',
			'United States',
			'USD',
			'America/New_York',
			[-74.00597, 40.71427],
		),
		address: null,
	});

	const destinations = { EUR: eurAccount, USD: usdAccount, GBP: revolutAccount };

	// Regular entries at random times, then replayed oldest-first with the withdrawals so each
	// withdrawal takes most of the balance available at that moment (like a real payout).
	const regular = [];
	for (let i = 0; i < LEDGER_SIZE - WITHDRAWAL_PLAN.filter((w) => w[1] !== 'FAILED').length; i++) {
		const t = epoch - Math.floor(rng.next() * HISTORY_DAYS * DAY) - 3600_000;
		regular.push({ t, kind: rng.weighted(KINDS), currency: rng.weighted(CURRENCIES).code });
	}
	regular.sort((a, b) => a.t - b.t);
	const plan = WITHDRAWAL_PLAN.map(([days, status, currency]) => ({
		t: epoch - days * DAY - rng.int(1, 8) * 3600_000,
		status,
		currency,
	})).sort((a, b) => a.t - b.t);

	const balance = { EUR: 0, USD: 0, GBP: 0 }; // cents
	const ledger = [];
	const withdrawals = [];
	let p = 0;
	const addWithdrawal = (w) => {
		const dest = destinations[w.currency];
		const available = Math.max(0, balance[w.currency]) / 100;
		const gross = available > 200 ? round2(available * (0.8 + rng.next() * 0.15)) : 500;
		const fee = estimateFees(gross, w.currency);
		const id = uid('wd');
		const completed = w.status === 'COMPLETED' ? w.t + rng.int(20, 70) * 3600_000 : null;
		const referenceCode = `WD-${rng.code(6)}`;
		withdrawals.push({
			id,
			createdDate: iso(w.t),
			lastUpdate: iso(completed || w.t + (w.status === 'PENDING' ? 0 : rng.int(1, 6) * 3600_000)),
			version: { PENDING: 0, PROCESSING: 1, COMPLETED: 2, FAILED: 2 }[w.status],
			accountIdentifier: main.id,
			bankAccountIdentifier: dest.identifier,
			grossAmount: fee.grossAmount,
			transferFeeAmount: fee.transferFeeAmount,
			fxFeeRate: fee.fxFeeRate,
			fxFeeAmount: fee.fxFeeAmount,
			amount: fee.netAmount,
			currencyCode: w.currency,
			status: w.status,
			revolutPaymentId: w.status === 'PENDING' ? null : rng.uuid(),
			referenceCode,
			requestedAt: iso(w.t),
			completedAt: completed ? iso(completed) : null,
		});
		if (w.status === 'FAILED') return; // failed payouts never left the ledger
		balance[w.currency] -= toCents(gross);
		// The debit names its withdrawal by referenceType WITHDRAWAL and the withdrawal's id in
		// referenceIdentifier: inferred from the spec's field descriptions, not stated by Wink.
		ledger.push(
			ledgerEntry(main, uid('le', 16), w.t, {
				description: `Withdrawal ${referenceCode} to ${dest.revtag ? `Revolut @${dest.revtag}` : `bank account ${dest.identifier}`}`,
				referenceIdentifier: id,
				referenceType: 'WITHDRAWAL',
				fundsType: 'TRIP_PAY',
				type: 'DEBIT',
				accountType: 'ASSETS',
				accountUsageType: 'CASH',
				entry: { amount: -gross, currency: w.currency },
				metadata: { withdrawalId: id, referenceCode },
			}),
		);
	};
	for (const r of regular) {
		while (p < plan.length && plan[p].t <= r.t) addWithdrawal(plan[p++]);
		const k = r.kind;
		const amount = rng.amount(k.min, k.max);
		const ref = k.prefix ? `${k.prefix}-${rng.code(6)}` : `BK-${rng.digits(6)}`;
		const signed = k.type === 'DEBIT' ? -amount : amount;
		balance[r.currency] += toCents(signed);
		ledger.push(
			ledgerEntry(main, uid('le', 16), r.t, {
				description: k.prefix ? `${k.label} ${ref}` : `${k.label}: booking ${ref}`,
				referenceIdentifier: ref,
				referenceType: k.ref,
				fundsType: k.fundsType,
				type: k.type,
				accountType: k.accountType,
				accountUsageType: k.usage,
				entry: { amount: signed, currency: r.currency },
				metadata: k.prefix ? {} : { bookingCode: ref },
			}),
		);
	}
	while (p < plan.length) addWithdrawal(plan[p++]);
	// Guarantee a positive balance in every currency (top-up dated just before the epoch).
	for (const currency of Object.keys(balance)) {
		if (balance[currency] >= 50_000) continue;
		const amount = round2(1000 - balance[currency] / 100);
		balance[currency] += toCents(amount);
		ledger.push(
			ledgerEntry(main, uid('le', 16), epoch - 1800_000, {
				description: `TripPay deposit DP-${rng.code(6)}`,
				referenceIdentifier: `DP-${rng.code(6)}`,
				referenceType: 'DEPOSIT',
				fundsType: 'TRIP_PAY',
				type: 'CREDIT',
				accountType: 'ASSETS',
				accountUsageType: 'CASH',
				entry: { amount, currency },
				metadata: {},
			}),
		);
	}

	const newestFirst = (a, b) =>
		a.createdDate < b.createdDate ? 1 : a.createdDate > b.createdDate ? -1 : 0;
	ledger.sort(newestFirst);
	withdrawals.sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : -1));
	const apps = seedApplications(rng, uid, main);

	const state = {
		seed: seedValue,
		epoch: iso(epoch),
		ids: {
			managingEntityId: main.id,
			secondaryManagingEntityId: agency.id,
			bankAccountIds: { EUR: eurAccount.identifier, USD: usdAccount.identifier },
			revolutPayoutAccountId: revolutAccount.identifier,
		},
		managingEntities: { [main.id]: main, [agency.id]: agency },
		// Which managing entities each OAuth client may reach (keyed by clientId; '*' = any registered client).
		access: { '*': [main.id, agency.id] },
		ledger: { [main.id]: ledger, [agency.id]: [] },
		withdrawals: { [main.id]: withdrawals, [agency.id]: [] },
		applications: { [main.id]: apps.applications, [agency.id]: [] },
		// OAuth clients of those applications, keyed by clientId: the token endpoint accepts them too.
		oauthClients: apps.clients,
		notifications: { [main.id]: seedNotifications(rng, uid, main, epoch), [agency.id]: [] },
		// Server settings tests may change. ledgerPageSize: like Spring's max-page-size, a larger
		// `size` is silently clamped to it (null: no clamp, sizes over 1000 are rejected).
		limits: { ledgerPageSize: null, gridTake: null },
	};
	// A destination with nothing under way (the two above each have one), so that a Dry Run or a
	// first payout can say "would initiate". Made last: every value seeded above stays as it was.
	const gbpAccount = {
		identifier: uid('ba'),
		countryCode: 'GB',
		currencyCode: 'GBP',
		accountHolderName: 'Grand Azure Hotels UK Ltd',
		swiftCode: 'NWBKGB2L',
		routingNumber: null,
		accountNumber: `GB29 NWBK 6016 ${rng.digits(4)} ${rng.digits(4)} ${rng.digits(2)}`,
		address: {
			address1: '10 Fleet Street',
			city: 'London',
			postalCode: 'EC4Y 1AU',
			countryCode: 'GB',
			country: 'United Kingdom',
			fullAddress: '10 Fleet Street, London EC4Y 1AU, United Kingdom',
		},
		revolutCounterpartyId: rng.uuid(),
	};
	main.bankAccounts.push(gbpAccount);
	state.ids.bankAccountIds.GBP = gbpAccount.identifier;
	return seedResources(state, createRng(seedValue + 1_000_003), epoch);
}

module.exports = { seed, createRng, DEFAULT_EPOCH };
