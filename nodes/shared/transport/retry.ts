import { retryAfterMs, type Failure } from './failure';
import type { WinkContext } from './types';

// When a failed attempt is sent again, and after how long: winkRequest's retry rules.

export const retryPolicy = {
	maxRetries: 4,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	/** A Retry-After longer than this is not waited for: the error is reported instead. */
	maxRetryAfterMs: 60_000,
	/**
	 * The most one execution waits for retries, all its requests together (waits that overlap count
	 * once). Ten times the longest Retry-After honoured, and more than one request can wait alone
	 * (4 × 60 s), so one unlucky request never uses it up; a Wink that answers 429 to everything
	 * stops the run within about ten minutes instead of hours. A judgement, not a Wink figure.
	 */
	maxWaitPerRunMs: 600_000,
};

// Only methods that are safe to send twice are retried; POST and PATCH never are.
export const RETRIED_METHODS = new Set(['GET', 'PUT', 'DELETE', 'HEAD']);
const RETRIED_STATUS = new Set([429, 502, 503, 504]);
const RETRIED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT']);
function backoffMs(attempt: number): number {
	const ceiling = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** attempt);
	return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Wait before trying again, or why not. */
export type RetryDecision = { delayMs: number } | { stop: string };

export function retryDecision(
	context: WinkContext,
	method: string,
	failure: Failure,
	attempt: number,
): RetryDecision {
	const retriable =
		!!failure.unreadable ||
		(failure.status !== undefined
			? RETRIED_STATUS.has(failure.status)
			: RETRIED_CODES.has(failure.code ?? ''));
	if (!retriable) return { stop: '' };
	if (!RETRIED_METHODS.has(method))
		return { stop: `${method} requests are never repeated automatically` };
	if (attempt >= retryPolicy.maxRetries)
		return { stop: `gave up after ${retryPolicy.maxRetries} retries` };
	const after = failure.status !== undefined ? retryAfterMs(failure.headers) : undefined;
	if (after !== undefined && after > retryPolicy.maxRetryAfterMs) {
		return {
			stop: `Wink asked to wait ${Math.ceil(after / 1000)} s (Retry-After), longer than the ${retryPolicy.maxRetryAfterMs / 1000} s the node waits`,
		};
	}
	const delayMs = after ?? backoffMs(attempt);
	if (!spendWait(context, delayMs)) {
		return {
			stop: `the run's retry-wait budget (${Math.round(retryPolicy.maxWaitPerRunMs / 1000)} s of waiting, all its requests together) is used up`,
		};
	}
	return { delayMs };
}

// Each execution's time spent waiting for retries: the total so far and when the last wait ends.
const waits = new WeakMap<WinkContext, { spentMs: number; untilMs: number }>();

/** Counts a wait of `ms` from now against the run's budget, or refuses it when it would exceed it. */
function spendWait(context: WinkContext, ms: number): boolean {
	const now = Date.now();
	const wait = waits.get(context) ?? { spentMs: 0, untilMs: 0 };
	const added = Math.max(0, now + ms - Math.max(now, wait.untilMs));
	if (wait.spentMs + added > retryPolicy.maxWaitPerRunMs) return false;
	waits.set(context, { spentMs: wait.spentMs + added, untilMs: Math.max(wait.untilMs, now + ms) });
	return true;
}
