/**
 * EU product safety (GPSR): the EU responsible person (`msr_eu_id`) and the
 * qualifications (`aeop_qualification_struct_list`) are not in the schema of
 * aliexpress.solution.product.post / .edit (the official DTO
 * AliexpressSolutionProductPostPostProductRequestDTO lacks them: sent there they
 * are ignored). They are fields of `aeop_a_e_product` of aliexpress.offer.product.post
 * and .edit (emsaniey20/java …/domain/AliexpressOfferProductPostAeopAEProduct.java),
 * both of which take the WHOLE product. Publish therefore sends a product with GPSR
 * through offer.product.post (helpers/offerProduct.ts); Update refuses GPSR, since
 * offer.product.edit replaces the whole product and product.info.get does not answer
 * all of it (no locale, no msr_eu_id, no qualifications).
 */
import type { IDataObject } from 'n8n-workflow';

import { RawNumber, rawId } from './requestJson';
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
 * post/edit request object (where AliExpress would ignore them): Publish sends them in offer.product.post.
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
