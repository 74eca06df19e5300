import type { IDataObject } from 'n8n-workflow';

/** How much of a text taken from an answer an error shows. */
export const SHOWN_CHARS = 500;

// An Authorization value in any text: a server or proxy may repeat the request's header. At least
// 16 characters, so that prose ("Bearer token expired") stays readable; the stored token and the
// secret are removed whatever their length (secretValues).
const AUTH_VALUES = /\b(Bearer|Basic)(\s+|%20|\+)[\w\-.~+/%]{16,}=*/gi;

/** The credential's secret values in the forms an echoed request may hold them. */
function secretValues(credentials: IDataObject, token?: unknown): string[] {
	const secret = String(credentials.clientSecret ?? '');
	const id = String(credentials.clientId ?? '');
	const stored = (credentials.oauthTokenData as IDataObject | undefined)?.access_token;
	const values = [stored, token].filter((t): t is string => typeof t === 'string');
	if (secret) {
		const form = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
		values.push(secret, encodeURIComponent(secret), form(secret));
		values.push(btoa(`${id}:${secret}`), btoa(`${form(id)}:${form(secret)}`));
	}
	// Longest first, so that a value containing another is removed whole.
	return [...new Set(values.filter((v) => v.length >= 4))].sort((a, b) => b.length - a.length);
}

/** A text taken from Wink's answer (or an error around it), without secrets. */
export function scrub(text: string, credentials: IDataObject, token?: unknown): string {
	let out = text.replace(AUTH_VALUES, '$1 <hidden>');
	for (const value of secretValues(credentials, token)) out = out.split(value).join('<hidden>');
	return out;
}

/** scrub, then at most SHOWN_CHARS characters, saying when it was cut. */
export function shown(text: string, credentials: IDataObject, token?: unknown): string {
	const clean = scrub(text, credentials, token);
	if (clean.length <= SHOWN_CHARS) return clean;
	return `${clean.slice(0, SHOWN_CHARS)}… (cut: ${clean.length.toLocaleString('en-US')} characters in all)`;
}
