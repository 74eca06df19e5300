import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';
import { parseBody, saysInsufficientScope, type Failure } from './failure';
import { scrub, shown } from './scrub';
import { requestedScopes } from './token';
import type { WinkRequest } from './types';

export function problemText(data: unknown): { title?: string; detail?: string } {
	const parsed = parseBody(data);
	if (parsed && typeof parsed === 'object') {
		const problem = parsed as IDataObject;
		const detail = problem.detail ?? problem.error_description ?? problem.message;
		const title = problem.title ?? problem.error;
		return {
			title: title === undefined ? undefined : String(title),
			detail: detail === undefined ? undefined : String(detail),
		};
	}
	return typeof parsed === 'string' && parsed.trim() ? { detail: parsed.slice(0, 300) } : {};
}

// Codes after which the request may have reached Wink (the connection was open), as opposed to
// ECONNREFUSED, DNS or TLS failures, where nothing was sent.
const MAY_HAVE_ARRIVED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

function hostOf(url: unknown): string | undefined {
	try {
		const u = new URL(String(url));
		return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
	} catch {
		return undefined;
	}
}

/** Which URL failed to connect: n8n 1.x does not say whether it was the token URL. */
function failedAtTokenUrl(failure: Failure, tokenUrl: unknown, baseURL: string): boolean {
	if (failure.tokenFailed) return true;
	const text = failure.detail ?? failure.message;
	const token = hostOf(tokenUrl);
	const api = hostOf(baseURL);
	if (!token || token === api) return false;
	const [host, port] = token.split(':');
	return text.includes(`${host}:${port}`) || (/ENOTFOUND|EAI_AGAIN/.test(text) && text.includes(host));
}

export interface ErrorContext {
	request: WinkRequest;
	credentials: IDataObject;
	baseURL: string;
	/** How many times the request was sent. */
	attempts: number;
	/** Why it was not sent again, when it could have been ('' when the failure is final). */
	stop: string;
	/** Whether the method is one the transport retries (safe to send twice). */
	retried: boolean;
	/** The access token n8n holds now (it may have renewed it since `credentials` was read). */
	token?: unknown;
}

// Payload Too Large, URI Too Long, Request Header Fields Too Large.
const TOO_LARGE = new Set([413, 414, 431]);

/** Names the longest value of a request that was too large (the likely culprit). */
function largestValue(request: WinkRequest): string {
	let longest = { where: '', length: 0 };
	const visit = (value: unknown, where: string) => {
		if (typeof value === 'string' && value.length > longest.length) longest = { where, length: value.length };
		else if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value)) visit(v, where ? `${where}.${k}` : k);
		}
	};
	visit(request.body, '');
	visit(request.qs, '');
	if (request.path.length > longest.length) longest = { where: 'the URL (an ID in it)', length: request.path.length };
	return `The request is too large for Wink. Its longest value is ${longest.where} (${longest.length.toLocaleString('en-US')} characters): check where it comes from.`;
}

const join = (...parts: Array<string | undefined>) => parts.filter(Boolean).join(' ');

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

/** A warning when a URL sends secrets unencrypted: http:// to a host that is not this machine. */
export function cleartextWarning(url: unknown, what: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(String(url));
	} catch {
		return undefined;
	}
	if (parsed.protocol !== 'http:' || LOOPBACK.test(parsed.hostname)) return undefined;
	return `The ${what} uses http:// to ${parsed.hostname}, which is not this machine: the Client Secret and the access token travel unencrypted. Use https://.`;
}

/** The host a redirect's Location names (relative to the request's URL), or why it names none. */
function redirectTarget(location: unknown, baseURL: string): string {
	if (typeof location !== 'string' || !location) return 'no Location';
	try {
		return new URL(location, baseURL).host;
	} catch {
		return 'an unreadable Location';
	}
}

