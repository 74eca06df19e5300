// Drives the Wink triggers the way n8n does, with n8n-core's own HookContext, WebhookContext and
// PollContext: webhook lifecycle (checkExists/create/delete), an HTTP endpoint standing in for
// n8n's webhook routes (the sandbox delivers to it), executions through WorkflowExecute, polls.
// What n8n's server does around these calls (when it saves static data, what it calls on restart)
// is modelled here from n8n's source and proven in the real-n8n e2e (e2e/suites/trigger.mjs).
import { HookContext, PollContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	NodeConnectionTypes,
	Workflow,
	createRunExecutionData,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeParameters,
	type IRun,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { baseAdditionalData, CREDENTIAL_ID, nodeTypes, prepareDi } from './engine';
import type { MemoryCredentialsHelper } from './credentials';
import { forgetDeliveries } from '../../nodes/WinkTrigger/delivery';
import type { Sandbox } from '../../sandbox';

let triggerCount = 0;
const nodeType = (type: string) => nodeTypes.getByNameAndVersion(type, 1) as INodeType;
const NODE_NAME = 'Wink Trigger';

export interface Execution {
	items: INodeExecutionData[];
	run: IRun;
	mode: WorkflowExecuteMode;
}

type Kind = 'production' | 'test';

function workflowData(
	type: string,
	parameters: INodeParameters,
	staticData: IDataObject,
	webhookId: string,
	typeVersion = 1,
) {
	const node: INode = {
		id: 'n-trigger',
		name: NODE_NAME,
		type,
		typeVersion,
		position: [0, 0],
		parameters,
		webhookId,
		credentials: { winkOAuth2Api: { id: CREDENTIAL_ID, name: 'Wink sandbox' } },
	};
	const after: INode = {
		id: 'n-after',
		name: 'After',
		type: 'test.fixtureItems',
		typeVersion: 1,
		position: [200, 0],
		parameters: { items: '[{"after": true}]' },
	};
	return {
		id: 'wf-trigger-test',
		name: 'Wink trigger test',
		active: true,
		nodes: [node, after],
		connections: {
			[NODE_NAME]: { main: [[{ node: 'After', type: NodeConnectionTypes.Main, index: 0 }]] },
		},
		staticData: clone(staticData),
		settings: {},
	};
}

// As n8n saves it: JSON in the database.
const clone = (data: IDataObject) => JSON.parse(JSON.stringify(data)) as IDataObject;

/**
 * A workflow with one Wink Trigger, held like n8n holds it. `saved` is the static data in n8n's
 * database: every call starts from a copy of it, and the copy is saved back where n8n saves it.
 */
export class WebhookTriggerWorkflow {
	saved: IDataObject = {};
	/** The test registration's static data (n8n keeps it with the test webhook, not in the database). */
	private testData: IDataObject | undefined;
	private active: Record<Kind, boolean> = { production: false, test: false };
	readonly executions: Execution[] = [];
	readonly calls: string[] = [];
	/** false: n8n answers 404 on our URL for a while (e.g. the workflow is being re-published). */
	answering = true;
	/** The node's webhookId: n8n gives every webhook node its own, which makes its URL path. */
	readonly webhookId = `c0ffee00-0000-4000-8000-${String(++triggerCount).padStart(12, '0')}`;

	constructor(
		private readonly host: TriggerHost,
		public parameters: INodeParameters,
		/** n8n 1.x saves static data written by a webhook call that starts an execution; 2.x does not. */
		private readonly savesStaticDataOnExecution = false,
	) {}

	private build(staticData: IDataObject) {
		const data = workflowData(
			'n8n-nodes-wink.winkTrigger',
			this.parameters,
			staticData,
			this.webhookId,
		);
		return new Workflow({ ...data, nodeTypes });
	}

	private webhookData(
		workflow: Workflow,
		kind: Kind,
		additionalData: IWorkflowExecuteAdditionalData,
	): IWebhookData {
		const description = nodeType('n8n-nodes-wink.winkTrigger').description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: NODE_NAME,
			path: `${this.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.webhookId,
			isTest: kind === 'test',
		};
	}

	private async hook(method: 'checkExists' | 'create' | 'delete', workflow: Workflow, kind: Kind) {
		this.calls.push(`${kind}:${method}`);
		const additionalData = this.host.additionalData(workflow);
		const node = workflow.getNode(NODE_NAME)!;
		const mode = kind === 'test' ? 'manual' : 'trigger';
		const activation = kind === 'test' ? 'manual' : 'activate';
		const context = new HookContext(
			workflow,
			node,
			additionalData,
			mode,
			activation,
			this.webhookData(workflow, kind, additionalData),
		);
		const fn = nodeType('n8n-nodes-wink.winkTrigger').webhookMethods!.default![method]!;
		return await fn!.call(context);
	}

	/** n8n's createWebhookIfNotExists: checkExists, then create when it says no. */
	private async register(workflow: Workflow, kind: Kind) {
		if (!(await this.hook('checkExists', workflow, kind)))
			await this.hook('create', workflow, kind);
	}

	/** The node's part of the saved static data. */
	get nodeData(): IDataObject {
		return (this.saved[`node:${NODE_NAME}`] ?? {}) as IDataObject;
	}

	/** Activation: register the production URL, then save the static data. */
	async activate() {
		const workflow = this.build(this.saved);
		await this.register(workflow, 'production');
		this.saved = clone(workflow.staticData);
		this.active.production = true;
	}

	/** Deactivation: delete with the static data stored at creation, then save it. */
	async deactivate() {
		this.active.production = false;
		const workflow = this.build(this.saved);
		await this.hook('delete', workflow, 'production');
		this.saved = clone(workflow.staticData);
	}

	/** n8n 1.x on restart: checkExists (and create) again; process memory is gone. */
	async restart1x() {
		this.host.forgetProcessMemory();
		await this.activate();
	}

	/** Listening in the editor: the test URL, with fresh static data kept with the registration. */
	async listen() {
		const workflow = this.build({});
		await this.register(workflow, 'test');
		this.testData = clone(workflow.staticData);
		this.active.test = true;
	}

	async stopListening() {
		this.active.test = false;
		const workflow = this.build(this.testData ?? {});
		await this.hook('delete', workflow, 'test');
		this.testData = undefined;
	}

	url(kind: Kind = 'production') {
		return `${kind === 'test' ? this.host.webhookTestBaseUrl : this.host.webhookBaseUrl}/${this.webhookId}/webhook`;
	}

	/** One HTTP request on our URL, handled like n8n's webhook route does. */
	async handle(kind: Kind, req: IncomingMessage & IDataObject, res: ServerResponse) {
		if (!this.active[kind] || !this.answering) {
			res.writeHead(404, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ message: 'The requested webhook is not registered.' }));
			return;
		}
		const workflow = this.build(kind === 'test' ? (this.testData ?? {}) : this.saved);
		const node = workflow.getNode(NODE_NAME)!;
		const additionalData = {
			...this.host.additionalData(workflow),
			httpRequest: req,
			httpResponse: res,
		} as IWorkflowExecuteAdditionalData;
		const mode: WorkflowExecuteMode = kind === 'test' ? 'manual' : 'webhook';
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			mode,
			this.webhookData(workflow, kind, additionalData),
			[],
			null,
		);
		let result: IWebhookResponseData;
		try {
			result = await nodeType('n8n-nodes-wink.winkTrigger').webhook!.call(context);
		} catch (error) {
			res.writeHead(500, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ message: (error as Error).message }));
			return;
		}
		const startsExecution = result.workflowData !== undefined;
		if (!result.noWebhookResponse) {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(
				JSON.stringify(
					startsExecution
						? { message: 'Workflow was started' }
						: (result.webhookResponse ?? { message: 'Webhook call received' }),
				),
			);
		}
		if (kind === 'production' && (!startsExecution || this.savesStaticDataOnExecution))
			this.saved = clone(workflow.staticData);
		if (kind === 'test' && !startsExecution) this.testData = clone(workflow.staticData);
		if (!startsExecution) return;
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node, data: { main: result.workflowData! }, source: null }],
			},
		});
		const run = await new WorkflowExecute(
			additionalData,
			mode,
			runExecutionData,
		).processRunExecutionData(workflow);
		this.executions.push({
			items: run.data.resultData.runData[NODE_NAME]?.[0]?.data?.main?.[0] ?? [],
			run,
			mode,
		});
	}
}

/**
 * A workflow with one Wink Settlement Trigger, polled like n8n polls an active one: the same
 * Workflow object between polls, its static data saved after each successful poll.
 */
export class PollTriggerWorkflow {
	saved: IDataObject = {};
	private workflow: Workflow;
	readonly emitted: INodeExecutionData[][] = [];

	constructor(
		private readonly host: TriggerHost,
		parameters: INodeParameters,
		typeVersion = 1,
	) {
		this.workflow = new Workflow({
			...workflowData('n8n-nodes-wink.winkSettlementTrigger', parameters, {}, 'poll', typeVersion),
			nodeTypes,
		});
	}

	/** One poll (mode 'trigger', or 'manual' for the editor's "Fetch Test Event"): the items, or null. */
	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<INodeExecutionData[] | null> {
		const node = this.workflow.getNode(NODE_NAME)!;
		const emitted: INodeExecutionData[][][] = [];
		const context = new PollContext(
			this.workflow,
			node,
			this.host.additionalData(this.workflow),
			mode,
			'activate',
			(data) => emitted.push(data),
		);
		const result = await nodeType('n8n-nodes-wink.winkSettlementTrigger').poll!.call(context);
		if (mode !== 'manual') this.saved = clone(this.workflow.staticData);
		if (result) this.emitted.push(result[0]);
		return result ? result[0] : null;
	}

	/** n8n restarted: the workflow is rebuilt from the saved static data. */
	restart(parameters?: INodeParameters) {
		const node = this.workflow.getNode(NODE_NAME)!;
		this.workflow = new Workflow({
			...workflowData(
				node.type,
				parameters ?? node.parameters,
				this.saved,
				'poll',
				node.typeVersion,
			),
			nodeTypes,
		});
	}
}

/** An HTTP server standing in for n8n's /webhook and /webhook-test routes, and the triggers behind it. */
export class TriggerHost {
	private server!: Server;
	webhookBaseUrl = '';
	webhookTestBaseUrl = '';
	private readonly triggers = new Set<WebhookTriggerWorkflow>();

	constructor(
		private readonly credentials: MemoryCredentialsHelper,
		private readonly onRestart: () => void,
	) {}

	async start() {
		prepareDi();
		this.server = createServer((req, res) => void this.route(req, res));
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		const { port } = this.server.address() as AddressInfo;
		this.webhookBaseUrl = `http://127.0.0.1:${port}/webhook`;
		this.webhookTestBaseUrl = `http://127.0.0.1:${port}/webhook-test`;
		return this;
	}

	async close() {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	webhookTrigger(
		parameters: INodeParameters,
		options: { savesStaticDataOnExecution?: boolean } = {},
	) {
		const trigger = new WebhookTriggerWorkflow(
			this,
			parameters,
			options.savesStaticDataOnExecution,
		);
		this.triggers.add(trigger);
		return trigger;
	}

	pollTrigger(parameters: INodeParameters, typeVersion = 1) {
		return new PollTriggerWorkflow(this, parameters, typeVersion);
	}

	forgetProcessMemory() {
		this.onRestart();
	}

	additionalData(workflow: Workflow): IWorkflowExecuteAdditionalData {
		return {
			...baseAdditionalData(this.credentials, {
				id: workflow.id,
				name: workflow.name,
				nodes: [],
				connections: {},
			}),
			webhookBaseUrl: this.webhookBaseUrl,
			webhookTestBaseUrl: this.webhookTestBaseUrl,
		} as IWorkflowExecuteAdditionalData;
	}

	// Like n8n: the raw body is kept; JSON, text and forms are parsed by their content type.
	private async route(req: IncomingMessage, res: ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', 'http://host.invalid');
		const mediaType = String(req.headers['content-type'] ?? '')
			.split(';')[0]
			.trim();
		let body: unknown = {};
		try {
			if (rawBody.length && mediaType === 'application/json')
				body = JSON.parse(rawBody.toString('utf8'));
			else if (rawBody.length && mediaType === 'text/plain') body = rawBody.toString('utf8');
			else if (mediaType === 'application/x-www-form-urlencoded')
				body = Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')));
		} catch {
			res.writeHead(422);
			res.end();
			return;
		}
		Object.assign(req, {
			body,
			rawBody,
			query: Object.fromEntries(url.searchParams),
			params: {},
			contentType: mediaType,
		});
		const kind: Kind = url.pathname.startsWith('/webhook-test/') ? 'test' : 'production';
		const trigger = [...this.triggers].find((t) => new URL(t.url(kind)).pathname === url.pathname);
		if (!trigger || req.method !== 'POST') {
			res.writeHead(404);
			res.end();
			return;
		}
		await trigger.handle(kind, req as IncomingMessage & IDataObject, res);
	}
}

/**
 * A TriggerHost for a test file: started before its tests, closed after them. Each test starts
 * with no remembered deliveries and quick sandbox delivery retries.
 */
export function useTriggerHost(wink: { h: { credentials: MemoryCredentialsHelper }; sb: Sandbox }) {
	let host: TriggerHost | undefined;
	beforeAll(async () => {
		host = await new TriggerHost(wink.h.credentials, forgetDeliveries).start();
	});
	afterAll(async () => host?.close());
	beforeEach(() => {
		forgetDeliveries();
		wink.sb.configureDeliveries({ retryDelaysMs: [20, 20] });
	});
	return () => host!;
}
