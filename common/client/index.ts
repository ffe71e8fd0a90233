/*
 * The client's entry: everything outside common/client/ that talks to Zendesk
 * or builds its errors imports from here, and nothing else of this folder.
 */
export type { ClientPolicy } from './client';
export { ZendeskClient, nodePolicy, openClient } from './client';
export type { ClientContext } from './connection';
export type { DownloadableFile } from './attachmentHosts';
export type { HttpFailure } from './failure';
export type { ZendeskRequest } from './request';
export type { RequestPolicy } from './session';
export { mapLimit } from './pacing';
export { MAX_ANSWER_DEPTH, nestsDeeperThan } from './body';
export { zendeskErrorText } from './zendeskErrorBody';
export {
	answerTooDeep,
	answerWithoutTicket,
	commentMayBePosted,
	errorForItem,
	inputError,
	ticketError,
	ticketsNotFound,
} from './itemErrors';
