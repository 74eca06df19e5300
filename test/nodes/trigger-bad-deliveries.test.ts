// The Wink Trigger under bad deliveries, one case a row, through n8n-core's WebhookContext and
// WorkflowExecute (test/harness/triggers.ts) against the sandbox. Each case says what the
// requests are answered and how many executions start; none may crash the trigger.
import { forgetDeliveries } from '../../nodes/WinkTrigger/delivery';
import { byId, useWink } from '../harness/fixture';
import { useTriggerHost, type WebhookTriggerWorkflow } from '../harness/triggers';

const wink = useWink();
const host = useTriggerHost(wink);

const LEDGER = 'ledger.entry.create';
const webhooks = () =>
	(wink.sb.state.webhooks?.[wink.sb.managingEntityId] ?? []) as Array<{ eventUrl: string }>;

/** The URL Wink was given for this trigger (with its token). */
const registeredUrl = (t: WebhookTriggerWorkflow) =>
	webhooks().find((w) => w.eventUrl.split('?')[0] === t.url())!.eventUrl;

const post = async (url: string, body: string, contentType = 'application/json') => {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
	return { status: res.status, body: await res.text() };
};

const event = (id: string, name = LEDGER, data: object = { amount: 1 }) =>
	JSON.stringify({ id, event: name, data });

interface Ctx {
	t: WebhookTriggerWorkflow;
	url: string;
	/** Another active trigger (another workflow) and its registered URL. */
	other: WebhookTriggerWorkflow;
	otherUrl: string;
}

interface BadDelivery {
	name: string;
	/** The events the trigger listens to (empty: all). */
	events?: string[];
	/** n8n 1.x (saves static data written by a call that starts an execution) or 2.x. */
	line?: '1.x' | '2.x';
	send(c: Ctx): Promise<Array<{ status: number; body: string }>>;
	statuses: number[];
	executions: number;
	/** Why the trigger acknowledged without an execution (the answer's `reason`). */
	reason?: string;
}

const withToken = (url: string, token: string) => url.replace(/token=[^&]*/, `token=${token}`);
const TEN_MB = 10 * 1024 * 1024;

