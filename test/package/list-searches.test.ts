import type { INodeType } from 'n8n-workflow';
import { filterOptions } from '../../nodes/shared/methods/listSearch';
import { pkg, sourceClass } from '../harness/registered';

// Issue 28: a node registers the list searches its properties name, and only those. Saved
// workflows name a search in a locator's searchListMethod, so a named one must stay registered.

/** Every searchListMethod in a node's properties, at any depth (locator modes, collections). */
function searchesNamed(value: unknown, found = new Set<string>()): Set<string> {
	if (Array.isArray(value)) value.forEach((v) => searchesNamed(v, found));
	else if (value && typeof value === 'object') {
		for (const [key, inner] of Object.entries(value)) {
			if (key === 'searchListMethod' && typeof inner === 'string') found.add(inner);
			else searchesNamed(inner, found);
		}
	}
	return found;
}

describe('list searches', () => {
	const nodes = (pkg.n8n.nodes as string[]).map((built) => new (sourceClass<INodeType>(built))());

	test.each(nodes.map((node) => [node.description.name, node] as const))(
		'%s registers exactly the searches its properties name',
		(_, node) => {
			const named = [...searchesNamed(node.description.properties)].sort();
			expect(named.length).toBeGreaterThan(0);
			expect(Object.keys(node.methods?.listSearch ?? {}).sort()).toEqual(named);
		},
	);

	test('one filter: trimmed, any case, in name and value unless the option says what to look in', () => {
		const options = [
			{ name: 'Grand Azure (hotel)', value: 'me-1' },
			{ name: 'Harbour Inn', value: 'me-2', text: 'Harbour Inn HARB-77' },
		];
		expect(filterOptions(options).results).toEqual([
			{ name: 'Grand Azure (hotel)', value: 'me-1' },
			{ name: 'Harbour Inn', value: 'me-2' },
		]);
		expect(filterOptions(options, '  AZURE ').results.map((r) => r.value)).toEqual(['me-1']);
		expect(filterOptions(options, 'ME-1').results.map((r) => r.value)).toEqual(['me-1']);
		expect(filterOptions(options, 'harb-77').results.map((r) => r.value)).toEqual(['me-2']);
		expect(filterOptions(options, 'me-2').results).toEqual([]);
	});
});
