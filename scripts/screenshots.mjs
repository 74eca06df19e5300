// Screenshots of the example workflows for the README, taken from the n8n that `npm start` runs:
//   node scripts/screenshots.mjs [n8n URL] [start folder]   (defaults: npm start's; the sandbox
//   at WINK_SANDBOX_PORT or 8787)
// Runs each example once in the editor and saves docs/<example>.png (the canvas) and
// docs/<example>-output.png (the output of its result node, as JSON). Needs Debian's chromium
// (apt-get install chromium) and the devDependency playwright-core.
import { readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, signIn } from '../e2e/browser.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = process.env.N8N_VERSION ?? '2.41.1';
const url = process.argv[2] ?? `http://127.0.0.1:${process.env.N8N_PORT ?? 5678}`;
const folder =
	process.argv[3] ??
	process.env.WINK_START_FOLDER ??
	join(homedir(), '.cache/n8n-nodes-wink', `start-n8n-${version}`);
const { owner } = JSON.parse(readFileSync(join(folder, 'wink-start.json'), 'utf8'));
/** The examples the README pictures, and the node whose output each one's second picture shows. */
const RESULT_NODE = {
	'payout-reconciliation': 'Slack message',
	'bank-statement-reconciliation': 'Reconcile with the bank',
	'safe-payout': 'Not now',
	'ledger-notification': 'Summary',
};
// WINK_SHOTS=safe-payout,ledger-notification re-takes only those.
const only = (process.env.WINK_SHOTS ?? '').split(',').filter(Boolean);
const examples = readdirSync(join(ROOT, 'examples'))
	.filter((f) => f.endsWith('.json'))
	.map((f) => ({
		file: f.replace(/\.json$/, ''),
		...JSON.parse(readFileSync(join(ROOT, 'examples', f), 'utf8')),
	}))
	.filter((e) => RESULT_NODE[e.file] && (!only.length || only.includes(e.file)));
const sandbox = `http://127.0.0.1:${process.env.WINK_SANDBOX_PORT ?? 8787}`;

const { page, close } = await launchBrowser();
try {
	await signIn(page, url, owner);
	for (const example of examples) {
		await page.goto(`${url}/workflow/${example.id}`);
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		// The Wink Trigger now listens (its test URL registered in the sandbox): have one event sent.
		if (example.nodes.some((n) => n.type === 'n8n-nodes-wink.winkTrigger')) {
			await page.waitForTimeout(5000);
			await fetch(`${sandbox}/__sandbox/ledger`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ amount: 250, currency: 'GBP' }),
			});
		}
		await page
			.getByText(/executed successfully/i)
			.first()
			.waitFor({ timeout: 120_000 });
		// Toasts would cover the pictures.
		for (const close of await page.locator('.el-notification__closeBtn').all())
			await close.click().catch(() => {});
		await page.keyboard.press('Shift+1'); // zoom to fit
		await page.waitForTimeout(1500);
		const file = join(ROOT, 'docs', `${example.file}.png`);
		await page.screenshot({ path: file });
		console.log(`saved ${file}`);
		const result = RESULT_NODE[example.file];
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${result}"]`).dblclick();
		const output = page.locator('[data-test-id="output-panel"]');
		await output.locator('[data-test-id="radio-button-json"]').click();
		await page.waitForTimeout(1000);
		const outputFile = join(ROOT, 'docs', `${example.file}-output.png`);
		await output.screenshot({ path: outputFile });
		console.log(`saved ${outputFile}`);
	}
} finally {
	await close();
}
