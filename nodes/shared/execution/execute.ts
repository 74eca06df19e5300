import {
	NodeApiError,
	NodeOperationError,
	type INode,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { asToolTable, refusedAsAiTool, runsAsAiTool } from './aiTool';
import { buildItem, withoutEmpty } from './build';
import { itemConcurrency, runItems, saveLearntStart } from './concurrency';
import { readList } from './pagination';
import { pushbackHint } from './hints';
import { winkRequest } from '../transport/request';
import { routed, toItems } from './outputs';
import type { WinkOperation } from '../table/types';

// Errors from the transport are already n8n errors; anything else gets the item's context.
function asNodeError(node: INode, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** Runs a resource node: one request (or page walk) per input item, driven by the table row. */
export async function executeOperations(
	this: IExecuteFunctions,
	operations: WinkOperation[],
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = operations.find((o) => o.value === operation);
	if (!op) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
	// A model may not move money unless a person allowed it on the node: answered, not thrown.
	const asTool = runsAsAiTool.call(this);
	const refused = asTool ? refusedAsAiTool.call(this, op) : undefined;
	if (refused) return refused;
	if (op.hook?.execute) return await op.hook.execute.call(this, operations);
	// n8n's own Retry On Fail would send a money-moving request again after an error.
	if (op.movesMoney && this.getNode().retryOnFail) {
		throw new NodeOperationError(this.getNode(), `Turn off "Retry On Fail" to use ${op.name}`, {
			description: `${op.name} moves money, so it must be sent exactly once. Open the node's Settings and turn off "Retry On Fail".`,
		});
	}

	const runItem = async (i: number): Promise<INodeExecutionData[]> => {
		try {
			// A row's own checks first (e.g. the money guards): a value that fails them sends nothing.
			op.hook?.check?.call(this, i);
			const { request, list } = await buildItem.call(this, op, i);
			let data: unknown;
			if (list) data = await readList.call(this, { request, ...list, itemIndex: i });
			else
				data = op.hook?.run
					? await op.hook.run.call(this, request)
					: await winkRequest.call(this, request);
			return toItems.call(this, op, data, i);
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, i);
			if (!this.continueOnFail()) throw nodeError;
			const { message, description, httpCode } = nodeError as NodeApiError;
			return [
				{ json: withoutEmpty({ error: message, description, httpCode }), pairedItem: { item: i } },
			];
		}
	};
	// Items may overlap (see concurrency.ts); the output keeps their order.
	const concurrency = itemConcurrency.call(this, op, items.length);
	const out = await runItems(this, items.length, concurrency, runItem);
	pushbackHint(this, concurrency);
	saveLearntStart(this, concurrency);
	// An agent gets a tool's first output only: as a tool, every item stays on it.
	return asTool ? [asToolTable.call(this, op, out.flat())] : routed.call(this, op, out.flat());
}
