import { WorkflowExecute } from 'n8n-core';
import {
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { WinkSettlement } from '../nodes/WinkSettlement/WinkSettlement.node';
import { CREDENTIAL_ID, baseAdditionalData, nodeClasses, registerNodeType } from './harness/engine';
import { apiRequests, eurWithdrawal, sandboxCredential, useWink } from './harness/fixture';
import { booking } from './harness/nodeCases';
import { SETTLEMENT_TOOL, asToolType } from './harness/tools';
import { WinkTravelAgent } from '../nodes/WinkTravelAgent/WinkTravelAgent.node';

const TOOL = SETTLEMENT_TOOL;
const SUPPLIED = 'n8n-nodes-wink.winkSettlementSuppliedTool';
registerNodeType(SUPPLIED, asToolType(new WinkSettlement(), [NodeConnectionTypes.AiTool]));
registerNodeType(
	'n8n-nodes-wink.winkTravelAgentTool',
	asToolType(new WinkTravelAgent(), [NodeConnectionTypes.Main]),
);

// Test-only root node: takes its tools the way the MCP Server Trigger does (getInputConnectionData,
// n8n-core's createNodeAsTool and a supply-data context) and calls the first with no arguments.
class ToolCaller implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tool Caller',
		name: 'toolCaller',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Tool Caller' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tools' }],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};
	async execute(this: IExecuteFunctions) {
		const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as Array<{
			name: string;
			description: string;
			invoke(args: object): Promise<string>;
		}>;
		const answer = await tools[0].invoke({});
		return [[{ json: { name: tools[0].name, description: tools[0].description, answer } }]];
	}
}
registerNodeType('test.toolCaller', new ToolCaller());

