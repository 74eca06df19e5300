// n8n's human review of a tool call (2.x: the `…HitlTool` node types) in front of Initiate
// Withdrawal, in a started n8n: the AI Agent with the scripted model, Estimate and Payout tools,
// Payout behind n8n's Send Email "human review" step. The approval email goes to a local SMTP
// double; the test follows its Approve or Disapprove link as the person would. Proves: the message
// shows the destination and the expected net amount, a denied call moves nothing, an approved one
// moves exactly once and the model gets the withdrawal (not the approval), and an amount that no
// longer matches is not paid even when approved.
import { createServer } from 'node:net';
import {
	N8N_MAJOR,
	check,
	credential,
	importAll,
	n8n,
	startN8n,
	tail,
	webhookNode,
} from '../lib.mjs';
import { agentWorkflow, modelCredential, winkTool } from '../agent.mjs';
import { startModelDouble } from '../model-double.mjs';

const ID = 'winkE2eHumanRev01';
const SMTP_CRED = 'winkE2eSmtpDbl01';
const BROWSER =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

export default async function humanReview({ sb }) {
	if (N8N_MAJOR < 2)
		return console.log(
			'     (human-review: skipped, n8n 1.x has no human review step for tools: no HitlTool node types)',
		);
	const me = sb.managingEntityId;
	const eur = sb.ids.bankAccountIds.EUR;
	const double = await startModelDouble();
	const smtp = await startSmtpDouble();
	let server;
	try {
		const wink = credential(sb, 'winkE2eCredReview', 'Wink review', [
			'account.read',
			'payment.read',
			'payment.write',
		]);
		const mail = {
			id: SMTP_CRED,
			name: 'SMTP double',
			type: 'smtp',
			data: {
				user: '',
				password: '',
				host: '127.0.0.1',
				port: smtp.port,
				secure: false,
				disableStartTls: true,
			},
		};
		const byId = { __rl: true, mode: 'id', value: me };
		const fromAI = (key, hint, type) => `={{ $fromAI('${key}', '${hint}', '${type}') }}`;
		const estimate = winkTool('winkSettlement', 'Estimate', wink, {
			managingEntity: byId,
			operation: 'estimateFees',
			destinationKind: 'BankAccount',
			destinationIdentifier: { __rl: true, mode: 'id', value: eur },
		});
		// Duplicate Check off: the seeded EUR withdrawal is PENDING; this suite is about the review.
		const payout = winkTool(
			'winkSettlement',
			'Payout',
			wink,
			{
				managingEntity: byId,
				operation: 'initiateWithdrawal',
				destinationKind: 'BankAccount',
				destinationIdentifier: {
					__rl: true,
					mode: 'id',
					value: fromAI('destinationIdentifier', 'The bank account ID to pay out to', 'string'),
				},
				expectedNetAmount: fromAI(
					'expectedNetAmount',
					'The netAmount Estimate gave for this destination',
					'number',
				),
				duplicateCheck: 'off',
				allowAsAiTool: true,
			},
			{ y: 600 },
		);
		const review = {
			id: 'review',
			name: 'Review',
			type: 'n8n-nodes-base.emailSendHitlTool',
			typeVersion: 2.1,
			position: [400, 400],
			webhookId: 'b3c1e0f4-8a47-4d8e-9a51-6f0a2e7d4c21',
			parameters: {
				fromEmail: 'n8n@example.com',
				toEmail: 'finance@example.com',
				subject: 'A Wink payout needs your approval',
				// n8n's default ends in {{ $tool.parameters }}, which 2.41.1 renders as "[object Object]"
				// (measured with this suite): JSON.stringify shows the values.
				message:
					'=The agent wants to run this tool: {{ $tool.name }}\n\nInput:\n{{ JSON.stringify($tool.parameters) }}',
				approvalOptions: { values: { approvalType: 'double' } },
				options: {},
			},
			credentials: { smtp: { id: SMTP_CRED, name: 'SMTP double' } },
		};
		const wf = agentWorkflow(ID, 'e2e payout behind human review', [estimate, review]);
		wf.nodes[0] = {
			...webhookNode('wink-e2e-review'),
			name: 'Start',
			parameters: {
				httpMethod: 'POST',
				path: 'wink-e2e-review',
				responseMode: 'onReceived',
				options: {},
			},
		};
		wf.nodes.push(payout);
		wf.connections.Payout = { ai_tool: [[{ node: 'Review', type: 'ai_tool', index: 0 }]] };
		await importAll('human-review', [wink, mail, modelCredential(double)], [wf]);
		const published = await n8n(['publish:workflow', `--id=${ID}`]);
		check('n8n publish:workflow (human review)', published.code === 0, tail(published.out));
		server = await startN8n();

		const requests = sb.stats.requests;
		const withdrawals = () => sb.state.withdrawals[me].length;
		const initiates = (from) =>
			requests
				.slice(from)
				.filter((q) => q.operationId === 'initiateWithdrawal' && q.method === 'POST');

		/** One agent run: Estimate, then Payout with the net amount `amount(net)`; the person answers `decision`. */
		const run = async (decision, amount = (net) => net) => {
			double.script(
				[
					{ name: 'Estimate' },
					{
						name: 'Payout',
						args: ([est]) => ({
							toolParameters: {
								destinationIdentifier: eur,
								expectedNetAmount: amount(est?.[0]?.netAmount),
							},
							hitlParameters: {},
						}),
					},
				],
				'Done.',
			);
			const mark = requests.length;
			const before = withdrawals();
			const mails = smtp.mails.length;
			// n8n registers a published workflow's webhook shortly after it is ready (404 until then).
			const started = await until(async () => {
				const res = await fetch(`${server.url}/webhook/wink-e2e-review`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: '{}',
				});
				return res.status === 404 ? undefined : res;
			}, 60_000);
			const message = await until(() => smtp.mails[mails], 90_000);
			const text = message ? decodeMail(message) : '';
			const link = [...text.matchAll(/href="([^"]+)"/g)]
				.map((m) => m[1])
				.find((u) => u.includes(`approved=${decision}`));
			const posted = initiates(mark).length;
			const executionId = link?.match(/webhook-waiting\/(\d+)/)?.[1];
			if (link) await fetch(link, { headers: { 'user-agent': BROWSER } });
			const status = await until(async () => {
				const r = await server.rest('GET', `/executions/${executionId}`);
				const s = r.json?.data?.status;
				return s && !['waiting', 'running', 'new'].includes(s) ? s : undefined;
			}, 90_000);
			const results = double.toolResults();
			return {
				started: started?.status,
				text,
				link,
				posted,
				status,
				results,
				sent: initiates(mark).length,
				moved: withdrawals() - before,
				est: results[0]?.[0],
			};
		};

		// Denied: nothing moves, the model is told.
		let r = await run('false');
		check(
			'the agent run waits for a person: an approval email is sent before anything is initiated',
			r.started === 200 && !!r.link && r.posted === 0,
			`${r.started} ${r.text.slice(0, 300)}`,
		);
		check(
			'the approval message shows the tool, the destination and the expected net amount',
			r.text.includes('Payout') &&
				r.text.includes(eur) &&
				typeof r.est?.netAmount === 'number' &&
				r.text.includes(String(r.est.netAmount)),
			r.text
				.replace(/\s+/g, ' ')
				.slice(Math.max(0, r.text.replace(/\s+/g, ' ').indexOf('wants to run') - 20))
				.slice(0, 500),
		);
		check(
			'denied: no initiate POST, no withdrawal',
			r.sent === 0 && r.moved === 0,
			`${r.sent} POSTs, ${r.moved} withdrawals`,
		);
		check(
			'denied: the model is told the call was rejected',
			/rejected the tool call to Payout/.test(JSON.stringify(r.results[1])),
			JSON.stringify(r.results).slice(0, 400),
		);
		check('denied: the execution ends', r.status === 'success', String(r.status));

		// Approved: exactly one initiate, and the model gets the withdrawal, not the approval.
		r = await run('true');
		check(
			'approved: exactly one initiate POST, one withdrawal',
			r.sent === 1 && r.moved === 1,
			`${r.sent} POSTs, ${r.moved} withdrawals`,
		);
		const paid = r.results[1]?.[0];
		check(
			"approved: the model gets the tool's result (the withdrawal), not the approval (known n8n regression)",
			paid?.initiated === true &&
				typeof paid?.id === 'string' &&
				!('approved' in (paid ?? {})) &&
				!JSON.stringify(r.results[1]).includes('"approved"'),
			JSON.stringify(r.results[1]).slice(0, 400),
		);
		check('approved: the execution ends', r.status === 'success', String(r.status));

		// Approved, but the amount no longer matches the fresh estimate: nothing is initiated.
		r = await run('true', (net) => Math.round((net + 1) * 100) / 100);
		check(
			'approved with an amount the fresh estimate does not give: no initiate, the model told amountChanged',
			r.sent === 0 && r.moved === 0 && r.results[1]?.[0]?.skippedReason === 'amountChanged',
			JSON.stringify(r.results[1]).slice(0, 400),
		);
	} catch (error) {
		check('human-review suite ran', false, `${error.message}\n${server?.log().slice(-3000) ?? ''}`);
	} finally {
		await server?.stop();
		await double.close();
		await smtp.close();
	}
}

