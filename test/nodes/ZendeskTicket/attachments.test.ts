import { runNode } from '../../harness/run';
import { ZENDESK, ticket, zendesk } from '../../harness/zendesk';

const file = (text: string, fileName: string, mimeType = 'text/plain') => ({
	data: Buffer.from(text).toString('base64'),
	mimeType,
	fileName,
});

describe('attachments', () => {
	it('uploads the item files and attaches their tokens to the description', async () => {
		const uploads: Array<{ filename: string; type: string; body: string }> = [];
		let created: unknown;
		const scope = zendesk()
			.post('/api/v2/uploads')
			.query(true)
			.times(2)
			.reply(function (uri, body) {
				const filename = new URL(uri, ZENDESK).searchParams.get('filename')!;
				uploads.push({ filename, type: this.req.headers['content-type'] as string, body: String(body) });
				return [201, { upload: { token: `tok-${filename}`, attachment: { id: 1, file_name: filename } } }];
			})
			.post('/api/v2/tickets', (b) => ((created = b), true))
			.reply(201, { ticket: ticket(9) });
		const { error } = await runNode({
			parameters: { operation: 'create', subject: 'S', description: 'See files', additionalFields: { attachments: 'data, invoice' } },
			binaryItems: [
				{ json: {}, binary: { data: file('hello', 'hello.txt'), invoice: file('%PDF-1.4', 'invoice.pdf', 'application/pdf') } },
			],
		});
		expect(error).toBeUndefined();
		expect(uploads).toEqual([
			{ filename: 'hello.txt', type: 'text/plain', body: 'hello' },
			{ filename: 'invoice.pdf', type: 'application/pdf', body: '%PDF-1.4' },
		]);
		expect(created).toEqual({
			ticket: { subject: 'S', comment: { body: 'See files', public: true, uploads: ['tok-hello.txt', 'tok-invoice.pdf'] } },
		});
		scope.done();
	});

	it('attaches files to an update comment, and refuses them without a comment', async () => {
		let updated: unknown;
		const scope = zendesk()
			.post('/api/v2/uploads')
			.query({ filename: 'log.txt' })
			.reply(201, { upload: { token: 'tok-log' } })
			.put('/api/v2/tickets/5', (b) => ((updated = b), true))
			.reply(200, { ticket: ticket(5) });
		const { output } = await runNode({
			parameters: {
				operation: 'update',
				ticketId: '5',
				updateFields: { comment: '={{ $json.note }}', commentVisibility: 'internal', attachments: 'data' },
				requestOptions: { batching: false },
			},
			binaryItems: [
				{ json: { note: 'Logs attached' }, binary: { data: file('line', 'log.txt') } },
				{ json: { note: '' }, binary: { data: file('line', 'log.txt') } },
			],
			continueOnFail: true,
		});
		expect(updated).toEqual({ ticket: { comment: { body: 'Logs attached', public: false, uploads: ['tok-log'] } } });
		expect(output[1].json.error).toBe('Comment: is empty');
		scope.done();
		const { error } = await runNode({
			parameters: { operation: 'update', ticketId: '5', updateFields: { status: 'open', attachments: 'data' } },
			binaryItems: [{ json: {}, binary: { data: file('line', 'log.txt') } }],
		});
		expect(error?.message).toBe('Attachments: need a Comment to be attached to');
	});

	it('names a missing binary property and uploads nothing', async () => {
		const { error } = await runNode({
			parameters: { operation: 'create', subject: 'S', description: 'D', additionalFields: { attachments: 'data, missing' } },
			binaryItems: [{ json: {}, binary: { data: file('x', 'x.txt') } }],
		});
		expect(error?.message).toBe('Attachments: the input item has no binary property "missing" (it has: data)');
	});

	it('downloads comment attachments as binary data, with the credential only on the account host', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/5')
			.reply(200, { ticket: ticket(5) })
			.get('/api/v2/tickets/5/comments')
			.query({ 'page[size]': '100' })
			.reply(200, {
				comments: [
					{
						id: 1,
						attachments: [
							{ id: 11, file_name: 'a.txt', content_type: 'text/plain', content_url: `${ZENDESK}/attachments/token/abc/?name=a.txt` },
						],
					},
					{ id: 2, attachments: [] },
				],
				meta: { has_more: false },
			})
			.get('/attachments/token/abc/')
			.query({ name: 'a.txt' })
			.matchHeader('authorization', /^Basic /)
			.reply(200, 'file A');
		const { output, error } = await runNode({
			parameters: { operation: 'get', ticketId: '5', options: { downloadAttachments: true } },
		});
		expect(error).toBeUndefined();
		expect(output[0].json.id).toBe(5);
		expect(output[0].binary?.attachment_0).toMatchObject({ fileName: 'a.txt', mimeType: 'text/plain' });
		expect(Buffer.from(output[0].binary!.attachment_0.data, 'base64').toString()).toBe('file A');
		scope.done();
	});

	it('refuses to download from a host that is not Zendesk', async () => {
		const scope = zendesk()
			.get('/api/v2/tickets/5')
			.reply(200, { ticket: ticket(5) })
			.get('/api/v2/tickets/5/comments')
			.query(true)
			.reply(200, {
				comments: [{ id: 1, attachments: [{ id: 11, file_name: 'a', content_type: 'text/plain', content_url: 'https://evil.example/a' }] }],
				meta: { has_more: false },
			});
		const { error } = await runNode({ parameters: { operation: 'get', ticketId: '5', options: { downloadAttachments: true } } });
		expect(error?.message).toBe('Downloading attachment "a": attachment host https://evil.example is not a Zendesk host');
		scope.done();
	});
});
