/**
 * Reading an online/offline answer (result{success, modify_count, error_code, error_message,
 * error_details[{error_code, error_message, product_ids}]}, the IOP Java SDK's
 * AeopModifyProductResponse / ErrorDetail): each product's own result, nothing reported
 * done that the answer does not confirm.
 */
import { modifyResults } from '../../nodes/AliExpress/helpers/productStatus';

const ids = ['11', '12', '13'];
const results = (answer: Record<string, unknown>) =>
	Object.fromEntries([...modifyResults(ids, { result: answer })].map(([id, r]) => [id, r]));

describe('online / offline answers', () => {
	it('success true: every product done', () => {
		expect(results({ success: true, modify_count: 3 })).toEqual({
			11: { success: true },
			12: { success: true },
			13: { success: true },
		});
	});

	it('error_details name the failed products (wrapped or bare lists); the count confirms the rest', () => {
		const wrapped = results({
			success: false,
			modify_count: 2,
			error_details: {
				error_detail: [{ error_code: 'E1', error_message: 'no', product_ids: { number: [12] } }],
			},
		});
		expect(wrapped).toEqual({
			11: { success: true },
			12: { success: false, errorCode: 'E1', errorMessage: 'no' },
			13: { success: true },
		});
		const bare = results({
			success: false,
			modify_count: 2,
			error_details: [{ error_code: 'E1', error_message: 'no', product_ids: [12] }],
		});
		expect(bare).toEqual(wrapped);
	});

	it('a count lower than the products not listed: those are not reported done', () => {
		const r = results({
			success: false,
			modify_count: 1,
			error_details: [{ error_code: 'E1', product_ids: [13] }],
		});
		expect(r[13]).toMatchObject({ success: false, errorCode: 'E1' });
		expect(r[11]).toMatchObject({ success: false, errorCode: 'NOT_CONFIRMED' });
		expect(r[12]).toMatchObject({ success: false, errorCode: 'NOT_CONFIRMED' });
	});

	it('success false without details: the whole call refused, with its code and message', () => {
		expect(results({ success: false, error_code: 17, error_message: 'denied' })[11]).toEqual({
			success: false,
			errorCode: '17',
			errorMessage: 'denied',
		});
	});

	it('neither success nor a count: not confirmed', () => {
		expect(results({})[11]).toMatchObject({ success: false, errorCode: 'NOT_CONFIRMED' });
	});
});
