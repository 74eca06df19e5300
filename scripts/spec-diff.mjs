#!/usr/bin/env node
// Dev-time only: what a newer Wink Account API document changes against what the operation
// tables implement. Lists operations, parameters and body properties added, removed or changed,
// each with the node operation it touches. Body property schemas are compared with the ones the
// tables were built against (nodes/shared/spec/schemas.json). Exit 1 when anything differs.
//
// Operations are matched by method and path (path parameters by position), so an operationId
// renamed on the same route is a rename, listed with the table rows it touches, not a removal.
//
// usage: npm run spec:diff -- path/to/newer/account.openapi.json [more documents ...]
// (several documents: one version published split by domain, e.g. payment, settings, travel-agent)
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMAS_FILE, specFacts } from './spec-facts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Every node's table rows, read from nodes/<Node>/operations.ts (compiled in memory). */
function tableRows() {
	const ts = require('typescript');
	const Module = require('node:module');
	Module._extensions['.ts'] = (module, file) => {
		const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2022,
				esModuleInterop: true,
			},
		});
		module._compile(outputText, file);
	};
	const rows = [];
	for (const dir of readdirSync(join(root, 'nodes'))) {
		const file = join(root, 'nodes', dir, 'operations.ts');
		if (!existsSync(file)) continue;
		for (const value of Object.values(require(file))) {
			if (Array.isArray(value)) rows.push(...value.map((op) => ({ ...op, node: dir })));
		}
	}
	return rows;
}

/**
 * The API names a row sends in one place ('path', 'query', 'body'): fields and merged
 * collections, whose options may go elsewhere (an option's own `in`).
 */
function sentNames(row, where) {
	const names = new Set();
	for (const f of row.fields ?? []) {
		const merges = !f.key && (f.type === 'collection' || f.type === 'json');
		if (merges && f.type === 'collection') {
			for (const o of f.options ?? [])
				if ((o.in ?? f.in) === where) names.add((o.key ?? o.name).split('.')[0]);
		} else if (!merges && f.in === where) names.add((f.key ?? f.name).split('.')[0]);
	}
	return names;
}

/** A schema with every `#/$defs/` reference written out (cycles cut), for comparing. */
function expand(schema, defs, seen = []) {
	if (Array.isArray(schema)) return schema.map((s) => expand(s, defs, seen));
	if (!schema || typeof schema !== 'object') return schema;
	if (schema.$ref) {
		const name = schema.$ref.split('/').pop();
		return seen.includes(name) ? { $ref: name } : expand(defs[name], defs, [...seen, name]);
	}
	return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, expand(v, defs, seen)]));
}

/** Method and path with path parameters by position: `{managingEntityIdentifier}` and `{id}` match. */
const routeKey = (method, path) => `${method} ${path.replace(/\{[^}]*\}/g, '{}')}`;
const placeholders = (path) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
// getTransactionHistory, get-transaction-history and get_transaction_history are one id.
const looseId = (id) => String(id).replace(/[-_]/g, '').toLowerCase();

/**
 * The operations of one or more documents (a newer Wink publishes the Account API split by
 * domain), each with the body schemas of its own document: a $ref resolves where it is written.
 */
function mergedOperations(specs) {
	const operations = [];
	const versions = new Set();
	const seen = new Map();
	const lines = [];
	for (const spec of specs) {
		const facts = specFacts(spec);
		versions.add(facts.source);
		for (const op of facts.operations) {
			const key = routeKey(op.method, op.path);
			if (seen.has(key)) {
				lines.push(
					`~ ${op.method} ${op.path} is in more than one document (${seen.get(key)}, ${op.operationId}); compared with the first`,
				);
				continue;
			}
			seen.set(key, op.operationId);
			operations.push({
				...op,
				schemas: facts.schemas,
				bodySchema: facts.schemas[facts.bodies[op.operationId]],
			});
		}
	}
	return { operations, source: [...versions].join(' + '), lines };
}

/**
 * Each table row's operation in the newer spec: the same method and path (the id may be renamed);
 * else, for a row whose route is gone, an unclaimed operation with the same id (its route moved).
 */
function matchRows(rows, operations) {
	const byRoute = new Map(operations.map((op) => [routeKey(op.method, op.path), op]));
	const matched = new Map();
	for (const row of rows) {
		const op = byRoute.get(routeKey(row.method, row.path));
		if (op) matched.set(row, op);
	}
	const claimed = new Set(matched.values());
	for (const row of rows) {
		if (matched.has(row)) continue;
		const op = operations.find(
			(o) => !claimed.has(o) && looseId(o.operationId) === looseId(row.operationId),
		);
		if (op) matched.set(row, op);
	}
	return matched;
}

