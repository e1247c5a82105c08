import { createHmac } from 'node:crypto';

import {
	signParams,
	stringToSign,
	topTimestamp,
	toWireParams,
} from '../../credentials/AliExpressSigning';

// The reference vectors (../shared/reference/aliexpress-open-platform.md, §1), app secret "helloworld".
const SECRET = 'helloworld';

describe('signing: reference vectors', () => {
	it('IOP system API /auth/token/create', () => {
		const params = {
			app_key: '12345678',
			code: '3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26',
			sign_method: 'sha256',
			timestamp: '1517820392000',
		};
		expect(signParams(params, SECRET, 'sha256', '/auth/token/create')).toBe(
			'35607762342831B6A417A0DED84B79C05FEFBF116969C48AD6DC00279A9F4D81',
		);
	});

	it('IOP business call', () => {
		const params = {
			access_token: 'test',
			aliexpress_category_id: '200135143',
			app_key: '123456',
			method: 'aliexpress.logistics.redefining.getonlinelogisticsinfo',
			sign_method: 'sha256',
			timestamp: '1517820392000',
		};
		expect(signParams(params, SECRET, 'sha256')).toBe(
			'F7F7926B67316C9D1E8E15F7E66940ED3059B1638C497D77973F30046EFB5BBB',
		);
	});

	it('TOP md5', () => {
		const params = {
			app_key: '12345678',
			format: 'json',
			logisitics_no: 'ES2019COM0000123456',
			method: 'aliexpress.solution.order.fulfill',
			out_ref: '1000006270175804',
			partner_id: 'top-sdk-php-20180326',
			send_type: 'all',
			service_name: 'SPAIN_LOCAL_CORREOS',
			session: 'test',
			sign_method: 'md5',
			timestamp: '2016-01-01 12:00:00',
			v: '2.0',
		};
		expect(signParams(params, SECRET, 'md5')).toBe('4BC79C5FAA1B5E254E95A97E65BACEAB');
	});
});

describe('signing: string to sign', () => {
	it('drops empty values and the sign itself, sorts by code unit', () => {
		const text = stringToSign({ b: '2', a: '1', empty: '', nothing: undefined, sign: 'XYZ', A: 'up' });
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
			mutiple_product_update_list: '[{"product_id":1,"multiple_sku_update_list":[{"sku_code":"A","inventory":5}]}]',
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
