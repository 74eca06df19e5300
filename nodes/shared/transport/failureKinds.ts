import type { IDataObject } from 'n8n-workflow';
import type { Failure } from './failure';
import { requestedScopes } from './token';
import type { WinkRequest } from './types';

// What toWinkError says for each kind of failure: one function per kind, from facts worked out
// once (errors.ts). The messages are what users read in n8n; tests assert many of them.

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
		if (typeof value === 'string' && value.length > longest.length)
			longest = { where, length: value.length };
		else if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value)) visit(v, where ? `${where}.${k}` : k);
		}
	};
	visit(request.body, '');
	visit(request.qs, '');
	if (request.path.length > longest.length)
		longest = { where: 'the URL (an ID in it)', length: request.path.length };
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

const askedText = (f: Facts) => {
	const asked = requestedScopes(f.ctx.credentials);
	return asked.length ? asked.join(', ') : 'no scopes';
};

/** What every kind of failure may say, worked out once; texts from the answer are already scrubbed. */
export interface Facts {
	failure: Failure;
	ctx: ErrorContext;
	status: number | undefined;
	/** The method and path, e.g. "GET /api/...". */
	where: string;
	title?: string;
	detail?: string;
	/** What Wink said: the problem's detail, else its title. */
	said?: string;
	/** How often the request was sent, and why not again. */
	sent?: string;
	/** The method is not one the transport sends twice. */
	unsafe: boolean;
	/** The warning that an unsafe request may have been processed, when it may have arrived. */
	maybeProcessed?: string;
	/** The network error's code and text, or the error's message. */
	lowLevel?: string;
	tokenUrl: string;
	fromAnswer: (text: string | undefined) => string | undefined;
}

interface Wording {
	message: string;
	description?: string;
}

// Each kind of failure and what it says. kindOf picks one; toWinkError adds what all share.
export const KINDS = {
	unreadable: (f: Facts): Wording => ({
		message:
			f.failure.unreadable === 'empty'
				? `Wink answered ${f.status} without a body (${f.where})`
				: `Wink answered ${f.status} with malformed JSON (${f.where})`,
		description: join(
			f.sent,
			f.unsafe
				? 'Wink processed this request, but its answer could not be read. It was not sent again because repeating it is not safe: check the result (e.g. Get Withdrawal History) before running it again.'
				: 'Try again later; if it persists, contact Wink support.',
		),
	}),
	tokenUrlUnreachable: (f: Facts): Wording => ({
		message: `Could not reach the Wink token URL ${f.tokenUrl}`,
		description: join(
			`${f.lowLevel}.`,
			'Check the Environment (or Token URL) of the credential.',
			cleartextWarning(f.tokenUrl, 'Token URL'),
		),
	}),
	tokenRefused: (f: Facts): Wording => ({
		message: 'Wink refused the credential: no access token could be obtained',
		description: join(
			`${f.fromAnswer(f.failure.message.replace(/^.*?access token:\s*/i, '').replace(/\.+$/, ''))}.`,
			'Check the Client ID and Client Secret, the Environment (or Token URL),',
			'and that every requested scope is allowed for your Wink Application.',
			cleartextWarning(f.tokenUrl, 'Token URL'),
		),
	}),
	timeout: (f: Facts): Wording => ({
		message: `Wink did not answer in time (${f.where})`,
		description: join(
			'Wink staging can take about a minute to wake up. Raise the Timeout option and try again.',
			f.sent,
			f.maybeProcessed,
		),
	}),
	connectionLost: (f: Facts): Wording => ({
		message: `The connection to Wink was lost (${f.where})`,
		description: join(`${f.lowLevel}.`, f.sent, f.maybeProcessed),
	}),
	unreachable: (f: Facts): Wording => ({
		message: `Could not reach Wink at ${f.ctx.baseURL}`,
		description: join(`${f.lowLevel}.`, f.sent),
	}),
	redirect: (f: Facts): Wording => {
		// Wink documents no redirects: none is followed (request.ts), so the token never leaves.
		const target = redirectTarget(
			f.failure.headers.location,
			`${f.ctx.baseURL}${f.ctx.request.path}`,
		);
		return {
			message: `Wink answered ${f.status}, a redirect to ${target}; not followed (${f.where})`,
			description: join(
				`Wink documents no redirects, so the node follows none: nothing was sent to ${target}, and the request was not sent again.`,
				'Check the API Base URL (Environment) of the credential, and any proxy between n8n and Wink.',
				f.unsafe
					? 'If the request reached Wink before the redirect, it may have been processed: check the result (e.g. Get Withdrawal History) before running it again.'
					: undefined,
			),
		};
	},
	unauthorized: (f: Facts): Wording => ({
		message: 'Wink did not accept the access token (401)',
		description: `${f.said ? f.said + '. ' : ''}n8n fetched a new token and Wink refused it too: check the credential's Client ID, Client Secret and Environment.`,
	}),
	missingScope: (f: Facts): Wording => ({
		message: `Missing scope: this operation probably needs '${f.ctx.request.scope}' (the credential asks for ${askedText(f)})`,
		description: join(
			`Add '${f.ctx.request.scope}' to the credential's Scopes and allow it for your Wink Application; the next run fetches a token with it.`,
			f.said ? `Wink said: ${f.said}` : undefined,
		),
	}),
	forbidden: (f: Facts): Wording => ({
		message: `Wink refused the request (403)${f.said ? `: ${f.said}` : ''}`,
		description: `Your Wink Application may not have access to this managing entity or record. The credential asks for: ${askedText(f)}.`,
	}),
	notFound: (f: Facts): Wording => ({
		message: `Not found: ${f.said ?? f.where}`,
		description: f.ctx.request.notFound,
	}),
	rateLimited: (f: Facts): Wording => ({
		message: 'Wink rate limit reached (429)',
		description: join(f.said ? `${f.said}.` : undefined, f.sent, 'Try again later.'),
	}),
	serverError: (f: Facts): Wording => ({
		message: `Wink server error (${f.status})${f.title ? `: ${f.title}` : ''}`,
		description: join(
			f.said && f.said !== f.title ? `${f.said}.` : undefined,
			f.sent,
			f.maybeProcessed,
		),
	}),
	rejected: (f: Facts): Wording => ({
		message: `Wink rejected the request (${f.status})${f.said ? `: ${f.said}` : ''}`,
		description: TOO_LARGE.has(f.status ?? 0) ? largestValue(f.ctx.request) : undefined,
	}),
};

export type Kind = keyof typeof KINDS;
