'use strict';
// Attachment uploads: POST /uploads returns a token that comment.uploads
// consumes; the file stays downloadable from its content_url.
const { notFound, badRequest, json, randomToken } = require('./util');
const { attachmentJson } = require('./serialize');
const { asId } = require('./ticketInput');
const { authenticate } = require('./auth');

const MIME_BY_EXT = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	pdf: 'application/pdf',
	txt: 'text/plain',
	csv: 'text/csv',
	json: 'application/json',
	zip: 'application/zip',
};

function upload(emu, ctx) {
	const filename = ctx.query.get('filename');
	if (!filename) throw badRequest('InvalidParameter', 'filename is required');
	const data = ctx.rawBody || Buffer.alloc(0);
	const declared = String(ctx.headers['content-type'] || '')
		.split(';')[0]
		.trim();
	const ext = filename.includes('.') ? filename.split('.').pop().toLowerCase() : '';
	const generic = !declared || declared === 'application/binary' || declared === 'application/octet-stream';
	const attachment = {
		id: emu.state.seq.attachment++,
		file_name: filename,
		content_type: generic ? MIME_BY_EXT[ext] || 'application/octet-stream' : declared,
		size: data.length,
		_data: data,
		_downloadToken: randomToken(18),
	};
	emu.state.attachments.set(attachment.id, attachment);
	// ?token= adds the file to an earlier upload, so one token carries several files.
	const existing = ctx.query.get('token');
	let entry = existing ? emu.state.uploads.get(existing) : undefined;
	if (existing && !entry) throw notFound();
	if (!entry) {
		entry = { token: randomToken(18), attachments: [] };
		emu.state.uploads.set(entry.token, entry);
	}
	entry.attachments.push(attachment);
	return json(201, {
		upload: {
			token: entry.token,
			expires_at: new Date(Date.now() + 3 * 86400e3).toISOString(),
			attachment: attachmentJson(emu, attachment),
			attachments: entry.attachments.map((a) => attachmentJson(emu, a)),
		},
	});
}

function download(emu, ctx) {
	// With secure downloads on, Zendesk asks for the agent's credential here.
	if (emu.options.secureDownloads) {
		const auth = authenticate(emu, ctx.headers);
		if ('failure' in auth) throw auth.failure;
	}
	for (const a of emu.state.attachments.values()) {
		if (a._downloadToken === ctx.params.token) {
			return {
				status: 200,
				raw: a._data,
				contentType: a.content_type,
				headers: { 'Content-Disposition': `attachment; filename="${a.file_name}"` },
			};
		}
	}
	throw notFound();
}

/** @returns {import('./server').RouteEntry[]} */
function routes(emu) {
	return [
		['POST', '/api/v2/uploads', (ctx) => upload(emu, ctx)],
		[
			'DELETE',
			'/api/v2/uploads/:token',
			(ctx) => {
				if (!emu.state.uploads.delete(ctx.params.token)) throw notFound();
				return { status: 204 };
			},
		],
		[
			'GET',
			'/api/v2/attachments/:id',
			(ctx) => {
				const a = emu.state.attachments.get(asId(ctx.params.id));
				if (!a) throw notFound();
				return json(200, { attachment: attachmentJson(emu, a) });
			},
		],
		// content_url downloads carry no credentials (Zendesk warns not to send them), unless secure downloads are on.
		['GET', '/attachments/token/:token', (ctx) => download(emu, ctx), { public: true }],
	];
}

module.exports = { routes };
