import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type { Icon } from 'n8n-workflow';
import { root, sourceClass } from '../harness/registered';

// Publishing from a fresh clone of HEAD (`npm run test:publish`; slow: it builds, lints and
// packs). .npmrc sets ignore-scripts, so these prove the package's own guards, not npm's defaults.
const clones: string[] = [];

function freshClone(withDependencies: boolean): string {
	const dir = mkdtempSync(join(tmpdir(), 'wink-clone-'));
	clones.push(dir);
	execFileSync('git', ['clone', '--quiet', root, dir]);
	if (withDependencies) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
	return dir;
}

/** npm as a user's shell runs it: none of the npm_* variables of the `npm test` around us. */
function npm(cwd: string, ...args: string[]) {
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
	const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
	return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

/** What the packed package must hold: every registered file, its codex and the icons it names. */
function expectedFiles(pkg: { n8n: { credentials: string[]; nodes: string[] } }): string[] {
	const files = new Set<string>(['package.json']);
	for (const built of [...pkg.n8n.credentials, ...pkg.n8n.nodes]) {
		files.add(built);
		if (built.endsWith('.node.js')) files.add(built.replace(/\.js$/, '.json'));
		const instance = new (sourceClass<{ icon?: Icon; description?: { icon?: Icon } }>(built))();
		const icon = instance.description?.icon ?? instance.icon;
		const icons = typeof icon === 'string' ? [icon] : Object.values(icon ?? {});
		for (const i of icons) files.add(posix.join(posix.dirname(built), String(i).replace(/^file:/, '')));
	}
	return [...files].sort();
}

afterAll(() => {
	for (const dir of clones) rmSync(dir, { recursive: true, force: true });
});

test('npm publish runs the prepack checks and refuses a clone it cannot build', () => {
	const dir = freshClone(false);
	// The maintainer's fields first: today they are missing or placeholders.
	let r = npm(dir, 'publish', '--dry-run', '--offline');
	expect(r.status).not.toBe(0);
	expect(r.out).toMatch(/Not publishing: set these in package.json first[\s\S]*repository\.url[\s\S]*author\.email/);

	// With them set, the build runs and fails without the dev dependencies: nothing is packed.
	npm(dir, 'pkg', 'set', 'repository.url=https://example.test/wink.git', 'homepage=https://example.test', 'author.email=dev@example.test');
	r = npm(dir, 'publish', '--dry-run', '--offline');
	expect(r.status).not.toBe(0);
	expect(r.out).toMatch(/> n8n-nodes-wink@[\d.]+ build\n[\s\S]*npm error command failed/);
	expect(r.out).not.toMatch(/Tarball Contents/);
});

test('npm run package builds from scratch and packs every registered node, the credential, codex and icons', () => {
	const dir = freshClone(true);
	// Left over from an older build: a clean build drops it.
	mkdirSync(join(dir, 'dist/nodes/Old'), { recursive: true });
	writeFileSync(join(dir, 'dist/nodes/Old/Old.node.js'), 'stale');

	const r = npm(dir, 'run', 'package');
	expect({ status: r.status, output: r.status ? r.out.slice(-3000) : '' }).toEqual({ status: 0, output: '' });
	const tarball = join(dir, 'n8n-nodes-wink-0.1.0.tgz');
	const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
		.split('\n')
		.filter(Boolean)
		.map((f) => f.replace(/^package\//, ''));

	const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
	expect(pkg.n8n.nodes.length).toBeGreaterThan(0);
	for (const file of expectedFiles(pkg)) expect([file, listed.includes(file)]).toEqual([file, true]);
	expect(listed.filter((f) => f.includes('Old'))).toEqual([]);
	if (pkg.main) expect(listed).toContain(pkg.main);
});
