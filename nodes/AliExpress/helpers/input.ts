/**
 * Input errors that name the item, the field and the fix, and the readers of
 * ids and texts every operation shares.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { rawId, type RawNumber } from './requestJson';
import { parseInteger, shownValue, trimmed } from './values';

/** An input error: "Item 3, field "Quantity": must be a whole number from 0 to 999999, got "12.5"". */
export function inputError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`Item ${itemIndex + 1}, field "${field}": ${problem}`,
		{
			itemIndex,
			description: fix,
		},
	);
}

/** Requires an AliExpress numeric id (products, orders, categories, templates). */
export function requireId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
	what: string,
): string {
	const id = trimmed(
		typeof value === 'object' && value !== null ? (value as IDataObject).value : value,
	);
	if (!id) {
		throw inputError(
			ctx,
			itemIndex,
			field,
			'is empty',
			`Enter the ${what} or map it from an earlier node.`,
		);
	}
	if (!/^\d{1,20}$/.test(id)) {
		throw inputError(
			ctx,
			itemIndex,
			field,
			/^\d+$/.test(id)
				? `has ${id.length} digits; an AliExpress ID has at most 20`
				: `must be a numeric AliExpress ID, got ${shownValue(id)}`,
			`Use the ${what} as AliExpress shows it (digits only).`,
		);
	}
	return id;
}

/** The value of a resource locator or a plain value, as a trimmed string. */
export function locatorValue(raw: unknown): string {
	if (raw !== null && typeof raw === 'object') return trimmed((raw as IDataObject).value);
	return trimmed(raw);
}

/** An optional numeric id (category, template, responsible person) as a raw JSON number, or undefined when empty. */
export function optionalId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	raw: unknown,
	what: string,
): RawNumber | string | undefined {
	if (!locatorValue(raw)) return undefined;
	return rawId(requireId(ctx, itemIndex, field, locatorValue(raw), what));
}

/** A required text parameter, trimmed. */
export function requireText(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	fix: string,
): string {
	const value = trimmed(ctx.getNodeParameter(name, itemIndex, ''));
	if (!value) throw inputError(ctx, itemIndex, label, 'is empty', fix);
	return value;
}

/** The Limit of a Get Many operation: a whole number of at least 1. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number, fix: string): number {
	const raw: unknown = ctx.getNodeParameter('limit', itemIndex, 50);
	const limit = parseInteger(raw, 1, Number.MAX_SAFE_INTEGER);
	if (limit === undefined) {
		throw inputError(
			ctx,
			itemIndex,
			'Limit',
			`must be a whole number of at least 1, got ${shownValue(raw)}`,
			fix,
		);
	}
	return limit;
}
