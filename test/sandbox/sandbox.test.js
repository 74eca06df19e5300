'use strict';
// Contract tests for the local Wink sandbox (sandbox/). Runs against a real HTTP server on port 0.
const { startSandbox } = require('../../sandbox');
const { createGateway, retryAfterSeconds } = require('../../sandbox/gateway');

let sb;
let demoToken;
let readonlyToken;

const basic = (id, secret) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function token(client, { scope, viaBody = false } = {}) {
	const form = new URLSearchParams({ grant_type: 'client_credentials' });
	if (scope) form.set('scope', scope);
	const headers = { 'content-type': 'application/x-www-form-urlencoded' };
	if (viaBody) {
		form.set('client_id', client.clientId);
		form.set('client_secret', client.clientSecret);
	} else {
		headers.authorization = basic(client.clientId, client.clientSecret);
	}
	const res = await fetch(sb.tokenUrl, { method: 'POST', headers, body: form });
	return { res, body: await res.json() };
}

async function api(method, path, { tok = demoToken, body, version = '2.0', headers = {} } = {}) {
	const h = { ...headers };
	if (tok) h.authorization = `Bearer ${tok}`;
	if (version) h['wink-version'] = version;
	if (body !== undefined) h['content-type'] = 'application/json';
	const res = await fetch(`${sb.url}${path}`, {
		method,
		headers: h,
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { res, status: res.status, body: json, text };
}

const me = () => `/api/managing-entity/${sb.managingEntityId}`;
const sumCents = (xs) => xs.reduce((s, x) => s + Math.round(x * 100), 0) / 100;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	demoToken = (await token(sb.clients.demo)).body.access_token;
	readonlyToken = (await token(sb.clients.readonly)).body.access_token;
});

afterAll(async () => {
	await sb.close();
});

describe('token endpoint', () => {
	test('issues a token via Basic auth with all the client scopes', async () => {
		const before = sb.stats.tokensIssued;
		const { res, body } = await token(sb.clients.demo);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/application\/json/);
		expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
		expect(typeof body.access_token).toBe('string');
		expect(body.scope.split(' ')).toHaveLength(12);
		expect(sb.stats.tokensIssued).toBe(before + 1);
	});

	test('issues a token via client_id/client_secret in the body, with a narrowed scope', async () => {
		const { res, body } = await token(sb.clients.readonly, {
			viaBody: true,
			scope: 'payment.read',
		});
		expect(res.status).toBe(200);
		expect(body.scope).toBe('payment.read');
		const rec = sb.stats.requests.filter((r) => r.operationId === 'token').pop();
		expect(rec.body.client_secret).toBe('<redacted>');
		expect(JSON.stringify(sb.stats.requests)).not.toContain(sb.clients.readonly.clientSecret);
	});

	test('wrong secret is 401 invalid_client and never echoes the secret', async () => {
		const { res, body } = await token({
			clientId: 'wink-sandbox-client',
			clientSecret: 'nope-secret',
		});
		expect(res.status).toBe(401);
		expect(body).toEqual({
			error: 'invalid_client',
			error_description: 'Client authentication failed',
		});
		expect(JSON.stringify(sb.stats.requests)).not.toContain('nope-secret');
		expect(sb.stats.requests.at(-1).headers.authorization).toBe('Basic <redacted>');
	});

	test('unknown scope and disallowed scope are 400 invalid_scope', async () => {
		const unknown = await token(sb.clients.demo, { scope: 'payment.read x' });
		expect(unknown.res.status).toBe(400);
		expect(unknown.body).toEqual({ error: 'invalid_scope', error_description: 'Unknown scope: x' });
		const notAllowed = await token(sb.clients.readonly, { scope: 'payment.write' });
		expect(notAllowed.res.status).toBe(400);
		expect(notAllowed.body.error).toBe('invalid_scope');
	});

	test('missing grant_type is 400 invalid_request; other grant is unsupported_grant_type', async () => {
		const auth = {
			authorization: basic('wink-sandbox-client', 'wink-sandbox-secret'),
			'content-type': 'application/x-www-form-urlencoded',
		};
		const missing = await fetch(sb.tokenUrl, { method: 'POST', headers: auth, body: '' });
		expect(missing.status).toBe(400);
		expect((await missing.json()).error).toBe('invalid_request');
		const other = await fetch(sb.tokenUrl, {
			method: 'POST',
			headers: auth,
			body: 'grant_type=password',
		});
		expect(other.status).toBe(400);
		expect((await other.json()).error).toBe('unsupported_grant_type');
	});
});

