import type { ICredentialDataDecryptedObject, INodeParameterResourceLocator } from 'n8n-workflow';
import { retryPolicy } from '../../nodes/shared/transport/request';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createHarness, type Harness } from './engine';
import { specBodyError } from './specBodies';

/** What a user types into the Wink credential to reach the sandbox. */
export function sandboxCredential(
	sb: Sandbox,
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		environment: 'custom',
		customApiUrl: sb.url,
		customTokenUrl: sb.tokenUrl,
		clientId: sb.clients.demo.clientId,
		clientSecret: sb.clients.demo.clientSecret,
		scopes: [
			'account.read',
			'account.write',
			'account.remove',
			'payment.read',
			'payment.write',
			'accounting.read',
		],
		...overrides,
	};
}

/** Managing Entity locator value "By ID". */
export const byId = (value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'id',
	value,
});

/**
 * The transport's retry policy with short backoff for a describe block: the tests count attempts,
 * not patience (Retry-After is still honoured). Restored afterwards; returns the policy as it was.
 */
export function useShortRetries(baseDelayMs = 20, maxDelayMs = 100) {
	const saved = { ...retryPolicy };
	beforeEach(() => {
		retryPolicy.baseDelayMs = baseDelayMs;
		retryPolicy.maxDelayMs = maxDelayMs;
	});
	afterAll(() => Object.assign(retryPolicy, saved));
	return saved;
}

/** A sandbox and an n8n engine harness for a test file; fresh state and credential per test. */
export function useWink() {
	const ctx = {} as {
		sb: Sandbox;
		h: Harness;
		me: INodeParameterResourceLocator;
		/** Set by a test that sends a wrong body on purpose. */
		offSpecBodies?: boolean;
	};
	beforeAll(async () => {
		ctx.sb = await startSandbox({ port: 0 });
		ctx.h = createHarness();
	});
	afterAll(async () => ctx.sb.close());
	beforeEach(() => {
		ctx.sb.reset();
		ctx.h.setCredential(sandboxCredential(ctx.sb));
		ctx.me = byId(ctx.sb.managingEntityId);
		ctx.offSpecBodies = false;
	});
	// Every body a test made the node send must fit the spec's own schema of its operation.
	afterEach(() => {
		if (ctx.offSpecBodies) return;
		const errors = apiRequests(ctx.sb)
			.filter((r) => r.operationId)
			.map((r) => specBodyError(r.operationId!, r.body))
			.filter(Boolean);
		expect(errors).toEqual([]);
	});
	return ctx;
}

/**
 * Initiate Withdrawal of the EUR balance to the seeded EUR bank account. The seed has a PENDING
 * withdrawal to it, so the duplicate check is off: these runs are about the POST itself.
 */
export const eurWithdrawal = (sb: Sandbox) => ({
	operation: 'initiateWithdrawal',
	managingEntity: byId(sb.managingEntityId),
	destinationKind: 'BankAccount',
	destinationIdentifier: sb.ids.bankAccountIds.EUR,
	duplicateCheck: 'off',
});

/** API requests the sandbox saw (token requests left out). */
export const apiRequests = (sb: Sandbox) =>
	sb.stats.requests.filter((r) => r.operationId !== 'token');
