import {
	sleep,
	type IDataObject,
	type IHttpRequestOptions,
	type IOAuth2Options,
} from 'n8n-workflow';
import { checkCredentialUrls, credentialUrlProblem } from './credentialUrls';
import { winkApiUrl } from '../../../credentials/WinkOAuth2Api.credentials';
import { toWinkError } from './errors';
import {
	describeFailure,
	isFailure,
	parseBody,
	responseFailure,
	type Failure,
	type Outcome,
	type WinkResponse,
} from './failure';
import { RETRIED_METHODS, retryDecision } from './retry';
import { pauseRequests, reportAttempt, whenUnpaused, type AttemptSignal } from './pause';
import { CREDENTIAL_TYPE, sendKeepingScopes, storedToken, tokenLacksAskedScopes } from './token';
import type { WinkContext, WinkRequest } from './types';

export { CREDENTIAL_TYPE } from './token';
export { retryPolicy } from './retry';
export const WINK_VERSION = '2.0';
export const DEFAULT_TIMEOUT_MS = 60_000;

// The transport's types live in types.ts (errors.ts needs them too); nodes take them from here.
export type { WinkContext, WinkRequest } from './types';
type Context = WinkContext;

// What tells Concurrency "Auto" that Wink is over its capacity: a limit, an overload, a timeout.
const PUSHBACK_STATUS = new Set([429, 503, 504]);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/** Fills a path template; every value is URL-encoded so an id can never change the route. */
export function expandPath(template: string, values: Record<string, unknown>): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) =>
		encodeURIComponent(String(values[name] ?? '')),
	);
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

/** What a request derives from the credential: the same for every request of one execution. */
interface Settings {
	baseURL: string;
	/** Whether the URLs pass checkCredentialUrls (a bad one is re-checked per request for its item). */
	urlsOk: boolean;
	/** Whether the stored token, as read at the start, lacks a scope the credential asks for. */
	staleToken: boolean | undefined;
}

// Keyed by the credential object winkCredentials hands out once per execution, so a 1,000-item
// run checks URLs and scopes once, not 1,000 times (issue 27: no per-request work that can be
// done once per execution).
const settingsCache = new WeakMap<IDataObject, Settings>();

function settingsOf(credentials: IDataObject): Settings {
	let settings = settingsCache.get(credentials);
	if (!settings) {
		const baseURL = winkApiUrl(credentials);
		const urlsOk = !credentialUrlProblem({ ...credentials, apiUrl: baseURL });
		settings = { baseURL, urlsOk, staleToken: tokenLacksAskedScopes(credentials) };
		settingsCache.set(credentials, settings);
	}
	return settings;
}

/** The one request function every Wink node uses: attempts, and the waits between them. */
export async function winkRequest(this: Context, request: WinkRequest): Promise<unknown> {
	const credentials = await winkCredentials.call(this);
	const { baseURL, urlsOk, staleToken } = settingsOf(credentials);
	if (!urlsOk)
		checkCredentialUrls(this.getNode(), { ...credentials, apiUrl: baseURL }, request.itemIndex);
	const method = request.method.toUpperCase();
	const options = requestOptions(request, baseURL);
	const attemptOnce = () =>
		sendKeepingScopes(
			this,
			(oauth2, throwOn) => send.call(this, options, oauth2, throwOn),
			staleToken,
			credentials,
			request,
		);
	let lostAnswer = false;
	for (let attempt = 0; ; attempt++) {
		await whenUnpaused(this);
		const sentAt = Date.now();
		const outcome = await attemptOnce();
		reportAttempt(this, attemptSignal(outcome, sentAt));
		const answer = isFailure(outcome) ? outcome : readAnswer(outcome);
		if ('parsed' in answer) return answer.parsed;
		const failure: Failure = answer;
		if (lostAnswer && removedEarlier(method, failure)) return alreadyRemoved();
		const decision = retryDecision(this, method, failure, attempt);
		if ('delayMs' in decision) {
			lostAnswer ||= answerMayBeLost(failure);
			if (failure.status === 429) pauseRequests(this, decision.delayMs);
			await sleep(decision.delayMs);
			continue;
		}
		throw toWinkError(this.getNode(), failure, {
			request,
			credentials,
			baseURL,
			attempts: attempt + 1,
			stop: decision.stop,
			retried: RETRIED_METHODS.has(method),
			token: await storedToken(this).catch(() => undefined),
		});
	}
}

