// Types of the sandbox handle, for the TypeScript tests.
export interface SandboxClient {
	clientId: string;
	clientSecret: string;
	scopes: string[];
}

export interface SandboxFault {
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
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body?: any;
	headers: Record<string, string>;
	status: number;
	operationId?: string;
	fault?: string;
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
		bankAccountIds: { EUR: string; USD: string };
		revolutPayoutAccountId: string;
	};
	stats: { tokensIssued: number; requests: RecordedRequest[] };
	state: any;
	resetStats(): void;
	reset(seed?: number): void;
	setTokenTtl(seconds: number): void;
	expireAllTokens(): void;
	inject(fault: SandboxFault): SandboxFault;
	clearFaults(): void;
	close(): Promise<void>;
}

export function startSandbox(options?: {
	port?: number;
	host?: string;
	tokenTtlSeconds?: number;
	seed?: number;
	log?: boolean | ((line: string) => void);
}): Promise<Sandbox>;