const cases: BadDelivery[] = [
	{
		name: 'no token',
		send: (c) => Promise.all([post(c.t.url(), event('e1'))]),
		statuses: [401],
		executions: 0,
	},
	{
		name: 'an empty token',
		send: (c) => Promise.all([post(withToken(c.url, ''), event('e1'))]),
		statuses: [401],
		executions: 0,
	},
	{
		name: 'a wrong token',
		send: (c) => Promise.all([post(withToken(c.url, 'f'.repeat(64)), event('e1'))]),
		statuses: [401],
		executions: 0,
	},
	{
		name: 'the token in capitals',
		send: (c) =>
			Promise.all([
				post(
					withToken(c.url, new URL(c.url).searchParams.get('token')!.toUpperCase()),
					event('e1'),
				),
			]),
		statuses: [401],
		executions: 0,
	},
	{
		name: "another registration's token",
		send: (c) =>
			Promise.all([
				post(withToken(c.url, new URL(c.otherUrl).searchParams.get('token')!), event('e1')),
			]),
		statuses: [401],
		executions: 0,
	},
	{
		name: 'a 10 MB body with a wrong token',
		send: (c) =>
			Promise.all([post(withToken(c.url, '0'.repeat(64)), 'x'.repeat(TEN_MB), 'text/plain')]),
		statuses: [401],
		executions: 0,
	},
	{
		name: 'a body that is not JSON',
		send: (c) => Promise.all([post(c.url, 'event=ledger.entry.create', 'text/plain')]),
		statuses: [200],
		executions: 0,
		reason: 'not a JSON object',
	},
	{
		name: 'a JSON array',
		send: (c) => Promise.all([post(c.url, '[{"event":"ledger.entry.create"}]')]),
		statuses: [200],
		executions: 0,
		reason: 'not a JSON object',
	},
	{
		name: 'JSON null',
		send: (c) => Promise.all([post(c.url, 'null')]),
		statuses: [200],
		executions: 0,
		reason: 'not a JSON object',
	},
	{
		name: 'a JSON string',
		send: (c) => Promise.all([post(c.url, '"ledger.entry.create"')]),
		statuses: [200],
		executions: 0,
		reason: 'not a JSON object',
	},
	{
		name: 'JSON sent as text/plain',
		send: (c) => Promise.all([post(c.url, event('e1'), 'text/plain')]),
		statuses: [200],
		executions: 0,
		reason: 'not a JSON object',
	},
	{
		name: 'a 10 MB text body',
		send: (c) => Promise.all([post(c.url, 'x'.repeat(TEN_MB), 'text/plain')]),
		statuses: [200],
		executions: 0,
		reason: 'not a JSON object',
	},
	{
		name: "a 10 MB JSON event (under n8n's 16 MB default payload limit): one execution",
		send: (c) => Promise.all([post(c.url, event('e-big', LEDGER, { note: 'y'.repeat(TEN_MB) }))]),
		statuses: [200],
		executions: 1,
	},
	{
		name: 'an unknown event, some events selected',
		send: (c) => Promise.all([post(c.url, event('e1', 'no.such.event'))]),
		statuses: [200],
		executions: 0,
		reason: 'event not selected',
	},
	{
		name: 'an unknown event, all events selected: let through',
		events: [],
		send: (c) => Promise.all([post(c.url, event('e1', 'no.such.event'))]),
		statuses: [200],
		executions: 1,
	},
	{
		name: 'an event key that is not text, events selected',
		send: (c) => Promise.all([post(c.url, JSON.stringify({ id: 'e1', event: { name: LEDGER } }))]),
		statuses: [200],
		executions: 0,
		reason: 'no event',
	},
	{
		name: 'no event, events selected',
		send: (c) => Promise.all([post(c.url, JSON.stringify({ id: 'e1', data: {} }))]),
		statuses: [200],
		executions: 0,
		reason: 'no event',
	},
	{
		name: 'no event, all events selected: let through',
		events: [],
		send: (c) => Promise.all([post(c.url, JSON.stringify({ id: 'e1', data: {} }))]),
		statuses: [200],
		executions: 1,
	},
	{
		name: 'another managing entity named',
		send: (c) =>
			Promise.all([
				post(
					c.url,
					JSON.stringify({
						id: 'e1',
						event: LEDGER,
						managingEntityIdentifier: wink.sb.ids.secondaryManagingEntityId,
					}),
				),
			]),
		statuses: [200],
		executions: 0,
		reason: 'another managing entity',
	},
	{
		name: 'our managing entity named: one execution',
		send: (c) =>
			Promise.all([
				post(
					c.url,
					JSON.stringify({
						id: 'e1',
						event: LEDGER,
						managingEntityIdentifier: wink.sb.managingEntityId,
					}),
				),
			]),
		statuses: [200],
		executions: 1,
	},
	{
		name: 'the same delivery 5 times at once',
		send: (c) => Promise.all(Array.from({ length: 5 }, () => post(c.url, event('e-5x')))),
		statuses: [200, 200, 200, 200, 200],
		executions: 1,
	},
	{
		name: 'the same delivery 5 times within a second, then again after a restart (n8n 2.x)',
		line: '2.x',
		send: async (c) => {
			const answers = [];
			for (let i = 0; i < 5; i++) {
				answers.push(await post(c.url, event('e-again')));
				await new Promise((r) => setTimeout(r, 150));
			}
			forgetDeliveries();
			answers.push(await post(c.url, event('e-again')));
			return answers;
		},
		statuses: [200, 200, 200, 200, 200, 200],
		executions: 1,
	},
	{
		name: 'the same delivery 5 times within a second, then again after a restart (n8n 1.x)',
		line: '1.x',
		send: async (c) => {
			const answers = await Promise.all(
				Array.from({ length: 5 }, () => post(c.url, event('e-again'))),
			);
			await c.t.restart1x();
			answers.push(await post(registeredUrl(c.t), event('e-again')));
			return answers;
		},
		statuses: [200, 200, 200, 200, 200, 200],
		executions: 1,
	},
	{
		name: 'the same body without an id, 5 times at once',
		send: (c) =>
			Promise.all(
				Array.from({ length: 5 }, () =>
					post(c.url, JSON.stringify({ event: LEDGER, data: { n: 1 } })),
				),
			),
		statuses: [200, 200, 200, 200, 200],
		executions: 1,
	},
];

describe('Wink Trigger under bad deliveries', () => {
	test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const t = host().webhookTrigger(
			{ managingEntity: byId(wink.sb.managingEntityId), events: c.events ?? [LEDGER] },
			{ savesStaticDataOnExecution: c.line === '1.x' },
		);
		const other = host().webhookTrigger({
			managingEntity: byId(wink.sb.managingEntityId),
			events: [LEDGER],
		});
		await t.activate();
		await other.activate();
		const ctx: Ctx = { t, url: registeredUrl(t), other, otherUrl: registeredUrl(other) };

		const answers = await c.send(ctx);
		expect(answers.map((a) => a.status)).toEqual(c.statuses);
		expect(t.executions).toHaveLength(c.executions);
		expect(other.executions).toHaveLength(0);
		if (c.reason) {
			for (const a of answers)
				expect(JSON.parse(a.body)).toEqual({ received: true, started: false, reason: c.reason });
		}
		// The URL's token never reaches an execution's data.
		const token = new URL(ctx.url).searchParams.get('token')!;
		expect(t.executions.some((e) => JSON.stringify(e.items).includes(token))).toBe(false);
		// Still alive: a good delivery afterwards starts its execution.
		const before = t.executions.length;
		expect((await post(registeredUrl(t), event(`e-after-${Date.now()}`))).status).toBe(200);
		expect(t.executions).toHaveLength(before + 1);
	});
});
