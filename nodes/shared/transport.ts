import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'winkOAuth2Api';
export const WINK_VERSION = '2.0';
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Every n8n context a Wink node calls Wink from: actions, pickers, trigger hooks, webhooks, polls. */
export type WinkContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;
type Context = WinkContext;

export interface WinkRequest {
	method: IHttpRequestMethods;
	/** Path with its parameters already encoded (see expandPath). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** The scope the operation needs, named in a 403 error. */
	scope?: string;
	timeoutMs?: number;
	itemIndex?: number;
}

export const retryPolicy = {
	maxRetries: 4,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	/** A Retry-After longer than this is not waited for: the error is reported instead. */
	maxRetryAfterMs: 60_000,
};

// Only methods that are safe to send twice are retried; POST and PATCH never are.
const RETRIED_METHODS = new Set(['GET', 'PUT', 'DELETE', 'HEAD']);
const RETRIED_STATUS = new Set([429, 502, 503, 504]);
const RETRIED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT']);


/** Fills a path template; every value is URL-encoded so an id can never change the route. */
export function expandPath(template: string, values: Record<string, unknown>): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) =>
		encodeURIComponent(String(values[name] ?? '')),
	);
}

interface Failure {
	status?: number;
	headers: Record<string, unknown>;
	data?: unknown;
	code?: string;
	message: string;
}

// httpRequestWithAuthentication wraps what went wrong in a NodeApiError whose cause is the
// HTTP client's error; read only status, headers, body and code from it (never the request).
function describeFailure(error: unknown): Failure {
	const seen = new Set<unknown>();
	let current = error as IDataObject | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const response = current.response as IDataObject | undefined;
		if (response && typeof response.status === 'number') {
			return {
				status: response.status,
				headers: (response.headers as Record<string, unknown>) ?? {},
				data: response.data ?? response.body,
				code: current.code as string | undefined,
				message: String(current.message ?? ''),
			};
		}
		if (typeof current.code === 'string' && RETRIED_CODES.has(current.code)) break;
		current = current.cause as IDataObject | undefined;
	}
	const root = (current ?? error) as IDataObject;
	return {
		headers: {},
		code: typeof root?.code === 'string' ? root.code : undefined,
		message: String((error as Error)?.message ?? error),
	};
}

function retryAfterMs(headers: Record<string, unknown>): number | undefined {
	const raw = headers['retry-after'] ?? headers['Retry-After'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(raw));
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function backoffMs(attempt: number): number {
	const ceiling = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** attempt);
	return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** How long to wait before trying again, or undefined when the failure must be reported. */
function retryDelay(method: string, failure: Failure, attempt: number): number | undefined {
	if (!RETRIED_METHODS.has(method) || attempt >= retryPolicy.maxRetries) return undefined;
	if (failure.status !== undefined) {
		if (!RETRIED_STATUS.has(failure.status)) return undefined;
		const after = retryAfterMs(failure.headers);
		if (after !== undefined) return after <= retryPolicy.maxRetryAfterMs ? after : undefined;
		return backoffMs(attempt);
	}
	return failure.code && RETRIED_CODES.has(failure.code) ? backoffMs(attempt) : undefined;
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

// The settings read here (environment, URLs, scopes, default entity) do not change during an
// execution, so one read serves every request of it; n8n itself reads the token per request.
const credentialReads = new WeakMap<Context, Promise<IDataObject>>();

/** The Wink credential's settings, read once per execution context. */
export function winkCredentials(this: Context): Promise<IDataObject> {
	let read = credentialReads.get(this);
	if (!read) {
		read = this.getCredentials(CREDENTIAL_TYPE);
		credentialReads.set(this, read);
	}
	return read;
}

/** The one request function every Wink node uses. */
export async function winkRequest(this: Context, request: WinkRequest): Promise<unknown> {
	const credentials = await winkCredentials.call(this);
	// Resolved by n8n from the credential's Environment (see WinkOAuth2Api.credentials.ts).
	const baseURL = String(credentials.apiUrl ?? '').replace(/\/+$/, '');
	const method = request.method.toUpperCase();
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL,
		url: request.path,
		qs: request.qs,
		body: request.body,
		json: true,
		headers: { Accept: 'application/json', 'Wink-Version': WINK_VERSION },
		timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		returnFullResponse: true,
	};
	for (let attempt = 0; ; attempt++) {
		let response: WinkResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
				...options,
				headers: { ...options.headers },
			})) as WinkResponse;
		} catch (error) {
			const failure = describeFailure(error);
			const delay = retryDelay(method, failure, attempt);
			if (delay === undefined) throw toWinkError.call(this, failure, request, credentials, baseURL);
			await sleep(delay);
			continue;
		}
		return checkBody.call(this, response, request);
	}
}

