import type { IDataObject, IOAuth2Options } from 'n8n-workflow';
import { isFailure, saysInsufficientScope, type Failure, type Outcome } from './failure';
import type { WinkContext, WinkRequest } from './types';

// Everything the nodes know about the access token n8n stores for the credential, and the scopes
// it was asked with. n8n fetches, stores and renews the token itself (OAuth2 client credentials).

export const CREDENTIAL_TYPE = 'winkOAuth2Api';

/** Whether the credential holds a token that has not expired (runItems waits for one). */
export function holdsToken(credentials: IDataObject): boolean {
	const token = credentials.oauthTokenData as IDataObject | undefined;
	if (typeof token?.access_token !== 'string' || token.access_token === '') return false;
	// n8n 2.x stores when the token expires; an expired one is renewed by the first 401.
	const expiresAt = Number(token.n8n_expires_at);
	return !Number.isFinite(expiresAt) || expiresAt > Date.now();
}

/** The access token n8n holds now (it may have renewed it since the execution read the credential). */
export async function storedToken(context: WinkContext): Promise<unknown> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return (credentials.oauthTokenData as IDataObject | undefined)?.access_token;
}

/** Whether the credential holds a valid token now, as stored (not as read at the start). */
export async function holdsTokenNow(context: WinkContext): Promise<boolean> {
	return holdsToken(await context.getCredentials(CREDENTIAL_TYPE));
}

/** The scopes the token was asked with: the credential's resolved `scope`. */
export function requestedScopes(credentials: IDataObject): string[] {
	return String(credentials.scope ?? '')
		.split(' ')
		.filter(Boolean);
}

/** Whether the stored token lacks a scope the credential now asks for (undefined: it does not say). */
export function tokenLacksAskedScopes(credentials: IDataObject): boolean | undefined {
	const granted = (credentials.oauthTokenData as IDataObject | undefined)?.scope;
	if (typeof granted !== 'string') return credentials.oauthTokenData ? undefined : false;
	const have = new Set(granted.split(' ').filter(Boolean));
	return requestedScopes(credentials).some((s) => !have.has(s));
}

// Without a scope in the stored token: renew only when Wink says the scope is short and the
// credential now asks for the one the operation needs.
export function scopeNowAsked(
	credentials: IDataObject,
	failure: Failure,
	request: WinkRequest,
): boolean {
	return (
		saysInsufficientScope(failure) &&
		!!request.scope &&
		requestedScopes(credentials).includes(request.scope)
	);
}

// n8n renews a client-credentials token only on 401, and editing a credential keeps its stored
// token: after a user adds a scope, the old token (without it) would be used again. So a 403 may
// renew it, once per execution.
const scopeRenewals = new WeakSet<WinkContext>();

/** One attempt at sending the request, as n8n's OAuth2 options and the statuses that throw ask. */
export type Send = (oauth2?: IOAuth2Options, throwOn?: number[]) => Promise<Outcome>;

/**
 * Sends once, renewing the token on a 403 when it lacks a scope the credential asks for:
 * `staleToken` true (the stored token says so), or undefined (it does not say) and Wink's 403
 * names a scope the credential now asks for. Once per execution.
 */
export async function sendKeepingScopes(
	context: WinkContext,
	send: Send,
	staleToken: boolean | undefined,
	credentials: IDataObject,
	request: WinkRequest,
): Promise<Outcome> {
	const stale = scopeRenewals.has(context) ? false : staleToken;
	if (stale) return await sendRenewingOn403(context, send);
	const outcome = await send();
	if (
		stale === undefined &&
		isFailure(outcome) &&
		outcome.status === 403 &&
		scopeNowAsked(credentials, outcome, request)
	) {
		return await sendRenewingOn403(context, send);
	}
	return outcome;
}

/**
 * Sends the request so that a 403 makes n8n fetch a new token (through its own OAuth2 code) and
 * send it again; once per execution. n8n 2.x renews on any status in `tokenExpiredStatusCode`;
 * n8n 1.x only on 401, which a request whose Authorization lacks the Bearer scheme gets
 * (RFC 6750; inferred for Wink, as Spring answers so).
 */
async function sendRenewingOn403(context: WinkContext, send: Send): Promise<Outcome> {
	const before = await storedToken(context);
	const outcome = await send({ tokenExpiredStatusCode: [401, 403] }, [401, 403]);
	if (!isFailure(outcome) || outcome.status !== 403) return outcome;
	scopeRenewals.add(context);
	if ((await storedToken(context)) !== before) return outcome;
	return await send({ keepBearer: false }, []);
}
