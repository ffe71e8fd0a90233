/** Where attachments may come from, and how their sizes read in messages. */

const MIB = 1024 * 1024;

/** A file as Zendesk lists it on a comment. */
export interface DownloadableFile {
	id: number;
	file_name?: string;
	content_url: string;
	/** As Zendesk lists it: metadata, not a promise. */
	size?: number;
}

/** Who may serve an attachment: the account itself (with the credential) or Zendesk's attachment host (without). */
export type Server = 'account' | 'attachmentHost';

export function serverOf(target: URL, base: URL): Server | undefined {
	if (target.username || target.password) return undefined;
	// The base URL is https://{subdomain}.zendesk.com, or the loopback emulator over http.
	if (target.origin === base.origin) return 'account';
	if (target.protocol === 'https:' && target.port === '' && target.hostname.endsWith('.zdusercontent.com')) {
		return 'attachmentHost';
	}
	return undefined;
}

/** Where a URL points, without its path and query (they hold the download token). */
export function hostOf(target: URL): string {
	return `${target.protocol}//${target.host}`;
}

export function sizeText(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < MIB) return `${Math.round(bytes / 1024)} KB`;
	const mb = bytes / MIB;
	return `${Number(mb.toFixed(mb >= 10 ? 0 : 1))} MB`;
}
