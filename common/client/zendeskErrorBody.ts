import type { IDataObject } from 'n8n-workflow';

function parseBody(body: unknown): IDataObject | string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'object' && !Buffer.isBuffer(body)) return body as IDataObject;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
	try {
		const parsed = JSON.parse(text) as unknown;
		return parsed && typeof parsed === 'object' ? (parsed as IDataObject) : text;
	} catch {
		// Zendesk answers some errors (429 among them) in plain text.
		return text;
	}
}

function describeDetails(details: unknown): string {
	if (!details || typeof details !== 'object') return '';
	const lines: string[] = [];
	for (const [field, problems] of Object.entries(details as IDataObject)) {
		for (const problem of Array.isArray(problems) ? problems : [problems]) {
			const text =
				problem && typeof problem === 'object' ? String((problem as IDataObject).description ?? JSON.stringify(problem)) : String(problem);
			lines.push(`${field}: ${text}`);
		}
	}
	return lines.join('; ');
}

/** Zendesk's own explanation of a failure: `error`, `description` and `details`. */
export function zendeskErrorText(body: unknown): { message?: string; description?: string } {
	const parsed = parseBody(body);
	if (parsed === undefined) return {};
	if (typeof parsed === 'string') return { message: parsed.trim().slice(0, 500) };
	const errors = parsed.errors;
	if (Array.isArray(errors) && errors.length) {
		const first = errors[0] as IDataObject;
		return {
			message: String(first.title ?? first.code ?? 'Zendesk error'),
			description: errors.map((e) => String((e as IDataObject).detail ?? (e as IDataObject).title)).join('; '),
		};
	}
	const error = parsed.error;
	const title =
		typeof error === 'object' && error !== null
			? String((error as IDataObject).title ?? (error as IDataObject).message ?? JSON.stringify(error))
			: error !== undefined
				? String(error)
				: undefined;
	const errorDescription = typeof error === 'object' && error !== null ? (error as IDataObject).message : undefined;
	const parts = [parsed.description ?? errorDescription ?? parsed.error_description, describeDetails(parsed.details)]
		.filter((p) => p !== undefined && p !== '')
		.map(String);
	return { message: title, description: parts.join(' — ') || undefined };
}
