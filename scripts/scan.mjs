#!/usr/bin/env node
// n8n's community-package scanner (@n8n/scan-community-package), run locally: the same ESLint
// rules, with inline eslint-disable comments ignored, on the source (nodes/, credentials/,
// package.json) and on the packed tarball (its .js and package.json). The scanner's own CLI
// downloads a published version and checks npm provenance; that part only applies once published.
//
// usage: node scripts/scan.mjs [--source] [--tarball path/to/package.tgz]
// With no option it scans the source and a tarball packed from the current build (npm pack).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const only = args.includes('--source') ? 'source' : args.includes('--tarball') ? 'tarball' : 'both';
const tarballArg = args.includes('--tarball') ? args[args.indexOf('--tarball') + 1] : undefined;

function report(label, result) {
	console.log(
		`${result.passed ? 'passed' : 'FAILED'}: n8n scanner on the ${label}${result.message ? ` (${result.message})` : ''}`,
	);
	if (result.details) console.log(result.details);
	return result.passed;
}

let ok = true;
if (only !== 'tarball')
	ok = report('source', await analyzePackage(root, SOURCE_FILE_PATTERNS)) && ok;
if (only !== 'source') {
	const dir = mkdtempSync(join(tmpdir(), 'wink-scan-'));
	try {
		let tarball = tarballArg && resolve(tarballArg);
		if (!tarball) {
			const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
				cwd: root,
				encoding: 'utf8',
			});
			tarball = join(dir, JSON.parse(out)[0].filename);
		}
		const unpacked = join(dir, 'package');
		execFileSync('tar', ['-xzf', tarball, '-C', dir]);
		// The scanner's tarball leg: compiled JavaScript and the published package.json.
		ok =
			report(`tarball ${tarball}`, await analyzePackage(unpacked, ['**/*.js', 'package.json'])) &&
			ok;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
process.exitCode = ok ? 0 : 1;
