/*
 * How a failed request reads, in every mode (a workflow step, continue-on-fail,
 * an AI agent's tool, the credential dialog's Test): what happened, then what
 * to do, with Zendesk's own `error` beside it. Pure: values in, text out.
 */

/** Which kind of credential the request used, for advice that differs between them. */
export type CredentialKind = 'oAuth2' | 'apiToken' | undefined;

interface Sentence {
	what: string;
	todo: string;
}

const ACCOUNT_SEES = "check the ID, and that the credential's Zendesk account can see it";

/** Zendesk's error codes, told in words; also used for the codes of bulk job results. */
const CODE_SENTENCES: Record<string, Sentence> = {
	RecordNotFound: { what: 'Zendesk found no such record', todo: ACCOUNT_SEES },
	RecordInvalid: { what: 'Zendesk refused the values given', todo: 'correct the values Zendesk names' },
	InvalidValue: { what: 'Zendesk refused a value', todo: 'correct the value Zendesk names' },
	DatabaseConflict: { what: 'Zendesk was busy with the same record', todo: 'run the item again' },
};

function unauthorized(credential: CredentialKind): Sentence {
	const todo =
		credential === 'oAuth2'
			? 'reconnect the OAuth2 credential (its token may have been revoked or expired)'
			: credential === 'apiToken'
				? "check the credential's Email and API Token, and that token access is turned on in Zendesk Admin Center"
				: "check the credential's Subdomain and secret";
	return { what: 'Zendesk did not accept the credential', todo };
}

function forbidden(credential: CredentialKind): Sentence {
	const todo =
		credential === 'oAuth2'
			? "check the OAuth2 credential's Scope and the role of the Zendesk user who connected it"
			: "use the API token of an agent or admin whose role may do this (the credential's Email)";
	return { what: 'The credential is not allowed to do this', todo };
}

/** A sentence for an HTTP status Zendesk answered with. */
export function statusSentence(status: number, credential: CredentialKind): Sentence {
	if (status === 401) return unauthorized(credential);
	if (status === 403) return forbidden(credential);
	if (status === 404) return CODE_SENTENCES.RecordNotFound;
	if (status === 409) return { what: 'The record was changed by someone else at the same time', todo: 'run the item again' };
	if (status === 422) return { what: 'Zendesk could not process the values given', todo: 'check the values this item sends' };
	if (status === 429) {
		return {
			what: "Zendesk's rate limit was reached",
			todo: 'run the item again later, or raise "Max Rate Limit Wait" under Request Options',
		};
	}
	if (status >= 500) {
		return {
			what: `Zendesk is temporarily unavailable (${status})`,
			todo: 'try again in a few minutes (status.zendesk.com lists outages)',
		};
	}
	return { what: `Zendesk rejected the request (${status})`, todo: 'check the values this item sends' };
}

const NETWORK = 'check the network between n8n and Zendesk';
const ADDRESS = "check the credential's Subdomain (or Local Emulator URL) and the network";

/** Network failures, by the code Node.js or axios gives them. */
const CODE_TEXT: Record<string, Sentence> = {
	ECONNRESET: { what: 'The connection to Zendesk was reset', todo: NETWORK },
	ECONNREFUSED: { what: 'Zendesk refused the connection', todo: ADDRESS },
	ENOTFOUND: { what: "Zendesk's address could not be found", todo: ADDRESS },
	EAI_AGAIN: { what: "Zendesk's address could not be looked up", todo: 'check the network and its DNS' },
	ETIMEDOUT: { what: 'Zendesk did not answer in time', todo: 'run the item again, or raise "Timeout" under Request Options' },
	TRUNCATED_BODY: { what: "Zendesk's answer was cut short", todo: NETWORK },
	ANSWER_TOO_LARGE: {
		what: "Zendesk's answer was larger than the node reads (64 MB), so it was cut off",
		todo: 'ask for fewer records at once (a lower Limit or a narrower search)',
	},
};
CODE_TEXT.ECONNABORTED = CODE_TEXT.ETIMEDOUT;
CODE_TEXT.ERR_BAD_RESPONSE = CODE_TEXT.TRUNCATED_BODY;
CODE_TEXT.ERR_STREAM_PREMATURE_CLOSE = CODE_TEXT.TRUNCATED_BODY;

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|^EPROTO$|^ERR_TLS|^ERR_SSL/;

/** Whether a network code has its own sentence (else n8n's own words may say more). */
export function knowsCode(code: string | undefined): boolean {
	return code !== undefined && (code in CODE_TEXT || TLS_CODE.test(code));
}

/** A sentence for a request that ended without an answer. */
export function codeSentence(code: string | undefined): Sentence {
	if (code && CODE_TEXT[code]) return CODE_TEXT[code];
	if (code && TLS_CODE.test(code)) {
		return {
			what: `The secure connection to Zendesk could not be verified (${code})`,
			todo: "a proxy or firewall may be intercepting HTTPS: check n8n's network and its trusted certificates",
		};
	}
	return { what: code ? `Could not reach Zendesk (${code})` : 'The request to Zendesk failed', todo: NETWORK };
}

/** Zendesk's own `error`, when short enough to stand in a sentence; else it belongs in the description. */
export function fitsInMessage(said: string | undefined): said is string {
	return said !== undefined && said !== '' && said.length <= 80 && !/[\n<]/.test(said);
}

/** "what (said): todo". */
export function sentence({ what, todo }: Sentence, said?: string): string {
	return `${what}${said ? ` (${said})` : ''}: ${todo}`;
}

/** A sentence for a Zendesk code, or undefined for one without (e.g. "Permission denied"). */
export function zendeskCodeSentence(code: string | undefined): Sentence | undefined {
	return code !== undefined && Object.hasOwn(CODE_SENTENCES, code) ? CODE_SENTENCES[code] : undefined;
}

/** A bulk job's result for one ticket ("RecordNotFound: Ticket not found") as a sentence. */
export function jobProblemSentence(problem: string): string {
	const match = /^([A-Z][A-Za-z]+)(?::|$)/.exec(problem);
	const known = zendeskCodeSentence(match?.[1]);
	return known ? sentence(known, problem) : problem;
}
