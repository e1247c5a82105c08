/**
 * The photo bank: `aliexpress.photobank.redefining.uploadimageforsdk` (multipart: text
 * group_id / file_name, file part image_bytes) and `.listimagepagination`, as
 * test/contract/aliexpress.photobank.redefining.*.json document them. The documented
 * limits are enforced here: at most 3 MB and at most 5000 x 5000 pixels
 * (emsaniey20/java .../request/AliexpressPhotobankRedefiningUploadimageforsdkRequest.java).
 * The image's type and size are read from its own bytes (PNG, JPEG, GIF), independently
 * of the node's reader.
 */
import { createHash } from 'node:crypto';

import { invalidParam, missingParam } from './errors';
import type { MethodHandler } from './methods';
import type { SandboxStore } from './store';
import { wireId, wrapList } from './wire';

export const MAX_IMAGE_BYTES = 3 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 5000;
/** The one error code the documentation shows for a failed upload (apiId 30215's example). */
export const UPLOAD_ERROR_CODE = 16009999;
const TOTAL_MB = '6144.00';

export interface BankImage {
	iid: string;
	url: string;
	display_name: string;
	file_size: number;
	width: number;
	height: number;
	group_id: string;
	gmt_create: string;
	reference_count: number;
}

const banks = new WeakMap<SandboxStore, BankImage[]>();

/** The store's photo bank (seeded with a few images the first time it is read). */
export function photoBank(store: SandboxStore): BankImage[] {
	let bank = banks.get(store);
	if (!bank) {
		bank = Array.from({ length: 24 }, (_, n) =>
			bankImage(
				store,
				`seed-${n + 1}.jpg`,
				'jpg',
				40_000 + n * 1000,
				800,
				800,
				n % 2 ? '1001' : '',
			),
		);
		banks.set(store, bank);
	}
	return bank;
}

let serial = 0;

function bankImage(
	store: SandboxStore,
	name: string,
	ext: string,
	size: number,
	width: number,
	height: number,
	groupId: string,
): BankImage {
	serial += 1;
	const hash = createHash('md5').update(`${store.appKey}:${serial}:${name}`).digest('hex');
	return {
		iid: String(30_000_000_000 + serial),
		url: `https://ae01.alicdn.com/kf/S${hash}.${ext}`,
		display_name: name,
		file_size: size,
		width,
		height,
		group_id: groupId,
		gmt_create: new Date(store.now()).toISOString().slice(0, 19).replace('T', ' '),
		reference_count: 0,
	};
}

/** Type and pixel size from the first bytes of a PNG, GIF or JPEG; undefined for anything else. */
export function imageInfo(
	data: Buffer,
): { ext: 'png' | 'gif' | 'jpg'; width: number; height: number } | undefined {
	if (data.length >= 24 && data.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'))) {
		return { ext: 'png', width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
	}
	const head = data.subarray(0, 6).toString('latin1');
	if (data.length >= 10 && (head === 'GIF87a' || head === 'GIF89a')) {
		return { ext: 'gif', width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
	}
	if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
		let at = 2;
		while (at + 9 < data.length) {
			if (data[at] !== 0xff) return undefined;
			const marker = data[at + 1];
			if (marker === 0xff) {
				at += 1;
				continue;
			}
			const length = data.readUInt16BE(at + 2);
			const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
			if (isFrame) {
				return { ext: 'jpg', height: data.readUInt16BE(at + 5), width: data.readUInt16BE(at + 7) };
			}
			at += 2 + length;
		}
	}
	return undefined;
}

const refused = (message: string) => ({
	result: { is_success: false, error_code: UPLOAD_ERROR_CODE, error_message: message },
});

const upload: MethodHandler = ({ params, store, files }) => {
	const file = files?.image_bytes;
	if (!file) throw missingParam('image_bytes');
	if (file.data.length === 0) throw invalidParam('image_bytes', 'the file is empty');
	if (file.data.length > MAX_IMAGE_BYTES) {
		return refused(`image size ${file.data.length} bytes exceeds the 3MB limit`);
	}
	const info = imageInfo(file.data);
	if (!info) return refused('the file is not a supported image (jpg, png, gif)');
	if (info.width > MAX_IMAGE_SIDE || info.height > MAX_IMAGE_SIDE) {
		return refused(`image ${info.width}x${info.height} exceeds 5000*5000`);
	}
	const name = params.file_name || file.fileName || `image.${info.ext}`;
	const bank = photoBank(store);
	const image = bankImage(
		store,
		name,
		info.ext,
		file.data.length,
		info.width,
		info.height,
		params.group_id ?? '',
	);
	bank.push(image);
	const usedMb = bank.reduce((sum, i) => sum + i.file_size, 0) / (1024 * 1024);
	return {
		result: {
			is_success: true,
			status: 'SUCCESS',
			photobank_url: image.url,
			file_name: name,
			width: info.width,
			height: info.height,
			photobank_used_size: usedMb.toFixed(2),
			photobank_total_size: TOTAL_MB,
		},
	};
};

const LOCATIONS = ['allGroup', 'temp', 'subGroup', 'unGroup'];

const listImages: MethodHandler = ({ params, store }) => {
	const raw = params.aeop_image_pagination_request;
	const q = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
	const location = q.location_type === undefined ? 'allGroup' : String(q.location_type);
	if (!LOCATIONS.includes(location)) {
		throw invalidParam('aeop_image_pagination_request.location_type', location);
	}
	const groupId = q.group_id === undefined ? '' : String(q.group_id);
	if (location === 'subGroup' && !groupId) {
		return { result: { success: false, error_message: 'location_type subGroup needs group_id' } };
	}
	const page = q.current_page === undefined ? 1 : Number(q.current_page);
	const size = q.page_size === undefined ? 18 : Number(q.page_size);
	const all = photoBank(store).filter((i) =>
		location === 'subGroup'
			? i.group_id === groupId
			: location === 'unGroup'
				? !i.group_id
				: location !== 'temp',
	);
	const rows = all.slice((page - 1) * size, page * size);
	return {
		result: {
			success: true,
			total: all.length,
			total_page: Math.ceil(all.length / size),
			query: {
				current_page: page,
				page_size: size,
				location_type: location,
				...(location === 'subGroup' ? { group_id: groupId } : {}),
			},
			images: wrapList(
				'aeop_image',
				rows.map((i) => ({
					iid: wireId(i.iid),
					url: i.url,
					display_name: i.display_name,
					file_size: i.file_size,
					width: i.width,
					height: i.height,
					group_id: i.group_id || undefined,
					gmt_create: i.gmt_create,
					gmt_modified: i.gmt_create,
					reference_count: i.reference_count,
				})),
			),
		},
	};
};

export const PHOTOBANK_METHODS: Record<string, MethodHandler> = {
	'aliexpress.photobank.redefining.uploadimageforsdk': upload,
	'aliexpress.photobank.redefining.listimagepagination': listImages,
};
