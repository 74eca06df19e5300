import type { WinkOperation } from '../../nodes/shared/table/types';
import { registeredNodes } from './registered';

// The README's operation tables, rendered from the operation tables (nodes/<Node>/operations.ts):
// one per node, between `<!-- operations:<node name>:start -->` and `…:end -->`.
// test/operations-doc.test.ts fails when the README differs; `npm run docs:operations` rewrites it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scopes = require('../../sandbox/scopes') as Record<
	string,
	{ scope: string; inferred: boolean }
>;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** The request as a reader scans it: the managing entity's own prefix shortened to `…`. */
function request(row: WinkOperation): string {
	return `\`${row.method} ${row.path.replace('/api/managing-entity/{managingEntityIdentifier}', '…')}\``;
}

export function renderOperationTable(operations: WinkOperation[]): string {
	const rows = operations.map((row) => {
		const source = scopes[row.operationId]?.inferred === false ? 'spec' : 'inferred';
		const money =
			row.movesMoney && !/moves money/i.test(row.description)
				? ' Moves money: sent once, never retried.'
				: '';
		const what = `${row.description}${money}`;
		return `| ${cell(row.name)} | \`${row.scope}\` | ${source} | ${request(row)} | ${cell(what)} |`;
	});
	return [
		'| Operation | Scope | Source | Wink request | What it does |',
		'| --- | --- | --- | --- | --- |',
		...rows,
	].join('\n');
}

/** Each node with an operation table: its n8n name (the marker) and its rendered table. */
export function operationTables(): Array<{ name: string; displayName: string; table: string }> {
	return registeredNodes().map(({ node, operations }) => ({
		name: node.description.name,
		displayName: node.description.displayName,
		table: renderOperationTable(operations),
	}));
}

export const markers = (name: string) => ({
	start: `<!-- operations:${name}:start -->`,
	end: `<!-- operations:${name}:end -->`,
});

/** The README with every node's block replaced by its rendered table; `missing` names nodes without markers. */
export function renderIntoReadme(readme: string): { text: string; missing: string[] } {
	const missing: string[] = [];
	let text = readme;
	for (const { name, table } of operationTables()) {
		const { start, end } = markers(name);
		const from = text.indexOf(start);
		const to = text.indexOf(end);
		if (from < 0 || to < from) {
			missing.push(name);
			continue;
		}
		text = `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`;
	}
	return { text, missing };
}
