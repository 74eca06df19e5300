// The editor as a person meets it: a started n8n (`n8n start`, as npm start runs it) driven in
// Debian's Chromium. Reads what the screen shows and what n8n then does, not only pictures.
import {
	check,
	credential,
	E2E_OWNER,
	importAll,
	N8N_MAJOR,
	startN8n,
	winkNode,
	workflow,
} from '../lib.mjs';
import {
	CHROMIUM,
	credentialFieldOrder,
	fieldText,
	launchBrowser,
	executeAndReadHeaders,
	nodesPanelActions,
	nodesPanelEntries,
	openNewCredential,
	openNode,
	pickOption,
	signIn,
} from '../browser.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const READ_ONLY = ['account.read', 'payment.read', 'accounting.read'];
const CRED = 'winkE2eBrowser01';
const TRIGGER_WF = 'winkE2eBrowserTr1';
const OUTPUTS_WF = 'winkE2eBrowserOu1';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Whether the built Wink Settlement node has branch outputs' version 2 (Dry Run, Simplify, ...). */
function hasOutputsVersion2() {
	try {
		const { WinkSettlement } = createRequire(import.meta.url)(
			join(ROOT, 'dist/nodes/WinkSettlement/WinkSettlement.node.js'),
		);
		return new WinkSettlement().description.properties.some((p) => p.name === 'dryRun');
	} catch {
		return false;
	}
}

export default async function browser({ sb }) {
	if (!check(`browser: Chromium at ${CHROMIUM} (.ci/run installs it)`, existsSync(CHROMIUM)))
		return;
	const cred = credential(sb, CRED, 'Wink sandbox (browser)', sb.scopes, {
		managingEntityId: sb.managingEntityId,
	});
	const trigger = {
		...workflow(TRIGGER_WF, 'Wink browser: trigger', []),
		nodes: [
			{
				...winkNode('winkTrigger', 'Wink Trigger', cred, {
					managingEntity: { __rl: true, mode: 'id', value: sb.managingEntityId },
					events: [],
				}),
				webhookId: 'wink-e2e-browser',
			},
		],
		connections: {},
	};
	const me = { __rl: true, mode: 'id', value: sb.managingEntityId };
	const v2 = (name, parameters, y) => ({
		...winkNode('winkSettlement', name, cred, { managingEntity: me, ...parameters }, y),
		typeVersion: 2,
	});
	const outputs = workflow(OUTPUTS_WF, 'Wink browser: version 2', [
		v2(
			'Initiate',
			{
				operation: 'initiateWithdrawal',
				destinationKind: 'BankAccount',
				destinationIdentifier: { __rl: true, mode: 'id', value: sb.ids.bankAccountIds.EUR },
				duplicateCheck: 'destination',
			},
			0,
		),
		v2('Ledger', { operation: 'getTransactions', returnAll: false, limit: 3 }, 200),
		v2(
			'Get withdrawal',
			{ operation: 'getWithdrawal', withdrawalId: { __rl: true, mode: 'list', value: '' } },
			400,
		),
		v2('Reconcile', { operation: 'reconcile', matchBankLines: true }, 600),
		v2('Reconcile alone', { operation: 'reconcile' }, 900),
	]);
	const version2 = hasOutputsVersion2();
	builtActions(); // now, while dist is the build this run packed
	await importAll('browser', [cred], version2 ? [trigger, outputs] : [trigger]);
	const server = await startN8n();
	const { page, close } = await launchBrowser();
	// A node added from the panel leaves the workflow unsaved: leave it when navigating on.
	page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
	const started = Date.now();
	try {
		await signIn(page, server.url, E2E_OWNER);
		await timed('credential dialog', () => credentialDialog(page, server, sb));
		await timed('nodes panel', () => nodesPanel(page, server.url, TRIGGER_WF));
		await timed('nodes panel actions', () => panelActions(page, server.url));
		await timed('trigger events', () => triggerEvents(page, server.url));
		if (
			check('browser: the built Wink Settlement has node version 2 (Dry Run, Simplify)', version2)
		) {
			await outputsChecks(page, server.url);
			await timed('reconcile outputs', () => reconcileOutputs(page, server.url));
		}
	} finally {
		await close();
		await server.stop();
		console.log(
			`     (browser checks on n8n ${N8N_MAJOR}.x: ${Math.round((Date.now() - started) / 1000)} s)`,
		);
	}
}

