/**
 * Disputes: `aliexpress.issue.issuelist.get` (`query_dto{buyer_login_id, current_page, issue_status,
 * order_no, page_size ≤ 50}` → `current_page, page_size, total_item, data_list{issue_api_issue_dto:[…]}`,
 * flat, no `result`) and `aliexpress.issue.detail.get` (`issue_id`, `buyer_login_id` → `result_object`).
 * Sources in test/contract/aliexpress.issue.*.json.
 */
import type { IDataObject } from 'n8n-workflow';

import { toList } from '../transport/envelope';
import { METHODS } from '../transport/methods';
import { fetchAllPages } from '../transport/pagination';
import type { AliExpressClient } from '../transport/request';
import { stringifyIds, stringifyIdsInPlace } from './orderOutput';
import { rawId, requestJson } from './requestJson';

/** "每页大小，不要大于50" (AliexpressIssueIssuelistGetIssueAPIListQueryDTO.page_size). */
export const DISPUTE_PAGE_SIZE = 50;

export const DISPUTE_STATUSES = ['processing', 'canceled_issue', 'finish'] as const;

export interface DisputeQuery {
	status?: string;
	buyerLoginId?: string;
	orderId?: string;
	limit?: number;
}

export async function fetchDisputes(
	client: AliExpressClient,
	q: DisputeQuery,
): Promise<IDataObject[]> {
	return await fetchAllPages(
		client,
		async (page) => {
			const query: IDataObject = { current_page: page, page_size: DISPUTE_PAGE_SIZE };
			if (q.status) query.issue_status = q.status;
			if (q.buyerLoginId) query.buyer_login_id = q.buyerLoginId;
			if (q.orderId) query.order_no = rawId(q.orderId);
			const answer = await client.call(
				METHODS.disputeList,
				{ query_dto: requestJson(query) },
				{ retry: 'safe' },
			);
			const items = toList<IDataObject>(answer.data_list, 'issue_api_issue_dto').map((d) =>
				stringifyIdsInPlace(d),
			);
			const total = Number(answer.total_item);
			return {
				items,
				totalPages: Number.isFinite(total)
					? Math.ceil(total / DISPUTE_PAGE_SIZE)
					: items.length >= DISPUTE_PAGE_SIZE
						? page + 1
						: page,
			};
		},
		{ limit: q.limit, pageSize: DISPUTE_PAGE_SIZE },
	);
}

const LISTS: Array<[string, string]> = [
	['buyer_solution_list', 'solution_api_dto'],
	['seller_solution_list', 'solution_api_dto'],
	['platform_solution_list', 'solution_api_dto'],
	['process_dto_list', 'api_issue_process_dto'],
];

/** One dispute with its solutions and history, the wrapped lists as plain arrays, ids as strings. */
export async function readDispute(
	client: AliExpressClient,
	issueId: string,
	buyerLoginId?: string,
): Promise<IDataObject> {
	const params: IDataObject = { issue_id: issueId };
	if (buyerLoginId) params.buyer_login_id = buyerLoginId;
	const answer = await client.call(METHODS.disputeDetail, params, { retry: 'safe' });
	const raw = (answer.result_object ?? {}) as IDataObject;
	const out: IDataObject = { ...raw };
	for (const [key, item] of LISTS) {
		if (!(key in raw)) continue;
		out[key] = toList<IDataObject>(raw[key], item).map((entry) => {
			if (!entry || typeof entry !== 'object' || !('attachments' in entry)) return entry;
			return { ...entry, attachments: toList<IDataObject>(entry.attachments) };
		});
	}
	return stringifyIds(out);
}
