import { UnexpectedError } from 'n8n-workflow';
import type { WinkOperation } from './types';

// Facts about table rows that the editor and the runtime both read; no requests here.

/** The path parameter the Managing Entity locator fills (`{managingEntityIdentifier}` in a row's path). */
export const MANAGING_ENTITY_PATH_PARAM = 'managingEntityIdentifier';

/** The table row of `operationId`; a missing row is a programming error. */
export function row(operations: WinkOperation[], operationId: string): WinkOperation {
	const op = operations.find((o) => o.operationId === operationId);
	if (!op) throw new UnexpectedError(`No operation ${operationId} in the table`);
	return op;
}

// Without a table flag: reads and idempotent writes may overlap, POST and PATCH may not.
const PARALLEL_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/**
 * Whether an operation's items may be sent side by side. Money never is; otherwise the table's
 * `parallel` flag decides (a POST read such as a grid sets it), else the method.
 */
export function runsInParallel(op: WinkOperation): boolean {
	if (op.movesMoney) return false;
	return op.parallel ?? PARALLEL_METHODS.has(op.method.toUpperCase());
}
