/** Zendesk's error codes as sentences, for readers who do not know them (an AI agent's model). */
const CODE_SENTENCES: Record<string, string> = {
	RecordNotFound: 'Zendesk found no such record (it may not exist, or this account may not see it)',
	RecordInvalid: 'Zendesk refused the values given',
	InvalidValue: 'a value is not one Zendesk accepts',
	BadRequest: 'Zendesk rejected the request',
	Forbidden: 'the credential is not allowed to do this',
	Unauthorized: 'Zendesk did not accept the credential',
	UpdateConflict: 'the ticket changed since it was read',
	IdempotentRequestError: 'the idempotency key was already used for a different ticket',
	DatabaseConflict: 'Zendesk was busy with the same record; try again',
};

/** "Ticket 9: RecordNotFound" → "Ticket 9: Zendesk found no such record (…)". */
export function withCodeSentence(message: string): string {
	return message.replace(/(^|: )([A-Z][A-Za-z]+)$/, (whole, prefix: string, code: string) =>
		CODE_SENTENCES[code] ? `${prefix}${CODE_SENTENCES[code]}` : whole,
	);
}
