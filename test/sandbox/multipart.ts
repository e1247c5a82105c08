/**
 * multipart/form-data as the gateway reads it (RFC 7578): text parts become
 * parameters, parts with a filename become files. Written for the sandbox, apart
 * from the node's own encoder (the node uses the runtime's FormData), so a mistake
 * in one cannot hide in the other. The IOP Java SDK posts files this way
 * (emsaniey20/java src/main/java/com/global/iop/util/WebUtils.java, requestWithFile):
 * one part per text parameter, then one part per file with its filename and type.
 */

export interface FilePart {
	fileName: string;
	contentType: string;
	data: Buffer;
}

export interface MultipartBody {
	fields: Record<string, string>;
	files: Record<string, FilePart>;
}

/** The boundary of a multipart/form-data content type, if it is one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
	if (!contentType || !/^multipart\/form-data\b/i.test(contentType.trim())) return undefined;
	const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return m ? (m[1] ?? m[2]) : undefined;
}

function headerParam(header: string, name: string): string | undefined {
	const m = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
	if (m) return m[1].replace(/\\(.)/g, '$1');
	const bare = new RegExp(`;\\s*${name}=([^;\\s]+)`, 'i').exec(header);
	return bare?.[1];
}

/** Parses a whole body; throws on a body that is not well-formed multipart. */
export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
	const out: MultipartBody = { fields: {}, files: {} };
	const delimiter = Buffer.from(`--${boundary}`);
	let at = body.indexOf(delimiter);
	if (at === -1) throw new Error('multipart body without its boundary');
	for (;;) {
		at += delimiter.length;
		// the closing delimiter ends the body
		if (body.subarray(at, at + 2).toString() === '--') return out;
		if (body.subarray(at, at + 2).toString() !== '\r\n') throw new Error('malformed multipart');
		const headersEnd = body.indexOf('\r\n\r\n', at + 2);
		if (headersEnd === -1) throw new Error('multipart part without headers');
		const headers = body
			.subarray(at + 2, headersEnd)
			.toString('utf8')
			.split('\r\n');
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd + 4);
		if (next === -1) throw new Error('multipart part without its end');
		const content = body.subarray(headersEnd + 4, next);
		const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
		const type = headers.find((h) => /^content-type:/i.test(h));
		const name = headerParam(disposition, 'name');
		if (!name) throw new Error('multipart part without a name');
		const fileName = headerParam(disposition, 'filename');
		if (fileName !== undefined) {
			out.files[name] = {
				fileName,
				contentType: type ? type.replace(/^content-type:\s*/i, '').trim() : '',
				data: Buffer.from(content),
			};
		} else {
			out.fields[name] = content.toString('utf8');
		}
		at = next + 2;
	}
}
