/**
 * Category → Suggest: the categories AliExpress suggests for a product title (and
 * optionally its main image), best first, with `aliexpress.solution.product.category.suggest`.
 */
// Docs: https://developers.aliexpress.com/en/doc.htm?docId=61331&docType=2 (aliexpress.solution.product.category.suggest)
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { LANGUAGE_OPTIONS } from '../../descriptions/product';
import { inputError, requireText } from '../../helpers/input';
import { runPerItem } from '../../helpers/items';
import { optionalText, trimmed } from '../../helpers/values';
import { toList } from '../../transport/envelope';
import { METHODS } from '../../transport/methods';
import type { AliExpressClient } from '../../transport/request';

const properties: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		placeholder: "e.g. Women's Summer Linen Dress",
		description: 'The product title to find categories for',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: LANGUAGE_OPTIONS,
		default: 'en',
		description: 'Language of the title',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Image URL',
				name: 'imageUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://ae01.alicdn.com/kf/S1234.jpg',
				description: "The product's main image, which AliExpress may use as well",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['category'], operation: ['suggest'] } },
	properties,
);

interface Query {
	title: string;
	language: string;
	imageUrl?: string;
}

export async function execute(
	this: IExecuteFunctions,
	client: AliExpressClient,
): Promise<INodeExecutionData[]> {
	return await runPerItem<Query>(
		this,
		client,
		(i) => {
			const title = requireText(
				this,
				i,
				'title',
				'Title',
				'Enter the product title or map it from an earlier node.',
			);
			const language = trimmed(this.getNodeParameter('language', i, 'en'));
			if (!LANGUAGE_OPTIONS.some((o) => o.value === language)) {
				throw inputError(
					this,
					i,
					'Language',
					`"${language}" is not a language AliExpress takes`,
					`Use one of ${LANGUAGE_OPTIONS.map((o) => o.value).join(', ')}.`,
				);
			}
			const extra = (this.getNodeParameter('additionalFields', i, {}) ?? {}) as IDataObject;
			const imageUrl = optionalText(extra.imageUrl);
			if (imageUrl && !/^https?:\/\/\S+$/i.test(imageUrl)) {
				throw inputError(
					this,
					i,
					'Additional Fields › Image URL',
					`must be an http(s) URL, got "${imageUrl}"`,
					'Enter the full image URL, e.g. the URL Image › Upload returns.',
				);
			}
			return { title, language, imageUrl };
		},
		async (query) => {
			const params: IDataObject = { title: query.title, language: query.language };
			if (query.imageUrl) params.image_url = query.imageUrl;
			const answer = await client.call(METHODS.categorySuggest, params);
			return toList<IDataObject>(answer.suggest_category_list, 'suggest_category').map((s, n) => {
				const idPath = toList<unknown>(s.id_path, 'number').map((id) => String(id));
				const namePath = toList<unknown>(s.name_path, 'string').map((name) => String(name));
				return {
					categoryId: optionalText(s.id),
					name: s.name,
					path: namePath.join(' › '),
					idPath,
					namePath,
					rank: n + 1,
				};
			});
		},
	);
}
