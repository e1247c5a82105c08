/** The searchable list of carriers for Order → Ship's Shipping Service (one list call, filtered here). */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fetchCarriers } from '../helpers/carriers';
import { AliExpressError, toNodeApiError } from '../transport/errors';
import { AliExpressClient } from '../transport/request';

export async function searchCarriers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	let carriers;
	try {
		carriers = await fetchCarriers(new AliExpressClient(this));
	} catch (error) {
		if (error instanceof AliExpressError) throw toNodeApiError(this.getNode(), error);
		throw new NodeOperationError(this.getNode(), error as Error);
	}
	const f = (filter ?? '').trim().toLowerCase();
	const results = carriers
		.map((c) => ({
			name: c.display_name ? `${c.display_name} (${c.service_name})` : c.service_name,
			value: c.service_name,
			description: c.tracking_no_regex
				? `Tracking number pattern ${c.tracking_no_regex}`
				: undefined,
		}))
		.filter((r) => !f || r.name.toLowerCase().includes(f));
	return { results };
}
