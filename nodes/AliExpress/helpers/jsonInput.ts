/** JSON parameters read from the user, with an error that says where the text goes wrong. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parseJson } from '../transport/envelope';
import { inputError } from './input';
import { shownValue } from './values';

/** Where the scanner stopped, thrown inside jsonSyntaxError and caught there only. */
class SyntaxProblem extends Error {
	constructor(
		readonly position: number,
		readonly problem: string,
	) {
		super(problem);
	}
}

/** Where a JSON text first goes wrong: a small validating scanner (only run when JSON.parse failed). */
export function jsonSyntaxError(text: string): { position: number; problem: string } | undefined {
	let pos = 0;
	const fail = (problem: string): never => {
		throw new SyntaxProblem(pos, problem);
	};
	const ws = () => {
		while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++;
	};
	const describe = () =>
		pos >= text.length ? 'the text ends too early' : `unexpected ${JSON.stringify(text[pos])}`;
	const expect = (ch: string) => {
		if (text[pos] !== ch) fail(`${describe()}, expected "${ch}"`);
		pos++;
	};
	const string = () => {
		expect('"');
		while (pos < text.length && text[pos] !== '"') {
			const code = text.charCodeAt(pos);
			if (code < 0x20)
				fail('a line break or control character inside a string (escape it, e.g. \\n)');
			if (text[pos] === '\\') {
				pos++;
				if (text[pos] === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 1, pos + 5))) fail('a bad \\u escape');
					pos += 5;
					continue;
				}
				if (!'"\\/bfnrt'.includes(text[pos] ?? '') || pos >= text.length)
					fail('a bad escape in a string');
			}
			pos++;
		}
		if (pos >= text.length) fail('a string is not closed (missing ")');
		pos++;
	};
	const value = (): void => {
		ws();
		const ch = text[pos];
		if (ch === '{') {
			pos++;
			ws();
			if (text[pos] === '}') {
				pos++;
				return;
			}
			for (;;) {
				ws();
				if (text[pos] !== '"') fail(`${describe()}, expected a property name in double quotes`);
				string();
				ws();
				expect(':');
				value();
				ws();
				if (text[pos] === ',') {
					pos++;
					continue;
				}
				if (text[pos] === '}') {
					pos++;
					return;
				}
				fail(`${describe()}, expected "," or "}"`);
			}
		}
		if (ch === '[') {
			pos++;
			ws();
			if (text[pos] === ']') {
				pos++;
				return;
			}
			for (;;) {
				value();
				ws();
				if (text[pos] === ',') {
					pos++;
					continue;
				}
				if (text[pos] === ']') {
					pos++;
					return;
				}
				fail(`${describe()}, expected "," or "]"`);
			}
		}
		if (ch === '"') return string();
		const number = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
		number.lastIndex = pos;
		if (number.test(text)) {
			pos = number.lastIndex;
			return;
		}
		for (const word of ['true', 'false', 'null']) {
			if (text.startsWith(word, pos)) {
				pos += word.length;
				return;
			}
		}
		fail(describe());
	};
	try {
		value();
		ws();
		if (pos < text.length) fail(`${describe()} after the end of the JSON`);
		return undefined;
	} catch (found) {
		return found instanceof SyntaxProblem
			? { position: found.position, problem: found.problem }
			: undefined;
	}
}

/** "line 3, column 8 (position 20)". */
function where(text: string, position: number): string {
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	const column = position - before.lastIndexOf('\n');
	return `line ${line}, column ${column} (position ${position})`;
}

/**
 * A JSON parameter: a text to parse, or a value an expression already made.
 * Returns the parsed value and, for text, the text itself (sent verbatim).
 */
export function readJson(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	raw: unknown,
): { value: unknown; text?: string } {
	if (typeof raw !== 'string') return { value: raw };
	const text = raw.trim();
	if (!text) {
		throw inputError(ctx, itemIndex, field, 'is empty', `Enter the JSON for "${field}".`);
	}
	try {
		// parseJson keeps integers too long for a double (product ids) exact, as strings
		return { value: parseJson(text), text };
	} catch (error) {
		const found = jsonSyntaxError(text);
		const problem = found
			? `is not valid JSON: ${found.problem} at ${where(text, found.position)}`
			: `is not valid JSON: ${(error as Error).message}`;
		throw inputError(
			ctx,
			itemIndex,
			field,
			problem,
			'Fix the JSON at that position: property names and strings need double quotes, items are separated by commas, and there is no comma after the last one.',
		);
	}
}

/** A JSON parameter that must be an object. */
export function readJsonObject(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	raw: unknown,
): { value: IDataObject; text?: string } {
	const { value, text } = readJson(ctx, itemIndex, field, raw);
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw inputError(
			ctx,
			itemIndex,
			field,
			`must be a JSON object ({ … }), got ${Array.isArray(value) ? 'a list' : shownValue(value)}`,
			`Enter the request as one JSON object, e.g. {"sku_info_list": [ … ]}.`,
		);
	}
	return { value: value as IDataObject, text };
}
