'use strict';
// Rate-limit mode: a gateway in front of the API, a token bucket of `perSecond` requests a second
// with a one-second burst. Past it: 429 with Retry-After (whole seconds, as HTTP has it), answered
// at once, before any latency fault (that one models Wink's own time to answer).

function createGateway(perSecond) {
	const rate = Number(perSecond);
	if (!(Number.isFinite(rate) && rate > 0))
		throw new TypeError('rateLimit must be a positive number of requests a second');
	let tokens = rate;
	let at = Date.now();
	return {
		rateLimit: rate,
		/** 0 when the request may pass, else the ms until the bucket holds a token again. */
		admit(now = Date.now()) {
			tokens = Math.min(rate, tokens + ((now - at) * rate) / 1000);
			at = now;
			if (tokens >= 1) {
				tokens -= 1;
				return 0;
			}
			return Math.ceil(((1 - tokens) * 1000) / rate);
		},
	};
}

const retryAfterSeconds = (waitMs) => Math.max(1, Math.ceil(waitMs / 1000));

module.exports = { createGateway, retryAfterSeconds };
