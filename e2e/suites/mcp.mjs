// The MCP server example (examples/mcp-server.json) activated in a running n8n, used by a real MCP
// client (@modelcontextprotocol/sdk, Streamable HTTP): the Wink read tools are listed, one answers
// with the sandbox's data, a client without the bearer token is refused. A money-moving tool behind
// the MCP Server Trigger sends nothing and tells the client why. The tool description the editor
// fills in (n8n-workflow's getUpdatedToolDescription over the node types n8n serves the editor).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { E2E_N8N, N8N_MAJOR, check, credential, importAll, n8n, startN8n, tail } from '../lib.mjs';
import { winkTool } from '../agent.mjs';

const EXAMPLE = join(dirname(fileURLToPath(import.meta.url)), '../../examples/mcp-server.json');
const PAY = 'winkE2eMcpPay001';

async function connect(url, token) {
	const client = new Client({ name: 'wink-e2e', version: '1.0.0' });
	const headers = token ? { authorization: `Bearer ${token}` } : {};
	await client.connect(
		new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }),
	);
	return client;
}
const textOf = (result) => (result?.content ?? []).map((c) => c.text ?? '').join('');
const parse = (text) => {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
};

export default async function mcp({ sb }) {
	const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
	// The example's credentials by the ids it names: Wink (the sandbox) and the endpoint's token.
	const wink = credential(
		sb,
		'winkSandboxCred1',
		'Wink Sandbox',
		['account.read', 'payment.read', 'payment.write', 'accounting.read'],
		{ managingEntityId: sb.managingEntityId },
	);
	const token = randomBytes(24).toString('base64url');
	const bearer = {
		id: 'winkMcpBearer01',
		name: 'Wink MCP token',
		type: 'httpBearerAuth',
		data: { token },
	};
	const trigger = example.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
	const payout = winkTool('winkSettlement', 'Pay out', wink, {
		operation: 'initiateWithdrawal',
		managingEntity: { __rl: true, mode: 'id', value: sb.managingEntityId },
		destinationKind: 'BankAccount',
		destinationIdentifier: sb.ids.bankAccountIds.EUR,
		duplicateCheck: 'off',
	});
	const pay = {
		id: PAY,
		name: 'e2e MCP with a payout tool',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				...trigger,
				id: 'pay-trigger',
				webhookId: 'c8e3f2a0-9f5d-4b33-8e77-2a7d4c1b6c03',
				parameters: { ...trigger.parameters, path: 'wink-e2e-pay' },
			},
			payout,
		],
		connections: {
			[payout.name]: { ai_tool: [[{ node: trigger.name, type: 'ai_tool', index: 0 }]] },
		},
	};
	await importAll('mcp', [wink, bearer], [example, pay]);
	for (const id of [example.id, PAY]) {
		const args =
			N8N_MAJOR >= 2
				? ['publish:workflow', `--id=${id}`]
				: ['update:workflow', `--id=${id}`, '--active=true'];
		const r = await n8n(args);
		check(`n8n ${args[0]} ${id}`, r.code === 0, tail(r.out));
	}
	const server = await startN8n();
	const requests = sb.stats.requests;
	try {
		const url = `${server.url}/mcp/${trigger.parameters.path}`;
		// n8n registers the production webhooks of published workflows shortly after it is ready.
		let client;
		for (const end = Date.now() + 60_000; !client; ) {
			client = await connect(url, token).catch((error) => {
				if (Date.now() > end)
					throw new Error(`${error.message}\nn8n log:\n${server.log().slice(-3000)}`);
			});
			if (!client) await new Promise((r) => setTimeout(r, 1000));
		}
		const { tools } = await client.listTools();
		const names = tools.map((t) => t.name).sort();
		const expected = example.nodes
			.filter((n) => n.type === 'n8n-nodes-wink.winkSettlementTool')
			.map((n) => n.name.replace(/[^a-zA-Z0-9_-]+/g, '_'))
			.sort();
		check(
			"MCP client lists the example's Wink read tools",
			names.join() === expected.join(),
			names.join(),
		);
		const descriptions = tools.map((t) => t.description);
		check(
			"each tool reads differently to the client (the operation's action)",
			new Set(descriptions).size === tools.length &&
				descriptions.includes('Get available balance in Wink Settlement'),
			JSON.stringify(descriptions),
		);
		check(
			'the example offers no money-moving tool',
			!example.nodes.some((n) => n.parameters?.operation === 'initiateWithdrawal'),
		);

		let mark = requests.length;
		const balances = parse(textOf(await client.callTool({ name: 'Get_balances', arguments: {} })));
		const asked = requests.slice(mark).filter((q) => q.operationId === 'getAvailableBalance');
		const currencies = (Array.isArray(balances) ? balances : [])
			.map((b) => b.currencyCode)
			.sort()
			.join(',');
		check(
			"a tool call answers with the sandbox's balances (EUR, GBP, USD)",
			currencies === 'EUR,GBP,USD' && asked.length === 1,
			JSON.stringify(balances)?.slice(0, 300),
		);

		const chosen = sb.state.withdrawals[sb.managingEntityId][0];
		const status = parse(
			textOf(
				await client.callTool({
					name: 'Get_withdrawal_status',
					arguments: { withdrawalId: chosen.id },
				}),
			),
		);
		check(
			`a $fromAI argument reaches the sandbox (${chosen.id})`,
			status?.[0]?.id === chosen.id && status?.[0]?.status === chosen.status,
			JSON.stringify(status)?.slice(0, 300),
		);
		await client.close();

		for (const [what, bad] of [
			['without a token', undefined],
			['with a wrong token', 'not-the-token'],
		]) {
			mark = requests.length;
			const refused = await connect(url, bad).then(
				(c) => c.close().then(() => false),
				(error) =>
					/401|403|Unauthorized|authorization/i.test(String(error?.message ?? error)) ||
					String(error),
			);
			// Webhook registration is a Wink Trigger's (1.x re-checks other suites' active triggers in the
			// background); a refused MCP client could only cause a tool's request.
			const stray = requests
				.slice(mark)
				.filter((q) => !/\/webhook(\/|$)/.test(q.path))
				.map((q) => `${q.method} ${q.path} ${q.status}`);
			check(
				`a client ${what} is refused`,
				refused === true && stray.length === 0,
				`${refused} ${stray.join('; ')}`,
			);
		}

		// A money-moving tool behind the MCP Server Trigger: nothing sent, the client told why.
		const payer = await connect(`${server.url}/mcp/wink-e2e-pay`, token);
		const before = sb.state.withdrawals[sb.managingEntityId].length;
		mark = requests.length;
		const answer = parse(textOf(await payer.callTool({ name: 'Pay_out', arguments: {} })));
		const sent = requests.slice(mark).filter((q) => q.operationId);
		check(
			'via the MCP Server Trigger a payout tool at defaults sends nothing and says why',
			sent.length === 0 &&
				sb.state.withdrawals[sb.managingEntityId].length === before &&
				answer?.[0]?.skippedReason === 'notAllowedAsAiTool',
			JSON.stringify(answer) + ' ' + sent.map((q) => q.operationId).join(),
		);
		await payer.close();

		// The editor: the node types n8n serves it, and the line's own getUpdatedToolDescription.
		const types = await fetch(`${server.url}/types/nodes.json`, { headers: server.headers }).then(
			(r) => r.json(),
		);
		const base = types.find((t) => t.name === 'n8n-nodes-wink.winkSettlement');
		const served = types.find((t) => t.name === 'n8n-nodes-wink.winkSettlementTool');
		const { NodeHelpers } = createRequire(E2E_N8N)('n8n-workflow');
		// 2.x builds the tool variant on request (not in nodes.json); then the editor derives it the same way.
		const toolType = served ?? (N8N_MAJOR >= 2 ? convertedTool(base) : undefined);
		const filled = (operation, previous) =>
			NodeHelpers.getUpdatedToolDescription(
				toolType,
				{
					resource: 'wink',
					operation,
					descriptionType: 'manual',
					toolDescription: toolType.description,
				},
				{ resource: 'wink', operation: previous, descriptionType: 'auto' },
			);
		const a = toolType && filled('getBalance', 'getTransactions');
		const b = toolType && filled('getWithdrawal', 'getTransactions');
		check(
			`the editor fills toolDescription per operation (${served ? 'tool type from nodes.json' : 'tool type derived'})`,
			a === 'Get available balance in Wink Settlement' &&
				b === 'Get a withdrawal in Wink Settlement',
			`${a} | ${b}`,
		);
	} finally {
		await server.stop();
	}
}

// n8n 2.x's convertNodeToAiTool (packages/cli), loaded from the n8n under test.
function convertedTool(base) {
	const require = createRequire(E2E_N8N);
	const { convertNodeToAiTool } = require(
		join(dirname(require.resolve('n8n/package.json')), 'dist/tool-generation/ai-tools.js'),
	);
	return convertNodeToAiTool({ description: structuredClone(base) }).description;
}
