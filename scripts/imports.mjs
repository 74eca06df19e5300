#!/usr/bin/env node
// Dev-time only: the import picture of nodes/, room to room. A room is a folder of nodes/shared
// (shared/versions.ts counts as one), "node folders" all of nodes/Wink*, "credentials" the
// credential files. Prints one line per pair that has imports (count of import statements), and
// marks UP an import from shared into a node folder or into a room above (ROOMS, top first: the
// order test/package/import-cycles.test.ts checks).
//
// usage: node scripts/imports.mjs [--files] [--root DIR]
//   --files: list the import statements of each pair; --root: another checkout (e.g. main's)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOMS = ['methods', 'execution', 'editor', 'table', 'spec', 'transport', 'versions'];
const at = process.argv.indexOf('--root');
const root =
	at > 0 ? resolve(process.argv[at + 1]) : join(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

function importsOf(file) {
	const text = readFileSync(file, 'utf8');
	return [
		...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.[^'"]+)['"]/g),
	].map((m) => {
		const base = resolve(dirname(file), m[1]);
		return (
			[`${base}.ts`, join(base, 'index.ts'), base].find(
				(p) => existsSync(p) && statSync(p).isFile(),
			) ?? base
		);
	});
}

function roomOf(file) {
	const parts = relative(root, file).split(sep);
	if (parts[0] === 'credentials') return 'credentials';
	if (parts[0] !== 'nodes') return parts[0];
	if (parts[1] === 'shared')
		return parts.length === 3 ? `shared/${parts[2].replace(/\.ts$/, '')}` : `shared/${parts[2]}`;
	return 'node folders';
}

const pairs = new Map();
for (const file of [
	...sourceFiles(join(root, 'nodes')),
	...sourceFiles(join(root, 'credentials')),
]) {
	for (const target of importsOf(file)) {
		const from = roomOf(file);
		const to = roomOf(target);
		if (from === to && from !== 'node folders') continue;
		// Between node folders: only imports from one node folder into another.
		if (from === to && relative(root, file).split(sep)[1] === relative(root, target).split(sep)[1])
			continue;
		const key = `${from} -> ${to}`;
		const list = pairs.get(key) ?? [];
		list.push(`${relative(root, file)} -> ${relative(root, target)}`);
		pairs.set(key, list);
	}
}

const showFiles = process.argv.includes('--files');
for (const key of [...pairs.keys()].sort()) {
	const [from, to] = key
		.split(' -> ')
		.map((r) => (r.startsWith('shared/') ? ROOMS.indexOf(r.slice(7)) : r));
	const up =
		typeof from === 'number' && (to === 'node folders' || (typeof to === 'number' && to < from))
			? '   UP'
			: '';
	console.log(`${key}: ${pairs.get(key).length}${up}`);
	if (showFiles) for (const line of pairs.get(key)) console.log(`    ${line}`);
}
