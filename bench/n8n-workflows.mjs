// The benchmark's workflows: a webhook receives the items (or nothing), one measured node acts.
// The Wink node and n8n's HTTP Request node with n8n's generic OAuth2 credential do the same GETs.
import { credential, winkNode } from '../e2e/lib.mjs';

/** n8n's generic OAuth2 credential, client credentials, as a user would set it up for Wink. */
export function genericCredential(sb, id, name) {
	const { clientId, clientSecret } = sb.clients.demo;
	return {
		id,
		name,
		type: 'oAuth2Api',
		data: {
			grantType: 'clientCredentials',
			accessTokenUrl: sb.tokenUrl,
			clientId,
			clientSecret,
			scope: 'payment.read accounting.read',
			authentication: 'header',
		},
	};
}

export const winkCredential = (sb, id, name) =>
	credential(sb, id, name, ['payment.read', 'accounting.read']);

// POST {items: [...]} → one item per element of `items`.
function webhookNodes(path) {
	return [
		{
			id: `node-webhook-${path}`,
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: `bench-${path}`,
			parameters: {
				httpMethod: 'POST',
				path,
				responseMode: 'lastNode',
				responseData: 'noData',
				options: {},
			},
		},
		{
			id: `node-split-${path}`,
			name: 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [200, 0],
			parameters: { fieldToSplitOut: 'body.items', options: {} },
		},
	];
}

function chain(id, name, nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** The node a benchmark times is always named "Measured". */
export const MEASURED = 'Measured';

function httpNode(cred, parameters) {
	return {
		id: 'node-measured',
		name: MEASURED,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [400, 0],
		parameters: {
			authentication: 'genericCredentialType',
			genericAuthType: 'oAuth2Api',
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Wink-Version', value: '2.0' }] },
			...parameters,
		},
		credentials: { oAuth2Api: { id: cred.id, name: cred.name } },
	};
}

const measuredWink = (cred, parameters) => ({
	...winkNode('winkSettlement', MEASURED, cred, parameters),
	position: [400, 0],
});

/** Get Withdrawal per item: the Wink node with Concurrency left at its default, or `concurrency`; node version 1 unless `version`. */
export function winkGet(id, path, sb, cred, concurrency, version = 1) {
	const node = measuredWink(cred, {
		operation: 'getWithdrawal',
		managingEntity: { __rl: true, mode: 'id', value: sb.managingEntityId },
		withdrawalId: '={{ $json.wid }}',
		// A plain value: an expression here would cost one more evaluation per item.
		options: concurrency ? { concurrency } : {},
	});
	return chain(id, `bench ${path}`, [...webhookNodes(path), { ...node, typeVersion: version }]);
}

/**
 * Get Withdrawal per item: n8n's HTTP Request node (it sends all items' requests at once).
 * `batching` ({ batchSize, batchInterval }): its Batching option, `batchSize` requests then a pause.
 * `continueOnFail`: a failed item becomes an error item instead of failing the run (to count them).
 */
export function httpGet(id, path, sb, cred, { batching, continueOnFail } = {}) {
	const base = `${sb.url}/api/managing-entity/${sb.managingEntityId}/payment/withdrawal/`;
	const options = batching ? { batching: { batch: batching } } : {};
	const node = httpNode(cred, { method: 'GET', url: `={{ "${base}" + $json.wid }}`, options });
	const onError = continueOnFail ? { onError: 'continueRegularOutput' } : {};
	return chain(id, `bench ${path}`, [...webhookNodes(path), { ...node, ...onError }]);
}

/** Return All over the ledger: the Wink node. */
export function winkLedger(id, path, sb, cred, pageSize) {
	const node = measuredWink(cred, {
		operation: 'getTransactions',
		managingEntity: { __rl: true, mode: 'id', value: sb.managingEntityId },
		returnAll: true,
		...(pageSize ? { options: { pageSize } } : {}),
	});
	return chain(id, `bench ${path}`, [webhookNodes(path)[0], node]);
}

/** Return All over the ledger: the HTTP Request node's pagination, page size 100, until a page is empty. */
export function httpLedger(id, path, sb, cred) {
	const node = httpNode(cred, {
		method: 'GET',
		url: `${sb.url}/api/managing-entity/${sb.managingEntityId}/payment/ledger/transactions`,
		options: {
			pagination: {
				pagination: {
					paginationMode: 'updateAParameterInEachRequest',
					parameters: {
						parameters: [
							{ type: 'qs', name: 'page', value: '={{ $pageCount }}' },
							{ type: 'qs', name: 'size', value: '100' },
						],
					},
					paginationCompleteWhen: 'responseIsEmpty',
				},
			},
		},
	});
	return chain(id, `bench ${path}`, [webhookNodes(path)[0], node]);
}
