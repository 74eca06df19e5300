import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ALLOW_AS_AI_TOOL, allowAsAiTool } from '../editor/properties';
import type { WinkOperation } from '../table/types';
import { guardError } from './moneyGuards';
import { hasFeature } from '../versions';

/**
 * Whether n8n runs this node as an AI tool (read from n8n's source, 1.123 and 2.41): n8n offers a
 * `usableAsTool` node to agents as a node type of its own, named '<package>.<name>Tool', and that
 * name is what every tool path runs. The AI Agent (v3, engine requests) runs it in an ordinary
 * execute context whose isToolExecution() is false; the MCP Server Trigger runs it in a
 * supply-data context (isToolExecution() true on 2.x; 1.x has no such method).
 */
export function runsAsAiTool(this: IExecuteFunctions): boolean {
	if (this.getNode().type.endsWith('Tool')) return true;
	const context = this as { isToolExecution?: () => boolean };
	return typeof context.isToolExecution === 'function' && context.isToolExecution() === true;
}

/**
 * The answer of an operation a model may not run unasked (it moves money, or changes where Wink
 * pays out): one item per input item, paired, with what was refused and why, so the agent can
 * relay it instead of failing the whole run. Asked only when the node runs as a tool (execute.ts
 * asks once per run). The switch is read for every item, strictly (an expression may give
 * anything): a value that is not true or false fails that item. The operation runs only when
 * every item says true.
 */
export function refusedAsAiTool(
	this: IExecuteFunctions,
	op: WinkOperation,
): INodeExecutionData[][] | undefined {
	const reason = op.movesMoney ? 'moves money' : op.aiToolOptIn;
	if (!reason) return undefined;
	const count = Math.max(1, this.getInputData().length);
	const allowed = Array.from({ length: count }, (_, item) =>
		this.getNodeParameter(ALLOW_AS_AI_TOOL, item, false),
	);
	if (allowed.every((value) => value === true)) return undefined;
	const json: IDataObject = {
		sent: false,
		skippedReason: 'notAllowedAsAiTool',
		operation: op.name,
		message:
			`Not done: "${op.name}" ${reason}, and this Wink node does not let an AI agent run it. ` +
			`Nothing was sent to Wink. A person must run it, or turn on "Allow When Used as AI Tool" on the node.`,
	};
	const answers = allowed.map((value, item): INodeExecutionData => {
		if (typeof value === 'boolean') return { json: { ...json }, pairedItem: { item } };
		const error = guardError.call(this, allowAsAiTool.displayName, 'true or false', value, item);
		if (!this.continueOnFail()) throw error;
		return { json: { error: error.message, description: error.description }, pairedItem: { item } };
	});
	return [answers];
}

/**
 * As an AI tool (called only then; version 2, Simplify on), a list is one table: its keys once,
 * then a row of values per entry, instead of every key on every entry. A tool's answer is text in
 * the model's context; measured in test/ai-tool.test.ts, about 3× fewer characters than Wink's raw answer.
 */
export function asToolTable(
	this: IExecuteFunctions,
	op: WinkOperation,
	items: INodeExecutionData[],
): INodeExecutionData[] {
	if (
		!op.simplify ||
		op.output !== 'list' ||
		!hasFeature(this.getNode(), 'simplify') ||
		!items.length
	)
		return items;
	if (this.getNodeParameter('simplify', 0, true) !== true) return items;
	if (items.some((item) => 'error' in item.json)) return items;
	// Simplified items of one operation share their keys, in one order (a missing value is null).
	const columns = Object.keys(items[0].json);
	const rows = items.map((item) => columns.map((column) => item.json[column] ?? null));
	return [{ json: { count: rows.length, columns, rows }, pairedItem: { item: 0 } }];
}
