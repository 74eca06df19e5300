import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodePropertyCollection,
	type INodeTypeDescription,
} from 'n8n-workflow';
import type { WinkOperation, WinkValue } from './types';
import { concurrencyOption, concurrencyOptionV2, runsInParallel } from '../execution/concurrency';
import { CREDENTIAL_TYPE } from '../transport/request';
import { allowAsAiTool } from '../execution/aiTool';
import { NODE_VERSIONS, shownBefore, shownWith } from '../versions';

export const MANAGING_ENTITY_PATH_PARAM = 'managingEntityIdentifier';

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

const optionsCollection: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description:
				'How long to wait for each Wink answer. Wink staging can take about a minute to wake up.',
		},
	],
};


// Same name, other operations or versions: n8n shows the one whose displayOptions match.
const parallelOptions: INodeProperties[] = [
	{ ...optionsCollection, options: [concurrencyOption, ...optionsCollection.options!], displayOptions: { show: shownBefore('autoConcurrency') } },
	{ ...optionsCollection, options: [concurrencyOptionV2, ...optionsCollection.options!], displayOptions: { show: shownWith('autoConcurrency') } },
];

function showFor(values: string[], extra?: INodeProperties['displayOptions']) {
	return { ...extra, show: { ...extra?.show, operation: values } };
}

/** Adds a property, or widens an identical one already shown for other operations. */
function addShared(props: INodeProperties[], prop: INodeProperties, opValue: string) {
	const { displayOptions, ...rest } = prop;
	const same = props.find((p) => {
		const { displayOptions: d, ...r } = p;
		const sameExtra = JSON.stringify({ ...d?.show, operation: 0 }) === JSON.stringify({ ...displayOptions?.show, operation: 0 });
		return p.name === prop.name && sameExtra && JSON.stringify(r) === JSON.stringify(rest);
	});
	if (same) {
		(same.displayOptions!.show!.operation as string[]).push(opValue);
		return;
	}
	props.push({ ...rest, displayOptions: showFor([opValue], displayOptions) });
}

/** The n8n parameter of a table value: without where it goes in the request, at every depth. */
export function nodeProperty(value: WinkValue & { in?: string }): INodeProperties {
	const prop: Partial<WinkValue & { in?: string }> = { ...value };
	delete prop.in;
	delete prop.key;
	delete prop.sendEmpty;
	const nested = (list: unknown[]) =>
		list.map((o) => {
			const option = o as INodePropertyCollection & WinkValue;
			if (Array.isArray(option.values)) return { ...option, values: option.values.map(nodeProperty) };
			return 'type' in option ? nodeProperty(option) : option;
		});
	if (Array.isArray(prop.options)) return { ...prop, options: nested(prop.options) } as INodeProperties;
	return prop as INodeProperties;
}

/** The n8n properties of a resource node, generated from its operation table. */
export function operationProperties(operations: WinkOperation[], group = 'Wink'): INodeProperties[] {
	// The table's first row; a named value, so n8n's lint rule sees the default is set.
	const defaultOperation = operations[0].value;
	const props: INodeProperties[] = [
		resourceParameter(group),
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [RESOURCE] } },
			options: [...operations]
				.sort((a, b) => a.name.localeCompare(b.name))
				.map((op) => ({
					name: op.name,
					value: op.value,
					action: op.action,
					description: op.description,
				})),
			default: defaultOperation,
		},
	];
	// Field order in the editor: what to act on, the operation's fields, paging, then options.
	for (const op of operations) {
		if (op.path.includes(`{${MANAGING_ENTITY_PATH_PARAM}}`)) {
			addShared(props, managingEntityLocator, op.value);
		}
		if (op.movesMoney) addShared(props, moneyNotice, op.value);
		if (op.movesMoney || op.aiToolOptIn) addShared(props, allowAsAiTool, op.value);
		for (const field of op.fields ?? []) {
			addShared(props, nodeProperty(field), op.value);
		}
		for (const prop of op.hook?.properties ?? []) addShared(props, prop, op.value);
	}
	for (const op of operations.filter((o) => o.paging)) {
		addShared(props, returnAll, op.value);
		addShared(props, limit, op.value);
	}
	for (const op of operations.filter((o) => o.simplify)) addShared(props, simplify, op.value);
	for (const op of operations) for (const options of optionsFor(op)) addShared(props, options, op.value);
	return props;
}

// n8n's own wording for Simplify (e.g. its Notion and Airtable nodes); the Settlement Trigger's too.
export const simplify: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
	displayOptions: { show: shownWith('simplify') },
};

