import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	InstanceSettings,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import {
	NodeConnectionTypes,
	Workflow,
	createEmptyRunExecutionData,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeParameters,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WinkOAuth2Api } from '../../credentials/WinkOAuth2Api.credentials';
import { WinkSettlement } from '../../nodes/WinkSettlement/WinkSettlement.node';
import { WinkBooking } from '../../nodes/WinkBooking/WinkBooking.node';
import { WinkCustomization } from '../../nodes/WinkCustomization/WinkCustomization.node';
import { WinkManager } from '../../nodes/WinkManager/WinkManager.node';
import { WinkTravelAgent } from '../../nodes/WinkTravelAgent/WinkTravelAgent.node';
import { WinkApplication } from '../../nodes/WinkApplication/WinkApplication.node';
import { WinkManagingEntity } from '../../nodes/WinkManagingEntity/WinkManagingEntity.node';
import { WinkNotification } from '../../nodes/WinkNotification/WinkNotification.node';
import { WinkSettlementTrigger } from '../../nodes/WinkSettlementTrigger/WinkSettlementTrigger.node';
import { WinkTrigger } from '../../nodes/WinkTrigger/WinkTrigger.node';
import { WinkWebhook } from '../../nodes/WinkWebhook/WinkWebhook.node';
import { winkNodeBase } from '../../nodes/shared/editor/description';
import { executeOperations } from '../../nodes/shared/execution/execute';
import type { WinkOperation } from '../../nodes/shared/table/types';
import { MemoryCredentialsHelper } from './credentials';
import { captureLogs, fromCore } from './logs';

// The container n8n-core reads (its own @n8n/di copy): set anywhere else, n8n-core would build
// its own InstanceSettings and write a config with a new encryption key to ~/.n8n.
const { Container } = fromCore('@n8n/di') as typeof import('@n8n/di');

/** Test-only source node: emits the items given in its `items` parameter. */
class FixtureItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fixture Items',
		name: 'fixtureItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Fixture Items' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

/**
 * Test-only resource node built like the real ones from a one-row table: proves the shared
 * generator and the skip/take State pagination (a grid row with one entity per page).
 */
const gridOperations: WinkOperation[] = [
	{
		value: 'grid',
		name: 'Managing Entity Grid',
		action: 'List managing entities',
		description: 'Grid of accessible managing entities',
		operationId: 'showAccessibleManagingEntitiesByState',
		method: 'POST',
		path: '/api/managing-entity/grid',
		scope: 'account.read',
		paging: { kind: 'state', pageSize: 1 },
		parallel: true,
		fields: [
			{
				displayName: 'State',
				name: 'state',
				in: 'body',
				type: 'json',
				default: '{}',
				description: 'Sort and filter of the grid, merged into the State body',
			},
		],
		output: 'list',
	},
];
// The same grid asking for 10 rows a page (a server may give fewer).
gridOperations.push({
	...gridOperations[0],
	value: 'gridWide',
	name: 'Managing Entity Grid (10 a Page)',
	paging: { kind: 'state', pageSize: 10 },
});
// A PATCH row for retry-policy tests (the sandbox's faults answer before any route is matched).
gridOperations.push({
	value: 'patch',
	name: 'Patch Managing Entity',
	action: 'Patch a managing entity',
	description: 'Test-only PATCH',
	operationId: 'testPatch',
	method: 'PATCH',
	path: '/api/managing-entity/{managingEntityIdentifier}/test-patch',
	scope: 'account.write',
	output: 'object',
});

class WinkGrid implements INodeType {
	description: INodeTypeDescription = {
		...winkNodeBase(gridOperations),
		displayName: 'Wink Grid (test)',
		name: 'winkGrid',
		description: 'Test node',
		defaults: { name: 'Wink Grid' },
	};

	async execute(this: IExecuteFunctions) {
		return await executeOperations.call(this, gridOperations);
	}
}

// Exported so a benchmark can add a yardstick node.
export const nodeClasses: Record<string, INodeType> = {
	'test.winkGrid': new WinkGrid(),
	'n8n-nodes-wink.winkSettlement': new WinkSettlement(),
	'n8n-nodes-wink.winkManager': new WinkManager(),
	'n8n-nodes-wink.winkCustomization': new WinkCustomization(),
	'n8n-nodes-wink.winkBooking': new WinkBooking(),
	'n8n-nodes-wink.winkTravelAgent': new WinkTravelAgent(),
	'n8n-nodes-wink.winkApplication': new WinkApplication(),
	'n8n-nodes-wink.winkNotification': new WinkNotification(),
	'n8n-nodes-wink.winkManagingEntity': new WinkManagingEntity(),
	'n8n-nodes-wink.winkWebhook': new WinkWebhook(),
	'n8n-nodes-wink.winkTrigger': new WinkTrigger(),
	'n8n-nodes-wink.winkSettlementTrigger': new WinkSettlementTrigger(),
	'test.fixtureItems': new FixtureItems(),
};

