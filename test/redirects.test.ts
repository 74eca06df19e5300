import { startOtherHost } from '../sandbox';
import { apiRequests, eurWithdrawal, sandboxCredential, useWink } from './harness/fixture';

// Wink documents no redirects. A 3xx from the API or the token URL must not carry the token, the
// request or the client secret to another host (issue 24, item 1), through n8n's own code.
describe('redirects', () => {
	const w = useWink();
	let other: Awaited<ReturnType<typeof startOtherHost>>;
	beforeAll(async () => (other = await startOtherHost()));
	afterAll(async () => other.close());
	beforeEach(() => other.received.splice(0));

	const otherHost = () => new URL(other.url).host;
	const balance = () => w.h.run({ parameters: { operation: 'getBalance', managingEntity: w.me } });
	const redirect = (operationId: string, status: number, path = '/elsewhere') =>
		w.sb.inject({ operationId, status, headers: { Location: `${other.url}${path}` } });

	test.each([301, 302, 303, 307, 308])(
		'a GET answered %i is an error naming the other host; nothing follows it',
		async (status) => {
			redirect('getAvailableBalance', status);
			const { error, items } = await balance();
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(
				new RegExp(
					`^Wink answered ${status}, a redirect to ${otherHost()}; not followed \\(GET /api/managing-entity/`,
				),
			);
			expect((error as { description?: string }).description).toContain(
				`nothing was sent to ${otherHost()}`,
			);
			expect(other.received).toEqual([]);
			// Not retried either.
			expect(apiRequests(w.sb).filter((r) => r.operationId === 'getAvailableBalance')).toHaveLength(
				1,
			);
		},
	);

	test('a withdrawal answered 307 is not sent to the other host, and says to check the history', async () => {
		redirect('initiateWithdrawal', 307);
		const { error, items } = await w.h.run({ parameters: eurWithdrawal(w.sb) });
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(
			new RegExp(`^Wink answered 307, a redirect to ${otherHost()}; not followed \\(POST `),
		);
		expect((error as { description?: string }).description).toMatch(/Get Withdrawal History/);
		expect(other.received).toEqual([]);
		expect(apiRequests(w.sb).filter((r) => r.operationId === 'initiateWithdrawal')).toHaveLength(1);
	});

	test('a relative Location names the API host itself', async () => {
		w.sb.inject({
			operationId: 'getAvailableBalance',
			status: 302,
			headers: { Location: '/login' },
		});
		const { error } = await balance();
		expect(error?.message).toMatch(
			new RegExp(`^Wink answered 302, a redirect to ${new URL(w.sb.url).host}; not followed`),
		);
	});

	// n8n's OAuth2 client follows the token URL's redirects (no setting for it); a 307 re-sends the
	// POST body. The credential always authenticates with the Basic header, which n8n drops when the
	// host changes: the secret stays home even for a credential saved with Form Body.
	test.each(['header', 'body'])(
		'a 307 at the token URL (Client Authentication saved as %s) sends no secret to the other host',
		async (authentication) => {
			w.h.setCredential(sandboxCredential(w.sb, { authentication }));
			redirect('token', 307, '/oauth2/token');
			await balance();
			expect(other.received.length).toBeGreaterThan(0);
			const secret = w.sb.clients.demo.clientSecret;
			// Booleans only: a failing test must not print the secret.
			const leaks = other.received.map((r) => ({
				authorization: r.authorization !== undefined,
				secret:
					r.body.includes(secret) ||
					r.body.includes(encodeURIComponent(secret)) ||
					/client_secret/.test(r.body),
			}));
			expect(leaks).toEqual(other.received.map(() => ({ authorization: false, secret: false })));
		},
	);

	test('a credential saved with Form Body resolves without it (n8n sends the Basic header)', () => {
		const resolved = w.h.credentials.resolve('winkOAuth2Api', {
			...sandboxCredential(w.sb),
			authentication: 'body',
		} as never);
		expect(resolved.authentication).toBeUndefined();
	});
});
