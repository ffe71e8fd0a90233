/*
 * The keys (invocation IDs and signatures) of the calls this process has accepted, per trigger node.
 * The node also keeps them in its static data, but n8n does not always keep
 * what webhook() writes there (queue mode: the main process receives the call
 * and a worker runs the execution), so a Zendesk retry reaching the same
 * process is recognised here as well.
 */

import { firstSighting } from '../helpers/signature';

/** Trigger nodes remembered at most; the one unused longest goes first. */
const MAX_NODES = 500;
const recentByNode = new Map<string, string[]>();

/** Records a call's keys for `node`; false when this process had already accepted one of them. */
export function firstInProcess(node: string, keys: string[], max: number): boolean {
	const sighting = firstSighting(recentByNode.get(node) ?? [], keys, max);
	recentByNode.delete(node);
	recentByNode.set(node, sighting.recent);
	for (const oldest of [...recentByNode.keys()].slice(0, Math.max(0, recentByNode.size - MAX_NODES))) recentByNode.delete(oldest);
	return sighting.first;
}