/** Adds a node type for one test file, e.g. a node built from a test-only table. */
export function registerNodeType(type: string, node: INodeType) {
	nodeClasses[type] = node;
}

/** A resource node built like the real ones from a (test-only) operation table. */
export function tableNode(operations: WinkOperation[]): INodeType {
	return {
		description: {
			...winkNodeBase(operations),
			displayName: 'Wink Table (test)',
			name: 'winkTable',
			description: 'Test node',
			defaults: { name: 'Wink Table' },
		},
		async execute(this: IExecuteFunctions) {
			return await executeOperations.call(this, operations);
		},
	};
}

export const nodeTypes: INodeTypes = {
	getByName: (type) => nodeClasses[type] as INodeType | IVersionedNodeType,
	getByNameAndVersion: (type) => nodeClasses[type],
	getKnownTypes: () => ({}),
} as INodeTypes;

let diReady = false;
export function prepareDi() {
	if (diReady) return;
	captureLogs();
	const folder = mkdtempSync(join(tmpdir(), 'wink-n8n-'));
	// Only what n8n-core reads while executing a node.
	Container.set(InstanceSettings, {
		encryptionKey: 'test-encryption-key',
		n8nFolder: folder,
		instanceId: 'wink-test-instance',
		instanceType: 'main',
		isMultiMain: false,
		isSingleMain: true,
		isWorker: false,
		isLeader: true,
		hostId: 'wink-test-host',
	} as unknown as InstanceSettings);
	diReady = true;
}

export const CREDENTIAL_ID = 'wink-cred-1';

export interface Harness {
	credentials: MemoryCredentialsHelper;
	/** Stores the credential the Wink node uses (data as a user types it into n8n). */
	setCredential(data: ICredentialDataDecryptedObject): void;
	run(options: RunOptions): Promise<RunResult>;
	/**
	 * The credential's Test button: n8n runs the credential's `test` request through its
	 * RoutingNode with a throwaway node, then maps failures with the test's `rules`.
	 */
	testCredential(): Promise<{ status: 'OK' | 'Error'; message: string }>;
	/** Runs a node's listSearch method the way n8n's editor does (LoadOptionsContext). */
	listSearch(
		method: string,
		parameters: INodeParameters,
		filter?: string,
		nodeType?: string,
	): Promise<INodeListSearchResult>;
	/** Runs a node's loadOptions method (e.g. an options list) the way n8n's editor does. */
	loadOptions(
		method: string,
		parameters: INodeParameters,
		nodeType: string,
	): Promise<INodePropertyOptions[]>;
}

export interface RunOptions {
	nodeType?: string;
	parameters: INodeParameters;
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** Node settings, e.g. { retryOnFail: true }; typeVersion (1 unless set) among them. */
	settings?: Partial<INode>;
	/** The workflow's static data, kept by the caller across runs (n8n saves it after production runs). */
	staticData?: IDataObject;
}

export interface RunResult {
	/** The first output's items. */
	items: INodeExecutionData[];
	/** Every main output's items, by index. */
	outputs?: INodeExecutionData[][];
	error?: ExecutionError;
	run: IRun;
}

const WINK_SETTLEMENT = 'n8n-nodes-wink.winkSettlement';

/** A two-node workflow (fixture items → the Wink node) and n8n's additional data for it. */
function prepare(
	credentials: MemoryCredentialsHelper,
	nodeType: string,
	parameters: INodeParameters,
	items: IDataObject[],
	continueOnFail?: boolean,
	settings: Partial<INode> = {},
	staticData?: IDataObject,
) {
	const workflowData = {
		id: 'wf-wink-test',
		name: 'Wink test',
		active: false,
		nodes: [
			{
				id: 'n-input',
				name: 'Input',
				type: 'test.fixtureItems',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: { items: JSON.stringify(items) },
			},
			{
				id: 'n-wink',
				name: 'Wink',
				type: nodeType,
				typeVersion: 1,
				position: [200, 0] as [number, number],
				parameters,
				credentials: { winkOAuth2Api: { id: CREDENTIAL_ID, name: 'Wink sandbox' } },
				...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
				...settings,
			},
		],
		connections: {
			Input: { main: [[{ node: 'Wink', type: NodeConnectionTypes.Main, index: 0 }]] },
		},
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes, staticData });
	return { workflow, additionalData: baseAdditionalData(credentials, workflowData) };
}