/** A new Wink credential: what the dialog shows, and what the saved one asks Wink for. */
async function credentialDialog(page, server, sb) {
	const dialog = await openNewCredential(page, server.url, 'Wink OAuth2 API');
	await page
		.screenshot({
			path: `${process.env.E2E_SHOTS ?? '/tmp'}/wink-browser-credential-${N8N_MAJOR}.png`,
		})
		.catch(() => {});
	// n8n keeps the inherited OAuth2 fields (Client ID, Secret) and its own
	// Allowed HTTP Request Domains before the Wink ones: the order is in the failure detail.
	const order = await credentialFieldOrder(dialog);
	const shown = await dialog
		.locator('[data-test-id="parameter-input-winkScopes"] input')
		.inputValue()
		.catch(() => '(no Scopes field)');
	const scopesText = await fieldText(dialog, 'winkScopes').catch(() => '');
	check(
		'browser: a new Wink credential shows the read-only scopes, and says an empty Scopes is read-only too',
		shown === READ_ONLY.join(' ') && /empty also means read-only/i.test(scopesText),
		`shown: "${shown}" | ${scopesText} | fields: ${order.join(', ')}`,
	);
	const secret = await fieldText(dialog, 'clientSecret');
	const entity = await fieldText(dialog, 'managingEntityId').catch(() => '');
	check(
		'browser: Default Managing Entity ID says where to find the ID',
		/Wink Managing Entity → Get Many/.test(entity),
		entity,
	);
	check(
		'browser: Client Secret says what to check when the token is refused',
		/Failed to acquire OAuth2 access token/.test(secret) && /Environment/.test(secret),
		secret,
	);
	await pickOption(page, dialog, 'environment', 'Custom');
	await dialog.locator('[data-test-id="parameter-input-customApiUrl"] input').fill(sb.url);
	await dialog.locator('[data-test-id="parameter-input-customTokenUrl"] input').fill(sb.tokenUrl);
	await dialog
		.locator('[data-test-id="parameter-input-clientId"] input')
		.fill(sb.clients.demo.clientId);
	await dialog
		.locator('[data-test-id="parameter-input-clientSecret"] input')
		.fill(sb.clients.demo.clientSecret);
	const mark = sb.stats.requests.length;
	await page.locator('[data-test-id="credential-save-button"]').click();
	// n8n tests a credential when it is saved: that is the token request to read.
	const tested = await page
		.getByText(/Connection tested successfully/i)
		.first()
		.waitFor({ timeout: 60_000 })
		.then(
			() => true,
			() => false,
		);
	const tokens = sb.stats.requests.slice(mark).filter((r) => r.operationId === 'token');
	const asked = tokens.map((r) => r.body?.scope ?? '(none)');
	check(
		'browser: saved as shown, the credential asks Wink for the read-only scopes and no more',
		tested && asked.length > 0 && asked.every((s) => s === READ_ONLY.join(' ')),
		`tested: ${tested}; token requests asked for: ${JSON.stringify(asked)}`,
	);
	await page.keyboard.press('Escape');
}

/** The nodes panel: each Wink entry with a description of its own. */
async function nodesPanel(page, url, workflowId) {
	// n8n 1.x shows no descriptions in the panel's search results (its NodeItem blanks them for
	// subcategory "*"); the entry's text is read on 2.x.
	if (N8N_MAJOR < 2)
		return console.log('     (nodes panel descriptions: n8n 1.x shows none in search results)');
	const entries = await nodesPanelEntries(page, url, workflowId, 'Wink');
	// n8n 2.41 lists "Wink Settlement" twice in search results (the action node, and action plus
	// trigger with the trigger's text): each must describe the node, one its trigger too.
	const settlement = entries.filter((e) => e.name === 'Wink Settlement');
	check(
		'browser: nodes panel, "Wink Settlement" describes the node (payouts, ledger, withdrawals) as well as its trigger',
		settlement.length > 0 &&
			settlement.every((e) =>
				/^Payout accounts, ledger, balances and withdrawals/.test(e.description),
			) &&
			settlement.some((e) => /trigger polls/i.test(e.description)),
		JSON.stringify(entries),
	);
}

/** Each built Wink action node's name and the `action` text of each of its operations (read once). */
let built;
function builtActions() {
	if (built) return built;
	const require = createRequire(import.meta.url);
	const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	built = pkg.n8n.nodes
		.map((file) => Object.values(require(join(ROOT, file)))[0])
		.map((NodeType) => new NodeType().description)
		.filter((d) => !d.group.includes('trigger'))
		.map((d) => [
			d.displayName,
			d.properties.find((p) => p.name === 'operation').options.map((o) => o.action),
		]);
	return built;
}

