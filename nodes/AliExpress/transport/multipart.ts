/**
 * The HTTP request of one call. Text-only calls go form-encoded; a call with
 * files (the photo bank upload's `image_bytes`) goes as multipart/form-data:
 * the text parameters as text parts, each file as a file part with its name and
 * type, as the official IOP Java SDK posts files (emsaniey20/java
 * src/main/java/com/global/iop/util/WebUtils.java, requestWithFile). The
 * credential signs either (credentials/AliExpressMultipart.ts: file parts are
 * never signed). The body is built afresh for every attempt.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

/** A file parameter: sent as a file part, never signed. */
export interface FileParam {
	name: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

const FORM_TYPE = 'application/x-www-form-urlencoded';

export function buildRequest(
	url: string,
	body: Record<string, string>,
	timeoutMs: number,
	files: FileParam[] = [],
): IHttpRequestOptions {
	const common = {
		method: 'POST' as const,
		url,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'text' as const,
		json: false,
		timeout: timeoutMs,
	};
	if (files.length === 0) {
		return {
			...common,
			headers: { 'content-type': FORM_TYPE, accept: 'application/json' },
			body: { ...body },
		};
	}
	const form = new FormData();
	for (const [key, value] of Object.entries(body)) form.append(key, value);
	for (const file of files) {
		const bytes = new Uint8Array(file.data.buffer, file.data.byteOffset, file.data.byteLength);
		form.append(file.name, new Blob([bytes], { type: file.mimeType }), file.fileName);
	}
	return { ...common, headers: { accept: 'application/json' }, body: form };
}
