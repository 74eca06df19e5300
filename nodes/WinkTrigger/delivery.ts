import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { kindOf, storedRegistration, TOKEN_PARAM } from './registration';

/** How many delivery keys a trigger remembers, and for how long by default (our choice, not Wink's). */
export const MAX_REMEMBERED = 500;
export const DEFAULT_WINDOW_MINUTES = 60;

// Delivery keys seen recently, per trigger, in this n8n process (see seenBefore).
const recent = new Map<string, Map<string, number>>();

/** Forgets every remembered delivery, as a restart of n8n does. */
export function forgetDeliveries() {
	recent.clear();
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest();

// Both sides hashed first: equal lengths, so the comparison takes the same time for any input.
// No test can see this: `===` gives the same answers, and the time it leaks (nanoseconds per
// matching byte) is far below the jitter of an HTTP round trip through n8n. Kept on review.
function sameSecret(given: string, expected: string): boolean {
	return expected.length > 0 && timingSafeEqual(sha256(given), sha256(expected));
}

/** Answers 200 without starting an execution (Wink retries anything but a 200). */
const acknowledge = (reason: string): IWebhookResponseData => ({
	webhookResponse: { received: true, started: false, reason },
});

// Wink does not publish its delivery envelope; these are the names an event key and id are
// looked for at the top level of the JSON body (the sandbox sends `event` and `id`).
const EVENT_FIELDS = ['event', 'eventType', 'type'];
const ID_FIELDS = ['id', 'eventId', 'deliveryId'];
// Inferred, not from Wink: the managing entity a delivery names, by the spec's name for it
// (the `managingEntityIdentifier` path parameter; the sandbox's envelope uses it too).
const ENTITY_FIELDS = ['managingEntityIdentifier'];

function firstString(body: IDataObject, names: string[]): string | undefined {
	for (const name of names) {
		const value = body[name];
		if (typeof value === 'string' && value.trim()) return value;
		if (typeof value === 'number') return String(value);
	}
	return undefined;
}

// Object keys sorted at every depth: a body sent again with other spacing or key order is the same.
const sortedKeys = (_key: string, value: unknown) =>
	value !== null && typeof value === 'object' && !Array.isArray(value)
		? Object.fromEntries(
				Object.keys(value)
					.sort()
					.map((k) => [k, (value as IDataObject)[k]]),
			)
		: value;

/**
 * What identifies a delivery: its whole JSON body (event, id and everything else), as a fixed-size
 * hash. Two events that share an id but differ are two deliveries; Wink's retry repeats the body.
 */
function deliveryKey(payload: IDataObject, raw: Buffer | undefined): string {
	let text: string;
	try {
		text = JSON.stringify(payload, sortedKeys);
	} catch {
		// Nested too deep to walk: the exact bytes instead.
		text = raw?.toString('utf8') ?? '';
	}
	return `b:${sha256(text).toString('base64url')}`;
}

/**
 * The keys earlier versions of this package stored (`id:<event>:<id>`, or `sha256:<hex of the body>`):
 * looked up, never stored, so a retry of a delivery seen before the upgrade still starts nothing.
 * They age out of the memory within the Duplicate Window.
 */
function legacyKeys(
	event: string | undefined,
	id: string | undefined,
	raw: Buffer | undefined,
	payload: IDataObject,
) {
	if (event && id) return [`id:${event}:${id}`];
	return [`sha256:${sha256(raw ?? JSON.stringify(payload)).toString('hex')}`];
}

function prune(entries: Map<string, number>, since: number) {
	for (const [key, at] of entries) if (at < since) entries.delete(key);
	// Oldest first (insertion order): drop the excess.
	for (const key of entries.keys()) {
		if (entries.size <= MAX_REMEMBERED) break;
		entries.delete(key);
	}
}

/**
 * True when `key` (or one of `legacy`) was seen within the window; otherwise remembers `key`. The
 * process memory and the static data both get everything either remembers: n8n 2.x saves static
 * data only from a call that starts no execution (e.g. an acknowledged retry), so each such call
 * saves what this process saw.
 */
function seenBefore(
	this: IWebhookFunctions,
	key: string,
	legacy: string[],
	windowMs: number,
): boolean {
	const now = Date.now();
	const registration = storedRegistration(this)!;
	const scope = `${this.getWorkflow().id}:${this.getNode().id}:${kindOf(this)}:${registration.webhookId}`;
	const saved = Object.entries((registration.seen ?? {}) as Record<string, number>);
	const entries = [...saved, ...(recent.get(scope) ?? [])].sort((a, b) => a[1] - b[1]);
	const merged = new Map(entries);
	const duplicate = [key, ...legacy].some((k) => (merged.get(k) ?? 0) >= now - windowMs);
	if (!duplicate) {
		merged.delete(key);
		merged.set(key, now);
	}
	prune(merged, now - windowMs);
	recent.set(scope, new Map(merged));
	registration.seen = Object.fromEntries(merged);
	return duplicate;
}

/**
 * One POST from Wink: refuse a wrong token (401, no execution); acknowledge without an execution
 * what is not JSON, names another managing entity, has no event while events are selected, is not
 * a selected event, or is a retry of a delivery seen within the window; otherwise start one
 * execution with the event.
 */
export async function receiveEvent(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const registration = storedRegistration(this);
	const given = String((this.getQueryData() as IDataObject)[TOKEN_PARAM] ?? '');
	if (!registration?.token || !sameSecret(given, registration.token)) {
		const res = this.getResponseObject();
		res.writeHead(401, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify({ message: 'Unauthorized' }));
		return { noWebhookResponse: true };
	}

	const body = this.getBodyData() as unknown;
	// n8n parses a body into JSON for application/json only.
	const mediaType = String(this.getHeaderData()['content-type'] ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (
		mediaType !== 'application/json' ||
		body === null ||
		typeof body !== 'object' ||
		Array.isArray(body)
	) {
		return acknowledge('not a JSON object');
	}
	const payload = body as IDataObject;
	// A delivery that names no managing entity is let through (Wink does not publish that it names one).
	const entity = firstString(payload, ENTITY_FIELDS);
	if (entity && registration.managingEntity && entity !== registration.managingEntity) {
		return acknowledge('another managing entity');
	}
	const event = firstString(payload, EVENT_FIELDS);
	const selected = (this.getNodeParameter('events', []) as string[]) ?? [];
	if (selected.length > 0 && !event) return acknowledge('no event');
	if (event && selected.length > 0 && !selected.includes(event))
		return acknowledge('event not selected');

	const id = event ? firstString(payload, ID_FIELDS) : undefined;
	const raw = (this.getRequestObject() as { rawBody?: Buffer }).rawBody;
	const minutes = Number(
		(this.getNodeParameter('options', {}) as IDataObject).duplicateWindow ?? DEFAULT_WINDOW_MINUTES,
	);
	const key = deliveryKey(payload, raw);
	if (seenBefore.call(this, key, legacyKeys(event, id, raw, payload), minutes * 60_000)) {
		return acknowledge('duplicate delivery');
	}

	return {
		workflowData: [
			[
				{
					json: {
						event: event ?? null,
						deliveryId: id ?? null,
						receivedAt: new Date().toISOString(),
						payload,
					},
				},
			],
		],
	};
}
