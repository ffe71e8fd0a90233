/**
 * Reading answers as streams, so that the node decides how much of an answer
 * it takes and for how long: n8n's own buffering has neither a size limit nor
 * a deadline for the body, so a server could stall or send without end.
 */

/** The part of a response stream the node uses; n8n hands over a Node.js Readable. */
interface BodyStream {
	on(event: string, listener: (...args: never[]) => void): unknown;
	off(event: string, listener: (...args: never[]) => void): unknown;
	destroy(error?: Error): unknown;
}

export function isStream(body: unknown): body is BodyStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as BodyStream).on === 'function' &&
		typeof (body as BodyStream).destroy === 'function'
	);
}

export function discard(body: unknown): void {
	if (isStream(body)) body.destroy();
}

/**
 * Reads at most `cap` bytes of a body. Past the cap the stream is destroyed
 * (the connection closes, the rest is never read) and `complete` is false.
 * An aborted signal ends the read at once with the signal's reason.
 */
export function readBody(body: unknown, cap: number, signal: AbortSignal): Promise<{ data: Buffer; complete: boolean }> {
	if (!isStream(body)) {
		const data = Buffer.isBuffer(body)
			? body
			: body instanceof ArrayBuffer
				? Buffer.from(body)
				: Buffer.from(typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body));
		return Promise.resolve(data.length > cap ? { data: data.subarray(0, cap), complete: false } : { data, complete: true });
	}
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const settle = (finish: () => void) => {
			body.off('data', onData);
			body.off('end', onEnd);
			body.off('error', onError);
			signal.removeEventListener('abort', onAbort);
			finish();
		};
		const onData = (chunk: Buffer | string) => {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
			if (size + bytes.length > cap) {
				chunks.push(bytes.subarray(0, cap - size));
				size = cap;
				body.destroy();
				settle(() => resolve({ data: Buffer.concat(chunks, size), complete: false }));
				return;
			}
			chunks.push(bytes);
			size += bytes.length;
		};
		const onEnd = () => settle(() => resolve({ data: Buffer.concat(chunks, size), complete: true }));
		const onError = (error: Error) => settle(() => reject(error));
		const onAbort = () => {
			body.destroy();
			settle(() => reject(signal.reason));
		};
		if (signal.aborted) return onAbort();
		signal.addEventListener('abort', onAbort, { once: true });
		body.on('error', onError);
		body.on('end', onEnd);
		body.on('data', onData);
	});
}

/**
 * How deep the node reads an answer's nesting. Zendesk's records nest about
 * ten levels; one nested thousands deep would overflow the stack of every
 * walk over it (the node's, n8n's copies, JSON.stringify).
 */
export const MAX_ANSWER_DEPTH = 100;

/** Whether JSON data nests more than `limit` objects or arrays deep; looks without recursion, so any depth is safe. */
export function nestsDeeperThan(value: unknown, limit = MAX_ANSWER_DEPTH): boolean {
	const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
	for (let next = pending.pop(); next; next = pending.pop()) {
		if (typeof next.value !== 'object' || next.value === null || Buffer.isBuffer(next.value)) continue;
		if (next.depth > limit) return true;
		for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
	}
	return false;
}

/** How much of an error answer is read for its explanation. */
const MAX_ERROR_BYTES = 64 * 1024;

/** JSON text that nests too deep to be read for words (see MAX_ANSWER_DEPTH). */
function tooDeep(data: Buffer): boolean {
	try {
		return nestsDeeperThan(JSON.parse(data.toString('utf8')));
	} catch {
		return false;
	}
}

/** The start of an error answer, for the server's own words; nothing when it cannot be read. */
export async function errorBody(body: unknown, signal: AbortSignal): Promise<Buffer | undefined> {
	return await readBody(body, MAX_ERROR_BYTES, signal).then(
		(read) => (tooDeep(read.data) ? undefined : read.data),
		() => undefined,
	);
}

/** Rejects as soon as the signal aborts; removes its listener once `promise` settles. */

export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(signal.reason);
		if (signal.aborted) return onAbort();
		signal.addEventListener('abort', onAbort, { once: true });
		promise.then(
			(value) => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			},
			(error) => {
				signal.removeEventListener('abort', onAbort);
				reject(error);
			},
		);
	});
}

/**
 * One deadline for a whole exchange, the execution's own cancel signal
 * included, and a view of the context that hands it to n8n:
 * httpRequestWithAuthentication replaces a request's abortSignal with the
 * context's execution cancel signal. `stop()` ends the exchange early (a body
 * past its cap): destroying the body alone can leave the socket reading.
 */
export function withDeadline<T extends object>(ctx: T, timeoutMs: number) {
	const deadline = AbortSignal.timeout(timeoutMs);
	const stopper = new AbortController();
	const cancel = (ctx as { getExecutionCancelSignal?: () => AbortSignal | undefined }).getExecutionCancelSignal?.();
	const signal = AbortSignal.any([deadline, stopper.signal, ...(cancel ? [cancel] : [])]);
	const timed = Object.create(ctx, { getExecutionCancelSignal: { value: () => signal } }) as T;
	return { ctx: timed, signal, deadline, stop: () => stopper.abort() };
}
