import { Workflow, type INodeTypes } from 'n8n-workflow';
import {
	AT_DEFAULT,
	CHOOSE,
	SCOPES_IN,
	WINK_READ_ONLY_SCOPES,
	WinkOAuth2Api,
	scopeExpression,
} from '../credentials/WinkOAuth2Api.credentials';

// The credential's `scope` expression, run by n8n-workflow's own expression engine (as n8n resolves
// a credential's `$self` fields), piece by piece and whole.

// The expression as it was before it was built from named pieces: the built one must agree with it.
const BEFORE =
	`={{ ((pick, r) => ((c, l) => (c.length === r.length && r.every((s) => c.includes(s)) && l.length ? l : c.length ? c : r).join(" "))(pick($self.winkScopes), pick($self.scopes)))` +
	`((v) => (Array.isArray(v) ? v : String(v ?? "").split(" ")).flatMap((s) => String(s).split(",")).map((s) => s.trim()).filter((s) => s !== "" && !s.includes(":")), ["account.read","payment.read","accounting.read"]) }}`;

const node = {
	id: 'n',
	name: 'Credential',
	type: 'mock',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};
const nodeTypes = {
	getByName: () => undefined,
	getByNameAndVersion: () => undefined,
	getKnownTypes: () => ({}),
};
const workflow = new Workflow({
	nodes: [node],
	connections: {},
	active: false,
	nodeTypes: nodeTypes as unknown as INodeTypes,
});

/** Resolves `expression` with `$self` = `self`, the way n8n resolves a credential's fields. */
function evaluate(expression: string, self: Record<string, unknown>): unknown {
	const resolved = workflow.expression.getComplexParameterValue(
		node,
		{ value: expression },
		'manual',
		{},
		undefined,
		undefined,
		self as never,
	);
	return (resolved as { value: unknown }).value;
}

const readOnly = WINK_READ_ONLY_SCOPES.join(' ');
// n8n fills a field left unset with its default: Scopes the read-only text, the old field [].
const defaults = { winkScopes: readOnly, scopes: [] };
const scopeOf = (data: Record<string, unknown>, expression = scopeExpression) =>
	evaluate(expression, { ...defaults, ...data });

const CASES: Array<[string, Record<string, unknown>, string]> = [
	['Scopes set', { winkScopes: 'payment.read payment.write' }, 'payment.read payment.write'],
	[
		'Scopes set, the project permissions in the old field',
		{ winkScopes: 'payment.read payment.write', scopes: ['credential:create', 'workflow:read'] },
		'payment.read payment.write',
	],
	[
		'Scopes set, a selection in the old field',
		{ winkScopes: 'account.read', scopes: ['booking.read'] },
		'account.read',
	],
	['Scopes at default', {}, readOnly],
	['Scopes at default, a selection in the old field', { scopes: ['booking.read'] }, 'booking.read'],
	[
		'Scopes at default in another order, a selection in the old field',
		{
			winkScopes: 'accounting.read account.read payment.read',
			scopes: ['booking.read', 'payment.write'],
		},
		'booking.read payment.write',
	],
	[
		'Scopes at default, the old field as text',
		{ scopes: 'booking.read,payment.read' },
		'booking.read payment.read',
	],
	['Scopes empty', { winkScopes: '' }, readOnly],
	['Scopes empty, the old field empty', { winkScopes: '', scopes: [] }, readOnly],
	['Scopes only spaces and commas', { winkScopes: ' , ,  ' }, readOnly],
	['Scopes missing altogether', { winkScopes: undefined, scopes: undefined }, readOnly],
	['Scopes only an n8n permission', { winkScopes: 'credential:read' }, readOnly],
	[
		'n8n permissions among Scopes',
		{ winkScopes: 'payment.read credential:create' },
		'payment.read',
	],
	[
		'Scopes at default, only n8n permissions in the old field',
		{ scopes: ['credential:create', 'workflow:read'] },
		readOnly,
	],
	['commas and spaces', { winkScopes: 'payment.read, booking.read ' }, 'payment.read booking.read'],
	[
		'commas without spaces',
		{ winkScopes: 'payment.read,booking.read' },
		'payment.read booking.read',
	],
	['many spaces', { winkScopes: '  payment.read   booking.read  ' }, 'payment.read booking.read'],
];

describe("the credential's scope expression", () => {
	test.each(CASES)('%s', (_name, data, expected) => {
		expect(scopeOf(data)).toBe(expected);
		expect(scopeOf(data)).toBe(scopeOf(data, BEFORE));
	});

	test('is the default of the hidden Scope field, one expression', () => {
		const scope = new WinkOAuth2Api().properties.find((p) => p.name === 'scope');
		expect(scope?.default).toBe(scopeExpression);
		expect(scopeExpression.match(/\{\{/g)).toHaveLength(1);
		expect(scopeExpression.startsWith('={{ ')).toBe(true);
	});

	test('SCOPES_IN: text or list, split at spaces and commas, trimmed, without n8n permission names', () => {
		const scopesIn = (v: unknown) => evaluate(`={{ (${SCOPES_IN})($self.v) }}`, { v });
		expect(scopesIn('a.read b.write')).toEqual(['a.read', 'b.write']);
		expect(scopesIn(' a.read,b.write , c.read ')).toEqual(['a.read', 'b.write', 'c.read']);
		expect(scopesIn(['a.read', 'b.write,c.read', 'credential:create'])).toEqual([
			'a.read',
			'b.write',
			'c.read',
		]);
		expect(scopesIn('')).toEqual([]);
		expect(scopesIn(undefined)).toEqual([]);
		expect(scopesIn(null)).toEqual([]);
	});

	test('AT_DEFAULT: the read-only scopes in any order, no more, no fewer', () => {
		const atDefault = (chosen: string[]) =>
			evaluate(`={{ ((chosen, readOnly) => ${AT_DEFAULT})($self.chosen, $self.readOnly) }}`, {
				chosen,
				readOnly: WINK_READ_ONLY_SCOPES,
			});
		expect(atDefault([...WINK_READ_ONLY_SCOPES])).toBe(true);
		expect(atDefault([...WINK_READ_ONLY_SCOPES].reverse())).toBe(true);
		expect(atDefault(WINK_READ_ONLY_SCOPES.slice(1))).toBe(false);
		expect(atDefault([...WINK_READ_ONLY_SCOPES, 'payment.write'])).toBe(false);
		expect(atDefault(['account.read', 'payment.read', 'payment.write'])).toBe(false);
	});

	test('CHOOSE: the old selection only while Scopes is at its default; nothing means read-only', () => {
		const choose = (chosen: string[], saved: string[]) =>
			evaluate(`={{ ((readOnly) => (${CHOOSE})($self.chosen, $self.saved))($self.readOnly) }}`, {
				chosen,
				saved,
				readOnly: WINK_READ_ONLY_SCOPES,
			});
		expect(choose([...WINK_READ_ONLY_SCOPES], ['booking.read'])).toEqual(['booking.read']);
		expect(choose([...WINK_READ_ONLY_SCOPES], [])).toEqual(WINK_READ_ONLY_SCOPES);
		expect(choose(['payment.write'], ['booking.read'])).toEqual(['payment.write']);
		expect(choose([], ['booking.read'])).toEqual(WINK_READ_ONLY_SCOPES);
		expect(choose([], [])).toEqual(WINK_READ_ONLY_SCOPES);
	});
});
