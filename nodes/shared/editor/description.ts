import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodePropertyCollection,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { MANAGING_ENTITY_PATH_PARAM } from '../table/rows';
import type { WinkOperation, WinkValue } from '../table/types';
import { CREDENTIAL_TYPE } from '../transport/request';
import { NODE_VERSIONS } from '../versions';
import { optionsFor } from './options';
import {
	allowAsAiTool,
	limit,
	managingEntityLocator,
	moneyNotice,
	returnAll,
	simplify,
} from './properties';

function showFor(values: string[], extra?: INodeProperties['displayOptions']) {
	return { ...extra, show: { ...extra?.show, operation: values } };
}

/** Adds a property, or widens an identical one already shown for other operations. */
function addShared(props: INodeProperties[], prop: INodeProperties, opValue: string) {
	const { displayOptions, ...rest } = prop;
	const same = props.find((p) => {
		const { displayOptions: d, ...r } = p;
		const sameExtra =
			JSON.stringify({ ...d?.show, operation: 0 }) ===
			JSON.stringify({ ...displayOptions?.show, operation: 0 });
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
			if (Array.isArray(option.values))
				return { ...option, values: option.values.map(nodeProperty) };
			return 'type' in option ? nodeProperty(option) : option;
		});
	if (Array.isArray(prop.options))
		return { ...prop, options: nested(prop.options) } as INodeProperties;
	return prop as INodeProperties;
}

/** The n8n properties of a resource node, generated from its operation table. */
export function operationProperties(
	operations: WinkOperation[],
	group = 'Wink',
): INodeProperties[] {
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
	for (const op of operations)
		for (const options of optionsFor(op)) addShared(props, options, op.value);
	return props;
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
	const main = (names: string[]) =>
		names.map((displayName) => ({ type: NodeConnectionTypes.Main, displayName }));
	const named = Object.fromEntries(
		two.map((o) => [o.value, main([o.secondOutput!.first, o.secondOutput!.second])]),
	);
	// A row's own outputs while its condition holds (any version); else the version 2 pair.
	const own = some.map(
		(o) =>
			`($parameter["operation"] === ${JSON.stringify(o.value)} && (${o.outputs!.when}) && ${JSON.stringify(main(o.outputs!.names))})`,
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
