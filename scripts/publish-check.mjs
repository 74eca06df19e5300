#!/usr/bin/env node
// Part of prepack. On `npm publish` only: refuses while package.json still lacks what only the
// maintainer can know (the public repository, its homepage, a real author e-mail), and without
// npm provenance (`--provenance`, as .github/workflows/release.yml passes it): n8n verifies only
// packages published from a GitHub Action with provenance. Packing a local tarball
// (`npm run package`) goes on without them.
import { readFileSync } from 'node:fs';

if (process.env.npm_command === 'publish') {
	const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
	const missing = [];
	if (!pkg.repository?.url)
		missing.push('repository.url (the public Git repository, needed for npm provenance)');
	if (!pkg.homepage) missing.push('homepage');
	if (!pkg.author?.email || pkg.author.email.endsWith('.invalid'))
		missing.push('author.email (a placeholder today)');
	if (missing.length) {
		console.error(
			`Not publishing: set these in package.json first (see docs/publishing.md):\n  ${missing.join('\n  ')}`,
		);
		process.exit(1);
	}
	if (process.env.npm_config_provenance !== 'true') {
		console.error(
			'Not publishing without npm provenance: n8n verifies only packages published from a GitHub Action with it.\n' +
				'  Push a version tag (v<version>): .github/workflows/release.yml runs `npm publish --provenance` (see docs/publishing.md).',
		);
		process.exit(1);
	}
}
