// Reliability in a real n8n (both lines): lost answers, the duplicate-withdrawal check across two
// runs, n8n's token renewal on a POST, bad input and a credential URL with a password.
import {
	N8N_MAJOR,
	check,
	credential,
	execute,
	importAll,
	itemsOf,
	tail,
	winkNode,
	workflow,
} from '../lib.mjs';

export default async function reliability({ sb }) {
	const { ids } = sb;
	const me = ids.managingEntityId;
	const scopes = [
		'account.read',
		'account.write',
		'payment.read',
		'payment.write',
		'accounting.read',
	];
	const FULL = credential(sb, 'winkE2eRelCred01', 'Wink sandbox (reliability)', scopes);
	const PASSWORD = 'e2eHunter2Pass';
	const BAD_URL = credential(
		sb,
		'winkE2eRelCred02',
		'Wink sandbox, token URL with a password',
		scopes,
		{
			customTokenUrl: sb.tokenUrl.replace('//', `//admin:${PASSWORD}@`),
		},
	);
	const byId = { __rl: true, mode: 'id', value: me };
	const node = (type, name, parameters, cred = FULL) => winkNode(type, name, cred, parameters);

	const PAYOUT = 'winkE2eRelPay001';
	const BALANCE = 'winkE2eRelBal001';
	const ADD = 'winkE2eRelAdd001';
	const DOTS = 'winkE2eRelDots01';
	const URL_PW = 'winkE2eRelUrl001';
	await importAll(
		'reliability',
		[FULL, BAD_URL],
		[
			workflow(PAYOUT, 'e2e payout (duplicate check on)', [
				node('winkSettlement', 'Payout', {
					operation: 'initiateWithdrawal',
					managingEntity: byId,
					destinationKind: 'RevolutPayoutAccount',
					destinationIdentifier: ids.revolutPayoutAccountId,
				}),
			]),
			workflow(BALANCE, 'e2e balance', [
				node('winkSettlement', 'Balance', { operation: 'getBalance', managingEntity: byId }),
			]),
			workflow(ADD, 'e2e add bank account', [
				node('winkSettlement', 'Add', {
					operation: 'addBankAccount',
					managingEntity: byId,
					countryCode: 'DE',
					currencyCode: 'EUR',
					accountHolderName: 'Grand Azure Hotel GmbH',
					accountNumber: 'DE89370400440532013000',
				}),
			]),
			workflow(DOTS, 'e2e dot-segment id', [
				node('winkSettlement', 'Get', {
					operation: 'getWithdrawal',
					managingEntity: byId,
					withdrawalId: "={{ '..' }}",
				}),
			]),
			workflow(URL_PW, 'e2e token URL with a password', [
				node(
					'winkSettlement',
					'Balance',
					{ operation: 'getBalance', managingEntity: byId },
					BAD_URL,
				),
			]),
		],
	);

	const requests = sb.stats.requests;
	const of = (operationId, mark) =>
		requests.slice(mark).filter((q) => q.operationId === operationId);
	const errorOf = (x) => x.run?.data?.resultData?.error;

	// (a) Tick 1: the initiate is processed, its answer lost. Tick 2: the check finds it; no second POST.
	const gbp = () =>
		sb.state.withdrawals[me].filter((w) => w.bankAccountIdentifier === ids.revolutPayoutAccountId)
			.length;
	const before = gbp();
	let mark = requests.length;
	sb.inject({ operationId: 'initiateWithdrawal', drop: true, after: true });
	let x = await execute(PAYOUT);
	let e = errorOf(x);
	check(
		'(a) tick 1: a lost answer on Initiate Withdrawal is an error that says Wink may have processed it',
		/^The connection to Wink was lost/.test(e?.message ?? '') &&
			/may or may not have processed/.test(e?.description ?? ''),
		e ? `${e.message} | ${e.description}` : tail(x.out),
	);
	x = await execute(PAYOUT);
	const [second] = itemsOf(x.run, 'Payout');
	check(
		'(a) tick 2: the duplicate check returns the withdrawal tick 1 made, flagged, and initiates nothing',
		second?.initiated === false &&
			second?.skippedReason === 'duplicate' &&
			second?.status === 'PENDING',
		second ? JSON.stringify(second) : tail(x.out),
	);
	const posts = of('initiateWithdrawal', mark);
	check(
		'(a) one withdrawal, one POST over both ticks',
		gbp() === before + 1 && posts.length === 1,
		`${gbp() - before} withdrawals, ${posts.length} POSTs`,
	);

	// (b) A GET whose 200 came without a body, then with JSON cut short: sent again, the items are right.
	mark = requests.length;
	sb.inject({ operationId: 'getAvailableBalance', status: 200, body: '', after: true });
	sb.inject({ operationId: 'getAvailableBalance', malformed: true, after: true });
	x = await execute(BALANCE);
	const balance = itemsOf(x.run, 'Balance');
	const sends = of('getAvailableBalance', mark).length;
	check(
		'(b) a GET answered 200 without a body, then with malformed JSON, is sent again: 3 currencies',
		x.code === 0 && balance.length === 3 && sends === 3,
		`${balance.length} items, ${sends} sends ${tail(x.out)}`,
	);

	// (c) A POST answered with malformed JSON after Wink processed it: an error that says so, sent once.
	mark = requests.length;
	sb.inject({ operationId: 'addBankAccount', malformed: true, after: true });
	x = await execute(ADD);
	e = errorOf(x);
	const adds = of('addBankAccount', mark);
	check(
		'(c) a POST whose answer is malformed JSON: "Wink processed this request", sent once',
		/^Wink answered 200 with malformed JSON/.test(e?.message ?? '') &&
			/Wink processed this request/.test(e?.description ?? '') &&
			adds.length === 1 &&
			adds[0].processed === true,
		e ? `${e.message} | ${e.description} | ${adds.length} sends` : tail(x.out),
	);

	// (d) The token expires just before a POST: n8n renews it and sends it again; Wink processed it once.
	// n8n 1.x hands the first 401 back (it ignores `except` in ignoreHttpStatusErrors), so the transport
	// sends it once more for n8n to renew the token on: one more refused, unprocessed request.
	mark = requests.length;
	sb.inject({ operationId: 'addBankAccount', expireTokens: true });
	x = await execute(ADD);
	const renewed = of('addBankAccount', mark);
	const expected = N8N_MAJOR >= 2 ? '401,200' : '401,401,200';
	check(
		`(d) a POST refused 401 (token expired) is sent again with a token n8n renewed (${expected}), processed once`,
		x.code === 0 &&
			renewed.map((q) => q.status).join() === expected &&
			renewed.filter((q) => q.processed).length === 1 &&
			of('token', mark).length === 1,
		`${renewed.map((q) => q.status)} ${tail(x.out)}`,
	);

	// (e) Bad input stops before any request.
	mark = requests.length;
	x = await execute(DOTS);
	e = errorOf(x);
	check(
		"(e) an ID '..' from an expression: named, nothing sent",
		e?.message === "Withdrawal ID cannot be '..' (item 0)" &&
			of('getWithdrawal', mark).length === 0 &&
			of('getWithdrawalHistory', mark).length === 0,
		e?.message ?? tail(x.out),
	);

	// (f) A token URL with user:password: refused before n8n fetches a token; the password is shown nowhere.
	mark = requests.length;
	x = await execute(URL_PW);
	e = errorOf(x);
	check(
		'(f) a credential token URL with user:password is refused, nothing sent, the password not shown',
		e?.message === "The Wink credential's Token URL must not contain a user name or password" &&
			requests.length === mark &&
			!x.out.includes(PASSWORD),
		e?.message ?? tail(x.out),
	);
}
