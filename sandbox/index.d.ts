// Types of the sandbox handle, for the TypeScript tests.
export interface SandboxClient {
	clientId: string;
	clientSecret: string;
	scopes: string[];
}

export interface SandboxFault {
	/** Rate-limit mode: a gateway allowing this many API requests a second (one-second burst), then 429 with Retry-After. Not used up; cleared with the faults. */
	rateLimit?: number;
	operationId?: string;
	method?: string;
	path?: string | RegExp;
	times?: number;
	/** Let this many matching requests through first. */
	skip?: number;
	status?: number;
	retryAfter?: number | string;
	body?: unknown;
	delayMs?: number;
	drop?: true;
	malformed?: true;
	/** Expire every issued token just before this request is authenticated. */
	expireTokens?: true;
	/** Process the request first; only its answer is lost (drop) or replaced (status, body). */
	after?: true;
	/** Extra answer headers, e.g. a redirect's Location (misbehave.js). */
	headers?: Record<string, string>;
	/** A problem body whose detail repeats the request's Authorization header, then `pad` characters. */
	echoAuthorization?: true;
	pad?: number;
}

/** Another origin that records what reaches it (misbehave.js). */
export function startOtherHost(): Promise<{
	url: string;
	received: Array<{ method: string; path: string; authorization?: string; body: string }>;
	close(): Promise<void>;
}>;

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body?: any;
	headers: Record<string, string>;
	status: number;
	operationId?: string;
	fault?: string;
	/** The route's handler ran (state may have changed), whatever became of the answer. */
	processed?: boolean;
	/** Date.now() when the request arrived and when it was answered. */
	receivedAt: number;
	answeredAt?: number;
}

export interface SandboxDelivery {
	id: string;
	eventId: string;
	event: string;
	webhookId: string;
	/** The webhook's URL without its query (which may carry a secret token). */
	url: string;
	body: {
		id: string;
		event: string;
		createdDate: string;
		managingEntityIdentifier: string;
		data: any;
	};
	attempts: Array<{ at: string; status?: number; error?: string }>;
	status: 'pending' | 'retrying' | 'delivered' | 'failed' | 'cancelled';
}

export interface Sandbox {
	url: string;
	tokenUrl: string;
	controlUrl: string;
	port: number;
	clients: { demo: SandboxClient; readonly: SandboxClient };
	managingEntityId: string;
	ids: {
		managingEntityId: string;
		secondaryManagingEntityId: string;
		bankAccountIds: { EUR: string; USD: string; GBP: string };
		revolutPayoutAccountId: string;
	};
	/** inFlight: requests being answered now; maxInFlight: the most at once since the last reset. */
	stats: {
		tokensIssued: number;
		requests: RecordedRequest[];
		inFlight: number;
		maxInFlight: number;
	};
	state: any;
	/** Every scope the token endpoint knows. */
	scopes: string[];
	/** The route table, each row with its scope from sandbox/scopes.js. */
	routes: Array<{ operationId: string; method: string; path: string; scope: string }>;
	resetStats(): void;
	reset(seed?: number): void;
	setTokenTtl(seconds: number): void;
	/** false: the token answer leaves out `scope` (until reset), as RFC 6749 allows. */
	setTokenScopeInAnswer(on: boolean): void;
	expireAllTokens(): void;
	inject(fault: SandboxFault): SandboxFault;
	clearFaults(): void;
	/**
	 * Resolves once every request received so far is handled, one in a delay fault included (its
	 * client may have timed out long before): then `processed` and the state are final.
	 */
	settle(): Promise<void>;
	/** POSTs `event` to the subscribed, enabled webhooks of the managing entity (default: the main one). */
	deliver(event: {
		event: string;
		managingEntityId?: string;
		data?: unknown;
		id?: string;
	}): SandboxDelivery[];
	readonly deliveries: SandboxDelivery[];
	/** Sends a delivery again, as Wink's retry of it would. */
	redeliver(id: string): SandboxDelivery | undefined;
	/** Resolves once no delivery is in flight or waiting for a retry. */
	settleDeliveries(): Promise<void>;
	configureDeliveries(config: { retryDelaysMs?: number[]; timeoutMs?: number }): {
		retryDelaysMs: number[];
		timeoutMs: number;
	};
	clearDeliveries(): void;
	setWithdrawalStatus(
		withdrawalId: string,
		status: 'PENDING' | 'PROCESSING' | 'COMPLETED' | 'FAILED',
		managingEntityId?: string,
	): any;
	/** Adds a ledger entry (a sale credit by default) and delivers ledger.entry.create. */
	addLedgerEntry(entry?: {
		amount?: number;
		currency?: string;
		description?: string;
		managingEntityIdentifier?: string;
	}): any;
	close(): Promise<void>;
}

export function startSandbox(options?: {
	port?: number;
	host?: string;
	tokenTtlSeconds?: number;
	seed?: number;
	log?: boolean | ((line: string) => void);
	/** Delays before each retry of a delivery that did not get a 200 (default 1 s, 5 s, 30 s). */
	deliveryRetryDelaysMs?: number[];
	deliveryTimeoutMs?: number;
	/** Start in rate-limit mode (see SandboxFault.rateLimit); reset and clearFaults come back to it. */
	rateLimit?: number;
}): Promise<Sandbox>;

/** The public demo clients (also in sb.clients). */
export const CLIENTS: { demo: SandboxClient; readonly: SandboxClient };