// A newest-first list can be read incrementally: the walk stops at the first older row.
const sinceOptions: INodeProperties[] = [
	{
		displayName: 'Since',
		name: 'since',
		type: 'dateTime',
		default: '',
		description:
			'Return only entries created after this time. Entries come newest first, so paging stops at the first older one.',
	},
	{
		displayName: 'Since Entry ID',
		name: 'sinceEntryId',
		type: 'string',
		default: '',
		placeholder: 'e.g. the newest ID the previous run saw',
		description:
			'Return only entries newer than this one; paging stops when it is reached. An ID that is not in the list is an error.',
	},
];

// ?page=&size= lists: the spec gives a default size but no maximum, so the user may ask for more
// per request (fewer round trips); a size Wink caps silently still reads every entry.
function pageSizeOption(pageSize: number): INodeProperties {
	return {
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: pageSize,
		description:
			'Entries asked for per request while paging. Wink publishes no maximum: a larger size needs fewer requests (faster over a slow connection), and a size Wink caps still returns every entry.',
	};
}

function optionsFor(op: WinkOperation): INodeProperties[] {
	const bases = runsInParallel(op) ? parallelOptions : [optionsCollection];
	if (op.paging?.kind !== 'page') return bases;
	const paged = [...(op.paging.newestFirst ? sinceOptions : []), pageSizeOption(op.paging.pageSize)];
	return bases.map((base) => ({ ...base, options: [...paged, ...base.options!] }));
}

/**
 * n8n describes a node used as an AI tool by its operation's `action` ("Get a withdrawal in Wink
 * Settlement") only when the node has a `resource` parameter and the operation parameter is shown
 * for it (makeDescription in n8n-workflow, 1.x and 2.x); otherwise every tool of a node gets the
 * node's description. A hidden parameter with one value gives it that, and nothing else changes.
 * Its one option matters: with a `resource` parameter, n8n's nodes panel lists a node's actions
 * only from that parameter's options (useActionsGeneration's resourceCategories, 1.123 and 2.41),
 * under "<option name> Actions"; without options the panel listed none.
 */
const RESOURCE = 'wink';
function resourceParameter(group: string): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'hidden',
		noDataExpression: true,
		options: [{ name: group, value: RESOURCE }],
		default: RESOURCE,
	};
}

const moneyNotice: INodeProperties = {
	displayName:
		'This operation moves money. It is sent once and never retried automatically; the node refuses to run while its "Retry On Fail" setting is on.',
	name: 'movesMoneyNotice',
	type: 'notice',
	default: '',
};

const returnAll: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

const limit: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/**
 * The editor's subtitle: the chosen operation's name, not its value. n8n evaluates it as an
 * expression over the node's parameters, so the names travel inside it as a lookup object.
 * Node files set it themselves: n8n's lint wants `subtitle` written in the node's description.
 */
export function operationSubtitle(operations: WinkOperation[]): string {
	const names = Object.fromEntries(operations.map((op) => [op.value, op.name]));
	return `={{ (${JSON.stringify(names)})[$parameter["operation"]] }}`;
}

/**
 * One output, or (from version 2, for a row with a second output) two named ones. n8n evaluates
 * an expression here over the node's parameters, as its Switch and Merge nodes do.
 */
function nodeOutputs(operations: WinkOperation[]): INodeTypeDescription['outputs'] {
	const two = operations.filter((o) => o.secondOutput);
	const some = operations.filter((o) => o.outputs);
	if (!two.length && !some.length) return [NodeConnectionTypes.Main];
	const main = (names: string[]) => names.map((displayName) => ({ type: NodeConnectionTypes.Main, displayName }));
	const named = Object.fromEntries(two.map((o) => [o.value, main([o.secondOutput!.first, o.secondOutput!.second])]));
	// A row's own outputs while its condition holds (any version); else the version 2 pair.
	const own = some.map(
		(o) => `($parameter["operation"] === ${JSON.stringify(o.value)} && (${o.outputs!.when}) && ${JSON.stringify(main(o.outputs!.names))})`,
	);
	return `={{ ${[...own, `($nodeVersion >= 2 && (${JSON.stringify(named)})[$parameter["operation"]])`].join(' || ')} || ["main"] }}`;
}

/**
 * What every Wink resource node's description shares; the node file adds its names and icon.
 * `group` names the nodes panel's list of the node's actions ("Settlement Actions").
 */
export function winkNodeBase(operations: WinkOperation[], group?: string) {
	return {
		group: ['transform'],
		version: NODE_VERSIONS,
		defaultVersion: NODE_VERSIONS[NODE_VERSIONS.length - 1],
		inputs: [NodeConnectionTypes.Main],
		outputs: nodeOutputs(operations),
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: operationProperties(operations, group),
	} satisfies Partial<INodeTypeDescription>;
}
