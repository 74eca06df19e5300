// Settlement in a real n8n: package load, reads, a withdrawal, scopes, tokens, the Test button.
import {
	N8N_MAJOR,
	check,
	credential,
	execute,
	importAll,
	itemsOf,
	startN8n,
	tail,
	winkNode,
	workflow,
} from '../lib.mjs';

export default async function settlement({ sb }) {
	const { ids } = sb;
	const me = ids.managingEntityId;

	const FULL = 'winkE2eCredFull1';
	const NARROW = 'winkE2eCredNarrw';
	const fullScopes = ['account.read', 'payment.read', 'payment.write', 'accounting.read'];
	const creds = [
		// The balance node leaves Managing Entity empty: this default must be used.
		credential(sb, FULL, 'Wink sandbox', fullScopes, { managingEntityId: me }),
		credential(sb, NARROW, 'Wink sandbox account.read only', ['account.read']),
	];

	const node = (name, credId, parameters, y = 0) =>
		winkNode(
			'winkSettlement',
			name,
			creds.find((c) => c.id === credId),
			parameters,
			y,
		);
	const byId = { __rl: true, mode: 'id', value: me };
	const READS = 'winkE2eReads0001';
	const WITHDRAW = 'winkE2eWithdraw1';
	const SCOPE = 'winkE2eScope0001';
	const RATE = 'winkE2eRate00001';
	const MISSING = 'winkE2eMissing01';
	const V2 = 'winkE2eVersion02';
	// Read now: (c) adds a withdrawal at the head of the history.
	const pickedWithdrawal = sb.state.withdrawals[me][0].id;
	const v2 = (name, parameters, y) => ({ ...node(name, FULL, parameters, y), typeVersion: 2 });
	const noOp = (name, y) => ({
		id: `node-${name}`,
		name,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [600, y],
		parameters: {},
	});
	const v2Skip = v2(
		'Skip v2',
		{
			operation: 'initiateWithdrawal',
			managingEntity: byId,
			destinationKind: 'BankAccount',
			// The seed's USD withdrawal is PROCESSING (and (c) drained only EUR).
			destinationIdentifier: { __rl: true, mode: 'list', value: ids.bankAccountIds.USD },
			requireFeeEstimate: true,
		},
		600,
	);
	const v2Dry = v2(
		'Dry Run v2',
		{ ...v2Skip.parameters, duplicateCheck: 'off', requireFeeEstimate: false, dryRun: true },
		800,
	);
	const v2Flow = workflow(V2, 'e2e version 2', [
		v2(
			'Ledger v2',
			{ operation: 'getTransactions', managingEntity: byId, returnAll: false, limit: 3 },
			0,
		),
		v2(
			'Ledger v2 raw',
			{
				operation: 'getTransactions',
				managingEntity: byId,
				returnAll: false,
				limit: 3,
				simplify: false,
			},
			200,
		),
		v2(
			'Withdrawal v2',
			{
				operation: 'getWithdrawal',
				managingEntity: byId,
				withdrawalId: { __rl: true, mode: 'list', value: pickedWithdrawal },
			},
			400,
		),
		v2Skip,
		v2Dry,
	]);
	// Each output of the two Initiate nodes to a NoOp: n8n routes by the output index.
	v2Flow.nodes.push(
		noOp('Initiated', 600),
		noOp('Not initiated', 700),
		noOp('Dry initiated', 800),
		noOp('Dry not initiated', 900),
	);
	v2Flow.connections['Skip v2'] = {
		main: [
			[{ node: 'Initiated', type: 'main', index: 0 }],
			[{ node: 'Not initiated', type: 'main', index: 0 }],
		],
	};
	v2Flow.connections['Dry Run v2'] = {
		main: [
			[{ node: 'Dry initiated', type: 'main', index: 0 }],
			[{ node: 'Dry not initiated', type: 'main', index: 0 }],
		],
	};
	const workflows = [
		workflow(READS, 'e2e reads', [
			node('Balance', FULL, {
				operation: 'getBalance',
				managingEntity: { __rl: true, mode: 'list', value: '' },
			}),
			node(
				'Ledger',
				FULL,
				{ operation: 'getTransactions', managingEntity: byId, returnAll: true },
				200,
			),
			node(
				'Ledger by 1000',
				FULL,
				{
					operation: 'getTransactions',
					managingEntity: byId,
					returnAll: true,
					options: { pageSize: 1000 },
				},
				400,
			),
		]),
		workflow(WITHDRAW, 'e2e withdrawal', [
			node('Withdraw', FULL, {
				operation: 'initiateWithdrawal',
				managingEntity: byId,
				destinationKind: 'BankAccount',
				destinationIdentifier: ids.bankAccountIds.EUR,
				// The seed has a PENDING EUR withdrawal: this check is about the POST itself.
				duplicateCheck: 'off',
			}),
		]),
		workflow(SCOPE, 'e2e wrong scope', [
			node('Ledger', NARROW, {
				operation: 'getTransactions',
				managingEntity: byId,
				returnAll: true,
			}),
		]),
		workflow(RATE, 'e2e rate limited', [
			node('Balance', FULL, { operation: 'getBalance', managingEntity: byId }),
		]),
		workflow(MISSING, 'e2e not found', [
			node('Withdrawal', FULL, {
				operation: 'getWithdrawal',
				managingEntity: byId,
				withdrawalId: 'wd-nope',
			}),
		]),
		v2Flow,
	];
	await importAll('settlement', creds, workflows);

	const requests = sb.stats.requests;
	const since = (mark) => requests.slice(mark);

	// (a) + (b): balance and the whole ledger, in one run.
	const ledger = sb.state.ledger[me].map((e) => e.id);
	let mark = requests.length;
	let x = await execute(READS);
	check('reads workflow ran', x.code === 0 && x.run?.status === 'success', tail(x.out));
	const balance = itemsOf(x.run, 'Balance');
	const currencies = balance
		.map((b) => b.currencyCode)
		.sort()
		.join(',');
	check(
		'(a) Get Available Balance: 3 items EUR, GBP, USD',
		balance.length === 3 && currencies === 'EUR,GBP,USD',
		`got ${currencies}`,
	);
	const got = itemsOf(x.run, 'Ledger').map((e) => e.id);
	const unique = new Set(got);
	check(
		`(b) Get Ledger Transactions, Return All: all ${ledger.length} entries exactly once`,
		ledger.length === 3000 &&
			got.length === ledger.length &&
			unique.size === got.length &&
			ledger.every((id) => unique.has(id)),
		`sandbox has ${ledger.length}, n8n returned ${got.length} (${unique.size} distinct)`,
	);
	const walks = since(mark).filter((q) => q.operationId === 'getTransactionHistory');
	const pages = walks.filter((q) => q.query.size === '100');
	check(
		`(b) ledger walked in ${pages.length} pages of 100, no retries`,
		pages.length === Math.floor(ledger.length / 100) + 1 && pages.every((q) => q.status === 200),
	);
	const big = itemsOf(x.run, 'Ledger by 1000').map((e) => e.id);
	const bigPages = walks.filter((q) => q.query.size === '1000');
	check(
		`(b) Page Size 1000: the same ${big.length} entries in ${bigPages.length} requests`,
		big.join() === got.join() &&
			bigPages.length === 4 &&
			walks.length === pages.length + bigPages.length,
		`${big.length} entries, sizes ${walks.map((q) => q.query.size).join(',')}`,
	);

	// (c) withdrawal: moves money, so exactly one POST.
	mark = requests.length;
	x = await execute(WITHDRAW);
	const [wd] = itemsOf(x.run, 'Withdraw');
	check(
		'(c) Initiate Withdrawal to the EUR bank account: PENDING',
		x.code === 0 &&
			wd?.status === 'PENDING' &&
			wd?.currencyCode === 'EUR' &&
			wd?.bankAccountIdentifier === ids.bankAccountIds.EUR,
		`exit ${x.code} ${wd ? JSON.stringify(wd) : tail(x.out)}`,
	);
	const posts = since(mark).filter((q) => q.method === 'POST' && q.operationId !== 'token');
	check(
		'(c) sandbox saw exactly one withdrawal POST',
		posts.length === 1 && posts[0].operationId === 'initiateWithdrawal',
		`${posts.length} POSTs`,
	);

	// (d) a credential without accounting.read.
	x = await execute(SCOPE);
	const error = x.run?.data?.resultData?.error;
	const text = `${error?.message ?? ''} ${error?.description ?? ''}`;
	check(
		"(d) wrong-scope credential fails: Missing scope ... 'accounting.read'",
		x.code !== 0 &&
			x.run?.status === 'error' &&
			/Missing scope/.test(error?.message) &&
			text.includes("'accounting.read'"),
		error ? text : tail(x.out),
	);

	// (g) n8n 1.x and 2.x hand errors over differently: a 429 is still retried, a 404 still says so.
	mark = requests.length;
	sb.inject({ operationId: 'getAvailableBalance', status: 429, retryAfter: 1 });
	x = await execute(RATE);
	const rated = since(mark)
		.filter((q) => q.operationId === 'getAvailableBalance')
		.map((q) => q.status);
	check(
		'(g) a GET answered 429 is retried after Retry-After and succeeds',
		x.code === 0 && itemsOf(x.run, 'Balance').length === 3 && rated.join() === '429,200',
		`${rated} ${tail(x.out)}`,
	);
	x = await execute(MISSING);
	const notFound = x.run?.data?.resultData?.error;
	check(
		"(g) a 404 says Not found: Withdrawal 'wd-nope' not found",
		notFound?.message === "Not found: Withdrawal 'wd-nope' not found",
		notFound?.message ?? tail(x.out),
	);

	check(
		"(g) the 404's description says what to do next",
		/pick the withdrawal From List/.test(notFound?.description ?? ''),
		notFound?.description ?? '',
	);

	// (i) Node version 2 in n8n: Simplify, the Not initiated output, Dry Run (docs/outputs.md).
	mark = requests.length;
	x = await execute(V2);
	check('(i) version 2 workflow ran', x.code === 0 && x.run?.status === 'success', tail(x.out));
	const [simple] = itemsOf(x.run, 'Ledger v2');
	const [raw] = itemsOf(x.run, 'Ledger v2 raw');
	check(
		'(i) Simplify on: flat ledger entry (createdDate, description, amount, currency first); off: the raw entry',
		Object.keys(simple ?? {})
			.slice(0, 4)
			.join() === 'createdDate,description,amount,currency' &&
			simple.amount === raw?.entry?.amount &&
			raw?.version !== undefined,
		JSON.stringify({ simple, raw }).slice(0, 400),
	);
	const [got2] = itemsOf(x.run, 'Withdrawal v2');
	check(
		'(i) Get Withdrawal picked From List, simplified',
		got2?.id === pickedWithdrawal && Object.keys(got2)[0] === 'referenceCode',
		JSON.stringify(got2),
	);
	const [skipped] = itemsOf(x.run, 'Not initiated');
	check(
		'(i) a skipped withdrawal goes to the Not initiated output, decision first, existing withdrawal and estimate kept',
		itemsOf(x.run, 'Initiated').length === 0 &&
			Object.keys(skipped ?? {})
				.slice(0, 3)
				.join() === 'initiated,skippedReason,message' &&
			skipped.skippedReason === 'duplicate' &&
			skipped.existingWithdrawal?.status &&
			skipped.feeEstimate?.currencyCode === 'USD',
		JSON.stringify(skipped),
	);
	const [dry] = itemsOf(x.run, 'Dry not initiated');
	check(
		'(i) Dry Run: Not initiated output, wouldInitiate, no POST',
		itemsOf(x.run, 'Dry initiated').length === 0 &&
			dry?.dryRun === true &&
			dry?.wouldInitiate === true &&
			!since(mark).some((q) => q.method === 'POST' && q.operationId === 'initiateWithdrawal'),
		JSON.stringify(dry),
	);

	// (e) n8n itself ran the client-credentials exchange, and every API call said Wink-Version 2.0.
	const tokens = requests.filter((q) => q.operationId === 'token');
	const api = requests.filter((q) => q.operationId !== 'token' && !q.path.startsWith('/__sandbox'));
	check(
		`(e) n8n fetched the tokens itself (${sb.stats.tokensIssued} issued, Basic auth, scopes from the credential)`,
		sb.stats.tokensIssued >= 1 &&
			tokens.every(
				(q) =>
					/^Basic /.test(q.headers.authorization ?? '') &&
					q.body?.grant_type === 'client_credentials',
			) &&
			tokens.some((q) => q.body?.scope === fullScopes.join(' ')) &&
			tokens.some((q) => q.body?.scope === 'account.read'),
		JSON.stringify(tokens.map((q) => ({ status: q.status, scope: q.body?.scope }))),
	);
	check(
		`(e) all ${api.length} API requests carried Wink-Version: 2.0 and a Bearer token`,
		api.length > 0 &&
			api.every(
				(q) =>
					q.headers['wink-version'] === '2.0' && /^Bearer /.test(q.headers.authorization ?? ''),
			),
	);
	// n8n keeps the token in its credential store: two executions, one token.
	const fullTokens = tokens.filter((q) => q.body?.scope === fullScopes.join(' ')).length;
	check(
		'(e) the token was stored by n8n and reused by the next execution',
		fullTokens === 1,
		`${fullTokens} tokens for that credential`,
	);

	await credentialTest(sb, creds[0], creds[1]);

	// (h) The scope added in the credential editor is used by the next run (n8n keeps the old token).
	mark = requests.length;
	x = await execute(SCOPE);
	const fixedTokens = since(mark).filter((q) => q.operationId === 'token');
	check(
		'(h) after adding accounting.read to the credential, the same workflow succeeds with one more token',
		x.code === 0 &&
			itemsOf(x.run, 'Ledger').length === sb.state.ledger[me].length &&
			fixedTokens.length === 1 &&
			fixedTokens[0].body?.scope === 'account.read accounting.read',
		`${fixedTokens.length} tokens ${JSON.stringify(fixedTokens.map((q) => q.body?.scope))} ${tail(x.out)}`,
	);
}

