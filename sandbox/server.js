'use strict';
// HTTP server: token endpoint, API pipeline (auth, Wink-Version, scope, managing entity, body),
// ProblemDetail errors, fault injection and the /__sandbox control endpoints.
const http = require('node:http');
const { URL } = require('node:url');
const { HttpError, Reply, problemBody } = require('./http-error');
const { CLIENTS, SCOPES, createTokenStore, handleTokenRequest } = require('./oauth');
const { createFaults } = require('./faults');
const { faultHeaders, echoBody } = require('./misbehave');
const { createGateway, retryAfterSeconds } = require('./gateway');
const { createRouter } = require('./router');
const { validate } = require('./schemas');
const { seed } = require('./seed');
const routes = require('./routes');
const { bankStatementCsv } = require('./bank-statement');
const { createDeliveries } = require('./deliveries');
const { handleEventControl } = require('./event-controls');

const WINK_VERSION = '2.0';
const MAX_BODY = 1024 * 1024;
// A long CLI session must not grow without bound; tests see far fewer requests.
const MAX_RECORDED_REQUESTS = 10_000;
const MALFORMED_BODY = '{"id":"truncated","items":[{"amount":12.5,"curr';

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > MAX_BODY) reject(new HttpError(413, 'Request body too large'));
			else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function redactHeaders(headers) {
	const out = { ...headers };
	if (out.authorization !== undefined) {
		const scheme = /^(Bearer|Basic)\b/i.exec(out.authorization);
		out.authorization = scheme
			? `${scheme[1][0].toUpperCase()}${scheme[1].slice(1).toLowerCase()} <redacted>`
			: '<redacted>';
	}
	return out;
}

function parseJson(raw) {
	try {
		return { value: JSON.parse(raw) };
	} catch {
		return { error: true };
	}
}

