/** The answers of the order-remark methods: `result{error_code}` (Long), no success flag. */
import type { IDataObject } from 'n8n-workflow';

import { AliExpressError, classifyError } from '../transport/errors';
import { optionalText } from './values';

/**
 * The `result` of saveremark / queryremark; a non-zero `error_code` is a failure (the only result
 * field documented: emsaniey20/java .../domain/AliexpressMerchantRedefining{Save,Query}remarkResult.java;
 * which value means success is not stated, 0 and absent are read as success).
 */
export function checkRemarkResult(answer: IDataObject, orderId: string): IDataObject {
	const result = (answer.result ?? {}) as IDataObject;
	const code = optionalText(result.error_code);
	if (code && code !== '0') {
		const kind = classifyError(code);
		throw new AliExpressError({
			kind: kind === 'unknown' ? 'business' : kind,
			code,
			message: `AliExpress did not accept the remark of order ${orderId}`,
			requestId: optionalText(answer.request_id),
			notExecuted: true,
		});
	}
	return result;
}