describe('API rules', () => {
	test('a bearer token is required (401 ProblemDetail)', async () => {
		const r = await api('GET', `${me()}/payment/ledger/balance`, { tok: null });
		expect(r.status).toBe(401);
		expect(r.res.headers.get('content-type')).toMatch(/application\/problem\+json/);
		expect(r.res.headers.get('www-authenticate')).toMatch(/Bearer .*error="invalid_token"/);
		expect(r.body).toMatchObject({
			type: 'about:blank',
			title: 'Unauthorized',
			status: 401,
			instance: `${me()}/payment/ledger/balance`,
		});
		expect((await api('GET', `${me()}/payment/ledger/balance`, { tok: 'made-up' })).status).toBe(
			401,
		);
	});

	test('Wink-Version: 2.0 is required', async () => {
		const none = await api('GET', `${me()}/payment/ledger/balance`, { version: null });
		expect(none.status).toBe(400);
		expect(none.body.detail).toMatch(/Wink-Version: 2\.0 is required/);
		expect((await api('GET', `${me()}/payment/ledger/balance`, { version: '2.0.0' })).status).toBe(
			400,
		);
	});

	test('403 names the missing scope for the read-only client', async () => {
		const r = await api(
			'POST',
			`${me()}/payment/withdrawal?destinationIdentifier=${sb.ids.bankAccountIds.EUR}&destinationKind=BankAccount`,
			{ tok: readonlyToken },
		);
		expect(r.status).toBe(403);
		expect(r.body.detail).toBe("Insufficient scope: this operation requires 'payment.write'");
	});

	test('unknown route, unknown managing entity and the list route', async () => {
		expect((await api('GET', '/api/nope')).status).toBe(404);
		const unknownMe = await api('GET', '/api/managing-entity/me-unknown/payment/ledger/balance');
		expect(unknownMe.status).toBe(404);
		expect(unknownMe.body.detail).toMatch(/me-unknown/);
		const list = await api('GET', '/api/managing-entity/list');
		expect(list.status).toBe(200);
		expect(list.body.map((m) => m.type).sort()).toEqual(['HOTEL', 'TRAVEL_AGENT']);
		const hotels = await api('GET', '/api/managing-entity/list?type=HOTEL');
		expect(hotels.body).toHaveLength(1);
		expect(hotels.body[0]).toMatchObject({
			id: sb.managingEntityId,
			status: 'ACTIVE',
			currencyCode: 'EUR',
		});
		const one = await api('GET', me());
		expect(one.body.name).toBe('Grand Azure Hotel Lisbon');
		expect(sb.stats.requests.at(-1).operationId).toBe('showManagingEntity');
		expect(sb.stats.requests.at(-1).headers.authorization).toBe('Bearer <redacted>');
	});
});

