import * as credentialUrls from '../nodes/shared/transport/credentialUrls';
import { sandboxCredential, useWink } from './harness/fixture';

// Issue 27: what the Wink node derives from the credential (API URL, the URL checks, whether the
// stored token lacks a scope) is worked out once per execution, not once per request.
describe('per-request work', () => {
	const w = useWink();

	test('20 requests check the credential URLs once, and read the credential once beyond n8n', async () => {
		await w.h.run({
			parameters: { operation: 'getBalance', managingEntity: w.me },
			settings: { typeVersion: 2 },
		});
		const ids = (w.sb.state.withdrawals[w.sb.managingEntityId] as Array<{ id: string }>).map(
			(x) => x.id,
		);
		const urlCheck = jest.spyOn(credentialUrls, 'credentialUrlProblem');
		const reads = jest.spyOn(w.h.credentials, 'getDecrypted');
		try {
			const { items, error } = await w.h.run({
				parameters: {
					operation: 'getWithdrawal',
					managingEntity: w.me,
					withdrawalId: '={{ $json.wid }}',
				},
				items: Array.from({ length: 20 }, (_, i) => ({ wid: ids[i % ids.length] })),
				settings: { typeVersion: 2 },
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(20);
			expect(urlCheck).toHaveBeenCalledTimes(1);
			// n8n resolves the credential for each request it signs (20); the node itself, once.
			const resolved = reads.mock.calls.filter((call) => call[5] !== true).length;
			expect(resolved).toBe(20 + 1);
		} finally {
			urlCheck.mockRestore();
			reads.mockRestore();
		}
	});

	test('a bad URL still stops every item, each with its own item index', async () => {
		w.h.setCredential(
			sandboxCredential(w.sb, { environment: 'custom', customApiUrl: 'ftp://wink.example' }),
		);
		const { items, error } = await w.h.run({
			parameters: { operation: 'getBalance', managingEntity: w.me },
			items: [{}, {}],
			continueOnFail: true,
			settings: { typeVersion: 2 },
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => String(i.json.error))).toEqual([
			expect.stringContaining('API Base URL must start with http:// or https://'),
			expect.stringContaining('API Base URL must start with http:// or https://'),
		]);
	});
});
