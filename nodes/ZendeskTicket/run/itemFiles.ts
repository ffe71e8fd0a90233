import type { IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';

import type { ZendeskClient } from '../../../common/client';
import { InputProblem, list } from '../../../common/helpers/validation';
import { ticketAttachments, uploadFile } from '../../../common/api/attachments';
import { validated } from './itemInput';

/**
 * Uploads the files of the item's binary properties named in "Attachments"
 * and returns the tokens for the comment's `uploads`. Every name is checked
 * before the first upload, so a typo sends nothing.
 */
export async function uploadAttachments(
	ctx: IExecuteFunctions,
	client: ZendeskClient,
	itemIndex: number,
	names: unknown,
): Promise<string[]> {
	const properties = validated(ctx, itemIndex, () => {
		const wanted = list(names);
		const binary = ctx.getInputData()[itemIndex]?.binary ?? {};
		for (const name of wanted) {
			if (!binary[name]) {
				const known = Object.keys(binary);
				throw new InputProblem(
					'Attachments',
					`the input item has no binary property "${name}"${known.length ? ` (it has: ${known.join(', ')})` : ' (it has no files)'}`,
				);
			}
		}
		return wanted;
	});
	const tokens: string[] = [];
	for (const name of properties) {
		const meta = ctx.getInputData()[itemIndex].binary![name];
		const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
		tokens.push(await uploadFile(client, { data, fileName: meta.fileName ?? name, mimeType: meta.mimeType }, itemIndex));
	}
	return tokens;
}

/** The ticket's comment attachments as binary properties attachment_0, attachment_1, … */
export async function downloadTicketAttachments(
	ctx: IExecuteFunctions,
	client: ZendeskClient,
	ticketId: number,
	itemIndex: number,
): Promise<IBinaryKeyData | undefined> {
	const files = await ticketAttachments(client, ticketId, itemIndex);
	if (!files.length) return undefined;
	const binary: IBinaryKeyData = {};
	for (const [n, file] of files.entries()) {
		const data = await client.download(file, itemIndex);
		binary[`attachment_${n}`] = await ctx.helpers.prepareBinaryData(data, file.file_name, file.content_type);
	}
	return binary;
}
