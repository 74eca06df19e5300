import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';
import { parseBody, saysInsufficientScope, type Failure } from './failure';
import { KINDS, type ErrorContext, type Facts, type Kind } from './failureKinds';
import { scrub, shown } from './scrub';

export type { ErrorContext } from './failureKinds';

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
const MAY_HAVE_ARRIVED = new Set([
	'ECONNRESET',
	'EPIPE',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
]);

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
	return (
		text.includes(`${host}:${port}`) || (/ENOTFOUND|EAI_AGAIN/.test(text) && text.includes(host))
	);
}

// HTTP answers with a kind of their own; other 4xx are 'rejected', 5xx 'serverError'.
const BY_STATUS = new Map<number, Kind>([
	[401, 'unauthorized'],
	[403, 'forbidden'],
	[404, 'notFound'],
	[429, 'rateLimited'],
]);

// Network errors without an answer, by code; any other code is 'unreachable'.
const BY_CODE = new Map<string, Kind>([
	['ECONNABORTED', 'timeout'],
	['ETIMEDOUT', 'timeout'],
	['ESOCKETTIMEDOUT', 'timeout'],
	['ECONNRESET', 'connectionLost'],
	['EPIPE', 'connectionLost'],
]);

/** Which kind of failure this is (failureKinds.ts says what each kind tells the user). */
function kindOf(failure: Failure, ctx: ErrorContext, tokenUrl: string): Kind {
	const { status } = failure;
	if (failure.unreadable) return 'unreadable';
	if (status === undefined) {
		if (failedAtTokenUrl(failure, tokenUrl, ctx.baseURL))
			return failure.code ? 'tokenUrlUnreachable' : 'tokenRefused';
		return BY_CODE.get(failure.code ?? '') ?? 'unreachable';
	}
	if (status >= 300 && status < 400) return 'redirect';
	if (status === 403 && saysInsufficientScope(failure) && ctx.request.scope) return 'missingScope';
	return BY_STATUS.get(status) ?? (status >= 500 ? 'serverError' : 'rejected');
}

/** Turns any failure into a NodeApiError that says what went wrong; no secrets in it. */
export function toWinkError(node: INode, failure: Failure, ctx: ErrorContext): NodeApiError {
	const facts = factsOf(failure, ctx);
	const { message, description } = KINDS[kindOf(failure, ctx, facts.tokenUrl)](facts);
	const { credentials, token } = ctx;
	return new NodeApiError(
		node,
		{
			status: failure.status ?? null,
			title: facts.title ?? null,
			detail: facts.detail ?? null,
		} as JsonObject,
		{
			message: scrub(message, credentials, token),
			description: description ? scrub(description, credentials, token) : undefined,
			httpCode: failure.status === undefined ? undefined : String(failure.status),
			itemIndex: ctx.request.itemIndex,
		},
	);
}

function factsOf(failure: Failure, ctx: ErrorContext): Facts {
	const { status } = failure;
	// Everything taken from the answer (or an error around it) is scrubbed of secrets and cut short.
	const fromAnswer = (text: string | undefined) =>
		text === undefined ? undefined : shown(text, ctx.credentials, ctx.token);
	const problem = problemText(failure.data);
	const title = fromAnswer(problem.title);
	const detail = fromAnswer(problem.detail);
	const unsafe = !ctx.retried;
	const mayHaveArrived =
		status !== undefined
			? status >= 500
			: MAY_HAVE_ARRIVED.has(failure.code ?? '') && !failure.tokenFailed;
	return {
		failure,
		ctx,
		status,
		where: `${ctx.request.method} ${ctx.request.path}`,
		title,
		detail,
		said: detail ?? title,
		sent:
			ctx.attempts > 1
				? `Sent ${ctx.attempts} times; ${ctx.stop || 'the last answer is final'}.`
				: ctx.stop
					? `Sent once; not again: ${ctx.stop}.`
					: undefined,
		unsafe,
		maybeProcessed:
			unsafe && mayHaveArrived
				? 'Wink may or may not have processed this request. It was not sent again because repeating it is not safe: check the result (e.g. Get Withdrawal History) before running it again.'
				: undefined,
		lowLevel: fromAnswer(
			failure.code ? `${failure.code}: ${failure.detail ?? failure.message}` : failure.message,
		),
		tokenUrl: String(ctx.credentials.accessTokenUrl ?? ''),
		fromAnswer,
	};
}
