import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

// The transport's types, in a file of their own so request.ts and errors.ts both use them without
// importing each other.

/** Every n8n context a Wink node calls Wink from: actions, pickers, trigger hooks, webhooks, polls. */
export type WinkContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;

export interface WinkRequest {
	method: IHttpRequestMethods;
	/** Path with its parameters already encoded (see expandPath). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** The scope the operation needs, named in a 403 error. */
	scope?: string;
	timeoutMs?: number;
	itemIndex?: number;
	/** A 404's description: what to check or do next (the table row's notFound). */
	notFound?: string;
}
