import type { IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

export type WinkScope =
	| 'account.read'
	| 'account.write'
	| 'account.remove'
	| 'booking.read'
	| 'booking.write'
	| 'booking.remove'
	| 'payment.read'
	| 'payment.write'
	| 'payment.remove'
	| 'accounting.read'
	| 'accounting.write'
	| 'accounting.remove';

/**
 * One n8n parameter of an operation and where it goes in the request.
 * `key` is the API's name when it differs from the n8n parameter name.
 * A body `collection` (e.g. Additional Fields) is merged into the body; `key` nests it instead.
 */
export type WinkField = INodeProperties & {
	in: 'path' | 'query' | 'body';
	key?: string;
};

/** How a paged operation walks its pages. */
export type WinkPaging =
	// ?page=&size= with page counted from 0; stops on a page shorter than size.
	// `newestFirst` names the row's id and creation-time keys of a list served newest first:
	// the operation then gets the Since options, which end the walk at the first older row.
	| { kind: 'page'; pageSize: number; newestFirst?: { id: string; date: string } }
	// skip/take State body (grids). The answer is a Spring Page ({content, last, totalElements}),
	// at the top level or under `pageKey` (e.g. 'page' for the booking grid).
	| { kind: 'state'; pageSize: number; pageKey?: string };

/** One row of a resource's operation table: the single source for description and execution. */
export interface WinkOperation {
	/** n8n operation value */
	value: string;
	name: string;
	action: string;
	description: string;
	/** The spec's operationId (also read by the spec-coverage tool). */
	operationId: string;
	method: IHttpRequestMethods;
	/** Path template; {managingEntityIdentifier} comes from the Managing Entity locator. */
	path: string;
	scope: WinkScope;
	fields?: WinkField[];
	paging?: WinkPaging;
	/** 'list': one item per array element; 'object': the response is one item. */
	output: 'list' | 'object';
	/** Moves money or is otherwise unsafe to repeat: never retried automatically, flagged in the UI. */
	movesMoney?: boolean;
}