async function until(probe, ms) {
	for (
		const end = Date.now() + ms;
		Date.now() < end;
		await new Promise((r) => setTimeout(r, 500))
	) {
		const value = await probe();
		if (value) return value;
	}
	return undefined;
}

/** The mail as text: quoted-printable and HTML entities undone (enough for links and the message). */
function decodeMail(raw) {
	return raw
		.replace(/=\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&amp;/g, '&');
}

/** An SMTP server that accepts every mail and keeps it (no TLS, no auth): a test double. */
async function startSmtpDouble() {
	const mails = [];
	const server = createServer((socket) => {
		let buffer = '';
		let data = null;
		socket.write('220 smtp-double\r\n');
		socket.on('data', (chunk) => {
			buffer += chunk;
			for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				if (data) {
					if (line === '.') {
						mails.push(data.join('\n'));
						data = null;
						socket.write('250 queued\r\n');
					} else data.push(line.startsWith('..') ? line.slice(1) : line);
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'DATA') {
					data = [];
					socket.write('354 go on\r\n');
				} else if (verb === 'QUIT') socket.end('221 bye\r\n');
				else socket.write('250 ok\r\n');
			}
		});
		socket.on('error', () => {});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return { port: server.address().port, mails, close: () => new Promise((r) => server.close(r)) };
}
