/** Hints for the business errors AliExpress reports on publish and edit. */
import type { IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { AliExpressError, toNodeApiError } from '../transport/errors';

const BUSINESS_HINTS: Array<[RegExp, string]> = [
	[
		/CATEGORY_ID_NOT_LEAF/i,
		'Products can only be published in a leaf category (one without sub-categories). Pick the category from the list, which shows only leaf categories.',
	],
	[/CATEGORY_ID_INVALID/i, 'The category does not exist. Pick it from the list in "Category".'],
	[
		/PRODUCT_NOT_EXIST/i,
		'No product of your store has this ID. Check "Product ID" (Get Many lists your products).',
	],
	[/SUBJECT/i, 'AliExpress rejected the title. Check its length and language.'],
	[/SKU/i, 'AliExpress rejected a SKU. Check the SKU codes, prices, stock and attributes.'],
	[/IMAGE/i, 'AliExpress rejected the images. Use at most 6 https URLs it can download.'],
];

/** An API failure as the NodeApiError to show, with a hint for known business errors. */
export function withBusinessHint(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): unknown {
	if (!(error instanceof AliExpressError) || error.info.kind !== 'business') return error;
	const apiError: NodeApiError = toNodeApiError(ctx.getNode(), error, itemIndex);
	const hint = BUSINESS_HINTS.find(([re]) => re.test(error.info.code));
	if (hint) apiError.description = hint[1];
	return apiError;
}
