import type { Sandbox } from '../sandbox';
type Client = 'fetch' | 'axios';
export function sandboxToken(sb: Sandbox): Promise<string>;
export function getAll(
	client: Client,
	urls: string[],
	token: string,
	concurrency: number,
): Promise<unknown[]>;
export function getPages(
	client: Client,
	url: string,
	token: string,
	size: number,
): Promise<{ rows: unknown[]; requests: number }>;
export function growLedger(sb: Sandbox, n: number): unknown[];
export function setLatency(sb: Sandbox, ms: number): void;
