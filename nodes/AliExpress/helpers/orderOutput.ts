/** Orders as the node emits them: ids as strings, and the simplified order. */
import type { IDataObject } from 'n8n-workflow';

import { toList } from '../transport/envelope';
import { pacificToIso } from '../transport/time';
import { optionalText } from './values';

const ID_KEY = /(^|_)id$/;

/** stringifyIds without copying: for an answer just parsed, which nothing else holds. */
export function stringifyIdsInPlace<T>(value: T): T {
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) value[i] = stringifyIdsInPlace(value[i]);
	} else if (value !== null && typeof value === 'object') {
		const obj = value as IDataObject;
		for (const key of Object.keys(obj)) {
			const v = obj[key];
			if (typeof v === 'number') {
				if (ID_KEY.test(key)) obj[key] = String(v);
			} else if (v !== null && typeof v === 'object') {
				stringifyIdsInPlace(v);
			}
		}
	}
	return value;
}

/**
 * Ids as strings everywhere. The transport keeps integers beyond 2^53 as
 * strings already; shorter ids (16-digit ids below 2^53 included) arrive as
 * numbers, so one order's id would be a number and the next one's a string.
 */
export function stringifyIds<T>(value: T): T {
	if (Array.isArray(value)) return value.map((v) => stringifyIds(v)) as unknown as T;
	if (value === null || typeof value !== 'object') return value;
	const out: IDataObject = {};
	for (const [key, v] of Object.entries(value as IDataObject)) {
		out[key] = typeof v === 'number' && ID_KEY.test(key) ? String(v) : stringifyIds(v);
	}
	return out as T;
}

function amountOf(money: unknown): { amount?: number; currency?: string } {
	if (money === undefined || money === null) return {};
	if (typeof money !== 'object') {
		const n = Number(money);
		return Number.isFinite(n) ? { amount: n } : {};
	}
	const m = money as IDataObject;
	let amount = m.amount !== undefined && m.amount !== '' ? Number(m.amount) : undefined;
	if ((amount === undefined || !Number.isFinite(amount)) && m.cent !== undefined)
		amount = Number(m.cent) / 100;
	return {
		amount: amount !== undefined && Number.isFinite(amount) ? amount : undefined,
		currency:
			optionalText(m.currency_code) ??
			optionalText((m.currency as IDataObject | undefined)?.currency_code),
	};
}

/**
 * The simplified order. Takes both shapes: an order of the list
 * (`aliexpress.solution.order.get`) and the `data` of `order.info.get`.
 * Dates are ISO 8601 UTC; amounts are numbers; ids are strings.
 */
export function simplifyOrder(raw: IDataObject): IDataObject {
	const total = amountOf(raw.pay_amount ?? raw.order_amount);
	const lines =
		raw.product_list !== undefined
			? toList<IDataObject>(raw.product_list, 'order_product_dto')
			: toList<IDataObject>(raw.child_order_list, 'global_aeop_tp_child_order_dto');
	const items = lines.map((line) => {
		const price = amountOf(line.product_unit_price ?? line.product_price);
		const quantity = Number(line.product_count);
		return {
			productId: optionalText(line.product_id) ?? null,
			skuCode: optionalText(line.sku_code) ?? null,
			quantity: Number.isFinite(quantity) ? quantity : null,
			unitPrice: price.amount ?? null,
		};
	});
	const buyerInfo = (raw.buyer_info ?? {}) as IDataObject;
	const simple: IDataObject = {
		orderId: optionalText(raw.order_id ?? raw.id) ?? null,
		status: optionalText(raw.order_status) ?? null,
		createdAt: pacificToIso(raw.gmt_create) ?? null,
		updatedAt: pacificToIso(raw.gmt_update ?? raw.gmt_modified) ?? null,
		paidAt: pacificToIso(raw.gmt_pay_time ?? raw.gmt_pay_success) ?? null,
		totalAmount: total.amount ?? null,
		currency: total.currency ?? null,
		buyerLoginId:
			optionalText(raw.buyer_login_id ?? raw.buyerloginid ?? buyerInfo.login_id) ?? null,
		items,
	};
	const address = raw.receipt_address as IDataObject | undefined;
	if (address && typeof address === 'object') {
		const shipping: IDataObject = {
			name: optionalText(address.contact_person) ?? null,
			country: optionalText(address.country) ?? null,
			province: optionalText(address.province) ?? null,
			city: optionalText(address.city) ?? null,
			zip: optionalText(address.zip) ?? null,
			address: optionalText(address.detail_address ?? address.address) ?? null,
		};
		const address2 = optionalText(address.address2);
		if (address2) shipping.address2 = address2;
		const phone = optionalText(address.mobile_no ?? address.phone_number);
		if (phone)
			shipping.phone = [optionalText(address.phone_country), phone].filter(Boolean).join(' ');
		simple.shippingAddress = shipping;
	}
	if (raw.logistic_info_list !== undefined) {
		simple.shipments = toList<IDataObject>(
			raw.logistic_info_list,
			'global_aeop_tp_logistic_info_dto',
		).map((s) => ({
			trackingNumber: optionalText(s.logistics_no) ?? null,
			// documented (order.info.get): logistics_type_code is the service key Ship takes,
			// logistics_service_name its shown name; a shipment's send type is not in the answer
			serviceName: optionalText(s.logistics_type_code ?? s.logistics_service_name) ?? null,
			receiveStatus: optionalText(s.receive_status) ?? null,
			sentAt: pacificToIso(s.gmt_send) ?? null,
		}));
	}
	return simple;
}
