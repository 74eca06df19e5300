import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';
import specJson from '../fixtures/spec-operations.json';
import { pkg, registeredNodes, root } from '../harness/registered';

interface SpecOperation {
	operationId: string;
	method: string;
	path: string;
	params: Array<{ name: string; in: string; required: boolean; enum?: string[] }>;
	body?: { required: string[]; properties: string[]; enums: Record<string, string[]> };
	response: 'array' | 'object';
}
const specFacts = specJson as { externalDocs: string; operations: SpecOperation[] };

/** Every node package.json registers, with its operation table. */
const nodes = registeredNodes();

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

describe("n8n's rules for community packages", () => {
	test('package.json: no runtime dependencies, n8n-workflow the only peer, MIT, keyword', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	});

	test('the n8n section names every node and credential source file, and only those', () => {
		const sources = (dir: string, suffix: string) =>
			sourceFiles(join(root, dir))
				.filter((f) => f.endsWith(suffix))
				.map((f) => relative(root, f))
				.sort();
		const registered = (built: string[]) =>
			built.map((b) => b.replace(/^dist\//, '').replace(/\.js$/, '.ts')).sort();
		expect(registered(pkg.n8n.nodes)).toEqual(sources('nodes', '.node.ts'));
		expect(registered(pkg.n8n.credentials)).toEqual(sources('credentials', '.credentials.ts'));
	});

	test('nodes and credentials import nothing but n8n-workflow and their own files, and touch no env, fs or timers', () => {
		for (const file of [
			...sourceFiles(join(root, 'nodes')),
			...sourceFiles(join(root, 'credentials')),
		]) {
			const text = readFileSync(file, 'utf8');
			const imports = [...text.matchAll(/from '([^']+)'|require\('([^']+)'\)/g)].map(
				(m) => m[1] ?? m[2],
			);
			for (const spec of imports) {
				expect([relative(root, file), spec]).toEqual([
					relative(root, file),
					expect.stringMatching(/^(n8n-workflow|\.{1,2}\/.*|node:crypto|crypto)$/),
				]);
			}
			expect(text).not.toMatch(/process\.env|setTimeout\(|from 'fs'|node:fs|axios/);
		}
	});
});

describe('no invented links', () => {
	// The only documentation URL known to exist is the spec's externalDocs (Wink's guide).
	test("the credential's and the codex files' documentation links are the spec's externalDocs", () => {
		const docs = [{ url: specFacts.externalDocs }];
		for (const file of sourceFiles(join(root, 'credentials'))) {
			const urls = [
				...readFileSync(file, 'utf8').matchAll(/documentationUrl\s*=\s*'([^']*)'/g),
			].map((m) => m[1]);
			expect([relative(root, file), urls]).toEqual([
				relative(root, file),
				[specFacts.externalDocs],
			]);
		}
		for (const dir of readdirSync(join(root, 'nodes'))) {
			for (const name of readdirSync(join(root, 'nodes', dir)).filter((n) =>
				n.endsWith('.node.json'),
			)) {
				const { resources } = JSON.parse(readFileSync(join(root, 'nodes', dir, name), 'utf8'));
				expect([name, resources]).toEqual([
					name,
					{ credentialDocumentation: docs, primaryDocumentation: docs },
				]);
			}
		}
	});
});

describe('operation tables against the Wink spec (30.49.0)', () => {
	const spec = new Map(specFacts.operations.map((op) => [op.operationId, op]));

	for (const { node, operations } of nodes) {
		describe(node.description.name, () => {
			test.each(operations.map((op) => [op.operationId, op] as const))(
				'%s matches the spec',
				(_, op) => {
					const facts = spec.get(op.operationId);
					expect(facts).toBeDefined();
					expect(op.method).toBe(facts!.method);
					expect(op.path).toBe(facts!.path);
					const fields = op.fields ?? [];
					// What a part of the request gets: a field by its API name (a dotted key by its first
					// segment, required when any of its fields is), an unkeyed collection by its options.
					// A field sent even when empty (sendEmpty) is as good as required.
					const sentIn = (where: string) => {
						const sent = new Map<string, INodeProperties>();
						for (const f of fields) {
							const merged = f.type === 'collection' && !f.key;
							// A merged collection's option may go to another part (its own `in`).
							const parts = (merged ? f.options : [f]) as Array<
								INodeProperties & { key?: string; in?: string }
							>;
							for (const o of parts.filter((x) => (x.in ?? f.in) === where)) {
								const name = (o.key ?? o.name).split('.')[0];
								const always = o.required || (o as { sendEmpty?: boolean }).sendEmpty;
								sent.set(name, { ...o, required: !!(always || sent.get(name)?.required) });
							}
						}
						return sent;
					};
					for (const param of facts!.params) {
						if (param.name === 'managingEntityIdentifier') continue;
						if (op.paging?.kind === 'page' && ['page', 'size'].includes(param.name)) continue;
						const field = sentIn(param.in).get(param.name);
						if (param.required) expect(field).toMatchObject({ required: true });
						if (field && param.enum) {
							expect(field.options?.map((o) => (o as { value: string }).value).sort()).toEqual(
								[...param.enum].sort(),
							);
						}
					}
					for (const where of ['path', 'query']) {
						for (const name of sentIn(where).keys()) {
							expect(facts!.params.map((p) => `${p.in}:${p.name}`)).toContain(`${where}:${name}`);
						}
					}
					const body = facts!.body;
					const bodyFields = fields.filter((f) => f.in === 'body');
					if (!body) {
						expect(bodyFields).toHaveLength(0);
						return;
					}
					const sent = sentIn('body');
					for (const name of body.required)
						expect([name, sent.get(name)?.required]).toEqual([name, true]);
					for (const name of sent.keys()) expect(body.properties).toContain(name);
					for (const [name, values] of Object.entries(body.enums)) {
						const field = sent.get(name);
						if (field)
							expect(field.options?.map((o) => (o as { value: string }).value).sort()).toEqual(
								[...values].sort(),
							);
					}
					if (facts!.response === 'array') expect(op.output).toBe('list');
				},
			);
		});
	}
});

describe('node descriptions generated from the tables', () => {
	for (const { node, operations } of nodes) {
		test(`${node.description.name}: one option per row, every field shown only for its rows`, () => {
			const { properties } = node.description;
			const operation = properties.find((p) => p.name === 'operation')!;
			expect(operation.options).toHaveLength(operations.length);
			expect(new Set(operations.map((o) => o.value)).size).toBe(operations.length);
			for (const op of operations) {
				const option = operation.options!.find(
					(o) => (o as { value: string }).value === op.value,
				) as { action?: string };
				expect(option.action).toBeTruthy();
				for (const field of op.fields ?? []) {
					const shown = properties.filter(
						(p) =>
							p.name === field.name &&
							(p.displayOptions?.show?.operation as string[]).includes(op.value),
					);
					// One per node version that has a field of this name (see WinkField).
					const versions = op.fields!.filter((f) => f.name === field.name).length;
					expect([op.value, field.name, shown.length]).toEqual([op.value, field.name, versions]);
				}
			}
			expect(node.description.usableAsTool).toBe(true);
			expect(node.description.credentials).toEqual([{ name: 'winkOAuth2Api', required: true }]);
		});
	}
});
