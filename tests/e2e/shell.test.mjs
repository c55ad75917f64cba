// The app shell: it mounts, shows its title, navigation and landing actions, draws a
// chart through ECharts, keeps the console clean and never leaves 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, screenshot } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the app mounts with its title, navigation and landing actions', async () => {
  const page = await openPage(browser, server.url);
  await page.waitForSelector('nav button[data-view="overview"]');
  assert.equal(await page.title(), 'Clover');
  const views = await page.$$eval('nav button.nav', (bs) => bs.map((b) => b.textContent.trim()));
  assert.deepEqual(views, ['Overview', 'Funnel', 'Leaderboard', 'Clover', 'Trends', 'Data']);
  assert.ok(await page.isVisible('[data-testid="demo-button"]'));
  assert.equal(await page.getAttribute('[data-testid="file-input"]', 'type'), 'file');
  assert.equal(await page.getAttribute('[data-testid="file-input"]', 'multiple'), '');
  assert.match(await page.textContent('header'), /never leaves this page/);
  // ECharts drew into a canvas inside the chart box.
  await page.waitForSelector('#chart-benchmark canvas');
  await screenshot(page, 'shell-landing');
  assert.deepEqual(page.problems(), []);
});

test('navigation updates the URL hash and a copied URL restores the view', async () => {
  const page = await openPage(browser, server.url);
  await page.click('nav button[data-view="funnel"]');
  await page.waitForFunction(() => location.hash.includes('view=funnel'));
  assert.equal(await page.getAttribute('nav button[data-view="funnel"]', 'aria-current'), 'page');
  const copied = page.url();
  const again = await openPage(browser, copied);
  await again.waitForSelector('nav button[data-view="funnel"][aria-current="page"]');
  assert.deepEqual(page.problems(), []);
  assert.deepEqual(again.problems(), []);
});

test('a strict Content-Security-Policy is in force', async () => {
  const page = await openPage(browser, server.url);
  await page.waitForSelector('nav');
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
  // An injected inline script must not run.
  const ran = await page.evaluate(() => {
    window.__injected = false;
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
    return window.__injected;
  });
  assert.equal(ran, false);
});