/** The nodes panel lists each Wink node's actions (n8n's "Actions"), and one can be added from there. */
async function panelActions(page, url) {
	// One entry for the action node and its trigger: the trigger is not a second "Wink Settlement".
	const entries = await nodesPanelEntries(page, url, TRIGGER_WF, 'Wink Settlement');
	check(
		'browser: nodes panel, searching "Wink Settlement" lists one "Wink Settlement" entry (the trigger inside it)',
		entries.filter((e) => /^Wink Settlement( Trigger)?$/.test(e.name)).length === 1,
		JSON.stringify(entries),
	);
	for (const [name, actions] of builtActions()) {
		if (name === 'Wink Settlement') continue;
		const { texts, whole } = await nodesPanelActions(page, url, TRIGGER_WF, name, name);
		const missing = actions.filter((a) => !texts.some((t) => t.startsWith(a)));
		check(
			`browser: nodes panel, "${name}" lists its ${actions.length} action(s)`,
			missing.length === 0,
			`missing: ${JSON.stringify(missing)} | ${whole.slice(0, 400)}`,
		);
	}
	const { texts, whole, ndv } = await nodesPanelActions(
		page,
		url,
		TRIGGER_WF,
		'Wink Settlement',
		'Wink Settlement',
		'Initiate a withdrawal',
	);
	console.log(`     (Wink Settlement in the panel: ${whole.slice(0, 900)})`);
	const settlement = builtActions().find(([name]) => name === 'Wink Settlement')[1];
	const missing = settlement.filter((a) => !texts.some((t) => t.startsWith(a)));
	check(
		`browser: nodes panel, "Wink Settlement" lists its ${settlement.length} actions (Initiate a withdrawal, Get ledger transactions, ...)`,
		missing.length === 0 &&
			['Initiate a withdrawal', 'Get ledger transactions'].every((a) => settlement.includes(a)),
		`missing: ${JSON.stringify(missing)} | ${JSON.stringify(texts)}`,
	);
	// The Settlement Trigger is listed in the same entry, as its triggers (n8n merges winkSettlementTrigger into it).
	const events = ['On new ledger entry', 'On withdrawal status changed'];
	check(
		'browser: nodes panel, "Wink Settlement" lists its trigger as triggers: "On new ledger entry", "On withdrawal status changed"',
		/Triggers \(2\)/.test(whole) &&
			events.every((e) => texts.some((t) => t.toLowerCase().startsWith(e.toLowerCase()))),
		`${JSON.stringify(texts)} | ${whole.slice(0, 900)}`,
	);
	const form = (await ndv.innerText()).replace(/\s+/g, ' ');
	const operation = await ndv
		.locator('[data-test-id="parameter-input-operation"] input')
		.first()
		.inputValue()
		.catch(() => '');
	check(
		'browser: nodes panel, "Initiate a withdrawal" adds a Wink Settlement node set to Initiate Withdrawal',
		operation === 'Initiate Withdrawal' && /moves money/.test(form),
		`operation: "${operation}" | ${form.slice(0, 300)}`,
	);
	await page.keyboard.press('Escape');
}

/** The Wink Trigger's event field: named Events, what empty means shown under it. */
async function triggerEvents(page, url) {
	const ndv = await openNode(page, url, TRIGGER_WF, 'Wink Trigger');
	const events = await fieldText(ndv, 'parameter-input-events').catch(() => '');
	const label = (
		await ndv
			.locator('[data-test-id="parameter-input-events"]')
			.locator('xpath=ancestor::*[.//label][1]')
			.first()
			.innerText()
			.catch(() => '')
	).replace(/\s+/g, ' ');
	check(
		'browser: Wink Trigger, the event field reads "Events" with "Leave empty to receive all events" under it',
		/^Events\b/.test(label) &&
			!/Event Names or IDs/.test(label) &&
			/Leave empty to receive all events/.test(label),
		`${label} | ${events}`,
	);
	await page.keyboard.press('Escape');
}

