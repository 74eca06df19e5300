import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// No module of the package imports itself round a circle, not even for a type: a cycle means a
// type or helper sits in the wrong file (issue 16). Walks the relative imports of nodes/ and credentials/.
const root = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** The files a module imports or re-exports from (relative specifiers only; packages cannot loop back). */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const specifiers = [
		...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.[^'"]+)['"]/g),
	].map((m) => m[1]);
	return specifiers.map((s) => {
		const base = resolve(dirname(file), s);
		const found = [`${base}.ts`, join(base, 'index.ts'), base].find(
			(p) => existsSync(p) && statSync(p).isFile(),
		);
		if (!found) throw new Error(`${relative(root, file)}: cannot resolve ${s}`);
		return found;
	});
}

/** Every import circle among `files`, each as the list of files round it. */
function importCycles(files: string[]): string[][] {
	const state = new Map<string, 'open' | 'done'>();
	const cycles: string[][] = [];
	const visit = (file: string, trail: string[]) => {
		if (state.get(file) === 'done') return;
		if (state.get(file) === 'open') {
			cycles.push([...trail.slice(trail.indexOf(file)), file]);
			return;
		}
		state.set(file, 'open');
		for (const next of file.endsWith('.ts') ? importsOf(file) : []) visit(next, [...trail, file]);
		state.set(file, 'done');
	};
	for (const file of files) visit(file, []);
	return cycles;
}

describe('imports', () => {
	const files = [...sourceFiles(join(root, 'nodes')), ...sourceFiles(join(root, 'credentials'))];

	test('the walk sees the imports (type-only ones too)', () => {
		const errors = importsOf(join(root, 'nodes', 'shared', 'transport', 'errors.ts')).map((f) =>
			relative(root, f),
		);
		expect(errors).toContain(join('nodes', 'shared', 'transport', 'failure.ts'));
		expect(
			importCycles([join(root, 'test', 'fixtures', 'import-cycle', 'a.ts')]).map((c) =>
				c.map((f) => relative(root, f)),
			),
		).toEqual([['a.ts', 'b.ts', 'a.ts'].map((f) => join('test', 'fixtures', 'import-cycle', f))]);
	});

	test('no module of nodes/ or credentials/ imports round a circle', () => {
		const cycles = importCycles(files).map((c) => c.map((f) => relative(root, f)).join(' -> '));
		expect(cycles).toEqual([]);
	});
});

// Issue 28: arrows point down. Node folders import shared, never the reverse; inside nodes/shared
// each room imports only the rooms below it (versions.ts counts as a room). What each holds:
// methods: the editor's list searches (they call Wink through execution);
// execution: the run (execute, items, paging, concurrency, requests of a table row);
// editor: description pieces, no calls (the run reads their names and defaults, so it sits above);
// table: the row types and pure facts about rows; spec: the body schemas;
// transport: the HTTP request, errors, pauses; versions: which version brought what.
const ROOMS = ['methods', 'execution', 'editor', 'table', 'spec', 'transport', 'versions'];
const shared = join(root, 'nodes', 'shared');

/** The room of a file under nodes/shared: its first folder, or versions for versions.ts. */
const roomOf = (file: string) => relative(shared, file).split(sep)[0].replace(/\.ts$/, '');

/** Imports of shared files that break the rule `allowed(fromRoom, toFile)`, as 'from -> to'. */
function wrongImports(files: string[], allowed: (from: string, to: string) => boolean): string[] {
	return files
		.filter((f) => f.startsWith(shared + sep) && f.endsWith('.ts'))
		.flatMap((f) =>
			importsOf(f)
				.filter((to) => !allowed(roomOf(f), to))
				.map((to) => `${relative(root, f)} -> ${relative(root, to)}`),
		);
}

describe('arrows point down', () => {
	const files = sourceFiles(join(root, 'nodes'));
	const inShared = (to: string) => to.startsWith(shared + sep);

	test('no file of nodes/shared imports from a node folder', () => {
		expect(
			wrongImports(files, (_, to) => inShared(to) || !to.startsWith(join(root, 'nodes') + sep)),
		).toEqual([]);
	});

	test('every file of nodes/shared is in a room of the order', () => {
		const unknown = files.filter(
			(f) => f.startsWith(shared + sep) && f.endsWith('.ts') && !ROOMS.includes(roomOf(f)),
		);
		expect(unknown.map((f) => relative(root, f))).toEqual([]);
	});

	test(`rooms of nodes/shared import only the rooms below them: ${ROOMS.join(' > ')}`, () => {
		const below = (from: string, to: string) =>
			!inShared(to) || roomOf(to) === from || ROOMS.indexOf(roomOf(to)) > ROOMS.indexOf(from);
		expect(wrongImports(files, below)).toEqual([]);
	});

	test('the rule sees a wrong arrow', () => {
		const editor = join(shared, 'editor', 'description.ts');
		expect(
			wrongImports([editor], (from, to) => !(inShared(to) && roomOf(to) === 'table')),
		).toContain(
			`${join('nodes', 'shared', 'editor', 'description.ts')} -> ${join('nodes', 'shared', 'table', 'rows.ts')}`,
		);
	});
});

describe('node versions', () => {
	// Issue 28: what a version brought is named once (nodes/shared/versions.ts); a version 3 is one edit.
	test('no file of nodes/ compares typeVersion with a number: it asks hasFeature', () => {
		const literals = sourceFiles(join(root, 'nodes'))
			.filter((f) => !f.endsWith(join('shared', 'versions.ts')))
			.filter((f) =>
				/typeVersion\s*[<>=!]=?\s*\d|'@version':\s*\[\s*\d/.test(readFileSync(f, 'utf8')),
			)
			.map((f) => relative(root, f));
		expect(literals).toEqual([]);
	});
});
