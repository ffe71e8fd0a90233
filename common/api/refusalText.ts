import type { HttpFailure } from '../client';
import { zendeskErrorText } from '../client';

/** Zendesk's own words on a refusal, as a sentence to end an explanation with (empty when it said nothing). */
export function zendeskSaid(failure: HttpFailure): string {
	const zendesk = zendeskErrorText(failure.body);
	const said = [zendesk.message, zendesk.description].filter(Boolean).join(': ');
	return said ? ` Zendesk: ${said.replace(/\.+$/, '')}.` : '';
}
