'use strict';
// The route table. A row: { operationId, method, path (spec template), scope, handler, body? }.
// `body` names a schema in ../schemas.js; the server then requires and validates a JSON body.
// Handlers get ctx = { state, me, params, query, body, client, accessibleIds, now } and return
// the JSON response (200) or throw an HttpError. To add operations, add a file and spread it here.
module.exports = [
	...require('./managing-entity'),
	...require('./settlement'),
	...require('./webhook'),
];
