'use strict';
// Answers a real Wink never gives, for the tests of what the nodes do with them: a redirect to
// another host, an error body that repeats the request's Authorization header, and that other host.
const http = require('node:http');

/** Extra answer headers of a fault (`headers`, e.g. a redirect's Location). */
const faultHeaders = (fault) => ({ ...(fault.headers || {}) });

/**
 * `echoAuthorization`: a problem body whose detail repeats the Authorization header it got (as a
 * misbehaving proxy would), followed by `pad` characters (a very long detail).
 */
function echoBody(fault, req, instance) {
	const detail = `Rejected Authorization: ${req.headers.authorization || '(none)'} ${'x'.repeat(fault.pad || 0)}`;
	// `error`/`error_description` too: the token URL's (RFC 6749) error shape.
	return {
		type: 'about:blank',
		title: 'Echo',
		status: fault.status,
		detail,
		instance,
		error: 'invalid_request',
		error_description: detail,
	};
}

/**
 * A server on another port (another origin) that records every request it gets, Authorization and
 * body included, and answers 200 `[]`. What reaches it is what a redirect would have leaked.
 */
async function startOtherHost() {
	const received = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			received.push({
				method: req.method,
				path: req.url,
				authorization: req.headers.authorization,
				body,
			});
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('[]');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	const close = () =>
		new Promise((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return { url, received, close };
}

module.exports = { faultHeaders, echoBody, startOtherHost };
