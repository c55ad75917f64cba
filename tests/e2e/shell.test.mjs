// The app shell: it mounts, shows its title, navigation and landing actions, keeps the
// console clean and never leaves 127.0.0.1; its first screen is drawn by index.html before
// any wasm, and the chart library waits until a chart needs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, openPage, screenshot, DIST } from './harness.mjs';

const app = startApp();

test('the app mounts with its title, navigation and landing actions', async () => {
  const page = await openPage(app.browser, app.url);
  await page.waitForSelector('nav button[data-view="overview"]');
  assert.equal(await page.title(), 'Clover');
  const views = await page.$$eval('nav button.nav', (bs) => bs.map((b) => b.textContent.trim()));
  assert.deepEqual(views, ['Overview', 'Funnel', 'Leaderboard', 'Clover', 'Trends', 'Data']);
  assert.ok(await page.isVisible('[data-testid="demo-button"]'));
  assert.equal(await page.getAttribute('[data-testid="file-input"]', 'type'), 'file');
  assert.equal(await page.getAttribute('[data-testid="file-input"]', 'multiple'), '');
  assert.match(await page.textContent('header'), /never leaves this page/);
  // The 90-9-1 benchmark is plain HTML: the landing page loads no chart library. Checked once
  // the app has replaced the first screen and drawn the benchmark, and the landing page's
  // requests are all made (the network idle), so that a late request would be seen.
  await page.waitForSelector('#boot', { state: 'detached' });
  await page.waitForSelector('.landing [data-testid="benchmark"] .bench-row');
  await page.waitForLoadState('networkidle');
  assert.ok(page.requests().some((u) => u.endsWith('.wasm')), 'the app loaded its wasm');
  assert.ok(!page.requests().some((u) => u.includes('echarts')), 'ECharts is not loaded for the landing page');
  await screenshot(page, 'shell-landing');
  assert.deepEqual(page.problems(), []);
});

test('navigation updates the URL hash and a copied URL restores the view', async () => {
  const page = await openPage(app.browser, app.url);
  await page.click('nav button[data-view="funnel"]');
  await page.waitForFunction(() => location.hash.includes('view=funnel'));
  assert.equal(await page.getAttribute('nav button[data-view="funnel"]', 'aria-current'), 'page');
  const copied = page.url();
  const again = await openPage(app.browser, copied);
  await again.waitForSelector('nav button[data-view="funnel"][aria-current="page"]');
  assert.deepEqual(page.problems(), []);
  assert.deepEqual(again.problems(), []);
});

test('a strict Content-Security-Policy is in force', async () => {
  const page = await openPage(app.browser, app.url);
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

test('the first screen is drawn from index.html before the wasm, with the markup the app then draws', async () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const boot = /<div id="boot">([\s\S]*?)<\/div>\s*<noscript>/.exec(html)?.[1];
  assert.ok(boot, 'index.html has a first screen');
  const text = (re) => re.exec(boot)?.[1].replace(/\s+/g, ' ').trim();
  const page = await openPage(app.browser, app.url);
  await page.waitForSelector('[data-testid="demo-button"]');
  assert.equal(await page.$('#boot'), null, 'the first screen gave way to the app');
  assert.equal(text(/<h1>([^<]*)<\/h1>/), await page.textContent('.landing h1'));
  assert.equal(text(/<p class="lead">([^<]*)<\/p>/), (await page.textContent('.landing .lead')).replace(/\s+/g, ' ').trim());
  assert.equal(text(/<p class="privacy">([^<]*)<\/p>/), (await page.textContent('header .privacy')).trim());
  // With no script at all, the first screen is there.
  const ctx = await app.browser.newContext({ javaScriptEnabled: false });
  const still = await ctx.newPage();
  await still.goto(app.url);
  assert.equal(await still.textContent('#boot h1'), 'How social is your organisation?');
  await ctx.close();
  // Charts load their library when data comes.
  await page.click('[data-testid="demo-button"]');
  await page.waitForSelector('.kpis', { timeout: 90000 });
  await page.click('nav button[data-view="funnel"]');
  await page.waitForSelector('#chart-funnel canvas', { timeout: 30000 });
  assert.ok(page.requests().some((u) => u.includes('echarts.clover.min.js')));
  assert.deepEqual(page.problems(), []);
});
