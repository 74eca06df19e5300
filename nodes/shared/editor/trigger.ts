import { NodeConnectionTypes, type INodeTypeDescription } from 'n8n-workflow';
import { CREDENTIAL_TYPE } from '../transport/request';

/** What the Wink trigger nodes' descriptions share; the node file adds its names, icon and properties. */
export const winkTriggerBase = {
	group: ['trigger'],
	version: 1,
	inputs: [],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: CREDENTIAL_TYPE, required: true }],
} satisfies Partial<INodeTypeDescription>;
