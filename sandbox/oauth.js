'use strict';
// OAuth2 client-credentials token endpoint and the in-memory token store.
const crypto = require('node:crypto');

const SCOPES = [
	'account.read',
	'account.write',
	'account.remove',
	'booking.read',
	'booking.write',
	'booking.remove',
	'payment.read',
	'payment.write',
	'payment.remove',
	'accounting.read',
	'accounting.write',
	'accounting.remove',
];

// Public demo credentials: safe to print and commit.
const CLIENTS = {
	demo: {
		clientId: 'wink-sandbox-client',
		clientSecret: 'wink-sandbox-secret',
		scopes: [...SCOPES],
	},
	readonly: {
		clientId: 'wink-readonly-client',
		clientSecret: 'wink-readonly-secret',
		scopes: ['account.read', 'payment.read', 'accounting.read', 'booking.read'],
	},
};

function createTokenStore() {
	const tokens = new Map();
	return {
		issue(clientId, scopes, ttlSeconds) {
			const token = crypto.randomBytes(32).toString('base64url');
			tokens.set(token, { clientId, scopes, expiresAt: Date.now() + ttlSeconds * 1000 });
			return token;
		},
		// Returns { record } or { error } ('invalid' | 'expired').
		check(token) {
			const record = tokens.get(token);
			if (!record) return { error: 'invalid' };
			if (record.expiresAt <= Date.now()) return { error: 'expired' };
			return { record };
		},
		expireAll() {
			for (const record of tokens.values()) record.expiresAt = 0;
		},
		clear() {
			tokens.clear();
		},
	};
}

const safeEqual = (a, b) => {
	const x = Buffer.from(String(a));
	const y = Buffer.from(String(b));
	return x.length === y.length && crypto.timingSafeEqual(x, y);
};

// Returns { status, body, headers } for a parsed form body and the Authorization header.
function handleTokenRequest({
	form,
	authorization,
	clients,
	tokens,
	ttlSeconds,
	scopeInAnswer = true,
	onIssued,
}) {
	const fail = (status, error, description, headers = {}) => ({
		status,
		headers,
		body: description ? { error, error_description: description } : { error },
	});
	const grantType = form.get('grant_type');
	if (!grantType) return fail(400, 'invalid_request', 'Missing grant_type');
	if (grantType !== 'client_credentials')
		return fail(400, 'unsupported_grant_type', 'Only client_credentials is supported');

	let clientId = form.get('client_id');
	let clientSecret = form.get('client_secret');
	let usedBasic = false;
	const basic = /^Basic\s+(\S+)$/i.exec(authorization || '');
	if (basic) {
		const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
		const sep = decoded.indexOf(':');
		if (sep !== -1) {
			// RFC 6749 2.3.1: id and secret are form-urlencoded before base64.
			const dec = (s) => {
				try {
					return decodeURIComponent(s.replace(/\+/g, ' '));
				} catch {
					return s;
				}
			};
			clientId = dec(decoded.slice(0, sep));
			clientSecret = dec(decoded.slice(sep + 1));
			usedBasic = true;
		}
	}
	const client = Object.values(clients).find((c) => c.clientId === clientId);
	if (!clientId || !client || !safeEqual(client.clientSecret, clientSecret ?? '')) {
		return fail(
			401,
			'invalid_client',
			'Client authentication failed',
			usedBasic ? { 'WWW-Authenticate': 'Basic realm="wink-sandbox"' } : {},
		);
	}

	const requested = (form.get('scope') || '').split(' ').filter(Boolean);
	const unknown = requested.find((s) => !SCOPES.includes(s));
	if (unknown) return fail(400, 'invalid_scope', `Unknown scope: ${unknown}`);
	const notAllowed = requested.find((s) => !client.scopes.includes(s));
	if (notAllowed)
		return fail(400, 'invalid_scope', `Scope not allowed for this client: ${notAllowed}`);
	const granted = requested.length ? [...new Set(requested)] : [...client.scopes];

	const accessToken = tokens.issue(client.clientId, granted, ttlSeconds);
	onIssued();
	return {
		status: 200,
		headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
		body: {
			access_token: accessToken,
			token_type: 'Bearer',
			expires_in: ttlSeconds,
			...(scopeInAnswer ? { scope: granted.join(' ') } : {}),
		},
	};
}

module.exports = { SCOPES, CLIENTS, createTokenStore, handleTokenRequest };
