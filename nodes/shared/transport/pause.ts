import { sleep } from 'n8n-workflow';

// A 429 means the client as a whole is over Wink's limit: every request of the same execution
// waits until the pause ends, not only the one that got it (each keeps its own retry budget).
const pauses = new WeakMap<object, number>();

/** Makes every later request of this execution wait `ms`. */
export function pauseRequests(context: object, ms: number) {
	const until = Date.now() + ms;
	if (until > (pauses.get(context) ?? 0)) pauses.set(context, until);
}

const remaining = (context: object) => (pauses.get(context) ?? 0) - Date.now();

/** Waits while a 429 has paused this execution's requests. */
export async function whenUnpaused(context: object) {
	while (remaining(context) > 0) await sleep(remaining(context));
}
