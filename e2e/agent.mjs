// What the AI suites share: n8n's AI Agent with the OpenAI Chat Model node pointed at the scripted
// model double (e2e/model-double.mjs), and Wink nodes as its tools.

export const MODEL_CRED = 'winkE2eOpenAiDbl';

/** n8n's OpenAI credential, its Base URL set to the double (the key is a placeholder). */
export const modelCredential = (double) => ({
	id: MODEL_CRED,
	name: 'Scripted model (test double)',
	type: 'openAiApi',
	data: { apiKey: 'sk-e2e-placeholder', url: double.url },
});

/** A Wink node as an AI tool: n8n's type '<name>Tool' (what the editor adds from the AI tools list). */
export function winkTool(type, name, cred, parameters, { y = 400, typeVersion = 2 } = {}) {
	return {
		id: `tool-${name}`,
		name,
		type: `n8n-nodes-wink.${type}Tool`,
		typeVersion,
		position: [400, y],
		parameters,
		credentials: { winkOAuth2Api: { id: cred.id, name: cred.name } },
	};
}

/** Manual trigger → AI Agent (v3), the OpenAI Chat Model (v1.2: Chat Completions) and `tools`. */
export function agentWorkflow(id, name, tools, prompt = 'Follow the script.') {
	const connections = {
		Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
		Model: { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
	};
	for (const tool of tools)
		connections[tool.name] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3,
				position: [300, 0],
				parameters: { promptType: 'define', text: prompt, options: {} },
			},
			{
				id: 'model',
				name: 'Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [200, 300],
				parameters: { model: { __rl: true, mode: 'id', value: 'scripted' }, options: {} },
				credentials: { openAiApi: { id: MODEL_CRED, name: 'Scripted model (test double)' } },
			},
			...tools,
		],
		connections,
	};
}

/** The agent's final text of an `n8n execute` run. */
export const agentOutput = (run) =>
	run?.data?.resultData?.runData?.['AI Agent']?.at(-1)?.data?.main?.[0]?.[0]?.json?.output;
