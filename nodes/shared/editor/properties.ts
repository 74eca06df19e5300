import type { INodeProperties } from 'n8n-workflow';
import { shownWith } from '../versions';

// Parameters several nodes show. The runtime reads them by these names.

export const managingEntityLocator: INodeProperties = {
	displayName: 'Managing Entity',
	name: 'managingEntity',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		"The managing entity to act on. Leave empty to use the credential's Default Managing Entity ID.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchManagingEntities', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. me-2f9c0b1a',
		},
	],
};

// n8n's own wording for Simplify (e.g. its Notion and Airtable nodes); the Settlement Trigger's too.
export const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
	displayOptions: { show: shownWith('simplify') },
};

export const ALLOW_AS_AI_TOOL = 'allowAsAiTool';

/** The switch a person turns on before a model may run an operation that moves money. */
export const allowAsAiTool: INodeProperties = {
	displayName: 'Allow When Used as AI Tool',
	name: ALLOW_AS_AI_TOOL,
	type: 'boolean',
	default: false,
	description:
		'Whether an AI agent or MCP client may run this operation. Off: the tool sends nothing and tells the model that a person must run it. On: the checks below still apply.',
	// '@tool': shown only on the node's tool variant (n8n's own HTTP Request tool does the same).
	displayOptions: { show: { '@tool': [true] } },
};

export const moneyNotice: INodeProperties = {
	displayName:
		'This operation moves money. It is sent once and never retried automatically; the node refuses to run while its "Retry On Fail" setting is on.',
	name: 'movesMoneyNotice',
	type: 'notice',
	default: '',
};

export const returnAll: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limit: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** An Options collection (n8n's "Add option") holding `options`. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}
