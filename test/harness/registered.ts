import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { INodeType } from 'n8n-workflow';
import type { WinkOperation } from '../../nodes/shared/table/types';

// What package.json registers with n8n, loaded from source: tests grow with every new node.
export const root = join(__dirname, '..', '..');
export const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The class of a registered file: dist/nodes/X/X.node.js is class X in nodes/X/X.node.ts. */
export function sourceClass<T>(built: string): new () => T {
	const source = join(root, built.replace(/^dist\//, '').replace(/\.js$/, ''));
	return (require(source) as Record<string, new () => T>)[basename(built).split('.')[0]];
}

/** Every registered node with an operation table (nodes/X/operations.ts); the triggers have none. */
export function registeredNodes(): Array<{ node: INodeType; operations: WinkOperation[] }> {
	const folder = (built: string) => join(root, dirname(built.replace(/^dist\//, '')));
	return (pkg.n8n.nodes as string[])
		.filter((built) => existsSync(join(folder(built), 'operations.ts')))
		.map((built) => {
			const tables = Object.values(require(join(folder(built), 'operations')));
			const operations = tables.find(
				(t) => Array.isArray(t) && t[0]?.operationId,
			) as WinkOperation[];
			return { node: new (sourceClass<INodeType>(built))(), operations };
		});
}
