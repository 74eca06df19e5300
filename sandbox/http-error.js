'use strict';
// RFC 7807 problem details, thrown by handlers and turned into responses by server.js.
const { STATUS_CODES } = require('node:http');

class HttpError extends Error {
	constructor(status, detail, extra = {}) {
		super(detail);
		this.status = status;
		this.title = extra.title || STATUS_CODES[status] || 'Error';
		this.headers = extra.headers || {};
		this.properties = extra.properties || {};
	}
}

const badRequest = (detail, extra) => new HttpError(400, detail, extra);
const notFound = (detail, extra) => new HttpError(404, detail, extra);

function problemBody(status, detail, instance, title, properties) {
	return {
		type: 'about:blank',
		title: title || STATUS_CODES[status] || 'Error',
		status,
		detail,
		instance,
		...properties,
	};
}

module.exports = { HttpError, badRequest, notFound, problemBody };

// Handlers return plain data for a 200 JSON answer, or a Reply for another status/headers.
class Reply {
	constructor(status, body, headers = {}) {
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}
module.exports.Reply = Reply;
