import { sleep } from 'n8n-workflow';

// A 429 means the client as a whole is over Wink's limit: every request of the same execution
// waits until the pause ends, not only the one that got it (each keeps its own retry budget).
const pauses = new WeakMap<object, number>();

// What the 429s cost this execution: how many, and the wall-clock time requests were held.
const pausedTotals = new WeakMap<object, { count: number; ms: number }>();

/** Makes every later request of this execution wait `ms`. */
export function pauseRequests(context: object, ms: number) {
	const now = Date.now();
	const until = now + ms;
	const before = pauses.get(context) ?? 0;
	const total = pausedTotals.get(context) ?? { count: 0, ms: 0 };
	// Overlapping pauses of parallel items count once: only the part past the current pause.
	pausedTotals.set(context, {
		count: total.count + 1,
		ms: total.ms + Math.max(0, until - Math.max(before, now)),
	});
	if (until > before) pauses.set(context, until);
}

/** The 429 pauses of this execution so far (count and milliseconds held), for the run's hint. */
export function pausedSoFar(context: object): { count: number; ms: number } {
	return pausedTotals.get(context) ?? { count: 0, ms: 0 };
}

const remaining = (context: object) => (pauses.get(context) ?? 0) - Date.now();

/** Waits while a 429 has paused this execution's requests. */
export async function whenUnpaused(context: object) {
	while (remaining(context) > 0) await sleep(remaining(context));
}

/** What one attempt tells the run's concurrency limit (Auto): its round trip, and whether Wink pushed back. */
export interface AttemptSignal {
	sentAt: number;
	ms: number;
	/** 429, 503, 504 or a timeout: Wink (or a gateway before it) is over its capacity. */
	pushedBack: boolean;
	/** A 429: a limit counted per time, not an overload. */
	rateLimited?: boolean;
}

const listeners = new WeakMap<object, (signal: AttemptSignal) => void>();

/** Lets `listen` hear every attempt of this execution (one listener: the run's limit). */
export function onAttempt(context: object, listen: (signal: AttemptSignal) => void) {
	listeners.set(context, listen);
}

export function reportAttempt(context: object, signal: AttemptSignal) {
	listeners.get(context)?.(signal);
}
