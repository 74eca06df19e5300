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
		for (const i of icons)
			files.add(posix.join(posix.dirname(built), String(i).replace(/^file:/, '')));
	}
	return [...files].sort();
}

afterAll(() => {
	for (const dir of clones) rmSync(dir, { recursive: true, force: true });
});

test('npm publish runs the prepack checks: maintainer fields, provenance, and refuses a clone it cannot build', () => {
	const dir = freshClone(false);
	// The maintainer's fields first: today they are missing or placeholders.
	let r = npm(dir, 'publish', '--dry-run', '--offline');
	expect(r.status).not.toBe(0);
	expect(r.out).toMatch(
		/Not publishing: set these in package.json first[\s\S]*repository\.url[\s\S]*author\.email/,
	);

	// With them set, a publish without npm provenance (not from the release workflow) is refused.
	npm(
		dir,
		'pkg',
		'set',
		'repository.url=https://example.test/wink.git',
		'homepage=https://example.test',
		'author.email=dev@example.test',
	);
	r = npm(dir, 'publish', '--dry-run', '--offline');
	expect(r.status).not.toBe(0);
	expect(r.out).toMatch(/Not publishing without npm provenance/);
	expect(r.out).not.toMatch(/> n8n-nodes-wink@[\d.]+ build/);

	// With provenance, the build runs and fails without the dev dependencies: nothing is packed.
	r = npm(dir, 'publish', '--dry-run', '--offline', '--provenance');
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
	expect({ status: r.status, output: r.status ? r.out.slice(-3000) : '' }).toEqual({
		status: 0,
		output: '',
	});
	const tarball = join(dir, 'n8n-nodes-wink-0.1.0.tgz');
	const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
		.split('\n')
		.filter(Boolean)
		.map((f) => f.replace(/^package\//, ''));

	const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
	expect(pkg.n8n.nodes.length).toBeGreaterThan(0);
	for (const file of expectedFiles(pkg))
		expect([file, listed.includes(file)]).toEqual([file, true]);
	expect(listed.filter((f) => f.includes('Old'))).toEqual([]);
	if (pkg.main) expect(listed).toContain(pkg.main);
});

/** The shell commands of a workflow's `run:` steps (one line, or a `|` block). */
function runSteps(yaml: string): string[] {
	const lines = yaml.split('\n');
	const steps: string[] = [];
	lines.forEach((line, i) => {
		const m = /^(\s*)(?:- )?run:\s*(.*)$/.exec(line);
		if (!m) return;
		if (!/^[|>]/.test(m[2])) return void steps.push(m[2]);
		const indent = m[1].length;
		for (
			let j = i + 1;
			j < lines.length && (lines[j].trim() === '' || lines[j].search(/\S/) > indent);
			j++
		) {
			if (lines[j].trim()) steps.push(lines[j].trim());
		}
	});
	return steps;
}

test('the release workflow publishes with provenance after build, lint, scan and tests, through scripts that exist', () => {
	const yaml = readFileSync(join(root, '.github/workflows/release.yml'), 'utf8');
	const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts);
	const commands = runSteps(yaml).flatMap((step) => step.split(/&&|;/).map((c) => c.trim()));
	const npmScripts = commands.flatMap((c) => {
		const m = /^npm (?:run(?:-script)? ([\w:.-]+)|(test|start)\b)/.exec(c);
		return m ? [m[1] ?? m[2]] : [];
	});
	expect(npmScripts.filter((s) => !scripts.includes(s))).toEqual([]);
	// The checks come before the publish, which carries provenance.
	const publish = commands.findIndex((c) => /^npm publish\b/.test(c));
	expect(commands[publish]).toMatch(/--provenance/);
	expect(commands[publish]).toMatch(/--access public/);
	for (const check of ['build', 'lint', 'scan', 'test', 'test:publish']) {
		const at = commands.findIndex(
			(c) => c === `npm run ${check}` || (check === 'test' && c === 'npm test'),
		);
		expect([check, at >= 0 && at < publish]).toEqual([check, true]);
	}
	expect(yaml).toMatch(/^\s+id-token: write$/m);
	expect(yaml).toMatch(/^\s+tags:\n\s+- 'v\*\.\*\.\*'$/m);
});
