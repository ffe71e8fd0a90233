'use strict';
// What the benchmark's items need to know of the emulator's seeded tickets
// (test/emulator/seed.js): which are closed, and each one's updated_at.
const { TICKET_BASE_MS } = require('../test/emulator/seed');

/** Seeded statuses cycle new, open, pending, hold, solved, closed by id; Zendesk refuses updates to closed tickets. */
const isClosedSeed = (id) => id % 6 === 5;

/** A seeded ticket's updated_at, the stamp its first Safe Update must give. */
const seededStamp = (id) => new Date(TICKET_BASE_MS + id * 60_000 + (id % 11) * 3_600_000).toISOString();

/** The first `count` seeded tickets that are not closed. */
function openTickets(count) {
	const ids = [];
	for (let id = 1; ids.length < count; id++) if (!isClosedSeed(id)) ids.push(id);
	return ids;
}

/** This node's Update parameters for `={{ $json.id }}`. */
const updateParams = (updateFields, extra = {}) => ({
	authentication: 'apiToken',
	resource: 'ticket',
	operation: 'update',
	ticketId: '={{ $json.id }}',
	updateFields,
	...extra,
});

module.exports = { isClosedSeed, openTickets, seededStamp, updateParams };
