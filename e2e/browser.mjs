// The real n8n editor in Debian's Chromium (playwright-core), for e2e/suites/browser.mjs and
// scripts/screenshots.mjs: launch, sign in, and the few editor places the suite reads.
// Selectors are n8n's own data-test-id attributes, the same in 1.123 and 2.41 where used here.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A headless Chromium with a fresh profile; `close()` also deletes the profile. */
export async function launchBrowser() {
	if (!existsSync(CHROMIUM))
		throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
	const { chromium } = await import('playwright-core');
	const profile = mkdtempSync(join(tmpdir(), 'wink-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1600, height: 900 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30_000);
	return {
		page,
		close: async () => {
			await context.close().catch(() => {});
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** Signs in on n8n's sign-in page as `owner`. */
export async function signIn(page, url, owner) {
	await page.goto(`${url}/signin`);
	await page
		.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
		.first()
		.fill(owner.email);
	await page.locator('input[type="password"]').first().fill(owner.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((u) => !u.pathname.includes('signin'), { timeout: 60_000 });
}

/** Opens the "new credential" dialog of the credential type shown as `displayName`. */
export async function openNewCredential(page, url, displayName) {
	await page.goto(`${url}/home/credentials/create`);
	const select = page.locator('[data-test-id="new-credential-type-select"] input').first();
	await select.click();
	await page.keyboard.type(displayName);
	await page
		.locator('[data-test-id="new-credential-type-select-option"]')
		.filter({ hasText: displayName })
		.first()
		.click();
	await page.locator('[data-test-id="new-credential-type-button"]').click();
	const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
	await dialog.locator('[data-test-id="parameter-input-clientId"]').waitFor();
	return dialog;
}

/** The names of the credential fields the dialog shows, top to bottom. */
export async function credentialFieldOrder(dialog) {
	return await dialog.evaluate((root) =>
		[...root.querySelectorAll('[data-test-id^="parameter-input-"]')]
			.map((e) => e.getAttribute('data-test-id').replace('parameter-input-', ''))
			.filter((name, i, all) => name !== 'field' && all.indexOf(name) === i),
	);
}

/** The text a field shows beside its input: label, selected values, hint. */
export async function fieldText(root, name) {
	return (await root.locator(`[data-test-id="${name}"]`).first().innerText())
		.replace(/\s+/g, ' ')
		.trim();
}

/** Picks `option` in the options field `name` (a select of n8n's). */
export async function pickOption(page, root, name, option) {
	await root.locator(`[data-test-id="parameter-input-${name}"]`).click();
	await page
		.locator('.el-select-dropdown__item:visible, [role="option"]:visible')
		.filter({ hasText: option })
		.first()
		.click();
}

/**
 * Name and description of each entry the nodes panel lists for `search`, opened with the canvas's
 * + button in workflow `id` (one with a node already: the panel then lists action nodes too).
 */
export async function nodesPanelEntries(page, url, id, search) {
	const items = await searchNodesPanel(page, url, id, search);
	const entries = [];
	for (const item of await items.all()) {
		const name = (await item.locator('[data-test-id="node-creator-item-name"]').innerText()).trim();
		const description = (
			await item
				.locator('[data-test-id="node-creator-item-description"]')
				.innerText()
				.catch(() => '')
		).trim();
		entries.push({ name, description });
	}
	await page.keyboard.press('Escape');
	return entries;
}

/** Opens the nodes panel in workflow `id`, searches `search`, and returns its settled node entries. */
async function searchNodesPanel(page, url, id, search) {
	await page.goto(`${url}/workflow/${id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
	await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
	const bar = page.locator('[data-test-id="node-creator-search-bar"]').first();
	await bar.waitFor();
	await ((await bar.locator('input').count()) ? bar.locator('input').first() : bar).fill(search);
	const items = page
		.locator('[data-test-id="item-iterator-item"]')
		.filter({ has: page.locator('[data-test-id="node-creator-item-name"]') });
	await items.first().waitFor();
	// The list settles after the search's debounce.
	for (let n = -1; n !== (await items.count()); await page.waitForTimeout(700))
		n = await items.count();
	return items;
}

/**
 * The nodes panel's entry `name` (found by searching `search`), opened: the text of each item it
 * lists (its actions, with their section titles), top to bottom. With `add`, clicks the action
 * whose text is `add` and returns the NDV n8n then opens on the added node.
 */
export async function nodesPanelActions(page, url, id, search, name, add) {
	const items = await searchNodesPanel(page, url, id, search);
	await items
		.filter({ has: page.getByText(name, { exact: true }) })
		.first()
		.click();
	const panel = page.locator('[data-test-id="node-creator"]');
	const listed = panel.locator('[data-test-id="item-iterator-item"]');
	await listed
		.first()
		.waitFor({ timeout: 15_000 })
		.catch(() => {});
	await page.waitForTimeout(1_000);
	// A merged trigger's section ("Triggers (2)") starts folded: open it to read its entries.
	const triggers = panel.getByText(/^Triggers \(\d+\)$/).first();
	if (await triggers.count())
		await triggers.click().then(
			() => page.waitForTimeout(700),
			() => {},
		);
	const texts = (await listed.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
	const whole = (await panel.innerText().catch(() => '')).replace(/\s+/g, ' ');
	if (!add) {
		await page.keyboard.press('Escape');
		return { texts, whole };
	}
	await listed.filter({ hasText: add }).first().click();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor({ timeout: 30_000 });
	return { texts, whole, ndv };
}

/** Opens workflow `id` and the node details of `node`; returns the NDV. */
export async function openNode(page, url, id, node) {
	await page.goto(`${url}/workflow/${id}`);
	const canvasNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${node}"]`);
	await canvasNode.waitFor({ timeout: 60_000 });
	await canvasNode.dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor();
	return ndv;
}

/**
 * Runs the open NDV's node with its execute button ("Execute step" on 2.x, "Test step" on 1.x)
 * and returns the output table's column headers; `branch` picks an output tab by its name.
 * When a table is shown already, waits (up to 20 s) for the new run's table to differ from it.
 */
export async function executeAndReadHeaders(page, ndv, branch) {
	const out = page.locator('[data-test-id="output-panel"]');
	const table = out.locator('[data-test-id="ndv-data-container"] table').first();
	const headers = async () =>
		(await table.locator('thead th').allInnerTexts())
			.map((t) => t.replace(/\s+/g, ' ').trim())
			.filter(Boolean);
	const before = (await table.count()) ? (await headers()).join() : null;
	await ndv.locator('[data-test-id="node-execute-button"]').first().click();
	await out
		.locator('[data-test-id="ndv-data-container"], [data-test-id="branches"]')
		.first()
		.waitFor({ timeout: 60_000 });
	if (branch)
		await out
			.locator('[data-test-id="branches"]')
			.getByText(branch)
			.last()
			.click({ timeout: 5_000 })
			.catch(() => {});
	const mode = out.locator('[data-test-id="ndv-run-data-display-mode"]');
	if (await mode.count())
		await mode
			.getByText('Table', { exact: true })
			.first()
			.click()
			.catch(() => {});
	await table.waitFor({ timeout: 30_000 });
	for (
		const end = Date.now() + 20_000;
		before !== null && (await headers()).join() === before && Date.now() < end;
	)
		await page.waitForTimeout(500);
	return await headers();
}
