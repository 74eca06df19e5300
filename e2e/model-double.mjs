// A scripted OpenAI-compatible chat model: a test double for the model only (n8n's OpenAI Chat Model
// node, credential Base URL pointed here). POST /v1/chat/completions answers with the tool calls the
// test asked for, one per turn, then a final text. Every request is kept, so a test can read what
// reached the model: the tools offered (names, descriptions, parameters) and the tool results.
import { createServer } from 'node:http';

export async function startModelDouble() {
	let script = { calls: [], text: 'done' };
	const requests = [];
	const server = createServer(async (req, res) => {
		let raw = '';
		for await (const chunk of req) raw += chunk;
		if (req.method === 'GET' && req.url.endsWith('/models')) {
			return send(res, 200, { object: 'list', data: [{ id: 'scripted', object: 'model' }] });
		}
		if (req.method !== 'POST' || !req.url.endsWith('/chat/completions'))
			return send(res, 404, { error: { message: 'not here' } });
		const body = JSON.parse(raw || '{}');
		requests.push(body);
		// Stateless: the turn is how many tool calls the conversation already holds.
		const made = (body.messages ?? [])
			.filter((m) => m.role === 'assistant')
			.flatMap((m) => m.tool_calls ?? []).length;
		const next = script.calls[made];
		const message = next
			? {
					role: 'assistant',
					content: null,
					tool_calls: [
						{
							id: `call_${made + 1}`,
							type: 'function',
							function: { name: next.name, arguments: JSON.stringify(argsOf(next, body)) },
						},
					],
				}
			: { role: 'assistant', content: script.text };
		const finish = next ? 'tool_calls' : 'stop';
		if (body.stream) return stream(res, body.model, message, finish);
		send(res, 200, {
			id: `chatcmpl-${requests.length}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model,
			choices: [{ index: 0, message, finish_reason: finish }],
			usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${server.address().port}/v1`;
	return {
		url,
		requests,
		/** The next conversation: `calls` ({ name, args }) one per turn, then `text`. `args` may be a
		 * function of the tool results so far (as a model reads an answer before its next call). */
		script(calls, text = 'done') {
			script = { calls, text };
			requests.length = 0;
		},
		/** The tool results the model was sent, parsed when they are JSON. */
		toolResults() {
			return toolMessages(requests.at(-1)?.messages ?? []);
		},
		/** The tools the model was offered in the first request: { name, description, parameters }. */
		tools: () => (requests[0]?.tools ?? []).map((t) => t.function),
		close: () => new Promise((r) => server.close(r)),
	};
}

function argsOf(call, body) {
	if (typeof call.args !== 'function') return call.args ?? {};
	return call.args(toolMessages(body.messages ?? []));
}

const toolMessages = (messages) =>
	messages
		.filter((m) => m.role === 'tool')
		.map((m) => parse(typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));

function parse(text) {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function send(res, status, json) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(json));
}

function stream(res, model, message, finish) {
	res.writeHead(200, { 'content-type': 'text/event-stream' });
	const chunk = (delta, finish_reason = null) =>
		res.write(
			`data: ${JSON.stringify({ id: 'chatcmpl-s', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason }] })}\n\n`,
		);
	if (message.tool_calls)
		chunk({
			role: 'assistant',
			tool_calls: message.tool_calls.map((c, index) => ({ index, ...c })),
		});
	else chunk({ role: 'assistant', content: message.content });
	chunk({}, finish);
	res.end('data: [DONE]\n\n');
}