function createSandboxServer(options) {
	const opts = { tokenTtlSeconds: 3600, seed: 1, log: false, ...options };
	const state = {};
	// inFlight/maxInFlight: API and token requests being answered at once (never control ones).
	const stats = { tokensIssued: 0, requests: [], inFlight: 0, maxInFlight: 0 };
	const tokens = createTokenStore();
	const faults = createFaults();
	// Rate-limit mode (gateway.js): set like a fault ({ rateLimit: N }); clearing the faults goes
	// back to the one the sandbox started with (the CLI's --rate-limit), or none.
	const startGateway = () => (opts.rateLimit ? createGateway(opts.rateLimit) : null);
	let gateway = startGateway();
	const router = createRouter(routes);
	const deliveries = createDeliveries(state, {
		retryDelaysMs: opts.deliveryRetryDelaysMs,
		timeoutMs: opts.deliveryTimeoutMs,
	});
	const timers = new Set();
	let ttlSeconds = opts.tokenTtlSeconds;
	// Whether the token answer carries `scope` (RFC 6749 5.1 makes it optional when unchanged).
	let tokenScopeInAnswer = true;
	let closed = false;

	const log =
		typeof opts.log === 'function' ? opts.log : opts.log ? (line) => console.log(line) : () => {};

	const sleep = (ms) =>
		new Promise((resolve) => {
			const t = setTimeout(() => {
				timers.delete(t);
				resolve();
			}, ms);
			timers.add(t);
		});

	// Re-seed in place so references to `state` held by tests stay live.
	function reseed(seedValue = opts.seed) {
		for (const key of Object.keys(state)) delete state[key];
		Object.assign(state, seed(seedValue, { epoch: opts.epoch }));
	}
	reseed();

	const controls = {
		resetStats() {
			stats.tokensIssued = 0;
			stats.requests.length = 0;
			stats.maxInFlight = stats.inFlight;
		},
		reset(seedValue) {
			reseed(seedValue);
			faults.clear();
			deliveries.reset();
			gateway = startGateway();
			tokens.clear();
			ttlSeconds = opts.tokenTtlSeconds;
			tokenScopeInAnswer = true;
			controls.resetStats();
		},
		setTokenTtl(seconds) {
			if (!(Number(seconds) >= 0))
				throw new TypeError('Token TTL must be a number of seconds >= 0');
			ttlSeconds = Number(seconds);
		},
		setTokenScopeInAnswer(on) {
			tokenScopeInAnswer = Boolean(on);
		},
		expireAllTokens: () => tokens.expireAll(),
		inject(fault, o) {
			if (fault?.rateLimit === undefined) return faults.add(fault, o);
			gateway = createGateway(fault.rateLimit);
			return { rateLimit: gateway.rateLimit };
		},
		clearFaults() {
			faults.clear();
			gateway = startGateway();
		},
		listFaults: () => [...(gateway ? [{ rateLimit: gateway.rateLimit }] : []), ...faults.list()],
		getTokenTtl: () => ttlSeconds,
	};

	function send(res, status, body, headers = {}, contentType = 'application/json') {
		if (res.headersSent || res.destroyed) return;
		const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
		res.writeHead(status, {
			...(text ? { 'Content-Type': contentType } : {}),
			'Content-Length': Buffer.byteLength(text),
			...headers,
		});
		res.end(text);
	}

	const sendProblem = (res, err, instance) =>
		send(
			res,
			err.status,
			problemBody(err.status, err.message, instance, err.title, err.properties),
			err.headers,
			'application/problem+json',
		);

	// Returns true when the fault produced the whole answer.
	async function applyFault(fault, req, res, rec, reply) {
		rec.fault = fault.drop
			? 'drop'
			: fault.malformed
				? 'malformed'
				: fault.expireTokens
					? 'expire-tokens'
					: fault.status || fault.retryAfter != null
						? 'status'
						: 'delay';
		// `expireTokens`: every issued token expires just before this request is authenticated.
		if (fault.expireTokens) tokens.expireAll();
		if (fault.delayMs) await sleep(fault.delayMs);
		if (closed) return true;
		if (fault.drop) {
			rec.status = 0;
			req.socket.destroy();
			return true;
		}
		if (fault.malformed) {
			reply(200, MALFORMED_BODY, {}, 'application/json');
			return true;
		}
		const status = fault.status ?? (fault.retryAfter != null ? 429 : null);
		if (status == null) return false; // delay only: continue normally
		const headers = {
			...faultHeaders(fault),
			...(fault.retryAfter != null ? { 'Retry-After': String(fault.retryAfter) } : {}),
		};
		if (fault.echoAuthorization) {
			reply(status, echoBody(fault, req, rec.path), headers, 'application/problem+json');
		} else if (fault.body === undefined) {
			reply(
				status,
				problemBody(status, 'Injected fault (Wink sandbox)', rec.path),
				headers,
				'application/problem+json',
			);
		} else {
			reply(
				status,
				fault.body,
				headers,
				typeof fault.body === 'string' ? 'text/plain' : 'application/json',
			);
		}
		return true;
	}

	async function handleApi(req, rec, match, raw, url) {
		const unauthorized = (detail) =>
			new HttpError(401, detail, {
				headers: {
					'WWW-Authenticate': `Bearer realm="wink-sandbox", error="invalid_token", error_description="${detail}"`,
				},
			});
		const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization || '');
		if (!bearer)
			throw unauthorized(
				'Full authentication is required: send Authorization: Bearer <access_token>',
			);
		const checked = tokens.check(bearer[1]);
		if (checked.error === 'expired') throw unauthorized('The access token has expired');
		if (checked.error) throw unauthorized('The access token is invalid');
		const token = checked.record;

		const version = req.headers['wink-version'];
		if (version !== WINK_VERSION) {
			throw new HttpError(
				400,
				`Header Wink-Version: ${WINK_VERSION} is required (got ${version === undefined ? 'none' : `'${version}'`})`,
			);
		}
		if (!match) throw new HttpError(404, `No endpoint ${rec.method} ${rec.path}`);
		if (match.allowed) {
			throw new HttpError(405, `Method ${rec.method} is not supported for ${rec.path}`, {
				headers: { Allow: match.allowed.join(', ') },
			});
		}
		const { route, params } = match;
		if (!token.scopes.includes(route.scope)) {
			throw new HttpError(403, `Insufficient scope: this operation requires '${route.scope}'`, {
				headers: {
					'WWW-Authenticate': `Bearer realm="wink-sandbox", error="insufficient_scope", scope="${route.scope}"`,
				},
			});
		}
		const accessibleIds = state.access[token.clientId] || state.access['*'] || [];
		let me;
		if (params.managingEntityIdentifier !== undefined) {
			const id = params.managingEntityIdentifier;
			me = accessibleIds.includes(id) ? state.managingEntities[id] : undefined;
			if (!me) throw new HttpError(404, `Managing entity '${id}' not found`);
		}
		let body;
		if (route.body) {
			if (!raw.trim()) throw new HttpError(400, 'Required request body is missing');
			const parsed = parseJson(raw);
			if (parsed.error) throw new HttpError(400, 'Malformed JSON request body');
			body = parsed.value;
			// `body` names a schema in schemas.js, or is a function returning the errors.
			const errors =
				typeof route.body === 'function' ? route.body(body) : validate(route.body, body);
			if (errors.length) {
				throw new HttpError(400, `Validation failed: ${errors.map((e) => e.message).join('; ')}`, {
					properties: { errors },
				});
			}
		}
		const ctx = {
			state,
			me,
			params,
			body,
			accessibleIds,
			query: Object.fromEntries(url.searchParams),
			client: token.clientId,
			scopes: token.scopes,
			now: new Date().toISOString(),
		};
		const result = await route.handler(ctx);
		deliveries.afterRoute(route.operationId, ctx, result);
		return result;
	}

	function handleControl(req, res, path, raw) {
		const parsed = raw.trim() ? parseJson(raw) : { value: {} };
		if (parsed.error) return send(res, 400, { error: 'Malformed JSON body' });
		const body = parsed.value || {};
		const key = `${req.method} ${path.replace(/\/+$/, '')}`;
		switch (key) {
			case 'GET /__sandbox':
			case 'GET /__sandbox/info':
				return send(res, 200, info());
			case 'GET /__sandbox/stats':
				return send(res, 200, stats);
			case 'DELETE /__sandbox/stats':
				controls.resetStats();
				return send(res, 200, stats);
			case 'GET /__sandbox/faults':
				return send(res, 200, controls.listFaults());
			case 'POST /__sandbox/faults':
				try {
					controls.inject(body, { pathIsRegex: true });
				} catch (e) {
					return send(res, 400, { error: e.message });
				}
				return send(res, 201, controls.listFaults());
			case 'DELETE /__sandbox/faults':
				controls.clearFaults();
				return send(res, 200, []);
			case 'POST /__sandbox/reset':
				controls.reset(body.seed);
				return send(res, 200, info());
			case 'GET /__sandbox/bank-statement.csv':
				// The main managing entity's bank statement (sandbox/bank-statement.js).
				res.writeHead(200, {
					'content-type': 'text/csv; charset=utf-8',
					'content-disposition': 'attachment; filename="bank-statement.csv"',
				});
				return res.end(bankStatementCsv(state, state.ids.managingEntityId));
			case 'POST /__sandbox/expire-tokens':
				controls.expireAllTokens();
				return send(res, 200, { expired: true });
			case 'POST /__sandbox/token-ttl':
				try {
					controls.setTokenTtl(body.seconds);
				} catch (e) {
					return send(res, 400, { error: e.message });
				}
				return send(res, 200, { tokenTtlSeconds: ttlSeconds });
			default: {
				const out = handleEventControl(req.method, path.replace(/\/+$/, ''), body, {
					state,
					deliveries,
				});
				if (out) return send(res, out.status, out.body);
				return send(res, 404, { error: `Unknown sandbox control ${key}` });
			}
		}
	}

	// Public facts about this instance (demo credentials are public by design).
	function info() {
		return {
			name: 'Wink sandbox',
			winkVersion: WINK_VERSION,
			seed: state.seed,
			epoch: state.epoch,
			tokenPath: '/oauth2/token',
			tokenTtlSeconds: ttlSeconds,
			...state.ids,
			clients: CLIENTS,
			scopes: SCOPES,
			operations: router.routes.map((r) => ({
				operationId: r.operationId,
				method: r.method,
				path: r.path,
				scope: r.scope,
			})),
		};
	}

	async function handle(req, res) {
		const started = Date.now();
		const url = new URL(req.url, 'http://sandbox.invalid');
		const path = url.pathname;
		const raw = await readBody(req);
		if (path === '/__sandbox' || path.startsWith('/__sandbox/'))
			return handleControl(req, res, path, raw);
		if (path === '/' && req.method === 'GET') return send(res, 200, info());

		stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight);
		res.once('close', () => stats.inFlight--);
		const isToken = path === '/oauth2/token';
		const match = isToken ? null : router.match(req.method, path);
		const rec = {
			method: req.method,
			path,
			query: Object.fromEntries(url.searchParams),
			body: undefined,
			headers: redactHeaders(req.headers),
			status: null,
			receivedAt: started,
			operationId: isToken ? 'token' : (match && match.route && match.route.operationId) || null,
		};
		if (isToken) {
			const form = Object.fromEntries(new URLSearchParams(raw));
			if ('client_secret' in form) form.client_secret = '<redacted>';
			rec.body = raw ? form : undefined;
		} else if (raw) {
			const parsed = parseJson(raw);
			rec.body = parsed.error ? raw : parsed.value;
		}
		stats.requests.push(rec);
		if (stats.requests.length > MAX_RECORDED_REQUESTS)
			stats.requests.splice(0, stats.requests.length - MAX_RECORDED_REQUESTS);

		const reply = (status, body, headers, contentType) => {
			rec.status = status;
			rec.answeredAt = Date.now();
			send(res, status, body, headers, contentType);
			log(
				`${rec.method} ${req.url} -> ${status} ${rec.operationId || ''} ${Date.now() - started}ms`,
			);
		};

		const waitMs = gateway && path.startsWith('/api/') ? gateway.admit() : 0;
		if (waitMs) {
			rec.fault = 'rate-limit';
			rec.status = 429;
			rec.answeredAt = Date.now();
			const limited = new HttpError(
				429,
				`Over the sandbox's rate limit of ${gateway.rateLimit} requests a second`,
				{
					headers: { 'Retry-After': String(retryAfterSeconds(waitMs)) },
				},
			);
			return sendProblem(res, limited, path);
		}
		const fault = faults.take(rec);
		// `after: true`: the request is processed first and only its answer is lost or replaced.
		if (fault && !fault.after && (await applyFault(fault, req, res, rec, reply))) {
			log(`${rec.method} ${req.url} -> fault ${rec.fault} ${rec.operationId || ''}`);
			return;
		}

		if (isToken) {
			if (req.method !== 'POST')
				return reply(
					405,
					{ error: 'invalid_request', error_description: 'Use POST' },
					{ Allow: 'POST' },
				);
			const out = handleTokenRequest({
				form: new URLSearchParams(raw),
				authorization: req.headers.authorization,
				// Applications created through the API are clients too, until deleted or revoked.
				clients: { ...CLIENTS, ...state.oauthClients },
				tokens,
				ttlSeconds,
				scopeInAnswer: tokenScopeInAnswer,
				onIssued: () => stats.tokensIssued++,
			});
			return reply(out.status, out.body, out.headers);
		}

		try {
			if (!path.startsWith('/api/')) throw new HttpError(404, `No endpoint ${req.method} ${path}`);
			const result = await handleApi(req, rec, match, raw, url);
			// The handler ran (state may have changed), whatever happens to the answer.
			rec.processed = true;
			if (fault?.after && (await applyFault(fault, req, res, rec, reply))) return;
			if (result instanceof Reply) reply(result.status, result.body, result.headers);
			else reply(200, result);
		} catch (err) {
			const e = err instanceof HttpError ? err : new HttpError(500, 'Internal sandbox error');
			if (!(err instanceof HttpError)) console.error('[wink-sandbox]', err);
			rec.status = e.status;
			rec.answeredAt = Date.now();
			sendProblem(res, e, path);
			log(`${rec.method} ${req.url} -> ${e.status} ${rec.operationId || ''} ${e.message}`);
		}
	}

	// Requests being handled, including those still in a delay fault after the client gave up.
	const handling = new Set();
	const server = http.createServer((req, res) => {
		const done = handle(req, res).catch((err) => {
			const e = err instanceof HttpError ? err : new HttpError(500, 'Internal sandbox error');
			if (!(err instanceof HttpError)) console.error('[wink-sandbox]', err);
			sendProblem(res, e, req.url);
		});
		handling.add(done);
		done.finally(() => handling.delete(done));
	});

	/** Resolves once every request received so far has been handled (state changed, answer sent or lost). */
	async function settled() {
		while (handling.size) await Promise.all(handling);
	}

	function close() {
		closed = true;
		deliveries.clear();
		for (const t of timers) clearTimeout(t);
		timers.clear();
		return new Promise((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	}

	return {
		server,
		state,
		stats,
		controls,
		router,
		deliveries,
		info,
		close,
		settled,
		getTtl: () => ttlSeconds,
	};
}

module.exports = { createSandboxServer, WINK_VERSION };
