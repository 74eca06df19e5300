import type { INodeParameters } from 'n8n-workflow';
import type { WinkOperation } from '../nodes/shared/table/types';
import { registerNodeType, tableNode } from './harness/engine';
import { apiRequests, useWink } from './harness/fixture';

// Keys that reach a prototype (`__proto__`, `constructor`, `prototype`) in a JSON field are
// refused, at any depth, on every path that copies user JSON into a request: nothing is sent and
// Object.prototype stays clean. (JSON without a key and without a schema once polluted it.)
const ME = '/api/managing-entity/{managingEntityIdentifier}';
const rows: WinkOperation[] = [
	{
		value: 'bodyNoSchema',
		name: 'Body Without Schema',
		action: 'Body without schema',
		description: 'A JSON field without key, merged into a body the spec gives no schema for',
		operationId: 'testBodyNoSchema',
		method: 'PATCH',
		path: `${ME}/online-presence`,
		scope: 'account.write',
		fields: [
			{ displayName: 'Extra (JSON)', name: 'extra', in: 'body', type: 'json', default: '{}' },
		],
		output: 'object',
	},
	{
		value: 'queryJson',
		name: 'Query JSON',
		action: 'Query JSON',
		description: 'A JSON field without key, merged into the query',
		operationId: 'testQueryJson',
		method: 'GET',
		path: ME,
		scope: 'account.read',
		fields: [
			{ displayName: 'Query (JSON)', name: 'query', in: 'query', type: 'json', default: '{}' },
		],
		output: 'object',
	},
];

const polluted = () => {
	const probe = {} as Record<string, unknown>;
	return [probe.polluted, probe.isAdmin, (Object.prototype as Record<string, unknown>).polluted];
};

describe('JSON keys that reach a prototype', () => {
	const w = useWink();
	registerNodeType('test.winkTable', tableNode(rows));

	afterEach(() => {
		// Whatever a test did, the process must not keep a polluted prototype (cleaned for the next test).
		const seen = polluted();
		delete (Object.prototype as Record<string, unknown>).polluted;
		delete (Object.prototype as Record<string, unknown>).isAdmin;
		expect(seen).toEqual([undefined, undefined, undefined]);
	});

	const pollution = '{"__proto__": {"polluted": "yes", "isAdmin": true}}';
	const cases: Array<[string, string, INodeParameters, string]> = [
		[
			'body, no key, no schema',
			'test.winkTable',
			{ operation: 'bodyNoSchema', extra: pollution },
			"Extra (JSON) has the key '__proto__' (at $.__proto__), which is not allowed (item 0)",
		],
		[
			'body, no key, no schema, deep constructor',
			'test.winkTable',
			{
				operation: 'bodyNoSchema',
				extra: '{"onlinePresence": [{"constructor": {"prototype": {"polluted": 1}}}]}',
			},
			"Extra (JSON) has the key 'constructor' (at $.onlinePresence[0].constructor), which is not allowed (item 0)",
		],
		[
			'query, no key',
			'test.winkTable',
			{ operation: 'queryJson', query: pollution },
			"Query (JSON) has the key '__proto__' (at $.__proto__), which is not allowed (item 0)",
		],
		[
			'query, prototype',
			'test.winkTable',
			{ operation: 'queryJson', query: '{"a": {"prototype": {"polluted": 1}}}' },
			"Query (JSON) has the key 'prototype' (at $.a.prototype), which is not allowed (item 0)",
		],
		[
			'grid State (no key, with schema)',
			'test.winkGrid',
			{ operation: 'grid', returnAll: true, state: pollution },
			"State has the key '__proto__' (at $.__proto__), which is not allowed (item 0)",
		],
		[
			'a keyed field of a real node, nested',
			'n8n-nodes-wink.winkManagingEntity',
			{
				operation: 'updateOnlinePresence',
				onlinePresence: '[{"type": "WEB_SITE", "identifier": "x", "__proto__": {"polluted": 1}}]',
			},
			"Online Presence (JSON) has the key '__proto__' (at $[0].__proto__), which is not allowed (item 0)",
		],
		[
			'an object from an expression',
			'test.winkTable',
			{ operation: 'bodyNoSchema', extra: '={{ JSON.parse($json.text) }}' },
			"Extra (JSON) has the key '__proto__' (at $.__proto__), which is not allowed (item 0)",
		],
	];

	test.each(cases)(
		'%s: refused, naming field and key; nothing sent',
		async (_, nodeType, parameters, message) => {
			const { error } = await w.h.run({
				nodeType,
				items: [{ text: pollution }],
				parameters: { managingEntity: w.me, ...parameters },
			});
			expect(error?.message).toBe(message);
			expect(polluted()).toEqual([undefined, undefined, undefined]);
			expect(apiRequests(w.sb)).toEqual([]);
		},
	);

	test('the same fields without such keys are sent (the paths above are live)', async () => {
		await w.h.run({
			nodeType: 'test.winkTable',
			parameters: {
				operation: 'bodyNoSchema',
				managingEntity: w.me,
				extra: '{"onlinePresence": []}',
			},
		});
		await w.h.run({
			nodeType: 'test.winkTable',
			parameters: { operation: 'queryJson', managingEntity: w.me, query: '{"a": "1"}' },
		});
		expect(apiRequests(w.sb).map((r) => [r.method, r.body ?? r.query])).toEqual([
			['PATCH', { onlinePresence: [] }],
			['GET', { a: '1' }],
		]);
	});
});
