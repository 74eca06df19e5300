'use strict';
// The yardsticks outside n8n: plain loops with Node's fetch and with axios against the sandbox,
// and the sandbox settings both benchmarks use (latency, a bigger ledger).
const axios = require('axios');
const http = require('node:http');

/** A token straight from the sandbox's token endpoint (kept in memory, never printed). */
async function sandboxToken(sb) {
	const { clientId, clientSecret } = sb.clients.demo;
	const res = await fetch(sb.tokenUrl, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
		},
		body: 'grant_type=client_credentials&scope=payment.read%20accounting.read',
	});
	return (await res.json()).access_token;
}

const headers = (token) => ({
	authorization: `Bearer ${token}`,
	accept: 'application/json',
	'wink-version': '2.0',
});

// Keep-alive, as n8n's own HTTP client does.
const agent = new http.Agent({ keepAlive: true });
const getters = {
	fetch: async (url, token) => {
		const res = await fetch(url, { headers: headers(token) });
		if (!res.ok) throw new Error(`HTTP ${res.status}`);
		return await res.json();
	},
	axios: async (url, token) =>
		(await axios.get(url, { headers: headers(token), httpAgent: agent })).data,
};

/** GETs every URL with `client` ('fetch' | 'axios'), `concurrency` at a time; returns the bodies. */
async function getAll(client, urls, token, concurrency) {
	const get = getters[client];
	const out = new Array(urls.length);
	let next = 0;
	const lane = async () => {
		for (let i = next++; i < urls.length; i = next++) out[i] = await get(urls[i], token);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, lane));
	return out;
}

/** A raw paged loop over ?page=&size=: stops on a short page. */
async function getPages(client, url, token, size) {
	const rows = [];
	let requests = 0;
	for (let page = 0; ; page++) {
		const batch = await getters[client](`${url}?page=${page}&size=${size}`, token);
		requests++;
		rows.push(...batch);
		if (batch.length < size) return { rows, requests };
	}
}

/** Grows the managing entity's ledger to `n` entries (copies with new ids). */
function growLedger(sb, n) {
	const ledger = sb.state.ledger[sb.managingEntityId];
	const seed = ledger.slice();
	for (let i = ledger.length; i < n; i++)
		ledger.push({ ...seed[i % seed.length], id: `le-bench-${i}` });
	ledger.length = n;
	return ledger;
}

/** Latency on every sandbox request (the token endpoint included); 0 removes it. */
function setLatency(sb, ms) {
	sb.clearFaults();
	if (ms > 0) sb.inject({ delayMs: ms, times: Infinity });
}

module.exports = { sandboxToken, getAll, getPages, growLedger, setLatency };
