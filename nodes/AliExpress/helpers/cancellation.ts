/**
 * Answering a buyer's cancellation request: `aliexpress.trade.seller.order.acceptcancel` /
 * `.refusecancel` with `param_order_cancel_request{buyer_login_id, order_id, memo}`
 * (emsaniey20/java .../domain/AliexpressTradeSellerOrder{Accept,Refuse}cancelAeopOrderCancelRequest.java).
 *
 * The order is read first (order.info.get): it must be IN_CANCEL, and it gives the buyer's login
 * id the call carries. The call is never repeated blindly: it runs with the `ifNotExecuted` retry
 * policy (retried only when the answer proves nothing happened), and when its fate is unknown
 * (timeout, lost connection, 5xx after sending) the order is read again: no longer IN_CANCEL means
 * the answer was recorded (accepted: closed, FINISH; refused: back in another status); still
 * IN_CANCEL means it was not, and the call is made once more.
 */
import type { IDataObject } from 'n8n-workflow';

import { requestJson, rawId } from './requestJson';
import { readOrder } from './orders';
import { optionalText } from './values';
import { AliExpressError } from '../transport/errors';
import { METHODS } from '../transport/methods';
import type { AliExpressClient } from '../transport/request';

export interface CancellationAnswer {
	orderId: string;
	accept: boolean;
	memo?: string;
}

/** Thrown when the order has no cancellation request to answer; the operation names the field. */
export class NotInCancel extends Error {
	constructor(readonly status: string) {
		super(`status ${status}`);
	}
}

const statusOf = (order: IDataObject) => optionalText(order.order_status) ?? 'unknown';
const buyerOf = (order: IDataObject) =>
	optionalText(order.buyerloginid) ??
	optionalText((order.buyer_info as IDataObject | undefined)?.login_id);

/** Whether `error` leaves it open whether the platform carried the call out. */
function fateUnknown(error: unknown): boolean {
	return (
		error instanceof AliExpressError &&
		error.info.notExecuted !== true &&
		(error.info.kind === 'connection' || error.info.kind === 'platform')
	);
}

export async function answerCancellation(
	client: AliExpressClient,
	a: CancellationAnswer,
): Promise<IDataObject> {
	const before = await readOrder(client, a.orderId);
	if (statusOf(before) !== 'IN_CANCEL') throw new NotInCancel(statusOf(before));
	const buyer = buyerOf(before);
	const request: IDataObject = { order_id: rawId(a.orderId) };
	if (buyer) request.buyer_login_id = buyer;
	if (!a.accept && a.memo !== undefined) request.memo = a.memo;
	const method = a.accept ? METHODS.cancelAccept : METHODS.cancelRefuse;
	const call = async () =>
		await client.call(
			method,
			{ param_order_cancel_request: requestJson(request) },
			{ retry: 'ifNotExecuted' },
		);
	let confirmedBy: 'answer' | 'lookup' = 'answer';
	for (let attempt = 1; ; attempt++) {
		const failure = await call().then(
			() => undefined,
			(error: unknown) => ({ error }),
		);
		if (!failure) break;
		if (!fateUnknown(failure.error) || attempt >= 2) throw failure.error;
		const status = statusOf(await readOrder(client, a.orderId));
		if (status !== 'IN_CANCEL') {
			// recorded: accepting closes the order (FINISH); refusing puts it back (not FINISH)
			if (a.accept !== (status === 'FINISH')) throw failure.error;
			confirmedBy = 'lookup';
			break;
		}
		// still awaiting the answer: the call did not take effect; make it once more
	}
	const out: IDataObject = {
		orderId: a.orderId,
		buyerLoginId: buyer ?? null,
		cancellation: a.accept ? 'accepted' : 'refused',
		success: true,
		confirmedBy,
	};
	if (!a.accept) out.memo = a.memo ?? null;
	return out;
}
