import type { INode } from 'n8n-workflow';
import { toWinkError } from '../nodes/shared/transport/errors';
import type { Failure } from '../nodes/shared/transport/failure';

// toWinkError's table of kinds, for the network codes the fault tests cannot provoke through the
// HTTP client (ETIMEDOUT, ESOCKETTIMEDOUT, EPIPE) and codes that name no kind.
const node = {
	id: 'n',
	name: 'Wink',
	type: 'wink',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const baseURL = 'https://api.example.test';

function errorFor(failure: Partial<Failure>, method: 'GET' | 'POST' = 'GET') {
	return toWinkError(
		node,
		{ headers: {}, message: 'boom', ...failure },
		{
			request: { method, path: '/api/x' },
			credentials: { accessTokenUrl: 'https://iam.example.test/oauth2/token' },
			baseURL,
			attempts: 1,
			stop: '',
			retried: method === 'GET',
		},
	);
}

const MAYBE = 'Wink may or may not have processed this request.';

describe('failure kinds without an answer, by code', () => {
	test.each(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT'])(
		'%s: Wink did not answer in time',
		(code) => {
			expect(errorFor({ code }).message).toBe('Wink did not answer in time (GET /api/x)');
			expect(errorFor({ code }, 'POST').description).toContain(MAYBE);
		},
	);

	test.each(['ECONNRESET', 'EPIPE'])('%s: the connection was lost', (code) => {
		expect(errorFor({ code }).message).toBe('The connection to Wink was lost (GET /api/x)');
		expect(errorFor({ code }, 'POST').description).toContain(MAYBE);
	});

	test.each(['ECONNREFUSED', 'ENOTFOUND', 'constructor', undefined])(
		'%s: Wink could not be reached',
		(code) => {
			const error = errorFor({ code });
			expect(error.message).toBe(`Could not reach Wink at ${baseURL}`);
			expect(errorFor({ code }, 'POST').description ?? '').not.toContain(MAYBE);
		},
	);
});
