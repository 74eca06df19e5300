import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

// The credential fields the resolved URLs come from (WinkOAuth2Api.credentials.ts).
const URL_FIELDS: Array<[resolved: string, field: string]> = [
	['apiUrl', 'API Base URL'],
	['accessTokenUrl', 'Token URL'],
];

/** Why a credential URL cannot be used, without repeating it (it may hold a password). */
function urlProblem(text: string): string | undefined {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return 'is not a URL';
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return `must start with http:// or https:// (it starts with ${url.protocol}//)`;
	}
	if (url.username || url.password) return 'must not contain a user name or password';
	return undefined;
}

/** The first credential URL that cannot be used and why, or undefined: a pure check, done once per run. */
export function credentialUrlProblem(
	credentials: IDataObject,
): { field: string; problem: string } | undefined {
	for (const [resolved, field] of URL_FIELDS) {
		const problem = urlProblem(String(credentials[resolved] ?? '').trim());
		if (problem) return { field, problem };
	}
	return undefined;
}

/**
 * Refuses a credential whose API or token URL is not plain http(s): a user:password in it would be
 * sent (and shown in errors), another scheme would not reach Wink. Checked before any request.
 */
export function checkCredentialUrls(
	node: INode,
	credentials: IDataObject,
	itemIndex?: number,
): void {
	const bad = credentialUrlProblem(credentials);
	if (!bad) return;
	throw new NodeOperationError(node, `The Wink credential's ${bad.field} ${bad.problem}`, {
		description: `Open the Wink credential and correct ${bad.field}${credentials.environment === 'custom' ? '' : ' (Environment)'}.`,
		itemIndex,
	});
}
