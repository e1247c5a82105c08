/**
 * Image → Get Many in n8n's engine against the sandbox's photo bank: pages of at most
 * 50, Return All and Limit, the group filters, simplified and raw items.
 */
import { photoBank } from '../../sandbox/photobank';
import { operation, useSandbox } from '../suite';

const LIST = 'aliexpress.photobank.redefining.listimagepagination';

const sandbox = useSandbox({ products: 5, orders: 0 });
const getMany = operation(__dirname, 'getMany.workflow.json', sandbox);

const sent = (n = 0) =>
	JSON.parse(
		sandbox.calls.filter((c) => c.method === LIST)[n].params.aeop_image_pagination_request,
	) as object;

describe('Image → Get Many', () => {
	beforeAll(() => {
		// 60 more images in group 2002, so that Return All needs more than one page of 50
		const bank = photoBank(sandbox.store);
		for (let n = 0; n < 60; n++) {
			bank.push({
				...bank[0],
				iid: String(40_000_000_000 + n),
				url: `https://ae01.alicdn.com/kf/T${n}.jpg`,
				display_name: `extra-${n}.jpg`,
				group_id: '2002',
			});
		}
	});

	it('returns every image, 50 a page, simplified', async () => {
		const bank = photoBank(sandbox.store);
		const out = await getMany.output(getMany.parameters());
		expect(out).toHaveLength(bank.length);
		expect(sandbox.callCount(LIST)).toBe(Math.ceil(bank.length / 50));
		expect(sent()).toEqual({ current_page: 1, page_size: 50, location_type: 'allGroup' });
		const first = bank[0];
		expect(out[0].json).toEqual({
			imageId: first.iid,
			url: first.url,
			name: first.display_name,
			width: first.width,
			height: first.height,
			fileSize: first.file_size,
			referenceCount: 0,
			created: first.gmt_create,
			modified: first.gmt_create,
		});
	});

	it('a limit reads only the pages it needs; a group ID lists that group', async () => {
		const out = await getMany.output(
			getMany.parameters({ returnAll: false, limit: 7, filters: { groupId: '2002' } }),
		);
		expect(out).toHaveLength(7);
		expect(sandbox.callCount(LIST)).toBe(1);
		expect(sent()).toEqual({
			current_page: 1,
			page_size: 7,
			location_type: 'subGroup',
			group_id: '2002',
		});
		expect(out.every((o) => o.json.groupId === '2002')).toBe(true);
	});

	it('raw items as AliExpress answers them; images in no group', async () => {
		const bank = photoBank(sandbox.store);
		const out = await getMany.output(
			getMany.parameters({ filters: { location: 'unGroup' }, simplify: false }),
		);
		expect(out).toHaveLength(bank.filter((i) => !i.group_id).length);
		expect(Object.keys(out[0].json).sort()).toEqual(
			[
				'display_name',
				'file_size',
				'gmt_create',
				'gmt_modified',
				'height',
				'iid',
				'reference_count',
				'url',
				'width',
			].sort(),
		);
	});

	it('refuses One Group without a group ID before any call', async () => {
		const error = await getMany.failure(getMany.parameters({ filters: { location: 'subGroup' } }));
		expect(error.message).toMatch(
			/Item 1, field "Filters › Group ID": is empty while Location is One Group/,
		);
		expect(sandbox.callCount()).toBe(0);
	});
});
