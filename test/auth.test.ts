import { apiRequests, byId, sandboxCredential, useWink, eurWithdrawal } from './harness/fixture';
import { secretHits, visibleText } from './harness/secrets';
import { CREDENTIAL_ID } from './harness/engine';
import { NodeHelpers, type INodeParameters } from 'n8n-workflow';
import { WinkOAuth2Api, winkApiUrl } from '../credentials/WinkOAuth2Api.credentials';
import { refusedPort } from './harness/ports';

// The credential through n8n's own OAuth2 client-credentials code: n8n fetches, stores and
// renews the token; the node only names the credential type.
describe('Wink OAuth2 credential', () => {
	const w = useWink();
	const balance = () => w.h.run({ parameters: { operation: 'getBalance', managingEntity: w.me } });
	const tokenRequests = () => w.sb.stats.requests.filter((r) => r.operationId === 'token');

	test('resolves the token URL and scope from Environment and Scopes, as n8n does', () => {
		const resolved = (data: object) => w.h.credentials.resolve('winkOAuth2Api', data as never);
		const resolve = (data: object) => ({ ...resolved(data), apiUrl: winkApiUrl(resolved(data)) });
		expect(resolve({ environment: 'production' })).toMatchObject({
			grantType: 'clientCredentials',
			accessTokenUrl: 'https://iam.wink.travel/oauth2/token',
			apiUrl: 'https://api.wink.travel',
			scope: 'account.read payment.read accounting.read',
		});
		expect(resolve({ environment: 'staging', scopes: ['payment.write'] })).toMatchObject({
			accessTokenUrl: 'https://staging-iam.wink.travel/oauth2/token',
			apiUrl: 'https://staging-api.wink.travel',
			scope: 'payment.write',
		});
		expect(resolve(sandboxCredential(w.sb, { scopes: [] }))).toMatchObject({
			accessTokenUrl: w.sb.tokenUrl,
			apiUrl: w.sb.url,
			scope: 'account.read payment.read accounting.read',
		});
	});

	test('Scopes: never empty, never n8n permission names, the saved-before-0.2 field while Scopes is at its default', () => {
		const scope = (data: object) =>
			w.h.credentials.resolve('winkOAuth2Api', { environment: 'production', ...data } as never)
				.scope;
		const readOnly = 'account.read payment.read accounting.read';
		// What n8n's editor saves for a new credential: Scopes as shown (or nothing when left at its
		// default), and the project's permission list in `scopes`.
		expect(
			scope({
				winkScopes: 'payment.read payment.write',
				scopes: ['credential:create', 'workflow:read'],
			}),
		).toBe('payment.read payment.write');
		expect(scope({ winkScopes: 'payment.read, booking.read ' })).toBe('payment.read booking.read');
		expect(scope({ scopes: ['credential:create', 'workflow:read'] })).toBe(readOnly);
		expect(scope({ winkScopes: '' })).toBe(readOnly);
		expect(scope({ winkScopes: '', scopes: [] })).toBe(readOnly);
		expect(scope({ winkScopes: 'credential:read' })).toBe(readOnly);
		// Saved before 0.2: kept until Scopes is changed.
		expect(scope({ scopes: ['booking.read'] })).toBe('booking.read');
		expect(
			scope({ winkScopes: 'accounting.read account.read payment.read', scopes: ['booking.read'] }),
		).toBe('booking.read');
		expect(scope({ winkScopes: 'account.read', scopes: ['booking.read'] })).toBe('account.read');
	});

	test("the credential's Test button: success, wrong secret, missing account.read", async () => {
		expect(await w.h.testCredential()).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(apiRequests(w.sb).at(-1)).toMatchObject({
			method: 'GET',
			path: '/api/managing-entity/list',
			status: 200,
		});
		expect(apiRequests(w.sb).at(-1)?.headers['wink-version']).toBe('2.0');

		w.h.setCredential(sandboxCredential(w.sb, { clientSecret: 'wrong-secret-456' }));
		const wrong = await w.h.testCredential();
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/access token.*Client authentication failed/);
		expect(wrong.message).not.toContain('wrong-secret-456');

		w.h.setCredential(sandboxCredential(w.sb, { scopes: ['payment.read'] }));
		expect(await w.h.testCredential()).toEqual({
			status: 'Error',
			message: expect.stringContaining("needs the 'account.read' scope"),
		});
	});

	test('the token is fetched once and reused across items and runs', async () => {
		const withdrawals = w.sb.state.withdrawals[w.sb.managingEntityId].slice(0, 5);
		const { items, error } = await w.h.run({
			parameters: {
				operation: 'getWithdrawal',
				managingEntity: w.me,
				withdrawalId: '={{ $json.wid }}',
			},
			items: withdrawals.map((x: { id: string }) => ({ wid: x.id })),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		await balance();
		expect(w.sb.stats.tokensIssued).toBe(1);
		expect(apiRequests(w.sb)).toHaveLength(6);
		// n8n keeps the token in its credential store (shared by queue-mode workers).
		expect(w.h.credentials.get(CREDENTIAL_ID)?.oauthTokenData).toMatchObject({
			token_type: 'Bearer',
		});
	});

	test('client authentication by Basic header (default) sends no secret in the body', async () => {
		await balance();
		const [token] = tokenRequests();
		expect(token.headers.authorization).toBe('Basic <redacted>');
		expect(token.body).toMatchObject({ grant_type: 'client_credentials' });
		expect(token.body).not.toHaveProperty('client_secret');
		expect(token.body.scope.split(' ').sort()).toEqual(
			[
				'account.read',
				'account.write',
				'account.remove',
				'payment.read',
				'payment.write',
				'accounting.read',
			].sort(),
		);
	});

	test('a credential saved with Form Body authenticates with the Basic header (no secret in the body)', async () => {
		w.h.setCredential(sandboxCredential(w.sb, { authentication: 'body' }));
		const { error } = await balance();
		expect(error).toBeUndefined();
		const [token] = tokenRequests();
		expect(token.headers.authorization).toBe('Basic <redacted>');
		expect(token.body).not.toHaveProperty('client_secret');
	});

	test('a token that expires mid-run is replaced once and the run completes', async () => {
		// The 11th ledger page finds every token expired.
		w.sb.inject({ operationId: 'getTransactionHistory', skip: 10, expireTokens: true });
		const { items, error } = await w.h.run({
			parameters: { operation: 'getTransactions', managingEntity: w.me, returnAll: true },
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(w.sb.state.ledger[w.sb.managingEntityId].length);
		expect(w.sb.stats.tokensIssued).toBe(2);
		const statuses = apiRequests(w.sb).map((r) => r.status);
		expect(statuses.filter((s) => s === 401)).toHaveLength(1);
	});

	test('a 401 that outlives a fresh token is reported, after exactly one renewal', async () => {
		w.sb.inject({ operationId: 'getAvailableBalance', status: 401, times: Infinity });
		const { error } = await balance();
		expect(error?.message).toBe('Wink did not accept the access token (401)');
		expect(w.sb.stats.tokensIssued).toBe(2);
		expect(apiRequests(w.sb)).toHaveLength(2);
	});

	test('a final 401 shows no token or secret: error, Continue On Fail item, logs', async () => {
		w.sb.inject({ operationId: 'getAvailableBalance', status: 401, times: Infinity });
		const failed = await balance();
		expect(failed.error?.message).toBe('Wink did not accept the access token (401)');
		const kept = await w.h.run({
			parameters: { operation: 'getBalance', managingEntity: w.me },
			continueOnFail: true,
		});
		expect(kept.items[0].json.error).toBe('Wink did not accept the access token (401)');
		expect(w.h.credentials.accessTokens.size).toBeGreaterThanOrEqual(2);
		expect(
			secretHits(
				w.h,
				w.sb,
				new Map([
					['401', visibleText(failed)],
					['401 kept', visibleText(kept)],
				]),
			),
		).toEqual([]);
	});

	test('a wrong secret gives a clear error and no secret anywhere', async () => {
		w.h.setCredential(sandboxCredential(w.sb, { clientSecret: 'not-the-secret-123' }));
		const { error, items, run } = await balance();
		expect(items).toHaveLength(0);
		expect(error?.message).toBe('Wink refused the credential: no access token could be obtained');
		expect((error as { description?: string }).description).toMatch(/Client ID and Client Secret/);
		expect(apiRequests(w.sb)).toHaveLength(0);
		expect(JSON.stringify(run)).not.toContain('not-the-secret-123');
		expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(
			'not-the-secret-123',
		);
	});

	test('an unknown scope is reported by the token endpoint', async () => {
		w.h.setCredential(sandboxCredential(w.sb, { scopes: ['payment.read', 'ledger.read'] }));
		const { error } = await balance();
		expect(error?.message).toBe('Wink refused the credential: no access token could be obtained');
		expect((error as { description?: string }).description).toMatch(/scope/i);
	});

	test('a missing scope names the scope the operation probably needs and the scopes asked for', async () => {
		w.h.setCredential(sandboxCredential(w.sb, { scopes: ['account.read', 'payment.read'] }));
		const { error } = await w.h.run({
			parameters: eurWithdrawal(w.sb),
		});
		expect(error?.message).toBe(
			"Missing scope: this operation probably needs 'payment.write' (the credential asks for account.read, payment.read)",
		);
		const description = (error as { description?: string }).description ?? '';
		expect(description).toContain("Add 'payment.write'");
		expect(description).toContain(
			"Wink said: Insufficient scope: this operation requires 'payment.write'",
		);
		expect((error as { httpCode?: string }).httpCode).toBe('403');
		// The stored token was fetched with the scopes asked for: no pointless renewal.
		expect(apiRequests(w.sb).filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(w.sb.stats.tokensIssued).toBe(1);
	});

	test('a 403 that is not about scopes reports what Wink said, without a scope hint', async () => {
		w.sb.inject({
			operationId: 'getAvailableBalance',
			status: 403,
			body: {
				title: 'Forbidden',
				status: 403,
				detail: 'Managing entity belongs to another account',
			},
		});
		const { error } = await balance();
		expect(error?.message).toBe(
			'Wink refused the request (403): Managing entity belongs to another account',
		);
		expect(error?.message).not.toMatch(/scope/i);
		expect(w.sb.stats.tokensIssued).toBe(1);
	});

	test('adding a scope to the credential takes effect on the next run, with one more token', async () => {
		w.h.setCredential(sandboxCredential(w.sb, { scopes: ['account.read', 'payment.read'] }));
		const first = await w.h.run({ parameters: eurWithdrawal(w.sb) });
		expect(first.error?.message).toMatch(/^Missing scope/);
		// The user edits the credential: n8n keeps the stored token (fetched without payment.write).
		const stored = w.h.credentials.get(CREDENTIAL_ID)!;
		expect(stored.oauthTokenData).toBeDefined();
		w.h.credentials.set(CREDENTIAL_ID, {
			...stored,
			scopes: ['account.read', 'payment.read', 'payment.write'],
		});
		const second = await w.h.run({ parameters: eurWithdrawal(w.sb) });
		expect(second.error).toBeUndefined();
		expect(second.items[0].json.status).toBe('PENDING');
		expect(w.sb.stats.tokensIssued).toBe(2);
		// One refused POST per run before the renewal, then the one that withdrew.
		expect(
			apiRequests(w.sb)
				.filter((r) => r.operationId === 'initiateWithdrawal')
				.map((r) => r.status),
		).toEqual([403, 403, 200]);
		expect(
			w.sb.state.withdrawals[w.sb.managingEntityId].filter(
				(x: { id: string }) => x.id === second.items[0].json.id,
			),
		).toHaveLength(1);
	});

	/** A first run without payment.write, then the user adds it (n8n keeps the stored token). */
	const addScopeAfterARun = async () => {
		w.h.setCredential(sandboxCredential(w.sb, { scopes: ['account.read', 'payment.read'] }));
		const first = await w.h.run({ parameters: eurWithdrawal(w.sb) });
		expect(first.error?.message).toMatch(/^Missing scope/);
		const stored = w.h.credentials.get(CREDENTIAL_ID)!;
		w.h.credentials.set(CREDENTIAL_ID, {
			...stored,
			scopes: ['account.read', 'payment.read', 'payment.write'],
		});
		return await w.h.run({ parameters: eurWithdrawal(w.sb) });
	};
	const withdrawals = () => apiRequests(w.sb).filter((r) => r.operationId === 'initiateWithdrawal');

	test("a stored token without `scope`: Wink's insufficient-scope 403 renews it once the credential asks for the scope", async () => {
		w.sb.setTokenScopeInAnswer(false);
		const second = await addScopeAfterARun();
		expect(w.h.credentials.get(CREDENTIAL_ID)!.oauthTokenData).not.toHaveProperty('scope');
		expect(second.error).toBeUndefined();
		expect(second.items[0].json.status).toBe('PENDING');
		expect(w.sb.stats.tokensIssued).toBe(2);
		expect(withdrawals().map((r) => r.status)).toEqual([403, 403, 403, 200]);
	});

	test('the credential warns under a Custom URL that is http:// to another machine, not for this machine or https://', () => {
		const notices = (values: INodeParameters) =>
			new WinkOAuth2Api().properties
				.filter(
					(p) => p.type === 'notice' && NodeHelpers.displayParameter(values, p, null, null, values),
				)
				.map((p) => p.name);
		const custom = (api: string, token: string) =>
			notices({ environment: 'custom', customApiUrl: api, customTokenUrl: token });
		expect(custom('http://api.example.com', 'http://iam.example.com/oauth2/token')).toEqual([
			'customApiUrlCleartext',
			'customTokenUrlCleartext',
		]);
		expect(custom('http://10.0.0.5:8787', 'https://iam.example.com/oauth2/token')).toEqual([
			'customApiUrlCleartext',
		]);
		// localhost.example.com is not this machine.
		expect(custom('https://api.example.com', 'http://localhost.example.com/oauth2/token')).toEqual([
			'customTokenUrlCleartext',
		]);
		for (const local of [
			'http://localhost:8787',
			'http://127.0.0.1:8787',
			'http://127.1.2.3',
			'http://[::1]:8787/',
		]) {
			expect(custom(local, `${local}/oauth2/token`)).toEqual([]);
		}
		expect(custom('https://api.example.com', 'https://iam.example.com/oauth2/token')).toEqual([]);
		expect(notices({ environment: 'production', customApiUrl: 'http://api.example.com' })).toEqual(
			[],
		);
	});

	test('a failed token request over http:// to another machine says the secret travels unencrypted; on this machine it does not', async () => {
		w.h.setCredential(
			sandboxCredential(w.sb, { customTokenUrl: 'http://wink.invalid/oauth2/token' }),
		);
		const remote = await balance();
		expect(remote.error?.message).toBe(
			'Could not reach the Wink token URL http://wink.invalid/oauth2/token',
		);
		expect((remote.error as { description?: string }).description).toContain(
			'The Token URL uses http:// to wink.invalid, which is not this machine: the Client Secret and the access token travel unencrypted. Use https://.',
		);
		for (const host of ['127.0.0.1', 'localhost']) {
			w.h.setCredential(
				sandboxCredential(w.sb, {
					customTokenUrl: `http://${host}:${await refusedPort()}/oauth2/token`,
				}),
			);
			const local = await balance();
			expect(local.error?.message).toMatch(/^Could not reach the Wink token URL/);
			expect((local.error as { description?: string }).description).not.toMatch(/unencrypted/);
		}
		w.h.setCredential(sandboxCredential(w.sb, { clientSecret: 'not-the-secret-123' }));
		expect((await balance()).error).toMatchObject({
			message: 'Wink refused the credential: no access token could be obtained',
		});
		expect(((await balance()).error as { description?: string }).description).not.toMatch(
			/unencrypted/,
		);
	});

	test('the scope renewal happens once per run: a 403 that outlives the new token does not renew it again for each item', async () => {
		// A first run without accounting.read, then the user adds it (n8n keeps the stored token).
		w.h.setCredential(sandboxCredential(w.sb, { scopes: ['account.read', 'payment.read'] }));
		expect((await balance()).error?.message).toMatch(/^Missing scope/);
		const stored = w.h.credentials.get(CREDENTIAL_ID)!;
		w.h.credentials.set(CREDENTIAL_ID, {
			...stored,
			scopes: ['account.read', 'payment.read', 'accounting.read'],
		});
		// The Application still refuses it.
		w.sb.inject({
			operationId: 'getAvailableBalance',
			status: 403,
			body: {
				title: 'Forbidden',
				status: 403,
				detail: "Insufficient scope: this operation requires 'accounting.read'",
			},
			times: Infinity,
		});
		const { items } = await w.h.run({
			parameters: { operation: 'getBalance', managingEntity: w.me, options: { concurrency: 1 } },
			items: [{}, {}, {}, {}],
			continueOnFail: true,
		});
		expect(items.map((i) => String(i.json.error))).toEqual(
			Array(4).fill(expect.stringMatching(/^Missing scope/)),
		);
		// One token for the first run, one renewal for the whole second run (not one per item).
		expect(w.sb.stats.tokensIssued).toBe(2);
	});

	test('every API call sends Wink-Version 2.0 and Accept: application/json', async () => {
		await balance();
		await w.h.run({ parameters: { operation: 'getTransactions', managingEntity: w.me, limit: 5 } });
		const requests = apiRequests(w.sb);
		expect(requests.length).toBeGreaterThan(1);
		for (const r of requests) {
			expect(r.headers['wink-version']).toBe('2.0');
			expect(r.headers.accept).toContain('application/json');
			expect(r.headers.authorization).toBe('Bearer <redacted>');
		}
	});

	test('no token or secret appears in outputs or errors', async () => {
		const ok = await balance();
		const tokenData = w.h.credentials.get(CREDENTIAL_ID)?.oauthTokenData as
			| { access_token?: string }
			| undefined;
		const token = String(tokenData?.access_token ?? '');
		expect(token.length).toBeGreaterThan(10);
		const failing = await w.h.run({
			parameters: {
				operation: 'getWithdrawal',
				managingEntity: byId('me-unknown'),
				withdrawalId: 'x',
			},
		});
		w.sb.inject({ operationId: 'getAvailableBalance', status: 500, times: 10 });
		const serverError = await balance();
		for (const result of [ok, failing, serverError]) {
			const text = JSON.stringify(result.run) + JSON.stringify(result.items);
			expect(text).not.toContain(token);
			expect(text).not.toContain(w.sb.clients.demo.clientSecret);
		}
		for (const error of [failing.error, serverError.error]) {
			const text = JSON.stringify(error, Object.getOwnPropertyNames(error));
			expect(text).not.toContain(token);
			expect(text).not.toContain(w.sb.clients.demo.clientSecret);
		}
	});
});