/** n8n's additional data for running `workflowData` (test/harness/triggers.ts sets its URLs). */
export function baseAdditionalData(credentials: MemoryCredentialsHelper, workflowData: object) {
	return {
		credentialsHelper: credentials,
		hooks: new ExecutionLifecycleHooks('manual', 'exec-1', workflowData as never),
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'user-1',
		variables: {},
		setExecutionStatus: () => undefined,
		logAiEvent: () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function createHarness(): Harness {
	prepareDi();
	const credentials = new MemoryCredentialsHelper([new WinkOAuth2Api()], nodeTypes);
	return {
		credentials,
		setCredential(data) {
			credentials.set(CREDENTIAL_ID, data);
		},
		async run({
			nodeType = WINK_SETTLEMENT,
			parameters,
			items = [{}],
			continueOnFail,
			settings,
			staticData,
		}) {
			const { workflow, additionalData } = prepare(
				credentials,
				nodeType,
				parameters,
				items,
				continueOnFail,
				settings,
				staticData,
			);
			const execution = new WorkflowExecute(additionalData, 'manual');
			const run = await execution.run({ workflow, startNode: workflow.getNode('Input')! });
			const task = run.data.resultData.runData.Wink?.[0];
			return {
				items: task?.data?.main?.[0] ?? [],
				outputs: (task?.data?.main ?? []).map((o) => o ?? []),
				error: task?.error ?? run.data.resultData.error,
				run,
			};
		},
		async testCredential() {
			const test = new WinkOAuth2Api().test;
			const probe: INodeType = {
				description: {
					displayName: 'Credential Test',
					name: 'credentialTest',
					group: ['transform'],
					version: 1,
					description: '',
					defaults: { name: 'Credential Test' },
					inputs: [NodeConnectionTypes.Main],
					outputs: [NodeConnectionTypes.Main],
					credentials: [{ name: 'winkOAuth2Api', required: true }],
					properties: [
						{
							displayName: 'Temp',
							name: 'temp',
							type: 'string',
							default: '',
							routing: { request: test.request },
						},
					],
				},
			};
			nodeClasses['test.credentialTest'] = probe;
			const { workflow, additionalData } = prepare(credentials, 'test.credentialTest', {}, [{}]);
			const node = workflow.getNode('Wink')!;
			const context = new ExecuteContext(
				workflow,
				node,
				additionalData,
				'internal',
				createEmptyRunExecutionData(),
				0,
				[],
				{ main: [[{ json: {} }]] },
				{ node, data: {}, source: null },
				[],
			);
			try {
				await new RoutingNode(context, probe).runNode();
				return { status: 'OK', message: 'Connection successful!' };
			} catch (error) {
				const status = (error as { cause?: { response?: { status: number; statusText?: string } } })
					.cause?.response;
				if (status) {
					const rule = (test.rules ?? []).find(
						(r) => r.type === 'responseCode' && r.properties.value === status.status,
					);
					return {
						status: 'Error',
						message: rule?.properties.message ?? status.statusText ?? `HTTP ${status.status}`,
					};
				}
				return { status: 'Error', message: (error as Error).message };
			}
		},
		async listSearch(method, parameters, filter, nodeType = WINK_SETTLEMENT) {
			const { workflow, additionalData } = prepare(credentials, nodeType, parameters, [{}]);
			// n8n's editor sends the node's current parameters with a list search.
			additionalData.currentNodeParameters = parameters;
			const context = new LoadOptionsContext(
				workflow,
				workflow.getNode('Wink')!,
				additionalData,
				'parameters',
			);
			const search = nodeClasses[nodeType].methods!.listSearch![method];
			return await search.call(context, filter);
		},
		async loadOptions(method, parameters, nodeType) {
			const { workflow, additionalData } = prepare(credentials, nodeType, parameters, [{}]);
			additionalData.currentNodeParameters = parameters;
			const context = new LoadOptionsContext(
				workflow,
				workflow.getNode('Wink')!,
				additionalData,
				'parameters',
			);
			return await nodeClasses[nodeType].methods!.loadOptions![method].call(context);
		},
	};
}
