import { InputProblem } from '../../../common/helpers/validation';

/**
 * Characters an HTTP header carries byte for byte. Anything else (non-ASCII,
 * controls, CR/LF) the HTTP client drops, rewrites or refuses, so the value
 * Zendesk receives could differ from the one checked here: "victim@exаmple.com"
 * with a Cyrillic "а" would arrive as "victim@exmple.com", a different person.
 */
const HEADER_SAFE = /^[\x20-\x7e]*$/;

function codePoint(text: string): string {
	const bad = [...text].find((c) => !HEADER_SAFE.test(c)) ?? '';
	const hex = (bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
	// Printed as a code point only: the character itself may be invisible or break the message's line.
	return `U+${hex}`;
}

/** The value as it will be sent in a header, or an InputProblem naming the field and what to do. */
export function headerValue(field: string, text: string, remedy: string): string {
	if (!HEADER_SAFE.test(text)) {
		throw new InputProblem(
			field,
			`contains a character (${codePoint(text)}) that an HTTP header cannot carry as it is, so Zendesk would receive a different value; ${remedy}`,
		);
	}
	return text;
}
