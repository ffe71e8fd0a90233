/**
 * A page that takes longer than this share of the Timeout is slow: the pages
 * after it are asked smaller. Relative to the builder's Timeout, so that it
 * says how close the page came to failing, whatever the machine.
 */
export const SLOW_PAGE_SHARE = 0.25;

/**
 * The page size of one list: large while the account answers quickly; after
 * a slow page or a timeout, the small size for the rest of the run.
 */
export class PageSizer {
	private size: number;

	constructor(
		start: number,
		private readonly fallback: number,
		private readonly slowMs: number,
	) {
		this.size = Math.max(start, 1);
	}

	get current(): number {
		return this.size;
	}

	/** After a page that took `ms` of Zendesk's time (pacing waits left out). */
	took(ms: number): void {
		if (ms > this.slowMs) this.size = Math.min(this.size, this.fallback);
	}

	/** A timeout on a page of `asked` records: the smaller size to ask once more with, or nothing when it was small already. */
	shrink(asked: number): number | undefined {
		this.size = Math.min(this.size, this.fallback);
		return asked > this.fallback ? this.fallback : undefined;
	}
}
