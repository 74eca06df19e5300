import { scrub, shown, SHOWN_CHARS } from '../nodes/shared/transport/scrub';
import { CREDENTIAL_ID } from './harness/engine';
import { useShortRetries, useWink } from './harness/fixture';
import { secretHits, visibleText } from './harness/secrets';

// A body that repeats the request's Authorization header (a proxy, a misbehaving server) and a
// 1 MB detail: neither the token nor the secret reaches an error, an item or a log, and what is
// shown is cut (issue 24, item 3).
describe('error bodies taken from Wink', () => {
	const w = useWink();
	useShortRetries();
	const MB = 1_000_000;
	const seen = new Map<string, string>();
	const balance = (continueOnFail = false) =>
		w.h.run({ parameters: { operation: 'getBalance', managingEntity: w.me }, continueOnFail });

	/** The error as n8n keeps it, every own property (cause, context, description) included. */
	const whole = (error: unknown) =>
		JSON.stringify(error, (_k, v: unknown) =>
			v instanceof Error
				? Object.fromEntries(Object.getOwnPropertyNames(v).map((k) => [k, (v as never)[k]]))
				: v,
		);

	test.each([400, 403, 404, 500, 502])(
		'%i echoing Authorization and a 1 MB detail: no token, cut short',
		async (status) => {
			w.sb.inject({
				operationId: 'getAvailableBalance',
				status,
				echoAuthorization: true,
				pad: MB,
				times: Infinity,
			});
			const failed = await balance();
			const error = failed.error as Error & { description?: string };
			expect(error).toBeDefined();
			seen.set(`${status} error`, visibleText(failed) + whole(error));
			expect(whole(error).length).toBeLessThan(10_000);
			expect(`${error.message} ${error.description ?? ''}`).toMatch(
				/… \(cut: 1,000,\d{3} characters in all\)/,
			);
			expect(`${error.message} ${error.description ?? ''}`).toContain('Bearer <hidden>');

			const kept = await balance(true);
			expect(kept.error).toBeUndefined();
			const item = JSON.stringify(kept.items);
			seen.set(`${status} Continue On Fail item`, item);
			expect(item.length).toBeLessThan(5_000);
			expect(secretHits(w.h, w.sb, seen)).toEqual([]);
		},
	);

	test('the stored token without its scheme is hidden too', async () => {
		await balance();
		const token = String(
			(w.h.credentials.get(CREDENTIAL_ID)?.oauthTokenData as { access_token?: string })
				.access_token,
		);
		w.sb.inject({
			operationId: 'getAvailableBalance',
			status: 400,
			body: { title: 'Bad', detail: `token=${token}` },
		});
		const failed = await balance();
		seen.set('bare token', visibleText(failed) + whole(failed.error));
		expect(failed.error?.message).toBe('Wink rejected the request (400): token=<hidden>');
		expect(secretHits(w.h, w.sb, seen)).toEqual([]);
	});

	test('a token URL that echoes the Basic header and a 1 MB description: no secret, cut short', async () => {
		w.sb.inject({
			operationId: 'token',
			status: 400,
			echoAuthorization: true,
			pad: MB,
			times: Infinity,
		});
		const failed = await balance();
		const error = failed.error as Error & { description?: string };
		expect(error.message).toBe('Wink refused the credential: no access token could be obtained');
		seen.set('token error', visibleText(failed) + whole(error));
		expect(whole(error).length).toBeLessThan(10_000);
		expect(secretHits(w.h, w.sb, seen)).toEqual([]);
	});
});

describe('scrub', () => {
	const credentials = {
		clientId: 'id-1',
		clientSecret: 's3cr3t value',
		oauthTokenData: { access_token: 'tok-1234' },
	};
	test('hides Authorization values, the token and the secret in its encodings; prose stays', () => {
		const basic = btoa('id-1:s3cr3t value');
		const text = `Bearer abcdefghijklmnopqrstuvwxyz0123 | Basic ${basic} | ${basic} | tok=tok-1234 | s3cr3t+value | s3cr3t%20value | Bearer token expired`;
		expect(scrub(text, credentials)).toBe(
			'Bearer <hidden> | Basic <hidden> | <hidden> | tok=<hidden> | <hidden> | <hidden> | Bearer token expired',
		);
	});
	test('cuts at 500 characters and says so', () => {
		expect(shown('x'.repeat(SHOWN_CHARS), {})).toBe('x'.repeat(SHOWN_CHARS));
		expect(shown('x'.repeat(2_000), {})).toBe(`${'x'.repeat(500)}… (cut: 2,000 characters in all)`);
	});
});
