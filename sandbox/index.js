'use strict';
// Local Wink Account API sandbox for developing and testing the n8n nodes without real credentials.
const { createSandboxServer, WINK_VERSION } = require('./server');
const { CLIENTS, SCOPES } = require('./oauth');
const routes = require('./routes');
const { setWithdrawalStatus, addLedgerEntry } = require('./event-controls');
const { startOtherHost } = require('./misbehave');
const { bankStatementLines } = require('./bank-statement');

async function startSandbox(options = {}) {
	const {
		port = 0,
		host = '127.0.0.1',
		tokenTtlSeconds = 3600,
		seed = 1,
		log = false,
		epoch,
		deliveryRetryDelaysMs,
		deliveryTimeoutMs,
		rateLimit,
	} = options;
	const sb = createSandboxServer({
		tokenTtlSeconds,
		seed,
		log,
		epoch,
		deliveryRetryDelaysMs,
		deliveryTimeoutMs,
		rateLimit,
	});
	await new Promise((resolve, reject) => {
		sb.server.once('error', reject);
		sb.server.listen(port, host, () => {
			sb.server.off('error', reject);
			resolve();
		});
	});
	const actualPort = sb.server.address().port;
	const url = `http://${host}:${actualPort}`;
	const c = sb.controls;
	return {
		url,
		tokenUrl: `${url}/oauth2/token`,
		controlUrl: `${url}/__sandbox`,
		port: actualPort,
		host,
		clients: CLIENTS,
		scopes: SCOPES,
		winkVersion: WINK_VERSION,
		get managingEntityId() {
			return sb.state.ids.managingEntityId;
		},
		get ids() {
			return sb.state.ids;
		},
		stats: sb.stats,
		state: sb.state,
		routes: sb.router.routes,
		get faults() {
			return c.listFaults();
		},
		get tokenTtlSeconds() {
			return sb.getTtl();
		},
		resetStats: c.resetStats,
		reset: c.reset,
		setTokenTtl: c.setTokenTtl,
		setTokenScopeInAnswer: c.setTokenScopeInAnswer,
		expireAllTokens: c.expireAllTokens,
		inject: (fault) => c.inject(fault),
		clearFaults: c.clearFaults,
		settle: sb.settled,
		// Webhook deliveries (see deliveries.js) and the changes only Wink makes.
		deliver: ({ event, managingEntityId, data, id }) =>
			sb.deliveries.emit(managingEntityId || sb.state.ids.managingEntityId, event, data, { id }),
		get deliveries() {
			return sb.deliveries.list();
		},
		redeliver: (id) => sb.deliveries.redeliver(id),
		settleDeliveries: () => sb.deliveries.settled(),
		configureDeliveries: (config) => sb.deliveries.configure(config),
		clearDeliveries: () => sb.deliveries.clear(),
		setWithdrawalStatus: (withdrawalId, status, managingEntityIdentifier) =>
			setWithdrawalStatus(sb.state, { withdrawalId, status, managingEntityIdentifier }),
		addLedgerEntry: (entry = {}) => addLedgerEntry(sb.state, sb.deliveries, entry),
		close: sb.close,
	};
}

module.exports = {
	startSandbox,
	startOtherHost,
	CLIENTS,
	SCOPES,
	WINK_VERSION,
	routes,
	bankStatementLines,
};
