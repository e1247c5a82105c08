/**
 * Image → Upload: an image from an n8n binary field (an HTTP Request's download, a
 * file read from disk) into the seller's photo bank with
 * `aliexpress.photobank.redefining.uploadimageforsdk`. The image goes as a file part of
 * a multipart request (never signed); size, pixel size and type are checked first.
 * The answer's URL is the one to give Product → Publish (AliExpress recommends photo
 * bank URLs: it must be able to fetch every image itself).
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=30186&docType=2 (aliexpress.photobank.redefining.uploadimageforsdk)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	describeFile,
	MAX_FILE_NAME,
	MAX_IMAGE_BYTES,
	MAX_IMAGE_SIDE,
	readImageFacts,
} from '../../helpers/imageFile';
import { inputError } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { optionalText, shownValue, trimmed } from '../../helpers/values';
import { METHODS } from '../../transport/methods';
import type { FileParam } from '../../transport/multipart';
import { AliExpressError } from '../../transport/errors';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field holding the image',
		description:
			'The binary field with the image, e.g. "data" from an HTTP Request node (Response Format: File) or a Read/Write Files from Disk node. JPEG, PNG or GIF, at most 3 MB and 5000 x 5000 pixels.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. linen-dress-front.jpg',
				description:
					"The image's name in the photo bank (at most 256 characters). By default the binary file's own name.",
			},
			{
				displayName: 'Photo Bank Group ID',
				name: 'groupId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1001',
				description:
					'The photo bank group to put the image in. Empty: the "Other" group, as AliExpress does.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['upload'] } },
	properties,
);

interface Upload {
	file: FileParam;
	groupId?: string;
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(2);

const LIMITS_FIX =
	'AliExpress takes JPEG, PNG or GIF images of at most 3 MB and 5000 x 5000 pixels: resize or convert the image first (e.g. with the Edit Image node).';

/** The item's image, checked against the photo bank's documented limits before any call. */
async function prepare(ctx: IExecuteFunctions, i: number): Promise<Upload> {
	const field = trimmed(ctx.getNodeParameter('binaryPropertyName', i, 'data')) || 'data';
	const extra = (ctx.getNodeParameter('additionalFields', i, {}) ?? {}) as IDataObject;
	const label = 'Input Binary Field';
	const binaries = ctx.getInputData()[i]?.binary ?? {};
	const binary = binaries[field];
	if (!binary) {
		const present = Object.keys(binaries).map((p) => `"${p}"`);
		throw inputError(
			ctx,
			i,
			label,
			`the item has no binary field "${field}" (${present.length ? `it has ${present.join(', ')}` : 'it has no binary data at all'})`,
			'Download the image first (HTTP Request node with Response Format "File", or Read/Write Files from Disk) and enter the name of its binary field, usually "data".',
		);
	}
	const data = await ctx.helpers.getBinaryDataBuffer(i, field);
	if (data.length === 0) {
		throw inputError(ctx, i, label, `the binary field "${field}" is empty`, LIMITS_FIX);
	}
	if (data.length > MAX_IMAGE_BYTES) {
		throw inputError(
			ctx,
			i,
			label,
			`the image is ${mb(data.length)} MB (${data.length} bytes); the photo bank takes at most 3 MB`,
			LIMITS_FIX,
		);
	}
	const facts = readImageFacts(data);
	if (!facts) {
		throw inputError(
			ctx,
			i,
			label,
			`"${field}" is ${describeFile(data, binary.mimeType)}, not a JPEG, PNG or GIF image`,
			LIMITS_FIX,
		);
	}
	if (facts.width > MAX_IMAGE_SIDE || facts.height > MAX_IMAGE_SIDE) {
		throw inputError(
			ctx,
			i,
			label,
			`the image is ${facts.width} x ${facts.height} pixels; the photo bank takes at most 5000 x 5000`,
			LIMITS_FIX,
		);
	}
	const given = trimmed(extra.fileName);
	const fileName = given || trimmed(binary.fileName) || `image.${facts.extension}`;
	if ([...fileName].length > MAX_FILE_NAME) {
		throw inputError(
			ctx,
			i,
			given ? 'File Name' : label,
			`the file name has ${[...fileName].length} characters; at most ${MAX_FILE_NAME} are allowed`,
			'Enter a shorter name in Additional Fields › File Name.',
		);
	}
	return {
		file: { name: 'image_bytes', fileName, mimeType: facts.mimeType, data },
		groupId: optionalText(extra.groupId),
	};
}

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Upload>(
		this,
		client,
		async (i) => await prepare(this, i),
		async ({ file, groupId }) => {
			const params: IDataObject = { file_name: file.fileName };
			if (groupId) params.group_id = groupId;
			// an upload creates an image: repeated only when the answer proves nothing was stored
			const answer = await client.call(METHODS.photobankUpload, params, {
				files: [file],
				retry: 'ifNotExecuted',
			});
			const result = (answer.result ?? {}) as IDataObject;
			const url = optionalText(result.photobank_url);
			if (!url) {
				throw new AliExpressError({
					kind: 'unknown',
					code: 'NoImageUrl',
					message: `AliExpress answered the upload of ${shownValue(file.fileName)} without an image URL`,
				});
			}
			const out: IDataObject = {
				url,
				fileName: optionalText(result.file_name) ?? file.fileName,
				width: result.width,
				height: result.height,
				status: result.status,
				photoBankUsedMb: result.photobank_used_size,
				photoBankTotalMb: result.photobank_total_size,
			};
			if (groupId) out.groupId = groupId;
			return out;
		},
		{ writes: true },
	);
}
