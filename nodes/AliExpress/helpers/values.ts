/**
 * Reading loose values (parameters, input fields, answer fields) and quoting
 * them in messages. The one home of these small conversions: every module
 * that needs one imports it from here.
 */

/** Nothing there: undefined, null, or a text of only blanks. */
export function isEmpty(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** A value as trimmed text; '' for undefined and null. */
export function trimmed(value: unknown): string {
	if (value === undefined || value === null) return '';
	return String(value).trim();
}

/** A value as text as it is, or undefined for undefined, null and ''. */
export function optionalText(value: unknown): string | undefined {
	return value === undefined || value === null || value === '' ? undefined : String(value);
}

/** A finite number from a number or numeric text, else null (answers: "12.50" → 12.5). */
export function numberOrNull(value: unknown): number | null {
	if (value === undefined || value === null || value === '') return null;
	const n = typeof value === 'number' ? value : Number(String(value).trim());
	return Number.isFinite(n) ? n : null;
}

/** A value as an error message quotes it: strings in quotes, others as JSON, long ones cut. */
export function shownValue(raw: unknown): string {
	if (raw === undefined || raw === null) return 'nothing';
	const text = typeof raw === 'string' ? `"${raw}"` : (JSON.stringify(raw) ?? String(raw));
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** A whole number in a range, accepting numeric strings ("12"); undefined when it is not one. */
export function parseInteger(raw: unknown, min: number, max: number): number | undefined {
	const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) return undefined;
	return n;
}

/** An amount with at most two decimals in a range, accepting numeric strings ("19.90"); undefined when it is not one. */
export function parseAmount(raw: unknown, min: number, max: number): number | undefined {
	const n = typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
	if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) return undefined;
	if (Math.abs(Math.round(n * 100) - n * 100) > 1e-6) return undefined;
	return Math.round(n * 100) / 100;
}