function requestOptions(request: WinkRequest, baseURL: string): IHttpRequestOptions {
	return {
		method: request.method,
		baseURL,
		url: request.path,
		qs: request.qs,
		body: request.body,
		json: true,
		headers: { Accept: 'application/json', 'Wink-Version': WINK_VERSION },
		timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		returnFullResponse: true,
		// Wink documents no redirects: a 3xx comes back as an error naming where it pointed, and the
		// token (n8n 2.x puts Authorization back on a cross-origin redirect) goes nowhere else.
		disableFollowRedirect: true,
	};
}

/** What an attempt tells Concurrency "Auto": its round trip, and whether Wink pushed back. */
function attemptSignal(outcome: Outcome, sentAt: number): AttemptSignal {
	const failed = isFailure(outcome);
	return {
		sentAt,
		ms: Date.now() - sentAt,
		pushedBack:
			failed && (PUSHBACK_STATUS.has(outcome.status ?? 0) || TIMEOUT_CODES.has(outcome.code ?? '')),
		rateLimited: failed && outcome.status === 429,
	};
}

// Whether Wink may have processed an attempt whose answer did not arrive (or could not be read).
const answerMayBeLost = (failure: Failure) =>
	failure.status === undefined || failure.status >= 500 || !!failure.unreadable;

// A DELETE sent again after a lost answer: 404 means the first attempt removed it.
const removedEarlier = (method: string, failure: Failure) =>
	method === 'DELETE' && failure.status === 404;

const alreadyRemoved = () => ({
	alreadyRemoved: true,
	message: 'Wink no longer has it: an earlier attempt whose answer was lost removed it',
});

/** One attempt: the 2xx answer, or what went wrong. */
async function send(
	this: Context,
	options: IHttpRequestOptions,
	oauth2?: IOAuth2Options,
	throwOn: number[] = [401],
): Promise<Outcome> {
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			{
				...options,
				headers: { ...options.headers },
				// Every answer's status, headers and body are read here (n8n 1.x keeps neither headers
				// nor body in its errors); a 401 still throws inside n8n so that n8n renews the token.
				ignoreHttpStatusErrors: throwOn.length ? { ignore: true, except: throwOn } : false,
			},
			oauth2 ? { oauth2 } : undefined,
		)) as WinkResponse;
		// n8n versions without the `except` form hand the 401 back: send it again letting it throw,
		// so that n8n renews the token itself.
		if (response.statusCode === 401 && throwOn.length)
			return await send.call(this, options, oauth2, []);
		return response.statusCode >= 200 && response.statusCode < 300
			? response
			: responseFailure(response);
	} catch (error) {
		return describeFailure(error);
	}
}

// Every spec operation answers 2xx with a JSON body: a missing or unparsable one is a fault
// (a proxy cut it short, a gateway page), not data. The request itself was processed.
function readAnswer(response: WinkResponse): { parsed: unknown } | Failure {
	const { body, statusCode } = response;
	if (statusCode === 204) return { parsed: {} };
	const empty =
		body === undefined || body === null || (typeof body === 'string' && body.trim() === '');
	const parsed = empty ? undefined : parseBody(body);
	if (!empty && (typeof body !== 'string' || parsed !== body)) return { parsed };
	return {
		status: statusCode,
		headers: {},
		message: `HTTP ${statusCode}`,
		unreadable: empty ? 'empty' : 'malformed',
	};
}
