import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Workflow, type INodeType, type INodeTypes, type INodePropertyOptions } from 'n8n-workflow';

// Every node the package registers (package.json "n8n"), loaded from its source file.
const root = join(__dirname, '..');
const registered = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).n8n.nodes as string[]).map(
	(built) => {
		// The class is named like its file: dist/nodes/X/X.node.js exports X.
		const source = join(root, built.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const Class = (require(source) as Record<string, new () => INodeType>)[basename(built).split('.')[0]];
		return new Class();
	},
);

describe("the node subtitle, resolved by n8n's expression engine as the editor does", () => {
	test.each(registered.map((node) => [node.description.name, node] as const))('%s shows the operation name', (_, node) => {
		const { subtitle, properties } = node.description;
		const operation = properties.find((p) => p.name === 'operation')!;
		for (const option of operation.options as INodePropertyOptions[]) {
			const wfNode = {
				id: 'n1',
				name: 'Wink',
				type: `test.${node.description.name}`,
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: { operation: option.value },
			};
			const nodeTypes = { getByName: () => node, getByNameAndVersion: () => node, getKnownTypes: () => ({}) } as INodeTypes;
			const workflow = new Workflow({ nodes: [wfNode], connections: {}, active: false, nodeTypes });
			// The editor's call: no execution data, no additional keys.
			const shown = workflow.expression.getSimpleParameterValue(wfNode, subtitle, 'internal', {});
			expect([option.value, shown]).toEqual([option.value, option.name]);
		}
	});
});