describe('ledger', () => {
	test('paging returns every ledger entry exactly once, newest first', async () => {
		const total = sb.state.ledger[sb.managingEntityId].length;
		expect(total).toBeGreaterThanOrEqual(2900);
		const seen = [];
		for (let page = 0; ; page++) {
			const r = await api('GET', `${me()}/payment/ledger/transactions?page=${page}&size=700`);
			expect(r.status).toBe(200);
			if (r.body.length === 0) break;
			seen.push(...r.body);
		}
		expect(seen).toHaveLength(total);
		expect(new Set(seen.map((e) => e.id)).size).toBe(total);
		for (let i = 1; i < seen.length; i++)
			expect(seen[i - 1].createdDate >= seen[i].createdDate).toBe(true);
		const first = await api('GET', `${me()}/payment/ledger/transactions`);
		expect(first.body).toHaveLength(20);
		expect(first.body[0]).toEqual(seen[0]);
	});

	test('page/size validation', async () => {
		for (const q of ['size=0', 'size=1001', 'page=-1', 'size=abc']) {
			expect((await api('GET', `${me()}/payment/ledger/transactions?${q}`)).status).toBe(400);
		}
	});

	test('balance equals the sum of the ledger, per currency, and is positive', async () => {
		const r = await api('GET', `${me()}/payment/ledger/balance`);
		expect(r.status).toBe(200);
		const ledger = sb.state.ledger[sb.managingEntityId];
		expect(r.body.map((b) => b.currencyCode).sort()).toEqual(['EUR', 'GBP', 'USD']);
		for (const b of r.body) {
			expect(b.amount).toBeGreaterThan(0);
			expect(b.amount).toBe(
				sumCents(
					ledger.filter((e) => e.entry.currency === b.currencyCode).map((e) => e.entry.amount),
				),
			);
		}
	});
});

describe('payout accounts', () => {
	test('bank account add / update / remove round trip', async () => {
		const body = {
			countryCode: 'GB',
			currencyCode: 'GBP',
			accountHolderName: 'Grand Azure UK Ltd',
			accountNumber: 'GB29NWBK60161331926819',
			address: { address1: '1 King St', city: 'London', countryCode: 'GB' },
		};
		const added = await api('POST', `${me()}/bank-account`, { body });
		expect(added.status).toBe(200);
		expect(added.body.id).toBe(sb.managingEntityId);
		expect(added.body.revolutPayoutAccounts).toHaveLength(1);
		const created = added.body.bankAccounts.find((a) => a.accountNumber === body.accountNumber);
		expect(created).toMatchObject({ countryCode: 'GB', currencyCode: 'GBP', swiftCode: null });
		expect(created.identifier).toBeTruthy();

		const updated = await api('PUT', `${me()}/bank-account/${created.identifier}`, {
			body: { ...body, accountHolderName: 'Renamed Ltd', swiftCode: 'NWBKGB2L' },
		});
		expect(updated.status).toBe(200);
		expect(
			updated.body.bankAccounts.find((a) => a.identifier === created.identifier),
		).toMatchObject({ accountHolderName: 'Renamed Ltd', swiftCode: 'NWBKGB2L' });
		expect((await api('PUT', `${me()}/bank-account/ba-unknown`, { body })).status).toBe(404);

		const removed = await api('DELETE', `${me()}/bank-account/${created.identifier}`);
		expect(removed.status).toBe(200);
		expect(removed.body.bankAccounts.some((a) => a.identifier === created.identifier)).toBe(false);
		expect((await api('DELETE', `${me()}/bank-account/${created.identifier}`)).status).toBe(404);
	});

	test('bank account body validation names the fields; malformed JSON is 400', async () => {
		const r = await api('POST', `${me()}/bank-account`, { body: { countryCode: 'GB' } });
		expect(r.status).toBe(400);
		expect(r.body.detail).toMatch(/currencyCode/);
		expect(r.body.detail).toMatch(/accountHolderName/);
		expect(r.body.detail).toMatch(/accountNumber/);
		expect((await api('POST', `${me()}/bank-account`, { body: '{"countryCode":' })).status).toBe(
			400,
		);
		const ro = await api('DELETE', `${me()}/bank-account/${sb.ids.bankAccountIds.USD}`, {
			tok: readonlyToken,
		});
		expect(ro.body.detail).toMatch(/'account\.remove'/);
	});

	test('revolut payout account validation and round trip', async () => {
		const body = {
			profileType: 'personal',
			accountHolderName: 'Ines Carvalho',
			revtag: '@ines.c',
			currencyCode: 'EUR',
		};
		const badEnum = await api('POST', `${me()}/revolut-payout-account`, {
			body: { ...body, profileType: 'corporate' },
		});
		expect(badEnum.status).toBe(400);
		expect(badEnum.body.detail).toMatch(/profileType/);
		const badTag = await api('POST', `${me()}/revolut-payout-account`, {
			body: { ...body, revtag: 'no spaces!' },
		});
		expect(badTag.status).toBe(400);
		expect(badTag.body.detail).toMatch(/revtag/);

		const added = await api('POST', `${me()}/revolut-payout-account`, { body });
		expect(added.status).toBe(200);
		const acct = added.body.revolutPayoutAccounts.find((a) => a.revtag === 'ines.c');
		expect(acct.revolutCounterpartyId).toBeTruthy();
		const up = await api('PUT', `${me()}/revolut-payout-account/${acct.identifier}`, {
			body: { ...body, revtag: 'ines_c2' },
		});
		expect(up.body.revolutPayoutAccounts.find((a) => a.identifier === acct.identifier).revtag).toBe(
			'ines_c2',
		);
		const del = await api('DELETE', `${me()}/revolut-payout-account/${acct.identifier}`);
		expect(del.body.revolutPayoutAccounts.map((a) => a.identifier)).toEqual([
			sb.ids.revolutPayoutAccountId,
		]);
	});
});

