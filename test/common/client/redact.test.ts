import { redactKnownSecrets } from '../../../common/client/redact';

const ECHOED = 'api-token-ECHOED-1234';

/** `{ a: { a: … leaf … } }`, `depth` objects deep, built without recursion. */
function nested(depth: number, leaf: unknown): unknown {
	let value = leaf;
	for (let i = 0; i < depth; i++) value = { a: value };
	return value;
}

/** The leaf of `nested`, read without recursion. */
function leafOf(value: unknown): unknown {
	let current = value;
	while (typeof current === 'object' && current !== null && 'a' in current) current = (current as { a: unknown }).a;
	return current;
}

describe('redactKnownSecrets', () => {
	it('redacts values and keys in objects and arrays, and returns data without a secret as it was', () => {
		const data = { [`k ${ECHOED}`]: [`v ${Buffer.from(ECHOED).toString('base64')}`, 3, null], plain: 'text' };
		expect(redactKnownSecrets(data, [ECHOED])).toEqual({ 'k [redacted]': ['v [redacted]', 3, null], plain: 'text' });
		const clean = { a: ['b'] };
		expect(redactKnownSecrets(clean, [ECHOED])).toBe(clean);
	});

	it('walks data nested 20,000 levels deep without overflowing the stack', () => {
		expect(leafOf(redactKnownSecrets(nested(20_000, `at the bottom ${ECHOED}`), [ECHOED]))).toBe('at the bottom [redacted]');
		const clean = nested(20_000, 'nothing secret');
		expect(redactKnownSecrets(clean, [ECHOED])).toBe(clean);
	});
});
