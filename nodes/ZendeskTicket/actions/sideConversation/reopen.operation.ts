import { stateChange } from './stateChange';

export const toolDescription = 'Reopen a closed side conversation of a Zendesk ticket, given the ticket ID and the side conversation ID.';

export const { description, execute } = stateChange('reopen', 'open');
