/**
 * What the photo bank accepts, checked before any call: at most 3 MB and at
 * most 5000 x 5000 pixels (emsaniey20/java .../request/
 * AliexpressPhotobankRedefiningUploadimageforsdkRequest.java), a file name of at
 * most 256 characters, and an image AliExpress is known to take: JPEG and GIF
 * (the temporary-image upload's documented formats) and PNG (the photo bank
 * page's example answer). The type and pixel size are read from the file's first
 * bytes, so a wrong extension or MIME type does not matter.
 */

export const MAX_IMAGE_BYTES = 3 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 5000;
export const MAX_FILE_NAME = 256;

export interface ImageFacts {
	type: 'jpeg' | 'png' | 'gif';
	mimeType: string;
	extension: string;
	width: number;
	height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The facts of a PNG, GIF or JPEG; undefined for any other file (or a header cut short). */
export function readImageFacts(data: Buffer): ImageFacts | undefined {
	if (data.length >= 24 && PNG_SIGNATURE.every((b, i) => data[i] === b)) {
		// IHDR is the first chunk: width and height, big-endian, at bytes 16 and 20
		return fact('png', data.readUInt32BE(16), data.readUInt32BE(20));
	}
	const head = data.subarray(0, 6).toString('latin1');
	if (data.length >= 10 && (head === 'GIF87a' || head === 'GIF89a')) {
		// the logical screen: width and height, little-endian, at bytes 6 and 8
		return fact('gif', data.readUInt16LE(6), data.readUInt16LE(8));
	}
	if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) return jpegFacts(data);
	return undefined;
}

/** A JPEG's size from its first frame header (SOF0–SOF15 but DHT, JPG and DAC). */
function jpegFacts(data: Buffer): ImageFacts | undefined {
	let at = 2;
	while (at + 9 <= data.length) {
		if (data[at] !== 0xff) return undefined;
		const marker = data[at + 1];
		if (marker === 0xff) {
			at += 1; // fill byte
			continue;
		}
		if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
			at += 2; // markers without a length
			continue;
		}
		const length = data.readUInt16BE(at + 2);
		if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
			return fact('jpeg', data.readUInt16BE(at + 7), data.readUInt16BE(at + 5));
		}
		if (marker === 0xda || marker === 0xd9 || length < 2) return undefined;
		at += 2 + length;
	}
	return undefined;
}

function fact(type: ImageFacts['type'], width: number, height: number): ImageFacts {
	const extension = type === 'jpeg' ? 'jpg' : type;
	return { type, mimeType: `image/${type}`, extension, width, height };
}

/** A file's own type in words, for an error: "a WebP image", "a PDF document", "a file of an unknown type". */
export function describeFile(data: Buffer, mimeType: string | undefined): string {
	const head = data.subarray(0, 12).toString('latin1');
	if (head.startsWith('RIFF') && head.slice(8) === 'WEBP') return 'a WebP image';
	if (head.startsWith('%PDF')) return 'a PDF document';
	if (head.startsWith('BM')) return 'a BMP image';
	if (/^(II\*\0|MM\0\*)/.test(head)) return 'a TIFF image';
	if (head.slice(4, 8) === 'ftyp') return 'an HEIC/AVIF image';
	return mimeType ? `a file of type ${mimeType}` : 'a file of an unknown type';
}
