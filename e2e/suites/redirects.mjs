// Redirects in a real n8n (both lines): a 3xx from the API is not followed (the bearer token and a
// withdrawal stay home), and a 307 at the token URL sends no client secret to the other host, also
// for a credential saved with Client Authentication "Form Body" (issue 24, item 1).
import { startOtherHost } from '../../sandbox/index.js';
import { check, credential, execute, importAll, tail, winkNode, workflow } from '../lib.mjs';

export default async function redirects({ sb }) {
	const other = await startOtherHost();
	try {
		await run(sb, other);
	} finally {
		sb.clearFaults();
		await other.close();
	}
}

async function run(sb, other) {
	const { ids } = sb;
	const byId = { __rl: true, mode: 'id', value: ids.managingEntityId };
	const scopes = ['account.read', 'payment.read', 'payment.write', 'accounting.read'];
	const API = credential(sb, 'winkE2eRedirApi1', 'Wink redirects (API)', scopes);
	// Fresh credentials (no stored token), so that n8n asks the token URL; scopes tell them apart.
	const HEADER = credential(sb, 'winkE2eRedirHdr1', 'Wink redirects (Basic header)', [
		'account.read',
	]);
	const BODY = credential(sb, 'winkE2eRedirBdy1', 'Wink redirects (Form Body)', ['payment.read'], {
		authentication: 'body',
	});
	const BALANCE = 'winkE2eRedirBal1';
	const PAYOUT = 'winkE2eRedirPay1';
	const TOKEN_HEADER = 'winkE2eRedirTkH1';
	const TOKEN_BODY = 'winkE2eRedirTkB1';
	const balance = (id, cred) =>
		workflow(id, `e2e redirect ${id}`, [
			winkNode('winkSettlement', 'Balance', cred, {
				operation: 'getBalance',
				managingEntity: byId,
			}),
		]);
	await importAll(
		'redirects',
		[API, HEADER, BODY],
		[
			balance(BALANCE, API),
			workflow(PAYOUT, 'e2e redirect payout', [
				winkNode('winkSettlement', 'Payout', API, {
					operation: 'initiateWithdrawal',
					managingEntity: byId,
					destinationKind: 'BankAccount',
					destinationIdentifier: ids.bankAccountIds.EUR,
					duplicateCheck: 'off',
				}),
			]),
			balance(TOKEN_HEADER, HEADER),
			balance(TOKEN_BODY, BODY),
		],
	);
	const host = new URL(other.url).host;
	const errorOf = (x) => x.run?.data?.resultData?.error;
	const sent = (operationId, mark) =>
		sb.stats.requests.slice(mark).filter((q) => q.operationId === operationId).length;

	// (a) A GET answered 302 to another host.
	let mark = sb.stats.requests.length;
	sb.inject({
		operationId: 'getAvailableBalance',
		status: 302,
		headers: { Location: `${other.url}/steal` },
	});
	let x = await execute(BALANCE);
	let e = errorOf(x);
	check(
		`(a) a GET answered 302 to ${host}: an error naming it, not followed, not retried`,
		e?.message?.startsWith(`Wink answered 302, a redirect to ${host}; not followed`) &&
			other.received.length === 0 &&
			sent('getAvailableBalance', mark) === 1,
		e ? `${e.message} | ${other.received.length} at the other host` : tail(x.out),
	);

	// (b) Initiate Withdrawal answered 307 to another host.
	mark = sb.stats.requests.length;
	sb.inject({
		operationId: 'initiateWithdrawal',
		status: 307,
		headers: { Location: `${other.url}/withdraw` },
	});
	x = await execute(PAYOUT);
	e = errorOf(x);
	check(
		`(b) a withdrawal answered 307 to ${host}: an error, the POST not re-sent there, sent once`,
		e?.message?.startsWith(`Wink answered 307, a redirect to ${host}; not followed`) &&
			other.received.length === 0 &&
			sent('initiateWithdrawal', mark) === 1,
		e ? `${e.message} | ${other.received.length} at the other host` : tail(x.out),
	);

	// (c) The token URL answers 307 to another host; n8n's OAuth2 client follows it (no setting stops it).
	const secret = sb.clients.demo.clientSecret;
	for (const [id, label] of [
		[TOKEN_HEADER, 'Basic header'],
		[TOKEN_BODY, 'saved as Form Body'],
	]) {
		other.received.splice(0);
		sb.inject({
			operationId: 'token',
			status: 307,
			headers: { Location: `${other.url}/oauth2/token` },
			times: Infinity,
		});
		x = await execute(id);
		sb.clearFaults();
		const leaked = other.received.filter(
			(r) =>
				r.authorization !== undefined ||
				r.body.includes(secret) ||
				r.body.includes('client_secret'),
		);
		check(
			`(c) a 307 at the token URL (${label}): n8n followed it to ${host}, with no client secret and no Authorization`,
			other.received.length > 0 && leaked.length === 0,
			`${other.received.length} requests at the other host, ${leaked.length} carrying a secret`,
		);
	}
}
