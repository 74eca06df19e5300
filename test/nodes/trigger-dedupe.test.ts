// The Wink Trigger's memory of deliveries (what makes a retry start nothing), through n8n-core's
// WebhookContext and WorkflowExecute (test/harness/triggers.ts) against the sandbox.
import { createHash } from 'crypto';
import { forgetDeliveries, MAX_REMEMBERED } from '../../nodes/WinkTrigger/delivery';
import { byId, sandboxCredential, useWink } from '../harness/fixture';
import { useTriggerHost, type WebhookTriggerWorkflow } from '../harness/triggers';

const wink = useWink();
const host = useTriggerHost(wink);

const LEDGER = 'ledger.entry.create';
const webhooks = () =>
	(wink.sb.state.webhooks?.[wink.sb.managingEntityId] ?? []) as Array<{ eventUrl: string }>;
const registeredUrl = (t: WebhookTriggerWorkflow) =>
	webhooks().find((w) => w.eventUrl.split('?')[0] === t.url())!.eventUrl;
const post = async (url: string, body: unknown) => {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: res.status, body: await res.text() };
};
const seenOf = (t: WebhookTriggerWorkflow) =>
	(t.nodeData.production as { seen?: Record<string, number> }).seen ?? {};

/** An active trigger (n8n 1.x saving: static data written by every call is kept) and its URL. */
async function active(savesStaticDataOnExecution = true) {
	const t = host().webhookTrigger(
		{ managingEntity: byId(wink.sb.managingEntityId), events: [LEDGER] },
		{ savesStaticDataOnExecution },
	);
	await t.activate();
	return { t, url: registeredUrl(t) };
}

describe('Wink Trigger: the memory of deliveries', () => {
	test('keys are a fixed-size hash: five deliveries with 200 kB ids add less than 1 kB of static data', async () => {
		const { t, url } = await active();
		const before = JSON.stringify(t.saved).length;
		for (let i = 0; i < 5; i++) {
			expect(
				(await post(url, { id: `${i}${'x'.repeat(200_000)}`, event: LEDGER, data: {} })).status,
			).toBe(200);
		}
		expect(t.executions).toHaveLength(5);
		const keys = Object.keys(seenOf(t));
		expect(keys).toHaveLength(5);
		expect(keys.every((k) => k.length < 50)).toBe(true);
		expect(JSON.stringify(t.saved).length - before).toBeLessThan(1000);
	});

	test('two different events that share an id both run; a true retry (same body, any key order) does not', async () => {
		const { t, url } = await active();
		const first = {
			id: 'evt-shared',
			event: LEDGER,
			managingEntityIdentifier: wink.sb.managingEntityId,
			data: { amount: 1 },
		};
		const second = { ...first, data: { amount: 2 } };
		await post(url, first);
		await post(url, second);
		// Wink's retries: the same body, also re-serialized with other key order and spacing.
		await post(url, first);
		const reordered = `{ "data": {"amount": 1}, "managingEntityIdentifier": "${wink.sb.managingEntityId}", "event": "${LEDGER}", "id": "evt-shared" }`;
		const answer = await post(url, reordered);
		expect(JSON.parse(answer.body)).toEqual({
			received: true,
			started: false,
			reason: 'duplicate delivery',
		});
		expect(t.executions.map((e) => e.items[0].json.payload)).toEqual([first, second]);
	});

	test('a delivery the sandbox retries runs once; another event with its id runs too', async () => {
		const { t } = await active(false);
		wink.sb.deliver({ event: LEDGER, data: { n: 1 }, id: 'evt-same' });
		await wink.sb.settleDeliveries();
		wink.sb.redeliver(wink.sb.deliveries[0].id);
		wink.sb.deliver({ event: LEDGER, data: { n: 2 }, id: 'evt-same' });
		await wink.sb.settleDeliveries();
		expect(t.executions.map((e) => (e.items[0].json.payload as { data: unknown }).data)).toEqual([
			{ n: 1 },
			{ n: 2 },
		]);
	});

	test(`the memory holds ${MAX_REMEMBERED} keys: the next one evicts the oldest`, async () => {
		const { t, url } = await active();
		const delivery = (i: number) => ({ id: `evt-${i}`, event: LEDGER, data: {} });
		for (let i = 0; i <= MAX_REMEMBERED; i++) await post(url, delivery(i));
		expect(t.executions).toHaveLength(MAX_REMEMBERED + 1);
		expect(Object.keys(seenOf(t))).toHaveLength(MAX_REMEMBERED);
		forgetDeliveries();
		// evt-1 is still remembered (the oldest kept); evt-0 was evicted and runs again.
		expect(JSON.parse((await post(url, delivery(1))).body).reason).toBe('duplicate delivery');
		expect((await post(url, delivery(0))).body).toContain('Workflow was started');
		expect(t.executions).toHaveLength(MAX_REMEMBERED + 2);
	}, 120_000);

	test('static data saved by the previous version (raw keys) still dedupes after the upgrade', async () => {
		const { t, url } = await active();
		const idless = JSON.stringify({ event: LEDGER, data: { n: 1 } });
		(t.nodeData.production as { seen: Record<string, number> }).seen = {
			[`id:${LEDGER}:evt-old`]: Date.now() - 1000,
			[`sha256:${createHash('sha256').update(idless).digest('hex')}`]: Date.now() - 1000,
		};
		forgetDeliveries();
		const answers = [
			await post(url, { id: 'evt-old', event: LEDGER, data: {} }),
			await post(url, idless),
		];
		expect(answers.map((a) => JSON.parse(a.body).reason)).toEqual([
			'duplicate delivery',
			'duplicate delivery',
		]);
		expect(t.executions).toHaveLength(0);
		// The old keys are only read: the new ones are hashes.
		expect(
			Object.keys(seenOf(t)).filter((k) => !k.startsWith('id:') && !k.startsWith('sha256:')),
		).toEqual([]);
	});
});

describe('Wink Trigger: deliveries for another managing entity', () => {
	test("with the credential's Default Managing Entity (the node's field empty): another entity's delivery starts nothing", async () => {
		wink.h.setCredential(
			sandboxCredential(wink.sb, { managingEntityId: wink.sb.managingEntityId }),
		);
		const t = host().webhookTrigger({ managingEntity: byId(''), events: [LEDGER] });
		await t.activate();
		const url = registeredUrl(t);
		const other = await post(url, {
			id: 'e1',
			event: LEDGER,
			managingEntityIdentifier: wink.sb.ids.secondaryManagingEntityId,
		});
		const ours = await post(url, {
			id: 'e2',
			event: LEDGER,
			managingEntityIdentifier: wink.sb.managingEntityId,
		});
		expect([other.status, ours.status]).toEqual([200, 200]);
		expect(JSON.parse(other.body)).toEqual({
			received: true,
			started: false,
			reason: 'another managing entity',
		});
		expect(t.executions.map((e) => e.items[0].json.deliveryId)).toEqual(['e2']);
	});
});
