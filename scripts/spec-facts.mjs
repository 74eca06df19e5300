#!/usr/bin/env node
// Dev-time only: reads the Wink OpenAPI document (../shared, not in a user's clone) and writes
// the facts our tests check the operation tables against: method, path, parameters, required
// body properties and enums per operation. Run it again when the spec version changes.
//
// usage: node scripts/spec-facts.mjs [path/to/openapi.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specPath = process.argv[2] ?? join(root, '..', 'shared', 'wink-api', 'account-api-30.49.0.openapi.json');
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const schemas = spec.components.schemas;

const deref = (s) => (s?.$ref ? schemas[s.$ref.split('/').pop()] : s);

function bodyFacts(schema) {
	const s = deref(schema);
	if (!s?.properties) return undefined;
	const enums = {};
	for (const [name, prop] of Object.entries(s.properties)) {
		const p = deref(prop);
		if (p?.enum) enums[name] = p.enum;
	}
	return { schema: schema.$ref?.split('/').pop(), required: s.required ?? [], properties: Object.keys(s.properties), enums };
}

const operations = [];
for (const [path, item] of Object.entries(spec.paths)) {
	for (const [method, op] of Object.entries(item)) {
		if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
		const params = (op.parameters ?? [])
			.filter((p) => p.in !== 'header')
			.map((p) => ({ name: p.name, in: p.in, required: !!p.required, ...(p.schema?.enum ? { enum: p.schema.enum } : {}) }));
		const json = op.requestBody?.content?.['application/json']?.schema;
		const ok = op.responses?.['200'] ?? op.responses?.['201'];
		const response = ok?.content ? Object.values(ok.content)[0].schema : undefined;
		operations.push({
			operationId: op.operationId,
			tag: op.tags?.[0],
			method: method.toUpperCase(),
			path,
			params,
			...(json ? { body: bodyFacts(json) } : {}),
			response: response?.type === 'array' ? 'array' : 'object',
		});
	}
}
// The spec's own documentation link: the only documentation URL the package may name.
const out = { source: `Wink Account API ${spec.info.version}`, externalDocs: spec.externalDocs.url, operations };
writeFileSync(join(root, 'test', 'fixtures', 'spec-operations.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${operations.length} operations`);