describe("Wink nodes as AI tools: money is not a model's to move by default", () => {
	const w = useWink();
	const posts = () => apiRequests(w.sb).filter((r) => r.method === 'POST');
	const withdrawals = () => w.sb.state.withdrawals[w.sb.managingEntityId].length;
	const refusal = {
		sent: false,
		skippedReason: 'notAllowedAsAiTool',
		operation: 'Initiate Withdrawal',
		message: expect.stringContaining('Allow When Used as AI Tool'),
	};

	test('run as a tool node at defaults: nothing is sent, the answer says why', async () => {
		const before = withdrawals();
		const { items, error } = await w.h.run({ nodeType: TOOL, parameters: eurWithdrawal(w.sb) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([refusal]);
		expect(apiRequests(w.sb)).toEqual([]);
		expect(withdrawals()).toBe(before);
	});

	test('the same parameters on the ordinary node still initiate', async () => {
		const { items } = await w.h.run({ parameters: eurWithdrawal(w.sb) });
		expect(items[0].json).toMatchObject({ initiated: true });
		expect(posts()).toHaveLength(1);
	});

	test('allowed on the tool: the Duplicate Check still skips a withdrawal still under way', async () => {
		const { items } = await w.h.run({
			nodeType: TOOL,
			parameters: { ...eurWithdrawal(w.sb), duplicateCheck: 'destination', allowAsAiTool: true },
		});
		expect(items[0].json).toMatchObject({ initiated: false, skippedReason: 'duplicate' });
		expect(posts()).toEqual([]);
	});

	test('allowed on the tool, nothing under way: it initiates once', async () => {
		const { items } = await w.h.run({
			nodeType: TOOL,
			parameters: { ...eurWithdrawal(w.sb), allowAsAiTool: true },
		});
		expect(items[0].json).toMatchObject({ initiated: true });
		expect(posts()).toHaveLength(1);
	});

	test('Wink Travel Agent Create Booking as a tool: refused at defaults, booked when allowed', async () => {
		w.h.setCredential(
			sandboxCredential(w.sb, { scopes: ['account.read', 'booking.read', 'booking.write'] }),
		);
		const run = (extra = {}) =>
			w.h.run({
				nodeType: 'n8n-nodes-wink.winkTravelAgentTool',
				parameters: { ...booking(w.sb), ...extra },
			});
		let { items } = await run();
		expect(items[0].json).toMatchObject({
			sent: false,
			skippedReason: 'notAllowedAsAiTool',
			operation: 'Create Booking',
		});
		expect(posts()).toEqual([]);
		({ items } = await run({ allowAsAiTool: true }));
		expect(items[0].json).not.toHaveProperty('skippedReason');
		expect(posts()).toHaveLength(1);
	});

	test('read operations answer as tools', async () => {
		const { items } = await w.h.run({
			nodeType: TOOL,
			parameters: { operation: 'getBalance', managingEntity: w.me },
		});
		expect(items.map((i) => i.json.currencyCode).sort()).toEqual(['EUR', 'GBP', 'USD']);
	});

	test('version 2: refused the same; with the option on, a skipped or dry-run item is the answer (one output as a tool)', async () => {
		const v2 = { settings: { typeVersion: 2 } };
		let { items } = await w.h.run({ nodeType: TOOL, parameters: eurWithdrawal(w.sb), ...v2 });
		expect(items.map((i) => i.json)).toEqual([refusal]);
		({ items } = await w.h.run({
			nodeType: TOOL,
			parameters: { ...eurWithdrawal(w.sb), duplicateCheck: 'destination', allowAsAiTool: true },
			...v2,
		}));
		expect(items[0].json).toMatchObject({ initiated: false, skippedReason: 'duplicate' });
		({ items } = await w.h.run({
			nodeType: TOOL,
			parameters: { ...eurWithdrawal(w.sb), allowAsAiTool: true, dryRun: true },
			...v2,
		}));
		expect(items[0].json).toMatchObject({ dryRun: true, initiated: false });
		expect(posts()).toEqual([]);
	});

	test('three input items: one refusal per item, each paired with its item, nothing sent', async () => {
		const { items, error } = await w.h.run({
			nodeType: TOOL,
			parameters: eurWithdrawal(w.sb),
			items: [{}, {}, {}],
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([refusal, refusal, refusal]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(w.sb.stats.requests).toEqual([]);
	});

	// Issue 24, item 7: adding or changing a payout destination decides where future withdrawals go.
	const destinations = () =>
		[
			[
				'Add Bank Account',
				'POST',
				{
					operation: 'addBankAccount',
					countryCode: 'DE',
					currencyCode: 'EUR',
					accountHolderName: 'Grand Azure Hotel GmbH',
					accountNumber: 'DE89370400440532013000',
				},
			],
			[
				'Update Bank Account',
				'PUT',
				{
					operation: 'updateBankAccount',
					bankAccountIdentifier: w.sb.ids.bankAccountIds.EUR,
					countryCode: 'DE',
					currencyCode: 'EUR',
					accountHolderName: 'Attacker Ltd',
					accountNumber: 'DE89370400440532013000',
				},
			],
			[
				'Add Revolut Payout Account',
				'POST',
				{
					operation: 'addRevolutAccount',
					profileType: 'personal',
					accountHolderName: 'Ana Costa',
					revtag: '@anacosta',
					currencyCode: 'EUR',
				},
			],
			[
				'Update Revolut Payout Account',
				'PUT',
				{
					operation: 'updateRevolutAccount',
					revolutPayoutAccountIdentifier: w.sb.ids.revolutPayoutAccountId,
					profileType: 'business',
					accountHolderName: 'Attacker Ltd',
					revtag: 'attacker',
					currencyCode: 'GBP',
				},
			],
		] as const;
	const names = [
		'Add Bank Account',
		'Update Bank Account',
		'Add Revolut Payout Account',
		'Update Revolut Payout Account',
	];
	test.each([1, 2].flatMap((version) => names.map((name) => [version, name] as const)))(
		'version %i, %s as a tool: refused at defaults, sent once when allowed',
		async (typeVersion, name) => {
			const [, method, parameters] = destinations().find(([n]) => n === name)!;
			const run = (extra = {}) =>
				w.h.run({
					nodeType: TOOL,
					parameters: { managingEntity: w.me, ...parameters, ...extra },
					settings: { typeVersion },
				});
			let { items, error } = await run();
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([
				{
					sent: false,
					skippedReason: 'notAllowedAsAiTool',
					operation: name,
					message: `Not done: "${name}" changes where Wink pays out, and this Wink node does not let an AI agent run it. Nothing was sent to Wink. A person must run it, or turn on "Allow When Used as AI Tool" on the node.`,
				},
			]);
			expect(w.sb.stats.requests).toEqual([]);
			({ items, error } = await run({ allowAsAiTool: true }));
			expect(error).toBeUndefined();
			expect(items[0].json).not.toHaveProperty('skippedReason');
			expect(apiRequests(w.sb).map((r) => r.method)).toEqual([method]);
		},
	);

	test('a payout destination operation on the ordinary node needs no opt-in, and shows no Allow switch', async () => {
		const [, , parameters] = destinations()[0];
		const { items, error } = await w.h.run({ parameters: { managingEntity: w.me, ...parameters } });
		expect(error).toBeUndefined();
		expect(items[0].json).not.toHaveProperty('skippedReason');
		const allow = nodeClasses[TOOL].description.properties.find((p) => p.name === 'allowAsAiTool')!;
		expect(allow.displayOptions?.show).toMatchObject({
			'@tool': [true],
			operation: expect.arrayContaining([
				'initiateWithdrawal',
				'addBankAccount',
				'updateBankAccount',
				'addRevolutAccount',
				'updateRevolutAccount',
			]),
		});
		expect(allow.displayOptions?.show?.operation).not.toContain('removeBankAccount');
	});

	async function callThroughSupplyData(parameters: object, typeVersion = 1) {
		const workflowData = {
			id: 'wf-tool-caller',
			name: 'tool caller',
			active: false,
			nodes: [
				{
					id: 'n-in',
					name: 'Input',
					type: 'test.fixtureItems',
					typeVersion: 1,
					position: [0, 0] as [number, number],
					parameters: { items: '[{}]' },
				},
				{
					id: 'n-caller',
					name: 'Caller',
					type: 'test.toolCaller',
					typeVersion: 1,
					position: [200, 0] as [number, number],
					parameters: {},
				},
				{
					id: 'n-tool',
					name: 'Initiate a withdrawal in Wink Settlement',
					type: SUPPLIED,
					typeVersion,
					position: [200, 200] as [number, number],
					parameters,
					credentials: { winkOAuth2Api: { id: CREDENTIAL_ID, name: 'Wink sandbox' } },
				},
			],
			connections: {
				Input: { main: [[{ node: 'Caller', type: NodeConnectionTypes.Main, index: 0 }]] },
				'Initiate a withdrawal in Wink Settlement': {
					[NodeConnectionTypes.AiTool]: [
						[{ node: 'Caller', type: NodeConnectionTypes.AiTool, index: 0 }],
					],
				},
			},
			settings: {},
		};
		const nodeTypes = {
			getByName: (t: string) => nodeClasses[t],
			getByNameAndVersion: (t: string) => nodeClasses[t],
			getKnownTypes: () => ({}),
		};
		const workflow = new Workflow({ ...workflowData, nodeTypes } as never);
		const run = await new WorkflowExecute(
			baseAdditionalData(w.h.credentials, workflowData),
			'manual',
		).run({
			workflow,
			startNode: workflow.getNode('Input')!,
		});
		const task = run.data.resultData.runData.Caller?.[0];
		return {
			out: task?.data?.main?.[0]?.[0]?.json,
			error: task?.error ?? run.data.resultData.error,
		};
	}

	test("called through n8n-core's tool wrapper (MCP Server Trigger path): refused, described by its action", async () => {
		const { out, error } = await callThroughSupplyData(eurWithdrawal(w.sb));
		expect(error).toBeUndefined();
		expect(JSON.parse(String(out!.answer))).toEqual([refusal]);
		expect(out!.description).toBe('Initiate a withdrawal in Wink Settlement');
		expect(apiRequests(w.sb)).toEqual([]);
	});

	test.each([1, 2])(
		'through the tool wrapper, version %i, allowed: the duplicate is still skipped and reaches the model',
		async (version) => {
			const { out } = await callThroughSupplyData(
				{ ...eurWithdrawal(w.sb), duplicateCheck: 'destination', allowAsAiTool: true },
				version,
			);
			expect(JSON.parse(String(out!.answer))[0]).toMatchObject({
				initiated: false,
				skippedReason: 'duplicate',
			});
			expect(posts()).toEqual([]);
		},
	);
});

describe('tool descriptions n8n builds from the Wink nodes (makeDescription, as at run time)', () => {
	const toolNodes = Object.entries(nodeClasses).filter(
		([type, n]) =>
			type.startsWith('n8n-nodes-wink.') && !type.endsWith('Tool') && n.description.usableAsTool,
	);
	test.each(toolNodes.map(([type, n]) => [type, n]))(
		'%s: two operations never read alike, none is empty or the node alone',
		(_, n) => {
			const { description } = n as INodeType;
			const operation = description.properties.find((p) => p.name === 'operation')!;
			const texts = operation.options!.map((o) => {
				const parameters = NodeHelpers.getNodeParameters(
					description.properties,
					{ operation: (o as { value: string }).value },
					true,
					false,
					null,
					description,
				)!;
				return NodeHelpers.makeDescription(parameters, description);
			});
			expect(new Set(texts).size).toBe(texts.length);
			for (const text of texts) {
				expect(text).not.toBe(description.description);
				expect(text).toMatch(new RegExp(`^\\S+ .+ in ${description.defaults.name}$`));
			}
		},
	);
});

// What a tool answer costs a model: n8n sends it JSON.stringify(items' json) (createNodeAsTool's
// handler, 1.x and 2.x). Figures for docs/ai-agents.md.
describe('tool answers with Simplify (version 2) against the raw answer', () => {
	const w = useWink();
	const answerChars = async (parameters: object, typeVersion: number) => {
		const { items } = await w.h.run({
			nodeType: TOOL,
			parameters: { managingEntity: w.me, ...parameters },
			settings: { typeVersion },
		});
		return {
			chars: JSON.stringify(items.map((i) => i.json)).length,
			items: items.map((i) => i.json),
		};
	};
	test.each([
		[
			'Get Withdrawal History (10 withdrawals)',
			{ operation: 'getWithdrawals' },
			['id', 'referenceCode', 'status', 'amount', 'currencyCode', 'requestedAt'],
		],
		[
			'Get Ledger Transactions (Limit 50)',
			{ operation: 'getTransactions', limit: 50 },
			['id', 'createdDate', 'amount', 'currency', 'type', 'referenceIdentifier'],
		],
	])(
		'%s: at least 3× smaller, keeping what a reconciliation needs',
		async (label, parameters, kept) => {
			const raw = await answerChars(parameters, 1);
			const simple = await answerChars(parameters, 2);
			console.log(
				`${label}: raw ${raw.chars} chars, Simplify ${simple.chars} chars (${(raw.chars / simple.chars).toFixed(1)}× smaller)`,
			);
			const [table] = simple.items as Array<{
				count: number;
				columns: string[];
				rows: unknown[][];
			}>;
			expect(table.count).toBe(raw.items.length);
			expect(table.rows).toHaveLength(raw.items.length);
			expect(table.columns).toEqual(expect.arrayContaining(kept));
			// The same entries, in the same order.
			expect(table.rows.map((row) => row[table.columns.indexOf('id')])).toEqual(
				raw.items.map((item) => item.id),
			);
			expect(raw.chars / simple.chars).toBeGreaterThanOrEqual(3);
		},
	);
});
