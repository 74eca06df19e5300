import { launchBrowser, signIn, openNewCredential, fieldText } from './browser.mjs';
const [url, email, password] = process.argv.slice(2);
const { page, close } = await launchBrowser();
try {
  await signIn(page, url, { email, password });
  const dialog = await openNewCredential(page, url, 'Wink OAuth2 API');
  await page.waitForTimeout(1000);
  await dialog.locator('[data-test-id="parameter-input-winkScopes"]').click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/ed/c3.png' });
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: 'payment.write' }).first().click();
  await page.waitForTimeout(500);
  const sel = await page.locator('.el-select-dropdown__item.is-selected:visible').allInnerTexts();
  console.log('selected in dropdown:', sel);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(500);
  console.log(await fieldText(dialog, 'winkScopes'));
} catch (e) { console.log(e.message.slice(0, 300)); } finally { await close(); }
