/**
 * Packing SKU updates into the fewest batch calls the API allows: at most
 * `maxProducts` products per call and `maxSkusPerProduct` SKUs per product,
 * the SKUs of one product together.
 */

export const MAX_PRODUCTS_PER_CALL = 20;
export const MAX_SKUS_PER_PRODUCT = 200;

export interface ProductEntry<T> {
	productId: string;
	lines: T[];
}

export function planSkuBatches<T extends { productId: string }>(
	lines: T[],
	maxProducts = MAX_PRODUCTS_PER_CALL,
	maxSkusPerProduct = MAX_SKUS_PER_PRODUCT,
): Array<Array<ProductEntry<T>>> {
	// Group by product, keeping the order in which products first appear.
	const byProduct = new Map<string, T[]>();
	for (const line of lines) {
		const group = byProduct.get(line.productId);
		if (group) group.push(line);
		else byProduct.set(line.productId, [line]);
	}
	const calls: Array<Array<ProductEntry<T>>> = [];
	const productsInCall: Array<Set<string>> = [];
	// Calls that still have room, in order; a full call leaves this list.
	let firstOpen = 0;
	for (const [productId, group] of byProduct) {
		// A product with more SKUs than one entry may hold is split over several calls.
		let from = firstOpen;
		for (let start = 0; start < group.length; start += maxSkusPerProduct) {
			const entry = { productId, lines: group.slice(start, start + maxSkusPerProduct) };
			let target = from;
			while (
				target < calls.length &&
				(calls[target].length >= maxProducts || productsInCall[target].has(productId))
			) {
				target++;
			}
			if (target === calls.length) {
				calls.push([]);
				productsInCall.push(new Set());
			}
			calls[target].push(entry);
			productsInCall[target].add(productId);
			from = target + 1;
		}
		while (firstOpen < calls.length && calls[firstOpen].length >= maxProducts) firstOpen++;
	}
	return calls;
}