describe('withdrawals', () => {
	test('history covers every status; getWithdrawal and estimate route order', async () => {
		const list = await api('GET', `${me()}/payment/withdrawal`);
		expect(list.body.length).toBeGreaterThanOrEqual(8);
		expect(new Set(list.body.map((w) => w.status))).toEqual(
			new Set(['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED']),
		);
		for (const w of list.body) expect(w.completedAt === null).toBe(w.status !== 'COMPLETED');
		const one = await api('GET', `${me()}/payment/withdrawal/${list.body[0].id}`);
		expect(one.body).toEqual(list.body[0]);
		expect((await api('GET', `${me()}/payment/withdrawal/wd-unknown`)).status).toBe(404);

		const est = await api(
			'GET',
			`${me()}/payment/withdrawal/estimate?destinationIdentifier=${sb.ids.bankAccountIds.USD}&destinationKind=BankAccount`,
		);
		expect(est.status).toBe(200);
		expect(est.body).toMatchObject({
			currencyCode: 'USD',
			transferFeeAmount: 5,
			fxFeeRate: null,
			fxFeeAmount: null,
			offMarketHours: false,
		});
		expect(est.body.netAmount).toBe(Math.round((est.body.grossAmount - 5) * 100) / 100);
		expect(sb.stats.requests.at(-1).operationId).toBe('estimateFees');

		const missing = await api(
			'GET',
			`${me()}/payment/withdrawal/estimate?destinationKind=BankAccount`,
		);
		expect(missing.status).toBe(400);
		expect(missing.body.detail).toMatch(/destinationIdentifier/);
		expect(
			(
				await api(
					'GET',
					`${me()}/payment/withdrawal/estimate?destinationIdentifier=x&destinationKind=Iban`,
				)
			).status,
		).toBe(400);
		expect(
			(
				await api(
					'GET',
					`${me()}/payment/withdrawal/estimate?destinationIdentifier=ba-nope&destinationKind=BankAccount`,
				)
			).status,
		).toBe(404);
	});

	test('initiateWithdrawal empties the balance; a second one is 400', async () => {
		const path = `${me()}/payment/withdrawal?destinationIdentifier=${sb.ids.bankAccountIds.EUR}&destinationKind=BankAccount`;
		const before = (await api('GET', `${me()}/payment/ledger/balance`)).body.find(
			(b) => b.currencyCode === 'EUR',
		).amount;
		const first = await api('POST', path);
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({
			status: 'PENDING',
			currencyCode: 'EUR',
			grossAmount: before,
			fxFeeRate: 0.006,
			bankAccountIdentifier: sb.ids.bankAccountIds.EUR,
			accountIdentifier: sb.managingEntityId,
			version: 0,
			completedAt: null,
		});
		expect(first.body.referenceCode).toMatch(/^WD-[A-Z0-9]{6}$/);
		const after = (await api('GET', `${me()}/payment/ledger/balance`)).body.find(
			(b) => b.currencyCode === 'EUR',
		).amount;
		expect(after).toBe(0);
		const history = await api('GET', `${me()}/payment/withdrawal`);
		expect(history.body[0].id).toBe(first.body.id);
		const newest = (await api('GET', `${me()}/payment/ledger/transactions?size=1`)).body[0];
		expect(newest).toMatchObject({
			type: 'DEBIT',
			referenceType: 'WITHDRAWAL',
			fundsType: 'TRIP_PAY',
			referenceIdentifier: first.body.id,
			entry: { amount: -before, currency: 'EUR' },
		});

		const second = await api('POST', path);
		expect(second.status).toBe(400);
		expect(second.body).toMatchObject({
			title: 'Bad Request',
			detail: 'No available balance in EUR',
		});
	});
});

