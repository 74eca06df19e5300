#!/usr/bin/env node
// Dev-time only: what a newer Wink Account API document changes against what the operation
// tables implement. Lists operations, parameters and body properties added, removed or changed,
// each with the node operation it touches. Body property schemas are compared with the ones the
// tables were built against (nodes/shared/spec/schemas.json). Exit 1 when anything differs.
//
// usage: npm run spec:diff -- path/to/newer/account.openapi.json
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
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
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
			for (const o of f.options ?? []) if ((o.in ?? f.in) === where) names.add((o.key ?? o.name).split('.')[0]);
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

export function specDiff(newerSpec) {
	const newer = specFacts(newerSpec);
	const built = JSON.parse(readFileSync(SCHEMAS_FILE, 'utf8'));
	const rows = tableRows();
	const byId = new Map(newer.operations.map((op) => [op.operationId, op]));
	const lines = [];
	const implemented = new Set(rows.map((r) => r.operationId));

	for (const op of newer.operations) {
		if (!implemented.has(op.operationId)) lines.push(`+ operation ${op.operationId} (${op.method} ${op.path}, tag ${op.tag}): in no table`);
	}
	for (const row of rows) {
		const where = `${row.node} "${row.name}" (${row.operationId})`;
		const op = byId.get(row.operationId);
		if (!op) {
			lines.push(`- operation ${row.operationId}: gone from the spec; used by ${where}`);
			continue;
		}
		if (op.method !== row.method || op.path !== row.path) {
			lines.push(`~ ${where}: ${row.method} ${row.path} is now ${op.method} ${op.path}`);
		}
		for (const kind of ['path', 'query']) {
			const sent = sentNames(row, kind);
			if (kind === 'path') for (const m of row.path.matchAll(/\{(\w+)\}/g)) sent.add(m[1]);
			if (kind === 'query' && row.paging?.kind === 'page') ['page', 'size'].forEach((n) => sent.add(n));
			const params = op.params.filter((p) => p.in === kind);
			for (const p of params) {
				const field = (row.fields ?? []).find((f) => f.in === kind && (f.key ?? f.name) === p.name);
				if (!sent.has(p.name)) lines.push(`+ ${where}: ${kind} parameter ${p.name}${p.required ? ' (required)' : ''} not in the table`);
				else if (field && p.required && !field.required) lines.push(`~ ${where}: ${kind} parameter ${p.name} is now required`);
				if (field && p.enum) {
					const values = (field.options ?? []).map((o) => o.value).sort();
					if (JSON.stringify(values) !== JSON.stringify([...p.enum].sort())) lines.push(`~ ${where}: ${kind} parameter ${p.name} values are now ${p.enum.join(', ')}`);
				}
			}
			for (const name of sent) {
				if (!params.some((p) => p.name === name)) lines.push(`- ${where}: ${kind} parameter ${name} is gone; the table sends it`);
			}
		}
		const oldSchema = built.schemas[built.bodies[row.operationId]];
		const newSchema = newer.schemas[newer.bodies[row.operationId]];
		const sent = sentNames(row, 'body');
		const oldProps = oldSchema?.properties ?? {};
		const newProps = newSchema?.properties ?? {};
		for (const name of Object.keys(newProps)) {
			const required = newSchema.required?.includes(name);
			if (!(name in oldProps)) lines.push(`+ ${where}: body property ${name}${required ? ' (required)' : ''}`);
			else if (required && !oldSchema.required?.includes(name)) lines.push(`~ ${where}: body property ${name} is now required`);
			else if (JSON.stringify(expand(oldProps[name], built.schemas)) !== JSON.stringify(expand(newProps[name], newer.schemas))) {
				lines.push(`~ ${where}: body property ${name} changed its schema${sent.has(name) ? ' (the table sends it)' : ''}`);
			}
		}
		for (const name of Object.keys(oldProps)) {
			if (!(name in newProps)) lines.push(`- ${where}: body property ${name} is gone${sent.has(name) ? '; the table sends it' : ''}`);
		}
	}
	return { from: built.source, to: newer.source, lines };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const file = process.argv[2];
	if (!file) {
		console.error('usage: npm run spec:diff -- path/to/newer/account.openapi.json');
		process.exit(2);
	}
	const { from, to, lines } = specDiff(JSON.parse(readFileSync(file, 'utf8')));
	console.log(`${from} (the tables) -> ${to}: ${lines.length} difference(s)`);
	for (const line of lines) console.log(line);
	process.exit(lines.length ? 1 : 0);
}
