/**
 * Image → Get Many: the seller's photo bank, page by page
 * (`aliexpress.photobank.redefining.listimagepagination`, at most 50 a page), one
 * output item per image with the URL to use in Product → Publish.
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=30186&docType=2 (photo bank; aliexpress.photobank.redefining.listimagepagination)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyProperty } from '../../descriptions/common';
import { inputError, readLimit } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { requestJson } from '../../helpers/requestJson';
import { optionalText, parseInteger, trimmed } from '../../helpers/values';
import { toList } from '../../transport/envelope';
import { METHODS } from '../../transport/methods';
import { fetchAllPages } from '../../transport/pagination';
import type { AliExpressClient } from '../../transport/request';

/** "default 18, at most 50" (AliexpressPhotobankRedefiningListimagepaginationAeopImagePaginationRequest). */
const PAGE_SIZE_MAX = 50;

const LOCATIONS = [
	{ name: 'All Images', value: 'allGroup', description: 'Every image of the photo bank' },
	{
		name: 'One Group',
		value: 'subGroup',
		description: 'The images of the group given in Group ID',
	},
	{ name: 'Not in a Group', value: 'unGroup', description: 'Images that belong to no group' },
	{ name: 'Disabled Images', value: 'temp', description: 'Images AliExpress has disabled' },
];

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Location',
				name: 'location',
				type: 'options',
				options: LOCATIONS,
				default: 'allGroup',
				description:
					'Which images to list (All Images when not set; One Group when a Group ID is given)',
			},
			{
				displayName: 'Group ID',
				name: 'groupId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1001',
				description: 'The photo bank group to list (Location: One Group)',
			},
		],
	},
	simplifyProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['getMany'] } },
	properties,
);

interface Query {
	location: string;
	groupId?: string;
	limit?: number;
	simplify: boolean;
}

function simplifyImage(image: IDataObject): IDataObject {
	const out: IDataObject = {
		imageId: optionalText(image.iid),
		url: image.url,
		name: image.display_name,
		width: image.width,
		height: image.height,
		fileSize: image.file_size,
		groupId: optionalText(image.group_id),
		referenceCount: image.reference_count,
		created: image.gmt_create,
		modified: image.gmt_modified,
	};
	for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
	return out;
}

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Query>(
		this,
		client,
		(i) => {
			const filters = (this.getNodeParameter('filters', i, {}) ?? {}) as IDataObject;
			const groupId = optionalText(filters.groupId);
			const location = trimmed(filters.location) || (groupId ? 'subGroup' : 'allGroup');
			if (!LOCATIONS.some((l) => l.value === location)) {
				throw inputError(
					this,
					i,
					'Filters › Location',
					`"${location}" is not a photo bank location`,
					`Use one of ${LOCATIONS.map((l) => l.value).join(', ')}.`,
				);
			}
			if (location === 'subGroup' && !groupId) {
				throw inputError(
					this,
					i,
					'Filters › Group ID',
					'is empty while Location is One Group',
					'Enter the photo bank group ID, or choose another Location.',
				);
			}
			const returnAll = this.getNodeParameter('returnAll', i, false) === true;
			return {
				location,
				groupId: location === 'subGroup' ? groupId : undefined,
				limit: returnAll
					? undefined
					: readLimit(this, i, 'Enter how many images to return, or turn on Return All.'),
				simplify: this.getNodeParameter('simplify', i, true) !== false,
			};
		},
		async (query) => {
			const pageSize = Math.min(query.limit ?? PAGE_SIZE_MAX, PAGE_SIZE_MAX);
			const images = await fetchAllPages<IDataObject>(
				client,
				async (page) => {
					const request: IDataObject = {
						current_page: page,
						page_size: pageSize,
						location_type: query.location,
					};
					if (query.groupId) request.group_id = query.groupId;
					const answer = await client.call(METHODS.photobankList, {
						aeop_image_pagination_request: requestJson(request),
					});
					const result = (answer.result ?? {}) as IDataObject;
					return {
						items: toList<IDataObject>(result.images, 'aeop_image'),
						totalPages: parseInteger(result.total_page, 0, Number.MAX_SAFE_INTEGER) ?? 1,
					};
				},
				{ limit: query.limit, pageSize },
			);
			return images.map((image) => (query.simplify ? simplifyImage(image) : image));
		},
	);
}
