import type { IDataObject } from 'n8n-workflow';

/** What went wrong with one attempt, read the same way on n8n 1.x and 2.x. */
export interface Failure {
	status?: number;
	headers: Record<string, unknown>;
	data?: unknown;
	/** Node's network error code (ECONNRESET, ENOTFOUND, …) when no answer came. */
	code?: string;
	message: string;
	/** The low-level text that carries the code, e.g. "connect ECONNREFUSED 127.0.0.1:9". */
	detail?: string;
	/** n8n could not get an access token (the token URL failed, not the API). */
	tokenFailed?: boolean;
	/** A 2xx answer whose body is missing or not JSON: Wink processed the request, the answer is lost. */
	unreadable?: 'malformed' | 'empty';
}

export type WinkResponse = { body: unknown; headers: Record<string, unknown>; statusCode: number };

/** What one attempt ends with: a 2xx answer, or what went wrong. */
export type Outcome = WinkResponse | Failure;

export const isFailure = (outcome: Outcome): outcome is Failure => !('statusCode' in outcome);

/** An HTTP answer that is not 2xx, as a Failure. */
export function responseFailure(response: WinkResponse): Failure {
	return {
		status: response.statusCode,
		headers: lowerKeys(response.headers),
		data: response.body,
		message: `HTTP ${response.statusCode}`,
	};
}

function lowerKeys(headers: Record<string, unknown> | undefined): Record<string, unknown> {
	return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

// Codes Node's sockets give when no HTTP answer came; the texts map the HTTP client's wording to a code.
const NETWORK_CODES =
	/\b(ECONNRESET|EPIPE|ECONNABORTED|ETIMEDOUT|ESOCKETTIMEDOUT|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|CERT_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\b/;
const NETWORK_TEXTS: Array<[RegExp, string]> = [
	[/timeout of \d+ms exceeded/i, 'ECONNABORTED'],
	[/socket hang up/i, 'ECONNRESET'],
];

// n8n 2.x says "Failed to acquire OAuth2 access token"; n8n 1.x passes on the OAuth2 client's own
// texts (RFC 6749 error descriptions, or "HTTP status N" for a token endpoint's other answers).
const TOKEN_TEXTS =
	/access token|Client authentication failed|authorization grant|requested scope is invalid|not authorized to request|^HTTP status \d{3}$/i;

function codeIn(texts: string[]): string | undefined {
	for (const text of texts) {
		const code = NETWORK_CODES.exec(text)?.[1];
		if (code) return code;
	}
	for (const [pattern, code] of NETWORK_TEXTS) if (texts.some((t) => pattern.test(t))) return code;
	return undefined;
}

/**
 * Reads a thrown error. n8n 2.x wraps the HTTP client's error as the NodeApiError's `cause`;
 * n8n 1.x drops that cause and keeps only `httpCode`, `context.data` and the messages, so both
 * are read. Only status, headers, body, code and messages are taken, never the request.
 */
export function describeFailure(error: unknown): Failure {
	const texts: string[] = [];
	const seen = new Set<unknown>();
	let code: string | undefined;
	let response: IDataObject | undefined;
	for (
		let current = error as IDataObject | undefined;
		current && typeof current === 'object' && !seen.has(current);
		current = current.cause as IDataObject | undefined
	) {
		seen.add(current);
		const r = current.response as IDataObject | undefined;
		if (!response && r && typeof r.status === 'number') response = r;
		if (!code && typeof current.code === 'string' && NETWORK_CODES.test(current.code))
			code = current.code;
		texts.push(String(current.message ?? ''), String(current.description ?? ''));
		if (Array.isArray(current.messages)) texts.push(...current.messages.map(String));
	}
	const top = error as IDataObject;
	const message = String((error as Error)?.message ?? error);
	const tokenFailed = texts.some((t) => TOKEN_TEXTS.test(t));
	if (response && !tokenFailed) {
		return {
			status: response.status as number,
			headers: lowerKeys(response.headers as Record<string, unknown>),
			data: response.data ?? response.body,
			message,
		};
	}
	code ??= codeIn(texts);
	// n8n 1.x: an HTTP error keeps only its status as httpCode and an object body as context.data.
	const httpCode = Number(top?.httpCode);
	if (!code && !tokenFailed && Number.isInteger(httpCode) && httpCode >= 300) {
		return { status: httpCode, headers: {}, data: (top.context as IDataObject)?.data, message };
	}
	return {
		headers: {},
		code,
		message,
		detail: texts.find((t) => NETWORK_CODES.test(t)),
		tokenFailed,
	};
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), or undefined. */
export function retryAfterMs(headers: Record<string, unknown>): number | undefined {
	const raw = headers['retry-after'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(raw));
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** RFC 6750 `insufficient_scope`, in WWW-Authenticate or in the problem's text. */
export function saysInsufficientScope(failure: Failure): boolean {
	const header = String(failure.headers['www-authenticate'] ?? '');
	if (/insufficient_scope/i.test(header)) return true;
	const text = typeof failure.data === 'string' ? failure.data : JSON.stringify(failure.data ?? '');
	return /insufficient[_ ]scope|scope/i.test(text);
}

export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}
