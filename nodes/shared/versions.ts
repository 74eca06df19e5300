import type { INode, INodeProperties } from 'n8n-workflow';

// n8n's light versioning: a node added from the panel gets the newest version, a node already in a
// workflow keeps its own. Each feature a version brought, with the version it came in: a version 3
// is one edit here (and its entry in NODE_VERSIONS), not a hunt for `typeVersion >= 2`.

/** The resource nodes' versions; version 1 behaves as it always did. */
export const NODE_VERSIONS = [1, 2];

export const VERSION_FEATURES = {
	/** Options → Concurrency defaults to Auto (0), not a fixed 5 (docs/performance-adaptive.md). */
	autoConcurrency: 2,
	/** Simplify, on by default; the Settlement Trigger's flat items too (docs/outputs.md). */
	simplify: 2,
	/** A second output for rows that have one (Initiate Withdrawal's Not initiated). */
	secondOutput: 2,
	/** Initiate Withdrawal's Dry Run and Expected Net Amount, and a skipped item that leads with its decision. */
	payoutDecision: 2,
	/** Booking Get Many: sort, and Financial State from a list. */
	bookingGrid: 2,
} as const;

export type VersionFeature = keyof typeof VERSION_FEATURES;

/** Whether this node's version has `feature`. */
export function hasFeature(node: Pick<INode, 'typeVersion'>, feature: VersionFeature): boolean {
	return node.typeVersion >= VERSION_FEATURES[feature];
}

/** displayOptions.show for a field of `feature`: shown from its version on. */
export const shownWith = (feature: VersionFeature) => ({
	'@version': [{ _cnd: { gte: VERSION_FEATURES[feature] } }],
});

/** displayOptions.show for a field that `feature` replaced: shown in the versions before it. */
export const shownBefore = (feature: VersionFeature) => ({
	'@version': NODE_VERSIONS.filter((v) => v < VERSION_FEATURES[feature]),
});

/** Whether a field shown as above belongs to node version `version` ('@version': numbers or gte). */
export function inVersion(
	field: Pick<INodeProperties, 'displayOptions'>,
	version: number,
): boolean {
	const shown = field.displayOptions?.show?.['@version'];
	if (!shown) return true;
	return shown.some((v) => {
		const gte = (v as { _cnd?: { gte?: number } })?._cnd?.gte;
		return gte !== undefined ? version >= gte : v === version;
	});
}
