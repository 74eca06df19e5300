import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { WinkSettlement } from '../../nodes/WinkSettlement/WinkSettlement.node';
import { registerNodeType } from './engine';

// A Wink node as n8n offers it to agents: its loader (packages/cli, not in n8n-core) adds a node
// type '<name>Tool' whose only output is ai_tool. The same description is kept here.
export function asToolType(node: INodeType, outputs: INodeTypeDescription['outputs']): INodeType {
	const description = { ...node.description, name: `${node.description.name}Tool`, outputs };
	return Object.assign(Object.create(node) as INodeType, { description });
}

/** Wink Settlement as the AI Agent (v3, engine requests, 1.x and 2.x) runs it: an ordinary node of the tool type. */
export const SETTLEMENT_TOOL = 'n8n-nodes-wink.winkSettlementTool';
registerNodeType(SETTLEMENT_TOOL, asToolType(new WinkSettlement(), [NodeConnectionTypes.Main]));
