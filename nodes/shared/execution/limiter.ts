import { INITIAL_WINDOW } from '../editor/options';
import type { AttemptSignal } from '../transport/pause';

// Concurrency "Auto": how many items may be in flight, learnt from Wink's answers during one run.
//
// The rule is AIMD (additive increase, multiplicative decrease, as TCP) with a round-trip gate,
// not a gradient rule (Netflix's and Envoy's limiters size the limit by how far the round trip
// grew). Why: the pushback we must survive is a rate-limiting gateway, which answers 429 at once
// and never makes a round trip longer, so a rule driven by the round trip alone would not see it.
// 429, 503, 504 and timeouts are the loss signal; the gate only stops growth while the round trip
// is well above its minimum (n8n's own CPU or a slow Wink is then the bottleneck, more in flight
// would only queue). The factors are our choice, tuned with `npm run bench:n8n` and checked in a
// model of the gateway first (docs/performance-adaptive.md).
/** Where a limit starts when no caller says (the limiter's unit tests; a run starts at firstWindow). */
const START = 2;

/** Cut on pushback: half, as TCP Reno (after a 429 deeper, to what Wink delivered: deliveredInFlight). */
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
/**
 * After a 429 the limit grows by this much per second, not per round trip: a rate limit counts
 * requests per second and refills its burst during the Retry-After pause, so growing per 100 ms
 * round trip overran it again within a second (measured: 5.7 % of requests got 429 at 50/s).
 * After a 503, 504 or timeout (an overloaded Wink, not a rate) it grows per round trip, as TCP.
 */
const PROBE_PER_SECOND = 1;

/**
 * The first burst of a run of `items` items under `ceiling`: INITIAL_WINDOW (why ten: editor/options.ts,
 * where the Concurrency option promises it), or where the last run of this node left off (`learnt`,
 * see nextStart) when an earlier execution saved one.
 */
export function firstWindow(items: number, ceiling: number, learnt?: number): number {
	const start =
		learnt !== undefined && Number.isFinite(learnt) && learnt >= 1 ? learnt : INITIAL_WINDOW;
	return Math.max(1, Math.floor(Math.min(ceiling, items, start)));
}

export class AdaptiveLimit {
	private value: number;
	/** Until the first pushback the limit doubles per round trip. */
	private slowStart = true;
	/** Since a 429: grow per second (PROBE_PER_SECOND). */
	private rateLimited = false;
	private minRtt = Infinity;
	private lastCut = -Infinity;
	private readonly started = Date.now();
	/** Answers without pushback since the start or the last cut: what Wink delivered. */
	private delivered = 0;
	private grewAt = this.started;
	/** [ms since the run started, limit] at every change: logged at the end of the run (debug). */
	private readonly trace: Array<[number, number]>;

	constructor(
		readonly ceiling: number,
		start = START,
	) {
		this.value = Math.max(1, Math.min(start, ceiling));
		this.trace = [[0, this.value]];
	}

	/** The ceiling is kept where the limit grows (observe), so that a halving starts below it. */
	get current(): number {
		return Math.max(1, Math.floor(this.value));
	}

	observe({ ms, sentAt, pushedBack, rateLimited }: AttemptSignal) {
		const before = this.current;
		const now = Date.now();
		if (pushedBack) {
			// One cut per overload: answers to requests sent before the last cut tell nothing new.
			if (sentAt <= this.lastCut) return;
			const half = this.value * DECREASE;
			this.value = Math.max(1, rateLimited ? Math.min(half, this.deliveredInFlight(now)) : half);
			this.slowStart = false;
			this.rateLimited ||= !!rateLimited;
			this.lastCut = this.grewAt = now;
			this.delivered = 0;
		} else {
			this.delivered++;
			this.minRtt = Math.min(this.minRtt, ms);
			const grown = (now - this.grewAt) / 1000;
			this.grewAt = now;
			// A slow answer only holds the limit: once the queue behind it drains, growth resumes.
			if (this.value >= UNGATED && ms > this.minRtt * RTT_TOLERANCE + RTT_SLACK_MS) return;
			const step = this.slowStart
				? 1
				: this.rateLimited
					? grown * PROBE_PER_SECOND
					: 1 / this.value;
			this.value = Math.min(this.ceiling, this.value + step);
		}
		if (this.current !== before) this.trace.push([now - this.started, this.current]);
	}

	/** Whether Wink pushed back (429, 503, 504, timeout) at least once in this run. */
	get pushedBack(): boolean {
		return this.lastCut !== -Infinity;
	}

	/**
	 * Where the next run of this node may start (TCP caches a path's window the same way, RFC
	 * 9040): after pushback, where this run ended (what Wink took); after a clean run, never lower
	 * than before (`learnt`): a short run that never needed more says nothing against more.
	 */
	nextStart(learnt: number | undefined): number {
		const here = this.current;
		return this.pushedBack ? here : Math.min(this.ceiling, Math.max(learnt ?? 0, here));
	}

	/** The changes, and the limit where the run ended. */
	overTime(): Array<[number, number]> {
		return [...this.trace, [Date.now() - this.started, this.current]];
	}

	/**
	 * How many requests in flight Wink served since the start or the last cut: answers per ms ×
	 * the fastest round trip (Little's law, as BBR sizes its window). Behind a gateway that is its
	 * rate × the round trip, well below half of a limit that slow start grew on its full burst.
	 */
	private deliveredInFlight(now: number): number {
		// No answer since the last cut says nothing about the capacity: then only halve.
		if (this.delivered === 0 || !Number.isFinite(this.minRtt)) return Infinity;
		return (this.delivered / Math.max(1, now - Math.max(this.lastCut, this.started))) * this.minRtt;
	}
}
