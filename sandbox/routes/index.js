'use strict';
// The route table. A row: { operationId, method, path (spec template), handler, body? }.
// `body` names a schema in ../schemas.js; the server then requires and validates a JSON body.
// Handlers get ctx = { state, me, params, query, body, client, accessibleIds, now } and return
// the JSON response (200) or throw an HttpError. To add operations, add a file and spread it here.
// Scopes come from ../scopes.js, the one table the nodes follow too; a row may not differ from it.
const scopes = require('../scopes');

const rows = [
	...require('./managing-entity'),
	...require('./settlement'),
	...require('./managers'),
	...require('./customization'),
	...require('./bookings'),
	...require('./travel-agent'),
	...require('./application'),
	...require('./notification'),
	...require('./webhook'),
];

module.exports = rows.map((row) => {
	const entry = scopes[row.operationId];
	if (!entry) throw new Error(`sandbox/scopes.js has no scope for ${row.operationId}`);
	if (row.scope && row.scope !== entry.scope) {
		throw new Error(
			`${row.operationId}: route scope ${row.scope} differs from sandbox/scopes.js (${entry.scope})`,
		);
	}
	return { ...row, scope: entry.scope };
});
