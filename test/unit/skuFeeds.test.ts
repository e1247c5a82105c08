/**
 * Reading one feed item's item_execution_result (a JSON string). Only the success shape is
 * documented (retailcrm's example {"productId":33030372006,"success":true}); a failure's
 * reason is read from the usual keys, else the whole result is quoted.
 */
import { itemResult } from '../../nodes/AliExpress/helpers/skuFeeds';

describe('itemResult', () => {
	it('the documented success', () => {
		expect(itemResult('{"productId":33030372006,"success":true}', '1')).toEqual({ success: true });
		expect(itemResult('{"productId":33030372006,"success":"true"}', '1')).toEqual({
			success: true,
		});
	});

	it.each([
		['{"success":false,"errorCode":"E1","errorMessage":"bad sku"}', 'E1', 'bad sku'],
		['{"success":false,"error_code":"E2","error_message":"no product"}', 'E2', 'no product'],
		['{"success":false,"code":"E3","message":"too many"}', 'E3', 'too many'],
		['{"success":false,"msg":"only a message"}', 'FEED_ITEM_FAILED', 'only a message'],
	])('a failure names its reason: %s', (raw, code, message) => {
		expect(itemResult(raw, '77')).toEqual({
			success: false,
			errorCode: code,
			errorMessage: message,
		});
	});

	it.each(['{"productId":1,"success":false}', 'not json', ''])(
		'a failure without a reason quotes the result and the job: %j',
		(raw) => {
			const r = itemResult(raw, '200000000060000001');
			expect(r.success).toBe(false);
			expect(r.errorCode).toBe('FEED_ITEM_FAILED');
			expect(r.errorMessage).toContain('feed job 200000000060000001');
			expect(r.errorMessage).toContain(raw || '(empty result)');
		},
	);

	it('no success flag is never success', () => {
		expect(itemResult('{"productId":1}', '1').success).toBe(false);
	});
});
