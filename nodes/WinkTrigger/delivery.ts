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

function firstString(body: IDataObject, names: string[]): string | undefined {
	for (const name of names) {
		const value = body[name];
		if (typeof value === 'string' && value.trim()) return value;
		if (typeof value === 'number') return String(value);
	}
	return undefined;
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
 * True when `key` was seen within the window; otherwise remembers it. The process memory and the
 * static data both get everything either remembers: n8n 2.x saves static data only from a call that
 * starts no execution (e.g. an acknowledged retry), so each such call saves what this process saw.
 */
function seenBefore(this: IWebhookFunctions, key: string, windowMs: number): boolean {
	const now = Date.now();
	const registration = storedRegistration(this)!;
	const scope = `${this.getWorkflow().id}:${this.getNode().id}:${kindOf(this)}:${registration.webhookId}`;
	const saved = Object.entries((registration.seen ?? {}) as Record<string, number>);
	const entries = [...saved, ...(recent.get(scope) ?? [])].sort((a, b) => a[1] - b[1]);
	const merged = new Map(entries);
	const duplicate = (merged.get(key) ?? 0) >= now - windowMs;
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
 * what is not JSON, not a selected event, or a retry of a delivery seen within the window;
 * otherwise start one execution with the event.
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
	const mediaType = String(this.getHeaderData()['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (mediaType !== 'application/json' || body === null || typeof body !== 'object' || Array.isArray(body)) {
		return acknowledge('not a JSON object');
	}
	const payload = body as IDataObject;
	const event = firstString(payload, EVENT_FIELDS);
	const selected = (this.getNodeParameter('events', []) as string[]) ?? [];
	// An event name we cannot find is let through: dropping events we cannot read would lose data.
	if (event && selected.length > 0 && !selected.includes(event)) return acknowledge('event not selected');

	// A retry repeats the event's id (with its name), or else the exact body.
	const id = event ? firstString(payload, ID_FIELDS) : undefined;
	const raw = (this.getRequestObject() as { rawBody?: Buffer }).rawBody;
	const key = id ? `id:${event}:${id}` : `sha256:${sha256(raw ?? JSON.stringify(payload)).toString('hex')}`;
	const minutes = Number((this.getNodeParameter('options', {}) as IDataObject).duplicateWindow ?? DEFAULT_WINDOW_MINUTES);
	if (seenBefore.call(this, key, minutes * 60_000)) return acknowledge('duplicate delivery');

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