type WinkResponse = { body: unknown; headers: Record<string, unknown>; statusCode: number };

// A 2xx answer whose JSON does not parse is a Wink fault, not data.
function checkBody(
	this: Context,
	response: WinkResponse,
	request: WinkRequest,
): unknown {
	const type = String(response.headers?.['content-type'] ?? '');
	const body = response.body;
	if (typeof body === 'string' && /json/i.test(type)) {
		const parsed = parseBody(body);
		if (parsed === body && body.trim() !== '') {
			throw new NodeApiError(
				this.getNode(),
				{ status: response.statusCode, title: 'Malformed response' } as JsonObject,
				{
					message: 'Wink answered with malformed JSON',
					description: `The response to ${request.method} ${request.path} could not be parsed. Try again; if it persists, contact Wink support.`,
					httpCode: String(response.statusCode),
					itemIndex: request.itemIndex,
				},
			);
		}
		return parsed;
	}
	return body === '' ? {} : body;
}

function problemText(data: unknown): { title?: string; detail?: string } {
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

function requestedScopes(credentials: IDataObject): string[] {
	if (Array.isArray(credentials.scopes)) return credentials.scopes.map(String);
	return String(credentials.scope ?? '')
		.split(' ')
		.filter(Boolean);
}

/** Turns any failure into a NodeApiError whose message says what went wrong; no secrets in it. */
function toWinkError(
	this: Context,
	failure: Failure,
	request: WinkRequest,
	credentials: IDataObject,
	baseURL: string,
): NodeApiError {
	const { status } = failure;
	const { title, detail } = problemText(failure.data);
	const said = detail ?? title;
	let message: string;
	let description: string | undefined = said;
	if (status === undefined) {
		if (/access token/i.test(failure.message)) {
			message = 'Wink refused the credential: no access token could be obtained';
			description =
				`${failure.message.replace(/^.*?access token:\s*/i, '').replace(/\.+$/, '')}. ` +
				'Check the Client ID and Client Secret, the Environment (or Token URL), ' +
				'and that every requested scope is allowed for your Wink Application.';
		} else {
			if (failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT') {
				message = `Wink did not answer in time (${request.method} ${request.path})`;
				description =
					'Wink staging can take about a minute to wake up. Raise the Timeout option and try again.';
			} else if (failure.code === 'ECONNRESET' || failure.code === 'EPIPE') {
				message = `The connection to Wink was lost (${request.method} ${request.path})`;
				description = `${failure.code}: ${failure.message}`;
			} else {
				message = `Could not reach Wink at ${baseURL}`;
				description = failure.code ? `${failure.code}: ${failure.message}` : failure.message;
			}
			// The request may have arrived: say so where sending it again is not safe.
			if (!RETRIED_METHODS.has(request.method.toUpperCase())) {
				description +=
					' Wink may or may not have processed this request. It was not sent again because repeating it is not safe: check the result (e.g. Get Withdrawal History) before running it again.';
			}
		}
	} else if (status === 401) {
		message = 'Wink did not accept the access token (401)';
		description = `${said ? said + '. ' : ''}Check the credential's Client ID, Client Secret and Environment.`;
	} else if (status === 403) {
		const asked = requestedScopes(credentials);
		message = request.scope
			? `Missing scope: this operation needs '${request.scope}'`
			: 'Wink refused the request (403)';
		description =
			`The credential asks for: ${asked.length ? asked.join(', ') : '(no scopes)'}. ` +
			(request.scope
				? `Add '${request.scope}' to the credential's Scopes (and allow it for your Wink Application). `
				: '') +
			(said ? `Wink said: ${said}` : '');
	} else if (status === 404) {
		message = `Not found: ${said ?? `${request.method} ${request.path}`}`;
	} else if (status === 429) {
		message = 'Wink rate limit reached (429)';
		description = `${said ? said + '. ' : ''}Retried ${retryPolicy.maxRetries} times; try again later.`;
	} else if (status >= 500) {
		message = `Wink server error (${status})${title ? `: ${title}` : ''}`;
	} else {
		message = `Wink rejected the request (${status})${said ? `: ${said}` : ''}`;
	}
	return new NodeApiError(
		this.getNode(),
		{ status: status ?? null, title: title ?? null, detail: detail ?? null } as JsonObject,
		{
			message,
			description,
			httpCode: status === undefined ? undefined : String(status),
			itemIndex: request.itemIndex,
		},
	);
}
