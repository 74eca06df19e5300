// Wink Trigger through n8n-core's HookContext / WebhookContext / WorkflowExecute, against the
// sandbox, which delivers its events to the harness's stand-in for n8n's webhook routes.
import { forgetDeliveries } from '../../nodes/WinkTrigger/delivery';
import { byId, eurWithdrawal, useWink } from '../harness/fixture';
import { useTriggerHost, type WebhookTriggerWorkflow } from '../harness/triggers';

const wink = useWink();
const host = useTriggerHost(wink);

const LEDGER = 'ledger.entry.create';
const webhooks = () =>
	(wink.sb.state.webhooks?.[wink.sb.managingEntityId] ?? []) as Array<Record<string, any>>;
const base = (url: string) => url.split('?')[0];
const trigger = (events: string[] = [LEDGER], options = {}) =>
	host().webhookTrigger({ managingEntity: byId(wink.sb.managingEntityId), events }, options);
const registered = (t: WebhookTriggerWorkflow, kind: 'production' | 'test' = 'production') =>
	webhooks().filter((w) => base(w.eventUrl) === t.url(kind));
const post = (url: string, body: unknown, contentType = 'application/json') =>
	fetch(url, {
		method: 'POST',
		headers: { 'content-type': contentType },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});

/** Initiates a withdrawal through the Wink Settlement node: Wink then emits ledger.entry.create. */
async function withdraw() {
	const { error } = await wink.h.run({ parameters: eurWithdrawal(wink.sb) });
	expect(error).toBeUndefined();
	await wink.sb.settleDeliveries();
}