/** Version 2 of Wink Settlement (branch outputs): what the form shows. */
async function outputsChecks(page, url) {
	const t = Date.now();
	let ndv = await openNode(page, url, OUTPUTS_WF, 'Initiate');
	const form = (await ndv.innerText()).replace(/\s+/g, ' ');
	const dryRun = await ndv.locator('[data-test-id="parameter-input-dryRun"]').count();
	check(
		'browser: Initiate Withdrawal (v2) says it pays out the FULL balance and offers Dry Run',
		/pays out the FULL available balance/.test(form) && dryRun === 1 && /Dry Run/.test(form),
		form.slice(0, 600),
	);
	await page.keyboard.press('Escape');

	ndv = await openNode(page, url, OUTPUTS_WF, 'Ledger');
	const simplify = await ndv.locator('[data-test-id="parameter-input-simplify"]').count();
	check(
		'browser: Get Ledger Transactions (v2) has a Simplify switch',
		simplify === 1,
		(await ndv.innerText()).replace(/\s+/g, ' ').slice(0, 400),
	);
	await page.keyboard.press('Escape');

	ndv = await openNode(page, url, OUTPUTS_WF, 'Get withdrawal');
	await ndv
		.locator(
			'[data-test-id="resource-locator-withdrawalId"] [data-test-id="rlc-input"], [data-test-id="parameter-input-withdrawalId"] [data-test-id="rlc-input"]',
		)
		.first()
		.click({ timeout: 15_000 })
		.catch(() => {});
	const rows = page.locator('[data-test-id="rlc-item"]');
	const listed = await rows
		.first()
		.waitFor({ timeout: 30_000 })
		.then(
			async () => await rows.allInnerTexts(),
			() => [],
		);
	check(
		'browser: Get Withdrawal, From List shows each withdrawal as reference code · amount currency · status · date',
		listed.length > 0 &&
			listed.every((t) => /^\S+ · [\d.]+ [A-Z]{3} · [A-Z_]+ · \d{4}-\d{2}-\d{2}/.test(t.trim())),
		JSON.stringify(listed.slice(0, 5)),
	);
	await page.keyboard.press('Escape');
	console.log(`     (version 2 forms: ${Math.round((Date.now() - t) / 1000)} s)`);
	await timed('output tables', () => outputTables(page, url));
}

/** Reconcile's outputs on the canvas: four named ones with Match Bank Lines, else one. */
async function reconcileOutputs(page, url) {
	await page.goto(`${url}/workflow/${OUTPUTS_WF}`);
	const handles = (node) =>
		page.locator(`[data-test-id="canvas-node-output-handle"][data-node-name="${node}"]`);
	await handles('Reconcile').first().waitFor({ timeout: 60_000 });
	const labels = (await handles('Reconcile').allInnerTexts()).map((t) => t.trim());
	await page
		.screenshot({
			path: `${process.env.E2E_SHOTS ?? '/tmp'}/wink-browser-reconcile-outputs-${N8N_MAJOR}.png`,
		})
		.catch(() => {});
	check(
		'browser: Reconcile with Match Bank Lines shows four outputs: Matched, In Wink only, In bank only, Different',
		labels.join('|') === 'Matched|In Wink only|In bank only|Different',
		JSON.stringify(labels),
	);
	check(
		'browser: Reconcile without bank lines shows one output',
		(await handles('Reconcile alone').count()) === 1,
	);
}

/** Runs `fn` and prints its seconds (the suite's time per part). */
async function timed(name, fn) {
	const t = Date.now();
	try {
		return await fn();
	} finally {
		console.log(`     (${name}: ${Math.round((Date.now() - t) / 1000)} s)`);
	}
}

/** What executing a version 2 node in the editor puts in the output panel's table. */
async function outputTables(page, url) {
	// The seed's EUR withdrawal is PENDING: Duplicate Check skips, nothing is initiated.
	let ndv = await openNode(page, url, OUTPUTS_WF, 'Initiate');
	const skipped = await executeAndReadHeaders(page, ndv, 'Not initiated');
	check(
		'browser: executing Initiate Withdrawal (v2), the Not initiated table starts initiated, skippedReason, message, existingWithdrawal',
		skipped.slice(0, 4).join() === 'initiated,skippedReason,message,existingWithdrawal',
		skipped.join(', '),
	);
	await page.keyboard.press('Escape');

	ndv = await openNode(page, url, OUTPUTS_WF, 'Ledger');
	const on = await executeAndReadHeaders(page, ndv);
	// Limit 3 of a 3000-entry ledger: n8n shows the node's execution hint under the output.
	const output = (
		await page
			.locator('[data-test-id="output-panel"]')
			.innerText()
			.catch(() => '')
	).replace(/\s+/g, ' ');
	check(
		'browser: Get Ledger Transactions with Limit 3, the output says it stopped at the Limit',
		/Stopped at the Limit of 3: there may be more entries/.test(output),
		output.slice(0, 400),
	);
	check(
		'browser: Get Ledger Transactions (v2), Simplify on: the table starts createdDate, description, amount, currency',
		on.slice(0, 4).join() === 'createdDate,description,amount,currency',
		on.join(', '),
	);
	await ndv
		.locator(
			'[data-test-id="parameter-input-simplify"] .el-switch, [data-test-id="parameter-input-simplify"] [role="switch"]',
		)
		.first()
		.click();
	const off = await executeAndReadHeaders(page, ndv);
	check(
		"browser: Get Ledger Transactions (v2), Simplify off: the table shows Wink's raw entry (entry, no flat amount)",
		off.includes('entry') &&
			!off.includes('amount') &&
			off.slice(0, 4).join() !== on.slice(0, 4).join(),
		off.join(', '),
	);
	await page.keyboard.press('Escape');
}
