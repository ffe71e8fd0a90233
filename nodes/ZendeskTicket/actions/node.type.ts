/** Each resource with its operations, as the node's parameters name them. */
export type ZendeskTicketMap = {
	ticket: 'addComment' | 'create' | 'update' | 'get' | 'getAll' | 'search' | 'delete';
	sideConversation: 'getAll' | 'start' | 'reply' | 'close' | 'reopen';
};

export type ZendeskTicketResource = keyof ZendeskTicketMap;