// (f) The credential's Test button: POST /rest/credentials/test as the editor UI sends it.
async function credentialTest(sb, cred, narrow) {
	const n8nServer = await startN8n();
	try {
		check('(f) n8n owner set up over REST', n8nServer.ownerReady);
		// What the UI holds for a saved credential: its data with the secret redacted.
		const saved = (await n8nServer.rest('GET', `/credentials/${cred.id}?includeData=true`)).json;
		// As the editor does on Save: store the data, then test it. n8n 1.x renews the token from the
		// stored credential, not from the form, and tests with the token it has stored (2.x fetches
		// one): expiring tokens makes both lines go through the token URL for every case.
		const test = async (data) => {
			await n8nServer.rest('PATCH', `/credentials/${cred.id}`, {
				id: cred.id,
				name: cred.name,
				type: cred.type,
				data,
			});
			sb.expireAllTokens();
			return (
				(
					await n8nServer.rest('POST', '/credentials/test', {
						credentials: { id: cred.id, name: cred.name, type: cred.type, data },
					})
				).json?.data ?? {}
			);
		};
		const mark = sb.stats.requests.length;
		const ok = await test(saved.data.data);
		const seen = sb.stats.requests.slice(mark);
		check(
			'(f) credential Test: "Connection successful!" after a token and GET /api/managing-entity/list',
			ok.status === 'OK' &&
				seen.some((q) => q.operationId === 'token' && q.status === 200) &&
				seen.some(
					(q) =>
						q.path === '/api/managing-entity/list' &&
						q.status === 200 &&
						q.headers['wink-version'] === '2.0',
				),
			JSON.stringify(ok),
		);
		const markBad = sb.stats.requests.length;
		const bad = await test({ ...saved.data.data, clientSecret: 'not-the-secret' });
		const seenBad = sb.stats.requests
			.slice(markBad)
			.map((q) => `${q.operationId ?? q.path}:${q.status}`)
			.join(' ');
		// Its own token request is the refused one (token:401); other requests in the window may come
		// from n8n's background work (1.x deactivating a trigger renewed its token here once).
		check(
			'(f) credential Test with a wrong secret fails at the token',
			bad.status === 'Error' &&
				/access token|Client authentication failed/i.test(bad.message ?? '') &&
				seenBad.includes('token:401'),
			`${JSON.stringify(bad)} ${seenBad}`,
		);
		const noRead = await test({
			...saved.data.data,
			clientSecret: cred.data.clientSecret,
			winkScopes: 'payment.read',
		});
		// n8n 1.x reports the 403 with its own text; the credential's rules apply on 2.x.
		check(
			N8N_MAJOR >= 2
				? '(f) credential Test without account.read names the scope'
				: '(f) credential Test without account.read fails (403)',
			noRead.status === 'Error' &&
				(N8N_MAJOR < 2 || (noRead.message ?? '').includes("'account.read'")),
			JSON.stringify(noRead),
		);
		const unreachable = await test({
			...saved.data.data,
			clientSecret: cred.data.clientSecret,
			customTokenUrl: 'http://127.0.0.1:9/oauth2/token',
		});
		check(
			'(f) credential Test with an unreachable token URL fails',
			unreachable.status === 'Error',
			JSON.stringify(unreachable),
		);
		await test({ ...saved.data.data, clientSecret: cred.data.clientSecret });
		// (h) The user adds accounting.read to the narrow credential in the editor.
		const before = (await n8nServer.rest('GET', `/credentials/${narrow.id}?includeData=true`)).json
			?.data;
		const edit = await n8nServer.rest('PATCH', `/credentials/${narrow.id}`, {
			id: narrow.id,
			name: narrow.name,
			type: narrow.type,
			data: { ...before?.data, winkScopes: 'account.read accounting.read' },
		});
		check(
			'(h) credential edited over REST: accounting.read added',
			edit.status === 200,
			`${edit.status} ${edit.text.slice(0, 300)}`,
		);
	} finally {
		await n8nServer.stop();
	}
}
