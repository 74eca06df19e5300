import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeType } from 'n8n-workflow';
import { pkg, root, sourceClass } from './harness/registered';

// The examples are the first thing a user runs: their Wink nodes are the versions a node added now
// gets (n8n's defaultVersion), so they show the newest outputs.
const newest = new Map(
	(pkg.n8n.nodes as string[]).map((built) => {
		const { description } = new (sourceClass<INodeType>(built))();
		const versions = [description.version].flat();
		return [
			`n8n-nodes-wink.${description.name}`,
			description.defaultVersion ?? Math.max(...versions),
		];
	}),
);

const files = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.json'));
test.each(files)('examples/%s: every Wink node is at its newest version', (file) => {
	const { nodes } = JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as {
		nodes: Array<{ name: string; type: string; typeVersion: number }>;
	};
	const older = nodes
		.filter((n) => n.type.startsWith('n8n-nodes-wink.'))
		.map((n) => ({
			name: n.name,
			typeVersion: n.typeVersion,
			newest: newest.get(n.type.replace(/Tool$/, '')),
		}))
		.filter((n) => n.typeVersion !== n.newest);
	expect(older).toEqual([]);
});
