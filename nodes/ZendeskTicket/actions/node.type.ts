/** Each resource with its operations, as the node's parameters name them. */
export type ZendeskTicketMap = {
	ticket:
		| 'addComment'
		| 'create'
		| 'update'
		| 'get'
		| 'getAll'
		| 'search'
		| 'delete'
		| 'merge'
		| 'getHistory'
		| 'applyMacro'
		| 'previewMacro';
	sideConversation: 'getAll' | 'start' | 'reply' | 'close' | 'reopen';
};

export type ZendeskTicketResource = keyof ZendeskTicketMap;
