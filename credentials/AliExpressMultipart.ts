/**
 * Multipart/form-data requests (file uploads such as the photo bank's
 * `image_bytes`), signed the way the official IOP Java SDK signs them
 * (emsaniey20/java: BaseExecutor.invoke, WebUtils.requestWithFile,
 * IopUtils.signApiRequest over RequestContext.getAllParams()): the system
 * parameters and `sign` go in the URL query, the business text parameters are
 * text parts of the body, the files are file parts, and the signature covers the
 * system and text parameters only, never a file.
 */
import { isBlank } from './AliExpressSigning';

/** Whether a request body is the runtime's FormData (the file uploads' body). */
export function isMultipartBody(body: unknown): body is FormData {
	return typeof FormData !== 'undefined' && body instanceof FormData;
}

/** The text parts that are signed and sent: blank keys and values dropped, as everywhere else. */
export function multipartTextFields(form: FormData): Record<string, string> {
	const fields: Record<string, string> = {};
	form.forEach((value, key) => {
		if (typeof value === 'string' && !isBlank(key) && !isBlank(value)) fields[key] = value;
	});
	return fields;
}

/**
 * The body that is sent: the signed text parts (without `sign` and the system
 * parameters, which travel in the query) and every file part, in their order.
 */
export function multipartToSend(form: FormData, dropKeys: Set<string>): FormData {
	const out = new FormData();
	form.forEach((value, key) => {
		if (typeof value === 'string') {
			if (!isBlank(key) && !isBlank(value) && !dropKeys.has(key)) out.append(key, value);
		} else {
			out.append(key, value, value.name);
		}
	});
	return out;
}