describe('faults', () => {
	const balancePath = () => `${me()}/payment/ledger/balance`;
	afterEach(() => sb.clearFaults());

	test('429 with Retry-After, for `times` requests only', async () => {
		sb.inject({ operationId: 'getAvailableBalance', status: 429, retryAfter: 2, times: 2 });
		for (let i = 0; i < 2; i++) {
			const r = await api('GET', balancePath());
			expect(r.status).toBe(429);
			expect(r.res.headers.get('retry-after')).toBe('2');
		}
		expect((await api('GET', balancePath())).status).toBe(200);
	});

	test('rate-limit mode: a token bucket of N a second with a one-second burst, then 429 with Retry-After', async () => {
		// The bucket itself, on a clock of our own: 4 a second, a burst of 4.
		const bucket = createGateway(4);
		const t0 = Date.now();
		expect([0, 0, 0, 0, 0].map(() => bucket.admit(t0))).toEqual([0, 0, 0, 0, 250]);
		expect([bucket.admit(t0 + 300), bucket.admit(t0 + 300)]).toEqual([0, 200]);
		expect(
			Array.from({ length: 5 }, () => bucket.admit(t0 + 5000)).filter((w) => w === 0),
		).toHaveLength(4);
		expect([retryAfterSeconds(20), retryAfterSeconds(1200)]).toEqual([1, 2]);

		// Over HTTP: set as a fault, answered as ProblemDetail; the token endpoint is not behind it.
		sb.inject({ rateLimit: 2 });
		expect(sb.faults[0]).toEqual({ rateLimit: 2 });
		const burst = await Promise.all(Array.from({ length: 8 }, () => api('GET', balancePath())));
		const limited = burst.filter((r) => r.status === 429);
		expect(limited.length).toBeGreaterThanOrEqual(4);
		expect(limited[0].res.headers.get('retry-after')).toBe('1');
		expect(limited[0].body.status).toBe(429);
		expect((await token(sb.clients.demo)).res.status).toBe(200);
		sb.clearFaults();
		expect(
			(await Promise.all(Array.from({ length: 6 }, () => api('GET', balancePath())))).every(
				(r) => r.status === 200,
			),
		).toBe(true);
	});

	test('503 by path regex, and on the token endpoint', async () => {
		sb.inject({ path: /\/ledger\//, method: 'GET', status: 503 });
		expect((await api('GET', balancePath())).status).toBe(503);
		sb.inject({ operationId: 'token', status: 503, body: { error: 'temporarily_unavailable' } });
		const { res, body } = await token(sb.clients.demo);
		expect(res.status).toBe(503);
		expect(body).toEqual({ error: 'temporarily_unavailable' });
	});

	test('delay', async () => {
		sb.inject({ operationId: 'getAvailableBalance', delayMs: 250 });
		const t0 = Date.now();
		const r = await api('GET', balancePath());
		expect(r.status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
	});

	test('drop destroys the socket', async () => {
		sb.inject({ operationId: 'getAvailableBalance', drop: true });
		await expect(api('GET', balancePath())).rejects.toThrow();
		expect((await api('GET', balancePath())).status).toBe(200);
	});

	test('malformed answers 200 with truncated JSON', async () => {
		sb.inject({ operationId: 'getTransactionHistory', malformed: true });
		const r = await api('GET', `${me()}/payment/ledger/transactions`);
		expect(r.status).toBe(200);
		expect(r.res.headers.get('content-type')).toMatch(/application\/json/);
		expect(() => JSON.parse(r.text)).toThrow();
	});
});

describe('tokens and controls', () => {
	test('expireAllTokens makes every issued token fail with 401', async () => {
		const fresh = (await token(sb.clients.demo)).body.access_token;
		expect((await api('GET', me(), { tok: fresh })).status).toBe(200);
		sb.expireAllTokens();
		const r = await api('GET', me(), { tok: fresh });
		expect(r.status).toBe(401);
		expect(r.body.detail).toMatch(/expired/);
		demoToken = (await token(sb.clients.demo)).body.access_token;
		expect((await api('GET', me())).status).toBe(200);
	});

	test('setTokenTtl(0) issues tokens that are already expired', async () => {
		sb.setTokenTtl(0);
		const { body } = await token(sb.clients.demo);
		expect(body.expires_in).toBe(0);
		expect((await api('GET', me(), { tok: body.access_token })).status).toBe(401);
		sb.setTokenTtl(3600);
	});

	test('setTokenScopeInAnswer(false) leaves scope out of the token answer until reset', async () => {
		sb.setTokenScopeInAnswer(false);
		const { body } = await token(sb.clients.demo);
		expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
		expect((await api('GET', me(), { tok: body.access_token })).status).toBe(200);
		sb.reset();
		const again = await token(sb.clients.demo);
		expect(again.body.scope).toBe(sb.clients.demo.scopes.join(' '));
		demoToken = again.body.access_token;
	});

	test('/__sandbox controls: faults, stats, expire-tokens, reset', async () => {
		const post = (p, body) =>
			fetch(`${sb.url}/__sandbox/${p}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body || {}),
			});

		expect(
			(
				await post('faults', {
					path: 'ledger/balance$',
					status: 429,
					retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT',
					times: 'Infinity',
				})
			).status,
		).toBe(201);
		for (let i = 0; i < 3; i++)
			expect((await api('GET', `${me()}/payment/ledger/balance`)).status).toBe(429);
		expect((await fetch(`${sb.url}/__sandbox/faults`, { method: 'DELETE' })).status).toBe(200);
		expect((await api('GET', `${me()}/payment/ledger/balance`)).status).toBe(200);

		const stats = await (await fetch(`${sb.url}/__sandbox/stats`)).json();
		expect(stats.tokensIssued).toBe(sb.stats.tokensIssued);
		expect(stats.requests.at(-1)).toMatchObject({
			method: 'GET',
			operationId: 'getAvailableBalance',
			status: 200,
		});

		await post('expire-tokens');
		expect((await api('GET', me())).status).toBe(401);

		// After the withdrawal test EUR is 0; reset restores the seed and forgets tokens and stats.
		const info = await (await post('reset')).json();
		expect(info.managingEntityId).toBe(sb.managingEntityId);
		expect(sb.stats.requests).toHaveLength(0);
		expect(sb.stats.tokensIssued).toBe(0);
		demoToken = (await token(sb.clients.demo)).body.access_token;
		const eur = (await api('GET', `${me()}/payment/ledger/balance`)).body.find(
			(b) => b.currencyCode === 'EUR',
		);
		expect(eur.amount).toBeGreaterThan(0);
	});

	test('seed is deterministic and reset() re-seeds in place', async () => {
		const other = await startSandbox({ port: 0, seed: 1 });
		try {
			expect(other.managingEntityId).toBe(sb.managingEntityId);
			expect(other.ids).toEqual(sb.ids);
			const state = sb.state;
			state.ledger[sb.managingEntityId].length = 0;
			sb.reset();
			expect(sb.state).toBe(state);
			expect(state.ledger[sb.managingEntityId]).toEqual(other.state.ledger[other.managingEntityId]);
		} finally {
			await other.close();
		}
	});
});
