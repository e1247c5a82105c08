import { createHmac } from 'node:crypto';

import {
	signParams,
	stringToSign,
	topTimestamp,
	toWireParams,
} from '../../credentials/AliExpressSigning';
import { REFERENCE_VECTORS, VECTOR_SECRET } from '../fixtures/reference-vectors';

const SECRET = VECTOR_SECRET;

describe('signing: reference vectors', () => {
	it.each(REFERENCE_VECTORS)('$name', ({ params, method, apiPath, sign }) => {
		expect(signParams(params, SECRET, method, apiPath)).toBe(sign);
	});
});

describe('signing: string to sign', () => {
	it('drops empty values and the sign itself, sorts by code unit', () => {
		const text = stringToSign({
			b: '2',
			a: '1',
			empty: '',
			nothing: undefined,
			sign: 'XYZ',
			A: 'up',
		});
		expect(text).toBe('Aupa1b2');
	});

	it('orders app_key before appKey as plain byte order does (localeCompare would not)', () => {
		// 'K' (0x4b) < '_' (0x5f): appKey sorts first in byte order.
		expect(stringToSign({ app_key: '1', appKey: '2' })).toBe('appKey2app_key1');
	});

	it('signs non-ASCII values as UTF-8', () => {
		const params = { subject: 'Robe d’été — 夏季连衣裙', app_key: '1' };
		const expected = createHmac('sha256', SECRET)
			.update(Buffer.from('app_key1subjectRobe d’été — 夏季连衣裙', 'utf8'))
			.digest('hex')
			.toUpperCase();
		expect(signParams(params, SECRET, 'sha256')).toBe(expected);
	});

	it('signs nested values as the JSON string that is sent', () => {
		const list = [{ product_id: 1, multiple_sku_update_list: [{ sku_code: 'A', inventory: 5 }] }];
		const wire = toWireParams({ mutiple_product_update_list: list, flag: true, n: 3 });
		expect(wire).toEqual({
			mutiple_product_update_list:
				'[{"product_id":1,"multiple_sku_update_list":[{"sku_code":"A","inventory":5}]}]',
			flag: 'true',
			n: '3',
		});
		expect(stringToSign({ mutiple_product_update_list: list })).toBe(
			'mutiple_product_update_list[{"product_id":1,"multiple_sku_update_list":[{"sku_code":"A","inventory":5}]}]',
		);
	});

	it('puts the system API path in front, and only when given', () => {
		expect(stringToSign({ code: 'x', app_key: '1' }, '/auth/token/refresh')).toBe(
			'/auth/token/refreshapp_key1codex',
		);
		expect(stringToSign({ code: 'x', app_key: '1' })).toBe('app_key1codex');
	});

	it('HMAC-MD5 for TOP hmac', () => {
		const expected = createHmac('md5', SECRET).update('a1b2').digest('hex').toUpperCase();
		expect(signParams({ b: '2', a: '1' }, SECRET, 'hmac')).toBe(expected);
	});
});

describe('timestamps', () => {
	it('TOP uses GMT+8 whatever the machine zone', () => {
		// 2016-01-01 04:00:00 UTC is 12:00:00 in GMT+8.
		expect(topTimestamp(Date.UTC(2016, 0, 1, 4, 0, 0))).toBe('2016-01-01 12:00:00');
		expect(topTimestamp(Date.UTC(2016, 11, 31, 20, 5, 9))).toBe('2017-01-01 04:05:09');
	});
});
