/** Subdomain inputs and what they must become; shared by the unit and engine tables. */
export const ACCEPTED: Array<[string, string]> = [
	['acme', 'acme'],
	['ACME', 'acme'],
	['acme.zendesk.com', 'acme'],
	['acme.zendesk.com/', 'acme'],
	['Acme.Zendesk.Com', 'acme'],
	['https://acme.zendesk.com', 'acme'],
	['https://acme.zendesk.com/', 'acme'],
	['https://acme.zendesk.com/agent/tickets/123', 'acme'],
	['my-company', 'my-company'],
	['d3v-acme1', 'd3v-acme1'],
	['a'.repeat(63), 'a'.repeat(63)],
	[`https://${'b'.repeat(63)}.zendesk.com/`, 'b'.repeat(63)],
];

export const REFUSED: Array<[string, string]> = [
	['', 'empty'],
	[' acme', 'leading space'],
	['acme ', 'trailing space'],
	['ac me', 'inner space'],
	['acme\n', 'newline'],
	['\tacme', 'tab'],
	['evil.com', 'other host'],
	['acme.evil.com', 'other domain'],
	['acme.zendesk.com.evil.com', 'zendesk.com as a label of another host'],
	['foo.acme.zendesk.com', 'extra label'],
	['acme.zendesk.com.', 'trailing dot'],
	['http://acme.zendesk.com', 'plain http'],
	['ftp://acme.zendesk.com', 'other scheme'],
	['//acme.zendesk.com', 'scheme-relative'],
	['https://acme', 'scheme without zendesk.com'],
	['https://evil.com/acme.zendesk.com', 'path that mentions zendesk'],
	['https://user@acme.zendesk.com', 'userinfo'],
	['https://user:pw@acme.zendesk.com/', 'userinfo with password'],
	['https://acme.zendesk.com@evil.com', 'host after @'],
	['https://acme.zendesk.com/@evil.com', '@ in path'],
	['https://acme.zendesk.com#@evil.com', 'fragment trick'],
	['https://acme.zendesk.com?@evil.com', 'query trick'],
	['acme.zendesk.com:443', 'port'],
	['https://acme.zendesk.com:8443/', 'port with scheme'],
	['acme/path', 'path without domain'],
	['acme/../evil.com', 'dot segments'],
	['acme%2eevil.com', 'percent-encoded dot'],
	['acme%2Ezendesk.com', 'percent-encoded dot before zendesk'],
	['acme\\@evil.com', 'backslash and @'],
	['https://acme.zendesk.com\\@evil.com', 'backslash in URL'],
	['аcme', 'Cyrillic look-alike a'],
	['acme。zendesk.com', 'ideographic full stop'],
	['ａｃｍｅ', 'full-width letters'],
	['-acme', 'leading hyphen'],
	['acme-', 'trailing hyphen'],
	['acme_co', 'underscore'],
	['a'.repeat(64), 'label longer than 63'],
	['a'.repeat(200), 'label of 200 characters'],
	[`${'a'.repeat(64)}.zendesk.com`, 'long label with zendesk.com'],
	[`https://${'a'.repeat(64)}.zendesk.com`, 'long label in a URL'],
	[`https://${'a'.repeat(200)}.zendesk.com/agent`, '200 characters in a URL'],
];

/** Subdomain values that are not text: refused, whatever String() would make of them. */
export const NON_TEXT_SUBDOMAINS: Array<[unknown, string]> = [
	[undefined, 'missing'],
	[null, 'null'],
	[42, 'number'],
	[0, 'zero'],
	[true, 'boolean'],
	[{}, 'object'],
	[['acme'], 'array holding a valid subdomain'],
	[{ toString: 'acme' }, 'object with a toString key'],
];

export const LOOPBACK_ACCEPTED: Array<[string, string]> = [
	['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
	['http://localhost:5678', 'http://localhost:5678'],
	['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
];

export const LOOPBACK_REFUSED: Array<[string, string]> = [
	['https://127.0.0.1:4010', 'https'],
	['http://127.0.0.1', 'no port'],
	['http://127.0.0.2:4010', 'other loopback address'],
	['http://[::1]:4010', 'IPv6'],
	['http://10.0.0.5:4010', 'private address'],
	['http://evil.com:80', 'other host'],
	['http://127.0.0.1.evil.com:80', 'loopback as a label'],
	['http://localhost.evil.com:80', 'localhost as a label'],
	['http://user@127.0.0.1:4010', 'userinfo'],
	['http://evil.com@127.0.0.1:4010', 'host as userinfo'],
	['http://127.0.0.1:4010@evil.com', 'port then @'],
	['http://127.0.0.1:4010/api', 'path'],
	['http://127.0.0.1:4010?x=1', 'query'],
	['http://127.0.0.1:99999', 'port out of range'],
	['http://127.0.0.1:0', 'port zero'],
	[' http://127.0.0.1:4010', 'leading space'],
	['http://127%2e0.0.1:4010', 'encoded dot'],
	['http://ｌocalhost:4010', 'full-width letter'],
	['HTTP://LOCALHOST:4010', 'upper case scheme'],
];

/** Override values that are not text: refused like any other non-loopback value, never ignored. */
export const NON_TEXT_OVERRIDES: Array<[unknown, string]> = [
	[5, 'number'],
	[4010, 'port number'],
	[0, 'zero'],
	[true, 'true'],
	[false, 'false'],
	[{}, 'object'],
	[[], 'empty array'],
	[['http://127.0.0.1:4010'], 'array holding a loopback URL'],
];

/** Override values that mean "use Zendesk". */
export const UNSET_OVERRIDES: Array<[unknown, string]> = [
	[undefined, 'missing'],
	[null, 'null'],
	['', 'empty text'],
];