/** `newerSpecs`: one document or several (merged; each operation keeps its own document's schemas). */
export function specDiff(newerSpecs) {
	const newer = mergedOperations(Array.isArray(newerSpecs) ? newerSpecs : [newerSpecs]);
	const built = JSON.parse(readFileSync(SCHEMAS_FILE, 'utf8'));
	const rows = tableRows();
	const matched = matchRows(rows, newer.operations);
	const lines = [...newer.lines];
	const renamed = new Set();
	const implemented = new Set(matched.values());

	for (const op of newer.operations) {
		if (!implemented.has(op))
			lines.push(
				`+ operation ${op.operationId} (${op.method} ${op.path}, tag ${op.tag}): in no table`,
			);
	}
	for (const row of rows) {
		const where = `${row.node} "${row.name}" (${row.operationId})`;
		const op = matched.get(row);
		if (!op) {
			lines.push(`- operation ${row.operationId}: gone from the spec; used by ${where}`);
			continue;
		}
		if (op.operationId !== row.operationId) {
			renamed.add(
				`nodes/${row.node}/operations.ts ${row.operationId} -> ${op.operationId} (${op.method} ${op.path})`,
			);
		}
		if (routeKey(op.method, op.path) !== routeKey(row.method, row.path)) {
			lines.push(`~ ${where}: ${row.method} ${row.path} is now ${op.method} ${op.path}`);
		}
		// Path parameters by position: a renamed placeholder is still the table's field.
		const newName = new Map();
		const [rowNames, opNames] = [placeholders(row.path), placeholders(op.path)];
		if (rowNames.length === opNames.length) rowNames.forEach((n, i) => newName.set(n, opNames[i]));
		const renamedParam = (kind, name) => (kind === 'path' ? (newName.get(name) ?? name) : name);
		for (const kind of ['path', 'query']) {
			const sent = new Set([...sentNames(row, kind)].map((n) => renamedParam(kind, n)));
			if (kind === 'path') for (const n of rowNames) sent.add(renamedParam(kind, n));
			if (kind === 'query' && row.paging?.kind === 'page')
				['page', 'size'].forEach((n) => sent.add(n));
			const params = op.params.filter((p) => p.in === kind);
			for (const p of params) {
				const field = (row.fields ?? []).find(
					(f) => f.in === kind && renamedParam(kind, f.key ?? f.name) === p.name,
				);
				if (!sent.has(p.name))
					lines.push(
						`+ ${where}: ${kind} parameter ${p.name}${p.required ? ' (required)' : ''} not in the table`,
					);
				else if (field && p.required && !field.required)
					lines.push(`~ ${where}: ${kind} parameter ${p.name} is now required`);
				if (field && p.enum) {
					const values = (field.options ?? []).map((o) => o.value).sort();
					if (JSON.stringify(values) !== JSON.stringify([...p.enum].sort()))
						lines.push(
							`~ ${where}: ${kind} parameter ${p.name} values are now ${p.enum.join(', ')}`,
						);
				}
			}
			for (const name of sent) {
				if (!params.some((p) => p.name === name))
					lines.push(`- ${where}: ${kind} parameter ${name} is gone; the table sends it`);
			}
		}
		// The body the table was built against is filed under the table's id, the newer one under the spec's.
		const oldSchema = built.schemas[built.bodies[row.operationId]];
		const newSchema = op.bodySchema;
		const sent = sentNames(row, 'body');
		const oldProps = oldSchema?.properties ?? {};
		const newProps = newSchema?.properties ?? {};
		for (const name of Object.keys(newProps)) {
			const required = newSchema.required?.includes(name);
			if (!(name in oldProps))
				lines.push(`+ ${where}: body property ${name}${required ? ' (required)' : ''}`);
			else if (required && !oldSchema.required?.includes(name))
				lines.push(`~ ${where}: body property ${name} is now required`);
			else if (
				JSON.stringify(expand(oldProps[name], built.schemas)) !==
				JSON.stringify(expand(newProps[name], op.schemas))
			) {
				lines.push(
					`~ ${where}: body property ${name} changed its schema${sent.has(name) ? ' (the table sends it)' : ''}`,
				);
			}
		}
		for (const name of Object.keys(oldProps)) {
			if (!(name in newProps))
				lines.push(
					`- ${where}: body property ${name} is gone${sent.has(name) ? '; the table sends it' : ''}`,
				);
		}
	}
	return { from: built.source, to: newer.source, lines, renamed: [...renamed] };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const files = process.argv.slice(2);
	if (!files.length) {
		console.error(
			'usage: npm run spec:diff -- path/to/newer/account.openapi.json [more documents of the same version ...]',
		);
		process.exit(2);
	}
	const { from, to, lines, renamed } = specDiff(
		files.map((file) => JSON.parse(readFileSync(file, 'utf8'))),
	);
	console.log(`${from} (the tables) -> ${to}: ${lines.length} difference(s)`);
	for (const line of lines) console.log(line);
	if (renamed.length) {
		// The tables keep their ids until they move to the newer spec; this is what each one is now.
		console.log(`table rows whose operationId is renamed: ${renamed.length}`);
		for (const line of renamed) console.log(line);
	}
	process.exit(lines.length || renamed.length ? 1 : 0);
}
