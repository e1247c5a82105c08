/**
 * EU product safety (GPSR): the EU responsible person (`msr_eu_id`) and the
 * qualifications (`aeop_qualification_struct_list`) are not in the schema of
 * aliexpress.solution.product.post / .edit (the official DTO
 * AliexpressSolutionProductPostPostProductRequestDTO lacks them: sent there they
 * are ignored). They are fields of `aeop_a_e_product` of aliexpress.offer.product.edit
 * (emsaniey20/java …/domain/AliexpressOfferProductEditAeopAEProduct.java, with
 * `product_id`), so the node sets them there, on the product just published or
 * updated, and reports them only when AliExpress confirmed the call.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { METHODS } from '../transport/methods';
import type { AliExpressClient } from '../transport/request';
import { asNodeError } from './items';
import { RawNumber, rawId, requestJson } from './requestJson';
import { trimmed } from './values';

/** The GPSR fields to set; empty when there is nothing to set. */
export interface Gpsr {
	msr_eu_id?: RawNumber | string;
	aeop_qualification_struct_list?: IDataObject[];
}

export const hasGpsr = (gpsr: Gpsr): boolean =>
	gpsr.msr_eu_id !== undefined || (gpsr.aeop_qualification_struct_list?.length ?? 0) > 0;

/**
 * JSON mode: takes `msr_eu_id` and `aeop_qualification_struct_list` out of a
 * post/edit request object (where AliExpress would ignore them) for `setGpsr`.
 */
export function takeGpsr(request: IDataObject): Gpsr {
	const gpsr: Gpsr = {};
	if (request.msr_eu_id !== undefined && trimmed(request.msr_eu_id) !== '') {
		const id = trimmed(request.msr_eu_id);
		gpsr.msr_eu_id = /^\d+$/.test(id) ? rawId(id) : id;
	}
	if (Array.isArray(request.aeop_qualification_struct_list)) {
		gpsr.aeop_qualification_struct_list = request.aeop_qualification_struct_list as IDataObject[];
	}
	delete request.msr_eu_id;
	delete request.aeop_qualification_struct_list;
	return gpsr;
}

/** What the output says about GPSR once AliExpress confirmed it. */
export function gpsrSummary(gpsr: Gpsr): IDataObject {
	const out: IDataObject = {};
	const id = gpsr.msr_eu_id;
	if (id !== undefined) out.msrEuId = id instanceof RawNumber ? id.digits : trimmed(id);
	if (gpsr.aeop_qualification_struct_list?.length) {
		out.qualificationCount = gpsr.aeop_qualification_struct_list.length;
	}
	return out;
}

/**
 * Sets the GPSR fields of `productId` with aliexpress.offer.product.edit. The
 * call sets absolute values, so a retry cannot do harm. A failure says the
 * product itself exists (`done` tells what was done) and how to set GPSR again.
 */
export async function setGpsr(
	ctx: IExecuteFunctions,
	client: AliExpressClient,
	productId: string,
	gpsr: Gpsr,
	itemIndex: number,
	done: string,
): Promise<IDataObject> {
	const product = { product_id: rawId(productId), ...gpsr };
	try {
		const answer = await client.call(
			METHODS.offerProductEdit,
			{ aeop_a_e_product: requestJson(product) },
			{ retry: 'safe' },
		);
		const result = (answer.result ?? answer) as IDataObject;
		if (trimmed(result.product_id) !== productId) {
			throw new Error(`AliExpress did not confirm product ${productId} in its answer`);
		}
	} catch (error) {
		const failure: NodeApiError | NodeOperationError = asNodeError(ctx.getNode(), error, itemIndex);
		failure.message = `Item ${itemIndex + 1}: product ${productId} was ${done}, but its EU product safety data (EU responsible person / qualifications) was not set: ${failure.message}`;
		failure.description = `${failure.description ? `${failure.description} ` : ''}Do not publish it again: set the EU Responsible Person on product ${productId} with Product → Update (sent through aliexpress.offer.product.edit).`;
		throw failure;
	}
	return gpsrSummary(gpsr);
}
