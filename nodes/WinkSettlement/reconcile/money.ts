// Money in integer minor units (cents), so sums over thousands of entries never drift.

const exponents = new Map<string, number>();

/**
 * Digits after the decimal point of a currency. The spec gives no exponents: this is what the
 * runtime's Intl (ICU's ISO 4217 data) says, e.g. EUR 2, JPY 0, BHD 3. An unknown code: 2.
 */
export function exponentOf(currency: string): number {
	const code = currency.trim().toUpperCase();
	let exponent = exponents.get(code);
	if (exponent === undefined) {
		try {
			exponent =
				new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
					.maximumFractionDigits ?? 2;
		} catch {
			exponent = 2;
		}
		exponents.set(code, exponent);
	}
	return exponent;
}

/**
 * A decimal (number or text such as "1,234.56", "1.234,56", "-12.5", "€ 10") in minor units, or
 * undefined when it is not an amount. A comma followed by exactly three digits (and no other
 * separator after it) separates thousands; otherwise the last of ',' and '.' is the decimal point.
 * Digits beyond the currency's exponent are rounded half away from zero.
 */
export function toMinor(value: unknown, currency: string): number | undefined {
	if (value === null || value === undefined || typeof value === 'boolean') return undefined;
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		text = Math.abs(value) < 1e15 ? value.toFixed(10) : String(value);
	} else if (typeof value === 'string') {
		text = value.replace(/[\s'\u00a0\u202f]/g, '').replace(/^[^\d+-]+|[^\d]+$/g, '');
		const lastComma = text.lastIndexOf(',');
		const lastDot = text.lastIndexOf('.');
		if (lastComma > lastDot) {
			const thousands = lastDot === -1 && /,\d{3}$/.test(text) && !/,\d*,\d{1,2}$/.test(text);
			text = thousands ? text.replace(/,/g, '') : text.replace(/\./g, '').replace(',', '.');
		} else {
			text = text.replace(/,/g, '');
		}
	} else {
		return undefined;
	}
	const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
	if (!match || (match[2] === '' && !match[3])) return undefined;
	const exponent = exponentOf(currency);
	const fraction = (match[3] ?? '').padEnd(exponent + 1, '0');
	let minor = Number(`${match[2] || '0'}${fraction.slice(0, exponent)}`);
	if (Number(fraction[exponent]) >= 5) minor += 1;
	if (!Number.isSafeInteger(minor)) return undefined;
	return match[1] === '-' ? -minor : minor;
}

/** Minor units back to the decimal number Wink and n8n show (12345 EUR → 123.45). */
export function fromMinor(minor: number, currency: string): number {
	return minor / 10 ** exponentOf(currency);
}
