import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

// A parameter that guards money is read strictly. n8n does not check an expression's result
// against the parameter's type (its validateValueAgainstSchema runs only for a `validateType`,
// which these parameters do not set): a boolean may come back as undefined, "" or "yes", a number
// as "abc". Anything but a valid value of the type stops the item before a request is sent.

/** A value as an error shows it: JSON (NaN and undefined by name), cut to 60 characters. */
export function shownValue(value: unknown): string {
	let text: string;
	if (value === undefined) text = 'undefined';
	else if (typeof value === 'number') text = String(value);
	else {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = Object.prototype.toString.call(value);
		}
	}
	return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** The item's error for a money guard that holds `value` instead of `expected`. */
export function guardError(
	this: IExecuteFunctions,
	displayName: string,
	expected: string,
	value: unknown,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		this.getNode(),
		`${displayName} must be ${expected} (got ${shownValue(value)}) (item ${itemIndex})`,
		{
			description:
				`${displayName} guards money, so this item stopped before anything was sent to Wink. If the value ` +
				'comes from an expression, check that this input item has it (e.g. the field name in {{ $json.… }}) and that it has the right type.',
			itemIndex,
		},
	);
}

type Guard = Pick<INodeProperties, 'displayName' | 'name' | 'default'>;

/** A boolean guard: true or false, nothing else. */
export function guardBoolean(this: IExecuteFunctions, param: Guard, itemIndex: number): boolean {
	const value = this.getNodeParameter(param.name, itemIndex, param.default);
	if (typeof value !== 'boolean')
		throw guardError.call(this, param.displayName, 'true or false', value, itemIndex);
	return value;
}

/** An options guard: one of its option values. */
export function guardOption(
	this: IExecuteFunctions,
	param: Guard & Pick<INodeProperties, 'options'>,
	itemIndex: number,
): string {
	const value = this.getNodeParameter(param.name, itemIndex, param.default);
	const allowed = (param.options ?? []).map((o) => (o as { value: string }).value);
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw guardError.call(
			this,
			param.displayName,
			`one of ${allowed.join(', ')}`,
			value,
			itemIndex,
		);
	}
	return value;
}

/** An amount guard: a finite number of at least 0 (text, even "12", is refused). */
export function guardAmount(this: IExecuteFunctions, param: Guard, itemIndex: number): number {
	const value = this.getNodeParameter(param.name, itemIndex, param.default);
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw guardError.call(this, param.displayName, 'a number of at least 0', value, itemIndex);
	}
	return value;
}

/** An ID guard (a locator's value): non-empty text. */
export function guardId(this: IExecuteFunctions, param: Guard, itemIndex: number): string {
	const value = this.getNodeParameter(param.name, itemIndex, param.default, { extractValue: true });
	if (typeof value !== 'string' || !value.trim() || ['.', '..'].includes(value.trim())) {
		throw guardError.call(this, param.displayName, 'an ID (text)', value, itemIndex);
	}
	return value.trim();
}
