import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import type { WinkRequest } from '../transport/request';

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
 * An n8n parameter and, when the API's name differs, its `key`: a dotted path such as
 * 'entity.identifier' nests the value (required nested objects become plain required fields).
 * Collections, fixedCollections and JSON fields may hold WinkValues of their own, at any depth:
 * - `collection` (e.g. Additional Fields): only what the user added is sent, so optional
 *   booleans and numbers belong here. Without `key` its values merge into the enclosing object.
 * - `fixedCollection` (one group): n8n nests its values as { <group>: entry } or, with
 *   multipleValues, { <group>: [entries] }; the generator undoes that and sends the entry (an
 *   object) or the entries (an array of objects). n8n fills in every value of an entry, so an
 *   optional boolean or number still at its default is not sent.
 * - `json`: parsed, then checked against the spec's schema of where it goes; without `key` its
 *   properties merge into the enclosing object.
 * Body values whose spec `format` is `date` are sent as YYYY-MM-DD (n8n pickers give date-times).
 * `sendEmpty`: sent even when empty, for a value the API requires and gives the empty value a
 * meaning (eventList: [] = all events); n8n's `required` would refuse an empty multi-select.
 * `in` on a collection's option: sent to that part of the request rather than the collection's,
 * so one Filters collection may hold query and body values (the booking grid's).
 */
export type WinkValue = INodeProperties & {
	key?: string;
	sendEmpty?: boolean;
	in?: 'path' | 'query' | 'body';
};

/**
 * A top-level field of an operation and where it goes in the request. With
 * displayOptions.show['@version'] (e.g. shownWith('simplify'), nodes/shared/versions.ts) it belongs to those node versions only:
 * shown and read there alone, so two versions may each have a field of the same name.
 */
export type WinkField = WinkValue & {
	in: 'path' | 'query' | 'body';
};

/** How a paged operation walks its pages. */
export type WinkPaging =
	// ?page=&size= with page counted from 0; stops on a page shorter than size.
	// `newestFirst` names the row's id and creation-time keys of a list served newest first:
	// the operation then gets the Since options, which end the walk at the first older row.
	| { kind: 'page'; pageSize: number; newestFirst?: { id: string; date: string } }
	// skip/take State body (grids). The answer is a Spring Page ({content, last, totalElements}),
	// at the top level or under `pageKey` (e.g. 'page' for the booking grid). `keep`: properties of
	// the answer beside the page (e.g. the booking grid's totalFunds) copied onto every item.
	| { kind: 'state'; pageSize: number; pageKey?: string; keep?: string[] };

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
	/**
	 * As an AI tool, refused unless "Allow When Used as AI Tool" is on, like a row that moves money;
	 * the reason completes `"<name>" …`, e.g. 'changes where Wink pays out'.
	 */
	aiToolOptIn?: string;
	/**
	 * Whether several input items may be sent at once (runsInParallel, rows.ts). Unset: yes for
	 * GET, HEAD, PUT and DELETE. Set true on POST reads (grids, name checks). Never with movesMoney.
	 */
	parallel?: boolean;
	/** Code run in place of the plain request (e.g. checks before moving money). */
	hook?: WinkHook;
	/**
	 * Node version 2+: a Simplify parameter (default on) turns each item into this flat one;
	 * off, the item is Wink's answer as in version 1. See docs/outputs.md.
	 */
	simplify?: (row: IDataObject) => IDataObject;
	/** A hint under the output when Simplify gives a field whose meaning is inferred, not from the spec. */
	simplifyInferred?: string;
	/** Node version 2+: a second output for the items `takes` picks (e.g. withdrawals not initiated). */
	secondOutput?: WinkSecondOutput;
	/**
	 * Named outputs while `when` (an n8n expression over $parameter) holds, in every node version;
	 * the hook's `execute` then returns one list per name (e.g. Reconcile's bank matching).
	 */
	outputs?: { when: string; names: string[] };
	/** A 404's description: what to check or do next. */
	notFound?: string;
}

/** The two outputs of a row with a second output, named as the editor shows them. */
export interface WinkSecondOutput {
	first: string;
	second: string;
	takes(row: IDataObject): boolean;
}

/** A row's own behaviour around its request: editor fields of its own (never sent) and a run. */
export interface WinkHook {
	properties: INodeProperties[];
	/** Throws when an item's value the row relies on cannot be trusted; runs before the request is built. */
	check?(this: IExecuteFunctions, itemIndex: number): void;
	/** Returns the item's data; sends the request with winkRequest, or decides not to. */
	run?(this: IExecuteFunctions, request: WinkRequest): Promise<unknown>;
	/**
	 * Runs the operation once over all input items instead of once per item (e.g. Reconcile,
	 * whose input items are bank lines), given the node's table; returns one list per output.
	 */
	execute?(this: IExecuteFunctions, operations: WinkOperation[]): Promise<INodeExecutionData[][]>;
}