describe('Wink Trigger: registration lifecycle', () => {
	test('activation creates exactly one webhook for the production URL, with a secret token', async () => {
		const t = trigger();
		await t.activate();
		expect(t.calls).toEqual(['production:checkExists', 'production:create']);
		const [w] = registered(t);
		expect(webhooks()).toHaveLength(1);
		expect(w).toMatchObject({
			enabled: true,
			eventList: [LEDGER],
			name: expect.stringContaining('wf-trigger-test'),
		});
		const token = new URL(w.eventUrl).searchParams.get('token')!;
		expect(token).toMatch(/^[0-9a-f]{64}$/);
		expect(t.nodeData.production).toMatchObject({
			webhookId: w.id,
			token,
			managingEntity: wink.sb.managingEntityId,
		});
		// The body Wink got carries the owning entity, as the spec requires.
		const sent = wink.sb.stats.requests.find((r) => r.operationId === 'createWebhook')!.body;
		expect(sent.entity).toEqual({
			identifier: wink.sb.managingEntityId,
			name: 'Grand Azure Hotel Lisbon',
		});
	});

	test('a second activation finds it by URL and creates no second one', async () => {
		const t = trigger();
		await t.activate();
		await t.activate();
		expect(t.calls).toEqual([
			'production:checkExists',
			'production:create',
			'production:checkExists',
		]);
		expect(webhooks()).toHaveLength(1);
	});

	test('deactivation deletes it and clears the static data', async () => {
		const t = trigger();
		await t.activate();
		expect(t.nodeData.production).toBeDefined();
		await t.deactivate();
		expect(t.calls.at(-1)).toBe('production:delete');
		expect(webhooks()).toHaveLength(0);
		expect(t.nodeData.production).toBeUndefined();
	});

	test("a webhook deleted in Wink behind n8n's back is re-created at the next activation", async () => {
		const t = trigger();
		await t.activate();
		const old = registered(t)[0].id;
		webhooks().length = 0;
		await t.activate();
		expect(registered(t)).toHaveLength(1);
		expect(registered(t)[0].id).not.toBe(old);
		expect(t.nodeData.production).toMatchObject({ webhookId: registered(t)[0].id });
	});

	test('lost static data: the registration in Wink is adopted (id and token), not duplicated', async () => {
		const t = trigger();
		await t.activate();
		const before = registered(t)[0];
		t.saved = {};
		await t.activate();
		expect(t.calls.at(-1)).toBe('production:checkExists');
		expect(webhooks()).toEqual([before]);
		await withdraw();
		expect(t.executions).toHaveLength(1);
	});

	test('two registrations for our URL (e.g. a create whose answer was lost): one is kept', async () => {
		const t = trigger();
		await t.activate();
		webhooks().push({ ...registered(t)[0], id: 'wh-duplicate' });
		await t.activate();
		expect(registered(t)).toHaveLength(1);
		await withdraw();
		expect(t.executions).toHaveLength(1);
	});

	test('changing the events and re-activating updates the registration', async () => {
		const t = trigger();
		await t.activate();
		const id = registered(t)[0].id;
		t.parameters = { ...t.parameters, events: ['payee.create', LEDGER] };
		await t.activate();
		expect(webhooks()).toHaveLength(1);
		expect(registered(t)[0]).toMatchObject({ id, eventList: ['payee.create', LEDGER], version: 1 });
		expect(wink.sb.stats.requests.filter((r) => r.operationId === 'updateWebhook')).toHaveLength(1);
	});

	test("n8n's public URL changed: the old registration is replaced, not left behind", async () => {
		const t = trigger();
		await t.activate();
		registered(t)[0].eventUrl = registered(t)[0].eventUrl.replace('127.0.0.1', 'old-n8n.example');
		await t.activate();
		expect(webhooks()).toHaveLength(1);
		expect(registered(t)).toHaveLength(1);
	});

	test('another managing entity: the registration moves there', async () => {
		const t = trigger();
		await t.activate();
		t.parameters = { ...t.parameters, managingEntity: byId(wink.sb.ids.secondaryManagingEntityId) };
		await t.activate();
		expect(webhooks()).toHaveLength(0);
		const other = wink.sb.state.webhooks[wink.sb.ids.secondaryManagingEntityId];
		expect(other.map((w: { eventUrl: string }) => base(w.eventUrl))).toEqual([t.url()]);
		await t.deactivate();
		expect(other).toHaveLength(0);
	});

	test('a webhook disabled in Wink is enabled again at the next activation', async () => {
		const t = trigger();
		await t.activate();
		registered(t)[0].enabled = false;
		await t.activate();
		expect(registered(t)[0].enabled).toBe(true);
	});

	// deleteRegistration removes the stored id, then whatever else Wink has for our URL: each
	// test below needs one of the two passes alone.
	test('deactivation also removes a second registration for our URL that the static data does not name', async () => {
		const t = trigger();
		await t.activate();
		webhooks().push({ ...registered(t)[0], id: 'wh-duplicate' });
		await t.deactivate();
		expect(webhooks()).toHaveLength(0);
	});

	test("deactivation after n8n's webhook URL changed since activation removes the stored registration", async () => {
		const t = trigger();
		await t.activate();
		registered(t)[0].eventUrl = registered(t)[0].eventUrl.replace('127.0.0.1', 'old-n8n.example');
		expect(registered(t)).toHaveLength(0);
		await t.deactivate();
		expect(webhooks()).toHaveLength(0);
	});

	test('deactivation: a webhook already gone (404) is fine; another failure is reported', async () => {
		const t = trigger();
		await t.activate();
		webhooks().length = 0;
		await expect(t.deactivate()).resolves.toBeUndefined();

		const u = trigger();
		await u.activate();
		wink.sb.inject({ operationId: 'deleteWebhook', status: 500 });
		await expect(u.deactivate()).rejects.toThrow(/Wink server error \(500\)/);
		expect(registered(u)).toHaveLength(1);
	});

	test('listening in the editor registers the test URL and removes it afterwards', async () => {
		const t = trigger();
		await t.activate();
		await t.listen();
		expect(registered(t, 'test')).toHaveLength(1);
		expect(registered(t)).toHaveLength(1);
		expect(registered(t, 'test')[0].name).toMatch(/editor test/);
		await t.stopListening();
		expect(registered(t, 'test')).toHaveLength(0);
		await t.deactivate();
		expect(webhooks()).toHaveLength(0);
	});

	test('n8n 1.x restart calls checkExists: a registration lost in Wink is repaired', async () => {
		const t = trigger();
		await t.activate();
		webhooks().length = 0;
		await t.restart1x();
		expect(t.calls).toEqual([
			'production:checkExists',
			'production:create',
			'production:checkExists',
			'production:create',
		]);
		expect(registered(t)).toHaveLength(1);
	});
});

