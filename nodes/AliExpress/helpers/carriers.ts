/**
 * Carriers: the list `aliexpress.logistics.redefining.listlogisticsservice` answers (the valid
 * `service_name` values of fulfil, each with its tracking-number pattern `tracking_no_regex`),
 * and the check Ship makes with it before calling.
 */
import type { IDataObject } from 'n8n-workflow';

import { toList } from '../transport/envelope';
import { METHODS } from '../transport/methods';
import type { AliExpressClient } from '../transport/request';
import { optionalText, trimmed } from './values';

export interface Carrier {
	service_name: string;
	display_name?: string;
	logistics_company?: string;
	tracking_no_regex?: string;
	min_process_day?: number;
	max_process_day?: number;
	recommend_order?: number;
}

/**
 * The seller's carriers. The answer is flat (`result_list`, `result_success`, `error_desc`):
 * `result_success: false` is a failure (the transport throws it); `error_desc` next to
 * `result_success: true` is not (the documented example carries "System error" so).
 */
export async function fetchCarriers(client: AliExpressClient): Promise<Carrier[]> {
	const answer = await client.call(METHODS.carrierList, {}, { retry: 'safe' });
	const out: Carrier[] = [];
	for (const raw of toList<IDataObject>(answer.result_list, 'aeop_logistics_service_result')) {
		const serviceName = trimmed(raw.service_name);
		if (!serviceName) continue;
		const carrier: Carrier = { service_name: serviceName };
		for (const key of ['display_name', 'logistics_company', 'tracking_no_regex'] as const) {
			const v = optionalText(raw[key]);
			if (v !== undefined) carrier[key] = v;
		}
		for (const key of ['min_process_day', 'max_process_day', 'recommend_order'] as const) {
			const n = Number(raw[key]);
			if (raw[key] !== undefined && raw[key] !== null && Number.isFinite(n)) carrier[key] = n;
		}
		out.push(carrier);
	}
	return out;
}

/**
 * Service names that are not in the list by nature: `other` with a tracking website (fulfil's
 * documented `tracking_website`: "When serviceName=other") and the OTHER_… codes AliExpress's
 * FAQ recommends for carriers it does not list (articleId=119464, see test/contract's fulfil file).
 */
export function isOtherService(serviceName: string): boolean {
	return /^other(_|$)/i.test(serviceName);
}

/**
 * The documented pattern as a RegExp, or undefined when it cannot be compiled (it is the
 * platform's text; a pattern JavaScript cannot read is not the user's fault and is not enforced).
 */
export function trackingPattern(carrier: Carrier): RegExp | undefined {
	const source = carrier.tracking_no_regex;
	if (!source) return undefined;
	try {
		return new RegExp(source);
	} catch {
		return undefined;
	}
}

/** The one list per execution: every item's check waits for the same call. */
export function carrierListOnce(client: AliExpressClient): () => Promise<Carrier[]> {
	let list: Promise<Carrier[]> | undefined;
	return async () => await (list ??= fetchCarriers(client));
}
