import { Workflow, type INodeTypes, type INodePropertyOptions } from 'n8n-workflow';
import { registeredNodes } from './harness/registered';

const registered = registeredNodes().map(({ node }) => node);

describe("the node subtitle, resolved by n8n's expression engine as the editor does", () => {
	test.each(registered.map((node) => [node.description.name, node] as const))(
		'%s shows the operation name',
		(_, node) => {
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
				const nodeTypes = {
					getByName: () => node,
					getByNameAndVersion: () => node,
					getKnownTypes: () => ({}),
				} as INodeTypes;
				const workflow = new Workflow({
					nodes: [wfNode],
					connections: {},
					active: false,
					nodeTypes,
				});
				// The editor's call: no execution data, no additional keys.
				const shown = workflow.expression.getSimpleParameterValue(wfNode, subtitle, 'internal', {});
				expect([option.value, shown]).toEqual([option.value, option.name]);
			}
		},
	);
});