describe('Wink Trigger: deliveries', () => {
	test("the sandbox delivers a withdrawal's ledger entry: one execution with the event", async () => {
		const t = trigger();
		await t.activate();
		await withdraw();
		expect(t.executions).toHaveLength(1);
		const [item] = t.executions[0].items;
		expect(item.json).toMatchObject({
			event: LEDGER,
			deliveryId: expect.stringMatching(/^evt-/),
			receivedAt: expect.any(String),
			payload: {
				event: LEDGER,
				managingEntityIdentifier: wink.sb.managingEntityId,
				data: { referenceType: 'WITHDRAWAL' },
			},
		});
		// The whole workflow ran through the engine: the node after the trigger got the item.
		expect(t.executions[0].run.data.resultData.runData.After).toHaveLength(1);
		expect(wink.sb.deliveries[0]).toMatchObject({
			status: 'delivered',
			attempts: [{ status: 200 }],
		});
	});

	test('a wrong or missing token is refused with 401 and starts nothing', async () => {
		const t = trigger();
		await t.activate();
		const good = registered(t)[0].eventUrl as string;
		const forged = { id: 'evt-forged', event: LEDGER, data: {} };
		expect((await post(`${t.url()}?token=${'0'.repeat(64)}`, forged)).status).toBe(401);
		expect((await post(t.url(), forged)).status).toBe(401);
		expect(
			(
				await post(
					good.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')),
					forged,
				)
			).status,
		).toBe(401);
		expect(t.executions).toHaveLength(0);
		expect((await post(good, forged)).status).toBe(200);
		expect(t.executions).toHaveLength(1);
	});

	test('a retried delivery starts one execution, not two (n8n 2.x: static data of that call not saved)', async () => {
		const t = trigger();
		await t.activate();
		await withdraw();
		const [delivery] = wink.sb.deliveries;
		wink.sb.redeliver(delivery.id);
		await wink.sb.settleDeliveries();
		expect(wink.sb.deliveries[0].attempts).toEqual([
			{ at: expect.any(String), status: 200 },
			{ at: expect.any(String), status: 200 },
		]);
		expect(t.executions).toHaveLength(1);
	});

	test('a retry without an event id is recognised by its body (all events selected)', async () => {
		const t = trigger([]);
		await t.activate();
		const url = registered(t)[0].eventUrl as string;
		const body = { something: 'happened', amount: 1 };
		await post(url, body);
		await post(url, body);
		await post(url, { ...body, amount: 2 });
		expect(t.executions.map((e) => e.items[0].json.payload)).toEqual([
			body,
			{ ...body, amount: 2 },
		]);
	});

	test('n8n 1.x saves the static data: a retry after a restart still starts nothing', async () => {
		const t = trigger([LEDGER], { savesStaticDataOnExecution: true });
		await t.activate();
		await withdraw();
		await t.restart1x();
		wink.sb.redeliver(wink.sb.deliveries[0].id);
		await wink.sb.settleDeliveries();
		expect(t.executions).toHaveLength(1);
	});

	test('n8n 2.x: an acknowledged retry saves the delivery, so a later retry after a restart starts nothing', async () => {
		const t = trigger();
		await t.activate();
		await withdraw();
		const [delivery] = wink.sb.deliveries;
		const seen = () => Object.keys((t.nodeData.production as { seen?: object }).seen ?? {});
		expect(seen()).toEqual([]);
		wink.sb.redeliver(delivery.id);
		await wink.sb.settleDeliveries();
		expect(seen()).toHaveLength(1);
		forgetDeliveries();
		wink.sb.redeliver(delivery.id);
		await wink.sb.settleDeliveries();
		expect(t.executions).toHaveLength(1);
	});

	test('a delivery seen longer ago than the Duplicate Window starts an execution again', async () => {
		const t = trigger([LEDGER], { savesStaticDataOnExecution: true });
		await t.activate();
		await withdraw();
		const seen = (t.nodeData.production as { seen: Record<string, number> }).seen;
		for (const key of Object.keys(seen)) seen[key] -= 61 * 60_000;
		forgetDeliveries();
		wink.sb.redeliver(wink.sb.deliveries[0].id);
		await wink.sb.settleDeliveries();
		expect(t.executions).toHaveLength(2);
	});

	test('documented limit, n8n 2.x: a first retry arriving after a restart starts a second execution', async () => {
		const t = trigger();
		await t.activate();
		await withdraw();
		forgetDeliveries();
		wink.sb.redeliver(wink.sb.deliveries[0].id);
		await wink.sb.settleDeliveries();
		expect(t.executions).toHaveLength(2);
	});

	test('an event not selected is acknowledged with 200 and starts nothing', async () => {
		const t = trigger([LEDGER]);
		await t.activate();
		// Someone widened the subscription in Wink's portal to every event.
		registered(t)[0].eventList = [];
		wink.sb.deliver({ event: 'payee.create', data: { identifier: 'ba-1' } });
		await wink.sb.settleDeliveries();
		expect(wink.sb.deliveries[0]).toMatchObject({
			event: 'payee.create',
			status: 'delivered',
			attempts: [{ status: 200 }],
		});
		expect(t.executions).toHaveLength(0);
	});

	test('empty event selection: every event starts an execution', async () => {
		const t = trigger([]);
		await t.activate();
		expect(registered(t)[0].eventList).toEqual([]);
		wink.sb.deliver({ event: 'payee.create', data: {} });
		wink.sb.deliver({ event: 'booking.create', data: {} });
		await wink.sb.settleDeliveries();
		expect(t.executions.map((e) => e.items[0].json.event).sort()).toEqual([
			'booking.create',
			'payee.create',
		]);
	});

	test('a request that is not JSON is acknowledged with 200 and starts nothing', async () => {
		const t = trigger();
		await t.activate();
		const url = registered(t)[0].eventUrl as string;
		const res = await post(url, 'hello', 'text/plain');
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			received: true,
			started: false,
			reason: 'not a JSON object',
		});
		expect((await post(url, [1, 2])).status).toBe(200);
		// A form is parsed into an object too, but it is not JSON.
		expect(
			(await post(url, 'event=ledger.entry.create&id=1', 'application/x-www-form-urlencoded'))
				.status,
		).toBe(200);
		expect(t.executions).toHaveLength(0);
	});

	test('Wink retries a delivery that did not get a 200 (the workflow was inactive for a moment)', async () => {
		const t = trigger();
		await t.activate();
		wink.sb.configureDeliveries({ retryDelaysMs: [300] });
		t.answering = false;
		wink.sb.deliver({ event: LEDGER, data: {} });
		// Until the first attempt is answered (not a fixed 100 ms, which a loaded machine can outlast).
		while (wink.sb.deliveries[0]?.status !== 'retrying') await new Promise((r) => setTimeout(r, 5));
		t.answering = true;
		await wink.sb.settleDeliveries();
		expect(wink.sb.deliveries[0].attempts.map((a) => a.status)).toEqual([404, 200]);
		expect(t.executions).toHaveLength(1);
	});

	test('in the editor, a delivery to the test URL runs in manual mode', async () => {
		const t = trigger();
		await t.listen();
		await withdraw();
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0].mode).toBe('manual');
		await t.stopListening();
		expect(webhooks()).toHaveLength(0);
	});
});
