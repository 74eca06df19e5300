import type { AttemptSignal } from '../transport/pause';

// Concurrency "Auto": how many items may be in flight, learnt from Wink's answers during one run.
//
// The rule is AIMD (additive increase, multiplicative decrease, as TCP) with a round-trip gate,
// not a gradient rule (Netflix's and Envoy's limiters size the limit by how far the round trip
// grew). Why: the pushback we must survive is a rate-limiting gateway, which answers 429 at once
// and never makes a round trip longer, so a rule driven by the round trip alone would not see it.
// 429, 503, 504 and timeouts are the loss signal; the gate only stops growth while the round trip
// is well above its minimum (n8n's own CPU or a slow Wink is then the bottleneck, more in flight
// would only queue). The factors are our choice, tuned with `npm run bench:n8n`.
const START = 2;
/** Cut on pushback: half, as TCP Reno. */
const DECREASE = 0.5;
/** A round trip up to this many times the smallest seen still counts as "near it"... */
const RTT_TOLERANCE = 2;
/** ...plus this much, so that 1 ms round trips are not stopped by timer noise. */
const RTT_SLACK_MS = 20;
/**
 * Up to version 1's fixed default the round trip is not asked: 5 in flight is what every run sent
 * before, and on a busy n8n one lucky fast answer would otherwise hold the limit at 2
 * (measured: 0.66× the HTTP Request node at 0 ms, npm run bench:n8n).
 */
const UNGATED = 5;

export class AdaptiveLimit {
	private value = START;
	/** Until the first pushback the limit doubles per round trip, then it grows by one per round trip. */
	private slowStart = true;
	private minRtt = Infinity;
	private lastCut = -Infinity;
	private readonly started = Date.now();
	/** [ms since the run started, limit] at every change: logged at the end of the run (debug). */
	readonly trace: Array<[number, number]> = [[0, START]];

	constructor(readonly ceiling: number) {
		this.value = Math.min(START, ceiling);
	}

	/** The ceiling is kept where the limit grows (observe), so that a halving starts below it. */
	get current(): number {
		return Math.max(1, Math.floor(this.value));
	}

	observe({ ms, sentAt, pushedBack }: AttemptSignal) {
		const before = this.current;
		if (pushedBack) {
			// One cut per overload: answers to requests sent before the last cut tell nothing new.
			if (sentAt <= this.lastCut) return;
			this.value = Math.max(1, this.value * DECREASE);
			this.slowStart = false;
			this.lastCut = Date.now();
		} else {
			this.minRtt = Math.min(this.minRtt, ms);
			// A slow answer only holds the limit: once the queue behind it drains, growth resumes.
			if (this.value >= UNGATED && ms > this.minRtt * RTT_TOLERANCE + RTT_SLACK_MS) return;
			this.value = Math.min(this.ceiling, this.value + (this.slowStart ? 1 : 1 / this.value));
		}
		if (this.current !== before) this.trace.push([Date.now() - this.started, this.current]);
	}
}
