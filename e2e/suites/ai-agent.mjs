// Wink nodes as tools of n8n's AI Agent, in a real n8n, with a scripted model (test double):
// a read tool's answer reaches the model, a $fromAI id reaches Wink, a money-moving tool at its
// defaults sends nothing and the model is told why, and with the option on the guards still apply.
import { check, credential, execute, importAll, tail } from '../lib.mjs';
import { agentOutput, agentWorkflow, modelCredential, winkTool } from '../agent.mjs';
import { startModelDouble } from '../model-double.mjs';

export default async function aiAgent({ sb }) {
	const me = sb.managingEntityId;
	const byId = { __rl: true, mode: 'id', value: me };
	const double = await startModelDouble();
	try {
		const wink = credential(sb, 'winkE2eCredAgent', 'Wink agent', [
			'account.read',
			'payment.read',
			'payment.write',
			'accounting.read',
		]);
		const tool = (name, parameters) =>
			winkTool('winkSettlement', name, wink, { managingEntity: byId, ...parameters });
		const READ = 'winkE2eAgentRead';
		const PAY = 'winkE2eAgentPay1';
		const PAY_V1 = 'winkE2eAgentPay0';
		const ALLOWED = 'winkE2eAgentPay2';
		const payout = {
			operation: 'initiateWithdrawal',
			destinationKind: 'BankAccount',
			destinationIdentifier: sb.ids.bankAccountIds.EUR,
		};
		await importAll(
			'ai-agent',
			[wink, modelCredential(double)],
			[
				agentWorkflow(READ, 'e2e agent reads', [
					tool('Balance', { operation: 'getBalance' }),
					tool('Withdrawal', {
						operation: 'getWithdrawal',
						withdrawalId: {
							__rl: true,
							mode: 'id',
							value:
								"={{ $fromAI('withdrawalId', 'The ID of the withdrawal to look up', 'string') }}",
						},
					}),
				]),
				// Duplicate Check off: a refusal here is the AI-tool rule, not the check.
				agentWorkflow(PAY, 'e2e agent payout at defaults', [
					tool('Payout', { ...payout, duplicateCheck: 'off' }),
				]),
				agentWorkflow(PAY_V1, 'e2e agent payout at defaults, node version 1', [
					winkTool(
						'winkSettlement',
						'Payout',
						wink,
						{ managingEntity: byId, ...payout, duplicateCheck: 'off' },
						{ typeVersion: 1 },
					),
				]),
				agentWorkflow(ALLOWED, 'e2e agent payout allowed', [
					tool('Payout', { ...payout, allowAsAiTool: true }),
				]),
			],
		);
		const requests = sb.stats.requests;

		// A read tool: its answer is what the model gets back.
		double.script([{ name: 'Balance' }], 'Here are your balances.');
		let x = await execute(READ);
		check(
			'agent read workflow ran',
			x.code === 0 && x.run?.data?.resultData?.error === undefined,
			tail(x.out),
		);
		const [balances] = double.toolResults();
		const currencies = (Array.isArray(balances) ? balances : [])
			.map((b) => b.currencyCode)
			.sort()
			.join(',');
		check(
			"a read tool's answer reaches the model (Get Available Balance: EUR, GBP, USD)",
			currencies === 'EUR,GBP,USD',
			JSON.stringify(balances).slice(0, 300),
		);
		check(
			"the agent answers with the model's final text",
			agentOutput(x.run) === 'Here are your balances.',
			String(agentOutput(x.run)),
		);
		const offered = Object.fromEntries(double.tools().map((t) => [t.name, t.description]));
		check(
			'two tools of one node read differently to the model (run time)',
			offered.Balance === 'Get available balance in Wink Settlement' &&
				offered.Withdrawal === 'Get a withdrawal in Wink Settlement',
			JSON.stringify(offered),
		);
		const params = double.tools().find((t) => t.name === 'Withdrawal')?.parameters;
		check(
			"the $fromAI hint is the tool's parameter",
			params?.properties?.withdrawalId?.description === 'The ID of the withdrawal to look up',
			JSON.stringify(params),
		);

		// $fromAI: the id the model chose is the one Wink is asked for.
		const chosen = sb.state.withdrawals[me][3];
		double.script([{ name: 'Withdrawal', args: { withdrawalId: chosen.id } }], 'Found it.');
		let mark = requests.length;
		x = await execute(READ);
		const asked = requests.slice(mark).filter((q) => q.operationId === 'getWithdrawal');
		check(
			`a $fromAI id reaches the sandbox (${chosen.id})`,
			asked.length === 1 && asked[0].path.endsWith(`/${chosen.id}`) && asked[0].status === 200,
			asked.map((q) => q.path).join(),
		);
		check(
			'and its answer reaches the model',
			double.toolResults()[0]?.[0]?.id === chosen.id,
			JSON.stringify(double.toolResults()).slice(0, 300),
		);

		// Money at defaults (node versions 2 and 1): nothing sent, the model told why, the run not failed.
		for (const [id, version] of [
			[PAY, 2],
			[PAY_V1, 1],
		]) {
			const before = sb.state.withdrawals[me].length;
			double.script([{ name: 'Payout' }], 'I could not pay out.');
			mark = requests.length;
			x = await execute(id);
			const sent = requests.slice(mark).filter((q) => q.operationId);
			const [refusal] = double.toolResults();
			check(
				`v${version}: a money-moving tool at defaults sends nothing to Wink`,
				sent.length === 0 && sb.state.withdrawals[me].length === before,
				sent.map((q) => q.operationId).join(),
			);
			check(
				`v${version}: the model is told what was refused and why`,
				refusal?.[0]?.skippedReason === 'notAllowedAsAiTool' &&
					/a person must run it/i.test(refusal?.[0]?.message ?? ''),
				JSON.stringify(refusal),
			);
			check(
				`v${version}: the agent run itself succeeds`,
				x.code === 0 &&
					x.run?.data?.resultData?.error === undefined &&
					agentOutput(x.run) === 'I could not pay out.',
				tail(x.out),
			);
		}

		// Allowed: the Duplicate Check (on by default) still skips the PENDING EUR withdrawal.
		double.script([{ name: 'Payout' }], 'Already under way.');
		mark = requests.length;
		x = await execute(ALLOWED);
		const posted = requests.slice(mark).filter((q) => q.operationId === 'initiateWithdrawal');
		const [skipped] = double.toolResults();
		check(
			'with "Allow When Used as AI Tool" on, the Duplicate Check still skips a duplicate',
			posted.length === 0 &&
				skipped?.[0]?.skippedReason === 'duplicate' &&
				skipped?.[0]?.initiated === false,
			JSON.stringify(skipped).slice(0, 300),
		);
	} finally {
		await double.close();
	}
}
