/**
 * Product descriptions as AliExpress takes them: `web_detail` and `mobile_detail`
 * are not HTML but the platform's "detail" JSON, a string of
 * `{"version":"2.0.0","moduleList":[…]}` (documentation articleId=109534 / 120698,
 * "Original data format of detail"). Modules used here: `{"type":"html","html":{"content":…}}`
 * for the web description and `{"type":"text","texts":[{"content":…,"class":"body"}]}`
 * for the mobile one; `mobile_detail` may not hold `html` or `dynamic` modules.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './input';
import { shownValue } from './values';

const VERSION = '2.0.0';
const MOBILE_FORBIDDEN = ['html', 'dynamic'];

/** The web description (HTML as the user writes it) as a detail JSON string with one `html` module. */
export function webDetail(html: string): string {
	return JSON.stringify({
		version: VERSION,
		moduleList: [{ type: 'html', html: { content: html } }],
	});
}

/** The mobile description (plain text) as a detail JSON string: one `text` module per paragraph. */
export function mobileDetail(text: string): string {
	const paragraphs = text
		.split(/\r?\n\s*\r?\n/)
		.map((p) => p.trim())
		.filter(Boolean);
	return JSON.stringify({
		version: VERSION,
		moduleList: paragraphs.map((content) => ({
			type: 'text',
			texts: [{ content, class: 'body' }],
		})),
	});
}

/** What is wrong with a detail JSON string, or undefined when its shape is right. */
export function detailShapeProblem(value: unknown, mobile: boolean): string | undefined {
	if (typeof value !== 'string') return `must be a detail JSON string, got ${shownValue(value)}`;
	let parsed: unknown;
	try {
		parsed = JSON.parse(value);
	} catch {
		return 'is not a detail JSON string (HTML or text is not accepted here)';
	}
	const detail = parsed as IDataObject;
	if (!detail || typeof detail !== 'object' || Array.isArray(detail)) {
		return 'must be a detail JSON object {"version":"2.0.0","moduleList":[…]}';
	}
	if (detail.version !== VERSION) {
		return `has version ${shownValue(detail.version)}; it must be "${VERSION}"`;
	}
	if (!Array.isArray(detail.moduleList)) return 'has no moduleList list';
	for (const [n, module] of (detail.moduleList as unknown[]).entries()) {
		const type = (module as IDataObject | null)?.type;
		if (typeof type !== 'string' || !type) return `module ${n + 1} has no type`;
		if (mobile && MOBILE_FORBIDDEN.includes(type)) {
			return `module ${n + 1} is of type "${type}", which mobile_detail does not support`;
		}
	}
	return undefined;
}

/**
 * JSON mode: every `multi_language_description_list` entry's web_detail / mobile_detail
 * must be a detail JSON string of the right shape; an input error names the entry.
 */
export function checkDescriptions(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	list: unknown,
): void {
	if (list === undefined) return;
	const fix =
		'Give web_detail and mobile_detail as the detail JSON string, e.g. "{\\"version\\":\\"2.0.0\\",\\"moduleList\\":[{\\"type\\":\\"text\\",\\"texts\\":[{\\"content\\":\\"…\\",\\"class\\":\\"body\\"}]}]}"; mobile_detail may not contain html or dynamic modules. Or use Define Product › Using Fields Below, where the node builds it.';
	if (!Array.isArray(list)) {
		throw inputError(ctx, itemIndex, field, 'multi_language_description_list must be a list', fix);
	}
	list.forEach((entry, n) => {
		for (const key of ['web_detail', 'mobile_detail']) {
			const value = (entry as IDataObject | null)?.[key];
			if (value === undefined || value === null || value === '') continue;
			const problem = detailShapeProblem(value, key === 'mobile_detail');
			if (problem) {
				throw inputError(
					ctx,
					itemIndex,
					field,
					`multi_language_description_list[${n}].${key} ${problem}`,
					fix,
				);
			}
		}
	});
}
