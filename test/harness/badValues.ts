/**
 * Values an expression may give a parameter that guards money, each as n8n stores it (an
 * expression, evaluated per item by n8n) and as the node's error must show it. None is a valid
 * boolean, option, amount or ID; `text` kinds are valid IDs (only Wink can tell), see `forIds`.
 */
export interface BadValue {
	kind: string;
	expression: string;
	shown: string;
	text?: true;
}

export const BAD_VALUES: BadValue[] = [
	{ kind: 'missing', expression: '={{ $json.minimun }}', shown: 'undefined' },
	{ kind: 'empty', expression: '={{ "" }}', shown: '""' },
	{ kind: 'blank', expression: '={{ "   " }}', shown: '"   "' },
	{ kind: 'text', expression: '={{ "abc" }}', shown: '"abc"', text: true },
	{ kind: '"yes"', expression: '={{ "yes" }}', shown: '"yes"', text: true },
	{ kind: 'numeric text', expression: '={{ "12" }}', shown: '"12"', text: true },
	{ kind: 'NaN', expression: '={{ Number("x") }}', shown: 'NaN' },
	{ kind: 'negative', expression: '={{ -5 }}', shown: '-5' },
	{ kind: 'null', expression: '={{ null }}', shown: 'null' },
	{ kind: 'array', expression: '={{ ["off"] }}', shown: '["off"]' },
	{ kind: 'object', expression: '={{ { "value": true } }}', shown: '{"value":true}' },
];

/** The kinds that are not a usable ID (any non-blank text could be one). */
export const forIds = BAD_VALUES.filter((b) => !b.text);