/** Turns any failure into a NodeApiError that says what went wrong; no secrets in it. */
export function toWinkError(node: INode, failure: Failure, ctx: ErrorContext): NodeApiError {
	const { request, credentials, baseURL } = ctx;
	const { status } = failure;
	// Everything taken from the answer (or an error around it) is scrubbed of secrets and cut short.
	const fromAnswer = (text: string | undefined) => (text === undefined ? undefined : shown(text, credentials, ctx.token));
	const problem = problemText(failure.data);
	const title = fromAnswer(problem.title);
	const detail = fromAnswer(problem.detail);
	const said = detail ?? title;
	const where = `${request.method} ${request.path}`;
	const sent =
		ctx.attempts > 1
			? `Sent ${ctx.attempts} times; ${ctx.stop || 'the last answer is final'}.`
			: ctx.stop
				? `Sent once; not again: ${ctx.stop}.`
				: undefined;
	const unsafe = !ctx.retried;
	const mayHaveArrived =
		status !== undefined ? status >= 500 : MAY_HAVE_ARRIVED.has(failure.code ?? '') && !failure.tokenFailed;
	const maybeProcessed =
		unsafe && mayHaveArrived
			? 'Wink may or may not have processed this request. It was not sent again because repeating it is not safe: check the result (e.g. Get Withdrawal History) before running it again.'
			: undefined;
	const lowLevel = fromAnswer(failure.code ? `${failure.code}: ${failure.detail ?? failure.message}` : failure.message);
	let message: string;
	let description: string | undefined;
	if (failure.unreadable) {
		message =
			failure.unreadable === 'empty'
				? `Wink answered ${status} without a body (${where})`
				: `Wink answered ${status} with malformed JSON (${where})`;
		description = join(
			sent,
			unsafe
				? 'Wink processed this request, but its answer could not be read. It was not sent again because repeating it is not safe: check the result (e.g. Get Withdrawal History) before running it again.'
				: 'Try again later; if it persists, contact Wink support.',
		);
	} else if (status === undefined) {
		const tokenUrl = String(credentials.accessTokenUrl ?? '');
		const atToken = failedAtTokenUrl(failure, tokenUrl, baseURL);
		const cleartext = atToken ? cleartextWarning(tokenUrl, 'Token URL') : undefined;
		if (atToken && failure.code) {
			message = `Could not reach the Wink token URL ${tokenUrl}`;
			description = join(`${lowLevel}.`, 'Check the Environment (or Token URL) of the credential.', cleartext);
		} else if (atToken) {
			message = 'Wink refused the credential: no access token could be obtained';
			description = join(
				`${fromAnswer(failure.message.replace(/^.*?access token:\s*/i, '').replace(/\.+$/, ''))}.`,
				'Check the Client ID and Client Secret, the Environment (or Token URL),',
				'and that every requested scope is allowed for your Wink Application.',
				cleartext,
			);
		} else if (failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT' || failure.code === 'ESOCKETTIMEDOUT') {
			message = `Wink did not answer in time (${where})`;
			description = join(
				'Wink staging can take about a minute to wake up. Raise the Timeout option and try again.',
				sent,
				maybeProcessed,
			);
		} else if (failure.code === 'ECONNRESET' || failure.code === 'EPIPE') {
			message = `The connection to Wink was lost (${where})`;
			description = join(`${lowLevel}.`, sent, maybeProcessed);
		} else {
			message = `Could not reach Wink at ${baseURL}`;
			description = join(`${lowLevel}.`, sent);
		}
	} else if (status >= 300 && status < 400) {
		// Wink documents no redirects: none is followed (request.ts), so the token never leaves.
		const target = redirectTarget(failure.headers.location, `${baseURL}${request.path}`);
		message = `Wink answered ${status}, a redirect to ${target}; not followed (${where})`;
		description = join(
			`Wink documents no redirects, so the node follows none: nothing was sent to ${target}, and the request was not sent again.`,
			'Check the API Base URL (Environment) of the credential, and any proxy between n8n and Wink.',
			unsafe
				? 'If the request reached Wink before the redirect, it may have been processed: check the result (e.g. Get Withdrawal History) before running it again.'
				: undefined,
		);
	} else if (status === 401) {
		message = 'Wink did not accept the access token (401)';
		description = `${said ? said + '. ' : ''}n8n fetched a new token and Wink refused it too: check the credential's Client ID, Client Secret and Environment.`;
	} else if (status === 403) {
		const asked = requestedScopes(credentials);
		const askedText = asked.length ? asked.join(', ') : 'no scopes';
		if (saysInsufficientScope(failure) && request.scope) {
			message = `Missing scope: this operation probably needs '${request.scope}' (the credential asks for ${askedText})`;
			description = join(
				`Add '${request.scope}' to the credential's Scopes and allow it for your Wink Application; the next run fetches a token with it.`,
				said ? `Wink said: ${said}` : undefined,
			);
		} else {
			message = `Wink refused the request (403)${said ? `: ${said}` : ''}`;
			description = `Your Wink Application may not have access to this managing entity or record. The credential asks for: ${askedText}.`;
		}
	} else if (status === 404) {
		message = `Not found: ${said ?? where}`;
		description = request.notFound;
	} else if (status === 429) {
		message = 'Wink rate limit reached (429)';
		description = join(said ? `${said}.` : undefined, sent, 'Try again later.');
	} else if (status >= 500) {
		message = `Wink server error (${status})${title ? `: ${title}` : ''}`;
		description = join(said && said !== title ? `${said}.` : undefined, sent, maybeProcessed);
	} else {
		message = `Wink rejected the request (${status})${said ? `: ${said}` : ''}`;
		if (TOO_LARGE.has(status)) description = largestValue(request);
	}
	return new NodeApiError(
		node,
		{ status: status ?? null, title: title ?? null, detail: detail ?? null } as JsonObject,
		{
			message: scrub(message, credentials, ctx.token),
			description: description ? scrub(description, credentials, ctx.token) : undefined,
			httpCode: status === undefined ? undefined : String(status),
			itemIndex: request.itemIndex,
		},
	);
}
